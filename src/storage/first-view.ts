// What the popup needs to draw itself before any asynchronous read answers: the invitation defaults,
// whether anything is configured, the options section's state and the last sign-in state, as the
// popup last saw them. localStorage answers synchronously; storage.local and the background take
// about 15 ms before the first frame could show. Checked when read; the real reads then confirm or
// correct the view. Not a secret: MSAL keeps the same account details in this origin's localStorage.
import type { AuthStatus } from '../protocol/contract';
import { v } from '../protocol/schemas';
import type { InviteDefaults } from './settings';
import { defaultsSchema } from './settings-schema';

export interface FirstView {
  configured: boolean;
  defaults: InviteDefaults;
  optionsOpen: boolean;
  status?: AuthStatus;
}

const KEY = 'popupFirstView';

const schema = v.object({
  configured: v.boolean(),
  defaults: defaultsSchema,
  optionsOpen: v.boolean(),
  status: v.optional(
    v.object({
      configured: v.boolean(),
      signedIn: v.boolean(),
      account: v.optional(v.object({ name: v.string(), username: v.string(), tenantId: v.string() })),
      tenantName: v.optional(v.string()),
      tenantDomain: v.optional(v.string()),
    }),
  ),
}) satisfies v.GenericSchema<FirstView>;

export const firstView = {
  /** The last view, if one was kept and is still readable. */
  read(): FirstView | undefined {
    try {
      const parsed = v.safeParse(schema, JSON.parse(localStorage.getItem(KEY) ?? 'null'));
      return parsed.success ? parsed.output : undefined;
    } catch {
      return undefined;
    }
  },
  write(view: FirstView): void {
    localStorage.setItem(KEY, JSON.stringify(view));
  },
  /** The settings changed (options page): the next popup waits for the real reads. */
  forget(): void {
    localStorage.removeItem(KEY);
  },
};

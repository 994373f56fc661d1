// One address typed in: if the directory already has it as a guest, say so (and since when) and offer
// what fits instead of a new invitation: Resend to a pending guest, Reset redemption for one who
// accepted. A member of the organization is named as such. Asked a moment after typing stops.
import { useEffect, useState } from 'preact/hooks';
import type { KnownUser } from '../core/directory';
import { checkAddress } from '../core/validate';
import { t, uiLanguage } from '../shared/i18n';
import { api } from '../ui/api';
import { GuestActions } from '../ui/guest-actions';

const DEBOUNCE_MS = 400;

export function SingleStanding({ email }: { email: string }) {
  const address = email.trim();
  const [user, setUser] = useState<{ address: string; known: KnownUser | null }>();
  useEffect(() => {
    if (checkAddress(address)) return;
    const timer = setTimeout(() => {
      // A lookup that cannot be made (a permission, offline) says nothing here: the invitation still works.
      void api('directory', { emails: [address] }).then(
        (reply) => reply.ok && setUser({ address, known: reply.value.users[address] ?? null }),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [address]);
  const known = user?.address === address ? user.known : undefined;
  if (!known) return null;
  if (known.userType === 'Member')
    return (
      <p class="hint" data-testid="single-standing">
        {t('standing_member')}
      </p>
    );
  const accepted = known.externalUserState === 'Accepted';
  const since = Date.parse(known.externalUserStateChangeDateTime ?? '');
  const when = Number.isNaN(since)
    ? ''
    : ` ${t('stateSince', [new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' }).format(since)])}`;
  return (
    <div class="box" data-testid="single-standing" role="status">
      <p>{`${t(accepted ? 'singleAccepted' : 'singlePending')}${when}`}</p>
      <GuestActions entry={{ email: address, userId: known.id, state: accepted ? 'Accepted' : 'PendingAcceptance' }} />
    </div>
  );
}

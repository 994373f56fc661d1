// Test data shared by the unit tests.
import { inputFromDefaults, optionsFromDefaults, type InviteInput } from '../../src/core/invitation';
import { DEFAULT_SETTINGS } from '../../src/storage/settings';

/** An invitation for one address with the out-of-the-box defaults (and any field changed). */
export const inviteFor = (email: string, extra: Partial<InviteInput> = {}): InviteInput => ({
  ...inputFromDefaults(DEFAULT_SETTINGS.defaults, '', email),
  ...extra,
});

/** The options of a run with the out-of-the-box defaults. */
export const runOptions = optionsFromDefaults(DEFAULT_SETTINGS.defaults, '');

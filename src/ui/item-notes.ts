// What a finished address shows besides its state: its error, or, once invited, what did not go as
// asked (a group it could not join, the sponsors Graph refused: the guest was invited without them).
import type { QueueItem } from '../core/queue';
import { t } from '../shared/i18n';

const notGrouped = (item: QueueItem) => item.state === 'done' && item.error?.key === 'errGroupAdd';
const noSponsors = (item: QueueItem) => item.state === 'done' && !!item.sponsorsRefused;
const noDetails = (item: QueueItem) => item.state === 'done' && item.error?.key.startsWith('errDetails') === true;

/** Invited, but not quite as asked: counted and shown as a problem of its own, not a plain "Invited". */
export const invitedShort = (item: QueueItem) => notGrouped(item) || noSponsors(item) || noDetails(item);

/** The row's state, in words. */
export function statusKey(item: QueueItem): string {
  if (notGrouped(item)) return 'status_notGrouped';
  if (noSponsors(item)) return 'status_noSponsors';
  if (noDetails(item)) return 'status_noDetails';
  if (item.state === 'done' && item.resetUserId) return 'status_resetDone';
  return `status_${item.state}`;
}

/** Sentences for the row (or the single result): the error, then why the sponsors were left out. */
export function itemNotes(item: QueueItem): string[] {
  const notes = [item.error, ...(item.moreErrors ?? [])].filter((e) => !!e).map((e) => t(e.key, e.subs));
  if (noSponsors(item)) notes.push(t('noteNoSponsors', [t(item.sponsorsRefused!.key, item.sponsorsRefused!.subs)]));
  return notes;
}

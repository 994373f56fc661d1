// Groups or people whose name starts with what the user typed, asked for a moment after they stop typing.
import { useEffect, useState } from 'preact/hooks';
import type { UserError } from '../core/graph-errors';
import type { GroupChoice } from '../core/groups';
import type { PersonChoice } from '../core/people';
import { api } from './api';

/** Ask once the user has paused this long. */
const DEBOUNCE_MS = 250;

export type SearchKind = 'searchGroups' | 'searchPeople';
type Choice<K extends SearchKind> = K extends 'searchGroups' ? GroupChoice : PersonChoice;

/** `round`: bump it to ask again (say, once a missing permission was granted). */
export function useDirectorySearch<K extends SearchKind>(
  kind: K,
  query: string,
  round = 0,
): { matches?: Choice<K>[]; failed?: UserError } {
  const [found, setFound] = useState<{ matches?: Choice<K>[]; failed?: UserError }>({});
  useEffect(() => {
    const text = query.trim();
    if (text.length < 2) {
      setFound({});
      return;
    }
    const timer = setTimeout(() => {
      const asked =
        kind === 'searchGroups' ? api('searchGroups', { query: text }) : api('searchPeople', { query: text });
      void asked.then((reply) =>
        setFound(reply.ok ? { matches: reply.value as Choice<K>[] } : { matches: [], failed: reply.error }),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [kind, query, round]);
  return found;
}

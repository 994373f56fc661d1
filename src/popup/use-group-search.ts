// Groups whose name starts with what the user typed, asked for a moment after they stop typing.
import { useEffect, useState } from 'preact/hooks';
import type { UserError } from '../core/graph-errors';
import type { GroupChoice } from '../core/groups';
import { api } from '../ui/api';

/** Ask once the user has paused this long. */
const DEBOUNCE_MS = 250;

/** `round`: bump it to ask again (say, once a missing permission was granted). */
export function useGroupSearch(query: string, round = 0): { matches?: GroupChoice[]; failed?: UserError } {
  const [found, setFound] = useState<{ matches?: GroupChoice[]; failed?: UserError }>({});
  useEffect(() => {
    const text = query.trim();
    if (text.length < 2) {
      setFound({});
      return;
    }
    const timer = setTimeout(() => {
      void api('searchGroups', { query: text }).then((reply) =>
        setFound(reply.ok ? { matches: reply.value } : { matches: [], failed: reply.error }),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, round]);
  return found;
}

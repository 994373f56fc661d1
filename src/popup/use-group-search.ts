// Groups whose name starts with what the user typed, asked for a moment after they stop typing.
import { useEffect, useState } from 'preact/hooks';
import type { GroupRef } from '../core/invitation';
import { t } from '../shared/i18n';
import { api } from '../ui/api';

/** Ask once the user has paused this long. */
const DEBOUNCE_MS = 250;

export function useGroupSearch(query: string): { matches?: GroupRef[]; failed?: string } {
  const [found, setFound] = useState<{ matches?: GroupRef[]; failed?: string }>({});
  useEffect(() => {
    const text = query.trim();
    if (text.length < 2) {
      setFound({});
      return;
    }
    const timer = setTimeout(() => {
      void api('searchGroups', { query: text }).then((reply) =>
        setFound(reply.ok ? { matches: reply.value } : { matches: [], failed: t(reply.error.key, reply.error.subs) }),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  return found;
}

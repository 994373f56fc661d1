import { useState } from 'preact/hooks';
import type { GroupRef } from '../core/invitation';
import { t } from '../shared/i18n';
import { useGroupSearch } from './use-group-search';

interface Props {
  value: GroupRef[];
  onChange: (groups: GroupRef[]) => void;
}

/** Optional: groups to add the guests to once invited, found by the start of their name. */
export function GroupPicker({ value, onChange }: Props) {
  const [query, setQuery] = useState('');
  const { matches, failed } = useGroupSearch(query);

  const chosen = new Set(value.map((g) => g.id));
  return (
    <div class="field">
      <label for="groups">{t('fieldGroups')}</label>
      {value.length > 0 && (
        <ul class="chips" aria-label={t('fieldGroups')}>
          {value.map((g) => (
            <li key={g.id}>
              {g.displayName}
              <button
                type="button"
                class="link"
                aria-label={t('removeGroup', [g.displayName])}
                onClick={() => onChange(value.filter((x) => x.id !== g.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id="groups"
        type="search"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        placeholder={t('groupsSearch')}
        autocomplete="off"
        data-testid="group-search"
      />
      <div aria-live="polite">
        {failed && <p class="error">{failed}</p>}
        {matches &&
          !failed &&
          (matches.length ? (
            <ul class="group-matches">
              {matches.map((g) => (
                <li key={g.id}>
                  <button
                    type="button"
                    disabled={chosen.has(g.id)}
                    onClick={() => onChange([...value, g])}
                    data-testid="group-add"
                  >
                    {g.displayName}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p class="hint">{t('groupsNone')}</p>
          ))}
      </div>
    </div>
  );
}

import { useState } from 'preact/hooks';
import type { GroupRef } from '../core/invitation';
import { t } from '../shared/i18n';
import { ConsentActions } from '../ui/consent-actions';
import { useGroupSearch } from './use-group-search';

interface Props {
  value: GroupRef[];
  onChange: (groups: GroupRef[]) => void;
}

/**
 * Optional: groups to add the guests to once invited, found by the start of their name. Groups a
 * guest cannot join are listed with the reason, not offered.
 */
export function GroupPicker({ value, onChange }: Props) {
  const [query, setQuery] = useState('');
  const [round, setRound] = useState(0);
  const { matches, failed } = useGroupSearch(query, round);

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
        {failed && (
          <div class="error" data-testid="group-search-error">
            <p>{t(failed.key, failed.subs)}</p>
            <ConsentActions error={failed} onGranted={() => setRound(round + 1)} />
          </div>
        )}
        {matches &&
          !failed &&
          (matches.length ? (
            <ul class="group-matches">
              {matches.map((g) =>
                g.refusal ? (
                  <li key={g.id} class="hint" data-testid="group-refused">
                    {t('groupCannotJoin', [g.displayName, t(g.refusal)])}
                  </li>
                ) : (
                  <li key={g.id}>
                    <button
                      type="button"
                      disabled={chosen.has(g.id)}
                      onClick={() => onChange([...value, { id: g.id, displayName: g.displayName }])}
                      data-testid="group-add"
                    >
                      {g.displayName}
                    </button>
                  </li>
                ),
              )}
            </ul>
          ) : (
            <p class="hint">{t('groupsNone')}</p>
          ))}
      </div>
    </div>
  );
}

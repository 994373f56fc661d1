// Choosing groups or people of the directory by the start of their name: the chosen ones as chips,
// the matches as buttons. A match that cannot be chosen is listed with the reason, not offered.
import { useState } from 'preact/hooks';
import type { DirectoryRef } from '../core/invitation';
import { t } from '../shared/i18n';
import { ConsentActions } from './consent-actions';
import { useDirectorySearch, type SearchKind } from './use-directory-search';

interface Match {
  id: string;
  displayName: string;
  /** Why it cannot be chosen (a message key), if it cannot. */
  refusal?: string;
  mail?: string;
}

interface Props {
  kind: SearchKind;
  /** The prefix of the test ids; the input's id is its plural. */
  name: 'group' | 'sponsor';
  label: string;
  placeholder: string;
  /** Under the field, e.g. who counts when nobody is chosen. */
  hint?: string;
  value: DirectoryRef[];
  onChange: (chosen: DirectoryRef[]) => void;
  max: number;
}

export function DirectoryPicker({ kind, name, label, placeholder, hint, value, onChange, max }: Props) {
  const id = `${name}s`;
  const [query, setQuery] = useState('');
  const [round, setRound] = useState(0);
  const { matches, failed } = useDirectorySearch(kind, query, round);
  const chosen = new Set(value.map((g) => g.id));
  const full = value.length >= max;
  const hintId = hint || full ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {value.length > 0 && (
        <ul class="chips" aria-label={label}>
          {value.map((g) => (
            <li key={g.id}>
              {g.displayName}
              <button
                type="button"
                class="link"
                aria-label={t('removeChosen', [g.displayName])}
                onClick={() => onChange(value.filter((x) => x.id !== g.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="search"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        placeholder={placeholder}
        autocomplete="off"
        aria-describedby={hintId}
        data-testid={`${name}-search`}
      />
      {hintId && (
        <p class="hint" id={hintId}>
          {full ? t('pickerFull', [String(max)]) : hint}
        </p>
      )}
      <div aria-live="polite">
        {failed && (
          <div class="error" data-testid={`${name}-search-error`}>
            <p>{t(failed.key, failed.subs)}</p>
            <ConsentActions error={failed} onGranted={() => setRound(round + 1)} />
          </div>
        )}
        {matches &&
          !failed &&
          (matches.length ? (
            <ul class="group-matches">
              {(matches as Match[]).map((m) =>
                m.refusal ? (
                  <li key={m.id} class="hint" data-testid={`${name}-refused`}>
                    {t('groupCannotJoin', [m.displayName, t(m.refusal)])}
                  </li>
                ) : (
                  <li key={m.id}>
                    <button
                      type="button"
                      disabled={chosen.has(m.id) || full}
                      onClick={() => onChange([...value, { id: m.id, displayName: m.displayName }])}
                      data-testid={`${name}-add`}
                    >
                      {m.mail ? t('personChoice', [m.displayName, m.mail]) : m.displayName}
                    </button>
                  </li>
                ),
              )}
            </ul>
          ) : (
            <p class="hint">{t('pickerNone')}</p>
          ))}
      </div>
    </div>
  );
}

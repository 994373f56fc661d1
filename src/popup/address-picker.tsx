import { useState } from 'preact/hooks';
import type { Found } from '../core/extract/collector';
import { checkAddress } from '../core/validate';
import { MAX_AUTO_LOOKUP, type Standing } from '../core/directory';
import type { UserError } from '../core/graph-errors';
import { PERMISSION } from '../core/permissions';
import { t } from '../shared/i18n';
import { ConsentActions } from '../ui/consent-actions';

interface Props {
  found: Found[];
  /** What the tenant already knows about each address, once looked up. */
  standings?: Record<string, Standing>;
  /** Why there are no standings (a permission not granted), and what to do once it is. */
  lookupProblem?: UserError;
  onGranted?: () => void;
  selected: Set<string>;
  onChange: (selected: Set<string>) => void;
  source: 'selection' | 'page' | 'link' | 'paste';
  partial?: boolean;
}

/** Rows put on screen at a time; more as the list is scrolled (a page may hold many thousands). */
const ROWS = 200;

/** The addresses found on the page or in the selection: pick some or all, filter by text. */
export function AddressPicker({
  found,
  standings,
  lookupProblem,
  onGranted,
  selected,
  onChange,
  source,
  partial,
}: Props) {
  const [filter, setFilter] = useState('');
  const [rows, setRows] = useState(ROWS);
  const needle = filter.trim().toLowerCase();
  const visible = needle
    ? found.filter((f) => f.address.toLowerCase().includes(needle) || f.name?.toLowerCase().includes(needle))
    : found;
  const invitable = visible.filter((f) => !checkAddress(f.address));
  const moreOnScroll = (list: HTMLElement) => {
    if (rows < visible.length && list.scrollTop + list.clientHeight > list.scrollHeight - 100) setRows(rows + ROWS);
  };
  const toggle = (address: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(address);
    else next.delete(address);
    onChange(next);
  };
  const setAll = (on: boolean) => {
    const next = new Set(selected);
    for (const f of invitable) {
      if (on) next.add(f.address);
      else next.delete(f.address);
    }
    onChange(next);
  };
  return (
    <section class="picker" aria-labelledby="picker-title">
      <h2 id="picker-title" class="picker-title">
        {t(`foundIn_${source}`, [String(found.length)])}
      </h2>
      {partial && <p class="hint">{t(source === 'paste' ? 'pastePartial' : 'scanPartial')}</p>}
      {found.length > MAX_AUTO_LOOKUP && <p class="hint">{t('lookupSkipped', [String(MAX_AUTO_LOOKUP)])}</p>}
      {lookupProblem?.consent && (
        <div class="hint" data-testid="lookup-problem">
          <p>{t('lookupsNeedPermission', [PERMISSION[lookupProblem.consent]])}</p>
          <ConsentActions error={lookupProblem} onGranted={onGranted} />
        </div>
      )}
      {found.length > 5 && (
        <input
          type="search"
          class="filter"
          aria-label={t('filterLabel')}
          placeholder={t('filterLabel')}
          value={filter}
          onInput={(e) => {
            setFilter(e.currentTarget.value);
            setRows(ROWS);
          }}
          data-testid="filter"
        />
      )}
      <div class="row picker-actions">
        <button type="button" class="link" onClick={() => setAll(true)} data-testid="select-all">
          {t('selectAll')}
        </button>
        <button type="button" class="link" onClick={() => setAll(false)} data-testid="select-none">
          {t('selectNone')}
        </button>
        <span class="muted small" aria-live="polite">
          {t('selectedCount', [String(selected.size), String(found.length)])}
        </span>
      </div>
      <ul class="addresses" data-testid="addresses" onScroll={(e) => moreOnScroll(e.currentTarget)}>
        {visible.slice(0, rows).map((f) => {
          const problem = checkAddress(f.address);
          const id = `addr-${f.address}`;
          return (
            <li key={f.address}>
              <input
                type="checkbox"
                id={id}
                checked={selected.has(f.address)}
                disabled={!!problem}
                onChange={(e) => toggle(f.address, e.currentTarget.checked)}
              />
              <label for={id}>
                {f.name && <span class="name">{f.name}</span>}
                <span class="address">{f.address}</span>
                {problem && <span class="error">{t(problem.key, problem.subs)}</span>}
                {!problem && standings?.[f.address] && standings[f.address] !== 'new' && (
                  <span class={`standing standing-${standings[f.address]}`} data-testid="standing">
                    {t(`standing_${standings[f.address]}`)}
                  </span>
                )}
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Found } from '../core/extract/collector';
import { checkAddress } from '../core/validate';
import { MAX_AUTO_LOOKUP, type Standing } from '../core/directory';
import type { UserError } from '../core/graph-errors';
import { PERMISSION } from '../core/permissions';
import { t } from '../shared/i18n';
import { ConsentActions } from '../ui/consent-actions';
import { GuestActions } from '../ui/guest-actions';

interface Props {
  found: Found[];
  /** What the tenant already knows about each address, once looked up. */
  standings?: Record<string, Standing>;
  /** User ids of the guests who accepted: each row offers Reset redemption (a fresh start) instead. */
  acceptedIds?: Record<string, string>;
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
/** Rows PageUp and PageDown move by. */
const PAGE = 10;

/** The addresses found on the page or in the selection: pick some or all, filter by text. */
export function AddressPicker({
  found,
  standings,
  acceptedIds = {},
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
  // One Tab stop for the whole list (a page may list hundreds): the arrow keys move between rows.
  const [current, setCurrent] = useState<string>();
  const focusWanted = useRef(false);
  const list = useRef<HTMLUListElement>(null);
  const stop = invitable.some((f) => f.address === current) ? current : invitable[0]?.address;
  useEffect(() => {
    if (!focusWanted.current || !stop) return;
    focusWanted.current = false;
    list.current?.querySelector<HTMLInputElement>(`input[id="${CSS.escape(`addr-${stop}`)}"]`)?.focus();
  }, [stop, rows]);
  const moveBy = (key: string) => {
    const from = Math.max(
      0,
      invitable.findIndex((f) => f.address === stop),
    );
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE, PageUp: -PAGE };
    const to = key === 'Home' ? 0 : key === 'End' ? invitable.length - 1 : from + (steps[key] ?? 0);
    const next = invitable[Math.max(0, Math.min(invitable.length - 1, to))];
    if (!next) return;
    const index = visible.indexOf(next);
    if (index >= rows) setRows(index + ROWS); // put it on screen first
    focusWanted.current = true;
    setCurrent(next.address);
  };
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
      <p id="picker-keys" class="visually-hidden">
        {t('listKeysHint')}
      </p>
      <ul
        class="addresses"
        data-testid="addresses"
        ref={list}
        onScroll={(e) => moreOnScroll(e.currentTarget)}
        onKeyDown={(e) => {
          if (!['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End'].includes(e.key)) return;
          e.preventDefault();
          moveBy(e.key);
        }}
      >
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
                tabIndex={f.address === stop ? 0 : -1}
                aria-describedby={f.address === stop ? 'picker-keys' : undefined}
                onFocus={() => setCurrent(f.address)}
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
              {acceptedIds[f.address] && (
                <div class="row-actions">
                  <GuestActions
                    entry={{ email: f.address, displayName: f.name, userId: acceptedIds[f.address], state: 'Accepted' }}
                  />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

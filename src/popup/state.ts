// The popup's state and actions in one hook; the views in popup.tsx only render it. Every invitation,
// one or many, goes through the background queue: one address shows its result (or its error) in
// place, a list shows the queue's progress.
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_AUTO_LOOKUP, selectedByDefault, standingOf, type Standing } from '../core/directory';
import type { Found } from '../core/extract';
import type { UserError } from '../core/graph-errors';
import {
  checkInvite,
  inputFor,
  inputFromDefaults,
  type InputProblems,
  type InviteInput,
  type InviteResult,
} from '../core/invitation';
import { closestMessageLanguage } from '../core/languages';
import { isPending, MAX_RUN, viewFor, type Queue } from '../core/queue';
import { checkAddress } from '../core/validate';
import type { AuthStatus, QueueAction } from '../protocol/contract';
import { t, uiLanguage } from '../shared/i18n';
import { history, store } from '../storage/browser-store';
import { firstView } from '../storage/first-view';
import type { InviteDefaults, Settings } from '../storage/settings';
import { api } from '../ui/api';
import { itemNotes } from '../ui/item-notes';
import { usePageAddresses } from './page-addresses';
import { isSingle, useQueue, useRedeemLink } from './use-queue';

type Busy = 'signIn' | 'signOut' | 'invite' | null;

/** Pasted text is read for this long at most, as a page is scanned (then the list says it is partial). */
const PASTE_BUDGET_MS = 1500;

/** What the popup shows below the account bar. */
export type View =
  | { kind: 'form' }
  | { kind: 'progress'; queue: Queue }
  /** `notes`: what did not go as asked although the guest is invited (a group, the sponsors). */
  | { kind: 'result'; result: InviteResult; notes: string[] };

/** Whether the browser believes it is online, following changes. */
function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Any option (not the address or name) set otherwise than the settings' defaults. */
function differsFromDefaults(form: InviteInput, defaults: InviteDefaults): boolean {
  const start = emptyForm(defaults);
  const keys = ['redirectUrl', 'sendMail', 'message', 'messageLanguage', 'cc', 'userType'] as const;
  return keys.some((key) => form[key] !== start[key]) || !!form.groups?.length;
}

function inviteLabel(count: number, tenantName: string | undefined): string {
  if (count === 1) return tenantName ? t('inviteOneGuestTo', [tenantName]) : t('inviteOneGuest');
  return tenantName ? t('inviteGuestsTo', [String(count), tenantName]) : t('inviteGuests', [String(count)]);
}

/** The addresses Graph would accept; the others are listed with their reason, never ticked. */
const invitable = (found: Found[] = []) => found.filter((f) => !checkAddress(f.address)).map((f) => f.address);
const emptyForm = (defaults: InviteDefaults) => inputFromDefaults(defaults, closestMessageLanguage(uiLanguage()));

/**
 * `settings` (read once, see useProfiles) and `here`, the directory of the profile in use (configKey):
 * the popup shows its runs only.
 */
export function usePopup(settings: Settings | undefined, here: string | undefined) {
  // The last view shows at once (see first-view.ts); the reads below confirm or correct it.
  const [first] = useState(() => firstView.read());
  const [status, setStatus] = useState<AuthStatus | undefined>(first?.status);
  const [statusConfirmed, setStatusConfirmed] = useState(false);
  const [defaults, setDefaults] = useState<InviteDefaults | undefined>(first?.defaults);
  const [form, setForm] = useState<InviteInput | undefined>(() => first && emptyForm(first.defaults));
  const [problems, setProblems] = useState<InputProblems>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<UserError>();
  const [addresses, setAddresses, scanning, pageState] = usePageAddresses();
  const online = useOnline();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [standings, setStandings] = useState<Record<string, Standing>>();
  /** The user ids of the listed guests who accepted (the list offers Reset redemption for them). */
  const [acceptedIds, setAcceptedIds] = useState<Record<string, string>>({});
  /** Why the list shows no directory standings (a permission nobody granted), and a way to ask again. */
  const [lookupProblem, setLookupProblem] = useState<UserError>();
  const [lookupRound, setLookupRound] = useState(0);
  const touched = useRef(false);
  /** The run on screen was started in this popup (not found on opening). */
  const startedHere = useRef(false);
  const [queue, setRun, elsewhere] = useQueue(here);
  /** This directory's runs (another profile's go on unseen, but for a line each: see elsewhere). */
  const own = queue && here !== undefined ? viewFor(queue, here) : undefined;
  const run = own?.items.length ? own : undefined;
  const [optionsOpen, setOptionsOpen] = useState(first?.optionsOpen ?? false);
  /** Nothing was configured on opening: the set-up assistant stays until the user is done with it. */
  const [inSetup, setInSetup] = useState(first ? !first.configured : false);
  // Loaded only when needed: a configured popup opens without it.
  const [setup, setSetup] = useState<typeof import('./setup-assistant')>();
  useEffect(() => {
    if (inSetup && !setup) void import('./setup-assistant').then(setSetup);
  }, [inSetup]);

  useEffect(() => {
    if (!settings) return;
    setDefaults(settings.defaults);
    // Only if they changed since the first view: what the user typed meanwhile stays.
    if (JSON.stringify(settings.defaults) !== JSON.stringify(first?.defaults))
      setForm((current) => ({ ...emptyForm(settings.defaults), email: current?.email ?? '' }));
  }, [settings]);

  useEffect(() => {
    void store.read('popupUi').then((ui) => setOptionsOpen(ui.optionsOpen));
    void api('status', {}).then((reply) => {
      if (!reply.ok) return setError(reply.error);
      setStatus(reply.value);
      setStatusConfirmed(true);
      setInSetup(!reply.value.configured);
    });
  }, []);

  // Kept for the next opening, once the background has answered (not on start-up: nothing new then).
  useEffect(() => {
    if (defaults && status && statusConfirmed)
      firstView.write({ configured: status.configured, defaults, optionsOpen, status });
  }, [defaults, status, statusConfirmed, optionsOpen]);

  // Everything found starts selected, except what Graph would refuse.
  useEffect(() => {
    setSelected(new Set(invitable(addresses?.found)));
    setStandings(undefined);
    touched.current = false;
  }, [addresses]);

  // Then the tenant is asked who these people already are; those who need no invitation are unticked.
  useEffect(() => {
    const list = invitable(addresses?.found);
    if (!list.length || !status?.signedIn || list.length > MAX_AUTO_LOOKUP) return;
    void api('directory', { emails: list }).then((reply) => {
      // Without the read permission the list works all the same; it says what is missing.
      setLookupProblem(reply.ok || !reply.error.consent ? undefined : reply.error);
      if (!reply.ok) return;
      const known = Object.fromEntries(list.map((a) => [a, standingOf(a, reply.value.users[a], reply.value.domains)]));
      setStandings(known);
      setAcceptedIds(
        Object.fromEntries(list.flatMap((a) => (known[a] === 'guestAccepted' ? [[a, reply.value.users[a]!.id]] : []))),
      );
      // Unless the user has already made their own choice.
      if (!touched.current)
        setSelected((current) => new Set([...current].filter((a) => !known[a] || selectedByDefault(known[a]))));
    });
  }, [addresses, status?.signedIn, lookupRound]);

  // A single invitation that ended without a result: its error shows on the form, which keeps what was typed.
  const single = run && isSingle(run) ? run.items[0] : undefined;
  const stopped = single && run!.stoppedFor;
  const redeemUrl = useRedeemLink(single?.result?.sentMail === false ? single.result.userId : undefined);
  useEffect(() => {
    if (!single || (isPending(single) && !stopped)) return;
    if (single.state === 'done') return;
    setError(stopped || single.error);
    setRun(undefined);
    // Nothing of it stays waiting behind the user's back: they send it again when ready.
    if (stopped) void api('queueControl', { action: 'cancel', directory: here });
  }, [single?.state, stopped]);

  /** Sign-out waiting for the user's yes (invitations would be cancelled), and its aftermath. */
  const [confirming, setConfirming] = useState<{ everywhere: boolean; waiting: number }>();
  const [signedOut, setSignedOut] = useState<'offer' | 'cleared'>();

  const authAction = async (kind: 'signIn' | 'signOut', everywhere = false) => {
    setBusy(kind);
    setError(undefined);
    setConfirming(undefined);
    const reply = kind === 'signIn' ? await api('signIn', {}) : await api('signOut', { everywhere });
    if (reply.ok) setStatus(reply.value);
    else setError(reply.error);
    if (reply.ok && kind === 'signOut') {
      setRun(undefined);
      setSignedOut('offer');
    }
    if (kind === 'signIn') setSignedOut(undefined);
    setBusy(null);
  };

  const signOut = (everywhere: boolean) => {
    const waiting = run?.items.filter(isPending).length ?? 0;
    if (waiting) setConfirming({ everywhere, waiting });
    else void authAction('signOut', everywhere);
  };

  const chosen = addresses?.found.filter((f) => selected.has(f.address)) ?? [];

  /** Invites the typed address, or the ones ticked in the list, with the form's options. */
  const submit = async () => {
    if (!form) return;
    const recipients = addresses
      ? chosen.map((f) => ({ email: f.address, name: f.name ?? '' }))
      : [{ email: form.email.trim(), name: form.displayName.trim() }];
    if (!recipients.length) return setError({ key: 'errNoneSelected' });
    if (recipients.length > MAX_RUN) return setError({ key: 'errRunTooLarge', subs: [String(MAX_RUN)] });
    const { email: _email, displayName: _name, ...options } = form;
    const found = checkInvite(inputFor(options, recipients[0]));
    // In a list, addresses Graph would refuse cannot be ticked: only the shared options can be wrong.
    if (addresses) {
      delete found.email;
      delete found.displayName;
    }
    setProblems(found);
    setError(undefined);
    if (Object.keys(found).length) {
      document.getElementById(Object.keys(found)[0])?.focus();
      return;
    }
    setBusy('invite');
    const reply = await api('enqueue', { options, recipients });
    setBusy(null);
    if (!reply.ok) return setError(reply.error);
    startedHere.current = true;
    if (recipients.length === 1 && addresses) {
      setAddresses(undefined);
      setForm(inputFor(options, recipients[0]));
    }
    setRun(reply.value);
  };

  /** Pasted text with an @ in it: a list of addresses, one address (with its name), or just text. */
  const pasteAddresses = async (text: string) => {
    if (!form) return;
    // The parser loads on the first paste: the popup opens without it.
    const { found, partial } = (await import('../core/extract')).extractFromTextWithin(text, PASTE_BUDGET_MS);
    if (!found.length) setForm({ ...form, email: form.email + text });
    else if (found.length === 1)
      setForm({ ...form, email: found[0].address, displayName: found[0].name ?? form.displayName });
    else setAddresses({ found, source: 'paste', partial });
  };

  const refreshStatus = () => void api('status', {}).then((reply) => reply.ok && setStatus(reply.value));

  const control = (action: QueueAction) =>
    void api('queueControl', { action, directory: here }).then((r) => r.ok && setRun(r.value));

  const another = () => {
    if (run) void api('queueControl', { action: 'clear', directory: here });
    setRun(undefined);
    setAddresses(undefined);
    if (defaults) setForm(emptyForm(defaults));
  };

  let view: View = { kind: 'form' };
  // A result found on opening gives way to the addresses the page offers.
  const resultShown = startedHere.current || (!scanning && !addresses);
  if (single?.state === 'done' && single.result && resultShown) {
    const result = { ...single.result, redeemUrl: single.result.redeemUrl ?? redeemUrl };
    view = { kind: 'result', result, notes: itemNotes(single) };
  } else if (run && !single) view = { kind: 'progress', queue: run };

  return {
    /** Other directories' runs still going: a line each. */
    elsewhere,
    status,
    statusConfirmed,
    error,
    busy: busy ?? (single && isPending(single) ? 'invite' : null),
    form,
    setForm,
    problems,
    addresses,
    selected,
    standings,
    acceptedIds,
    lookupProblem,
    lookAgain: () => setLookupRound((n) => n + 1),
    /** A permission was granted: the error goes, and a single invitation it held up is followed again. */
    dismissError: () => {
      setError(undefined);
      void store.read('queue').then((q) => {
        const mine = viewFor(q, here ?? '');
        if (isSingle(mine) && mine.items.some(isPending)) setRun(q);
      });
    },
    inSetup,
    SetupAssistant: setup?.SetupAssistant,
    /** One sentence about where the addresses could come from, when the page gave none; or that we are offline. */
    notice: !online ? 'offline' : pageState === 'empty' || pageState === 'unreadable' ? `page_${pageState}` : undefined,
    refreshStatus,
    leaveSetup: () => {
      setInSetup(false);
      refreshStatus();
    },
    /** Options open: as the user left them, or because they differ from the settings' defaults. */
    optionsOpen: optionsOpen || (!!form && !!defaults && differsFromDefaults(form, defaults)),
    toggleOptions: (open: boolean) => {
      setOptionsOpen(open);
      void store.write('popupUi', { optionsOpen: open });
    },
    /** What the Invite button says: how many, and into which directory once its name is known. */
    submitLabel: inviteLabel(addresses ? chosen.length : 1, status?.tenantName),
    /** The single invitation whose answer was lost, while it is looked up. */
    checking: single?.state === 'uncertain' ? single.email : undefined,
    chosen,
    view,
    choose: (next: Set<string>) => {
      touched.current = true;
      setSelected(next);
    },
    signIn: () => authAction('signIn'),
    signOut,
    confirming,
    confirmSignOut: () => confirming && authAction('signOut', confirming.everywhere),
    keepSignedIn: () => setConfirming(undefined),
    signedOut,
    clearHistory: () => void history.clear().then(() => setSignedOut('cleared')),
    submit,
    pasteAddresses,
    control,
    another,
  };
}

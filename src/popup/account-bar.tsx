import type { AuthStatus } from '../protocol/contract';
import { t } from '../shared/i18n';
import type { Profiles } from './use-profiles';

interface Props {
  status: AuthStatus | undefined;
  /** False while the status shown is the one remembered from the last opening, not yet confirmed. */
  confirmed: boolean;
  busy: boolean;
  onSignIn: () => void;
  /** `everywhere`: also end the Microsoft session in this browser. */
  onSignOut: (everywhere: boolean) => void;
  profiles: Profiles;
}

/** Which profile (directory) the popup works in; only there when there is more than one. */
export function ProfileSwitcher({ profiles }: { profiles: Profiles }) {
  if (profiles.choices.length < 2) return null;
  return (
    <select
      class="profile-switcher"
      aria-label={t('fieldProfile')}
      value={profiles.active}
      onChange={(e) => profiles.choose(e.currentTarget.value)}
      data-testid="profile-switcher"
    >
      {profiles.choices.map((choice) => (
        <option key={choice.id} value={choice.id}>
          {choice.label || t('profileUnnamed')}
        </option>
      ))}
    </select>
  );
}

/** Who is signed in, to which tenant, and the way in or out. */
export function AccountBar({ status, confirmed, busy, onSignIn, onSignOut, profiles }: Props) {
  if (!status) return <header class="account muted">{t('statusChecking')}</header>;
  if (!status.signedIn || !status.account) {
    return (
      <header class="account">
        <ProfileSwitcher profiles={profiles} />
        <span>{t('statusSignedOut')}</span>
        <button type="button" class="primary" onClick={onSignIn} disabled={busy} data-testid="sign-in">
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </header>
    );
  }
  const { name, username, tenantId } = status.account;
  return (
    <header class="account">
      <ProfileSwitcher profiles={profiles} />
      <div class="who" data-testid="account" aria-busy={!confirmed}>
        <strong>{name || username}</strong>
        <span class="muted">{username}</span>
        <span class="muted small tenant" title={tenantId}>
          {status.tenantName && status.tenantDomain
            ? t('tenantLabelDomain', [status.tenantName, status.tenantDomain])
            : t('tenantLabel', [status.tenantName ?? tenantId])}
        </span>
      </div>
      <div class="row">
        <button type="button" class="link" onClick={() => onSignOut(false)} disabled={busy} data-testid="sign-out">
          {t('signOut')}
        </button>
        <button
          type="button"
          class="link"
          onClick={() => onSignOut(true)}
          disabled={busy}
          data-testid="sign-out-everywhere"
        >
          {t('signOutEverywhere')}
        </button>
      </div>
    </header>
  );
}

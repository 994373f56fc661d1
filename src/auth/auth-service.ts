// The only module that knows MSAL (pinned to msal-browser 3.30.x: v4+ cannot keep its cache in an
// extension page, see the auth notes). MSAL builds the PKCE authorize URL and redeems the code; the
// browser's identity API does the navigation, through an IdentityPort.
import {
  AuthError,
  BrowserAuthError,
  CacheLookupPolicy,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo as MsalAccount,
  type AuthenticationResult,
} from '@azure/msal-browser';
import type { Endpoints } from '../core/clouds';
import { adminConsentUrl, allScopes, EVERYDAY, PERMISSION, scopeFor, type Purpose } from '../core/permissions';
import type { AccountInfo } from '../protocol/contract';
import { clearInteractionState } from '../storage/msal-cache';
import type { IdentityPort } from './identity-port';

/** A failure the UI can name: the key of a _locales message, and what the user can do about it. */
export class AuthFailure extends Error {
  constructor(
    readonly key: string,
    readonly subs: string[] = [],
    readonly reauth = false,
    readonly extra: { consent?: Purpose; link?: string } = {},
  ) {
    super(key);
  }
}

const CANCELLED = /did not approve|cancel|closed|denied access/iu;
/** Chrome's words when the authorize URL answers with an error page (wrong tenant, app or redirect URI). */
const ERROR_PAGE = /could not be loaded/iu;
/**
 * A silent round trip that failed is not tried again for this long: Entra answers repeated authorize
 * requests with AADSTS50196 (loop detected), and the answer would not change anyway.
 */
const SILENT_PAUSE_MS = 5 * 60_000;

/** Nobody granted the permission asked for (AADSTS65001): from the token endpoint or a prompt=none answer. */
function isConsentMissing(error: unknown): boolean {
  return (
    error instanceof AuthError &&
    (error.errorCode === 'consent_required' ||
      error.subError === 'consent_required' ||
      /AADSTS65001/u.test(error.errorMessage))
  );
}

/** Which of MSAL's accounts is this configuration's (MSAL's one "active account" per app would be shared). */
export interface AccountMemory {
  read(): { homeAccountId: string; tenantId: string } | undefined;
  write(account: { homeAccountId: string; tenantId: string } | undefined): void;
  /**
   * Another of these configurations (configKeys: the profiles there are) signs in with this account too:
   * the same person in another directory.
   */
  othersUse(homeAccountId: string, configKeys: string[]): boolean;
  /**
   * Before profiles, the one configuration's account was MSAL's active (or only) one: true, once, for
   * that configuration, which then takes that account over.
   */
  takeOverLegacy(): boolean;
}

/**
 * One interaction at a time in this page, whichever configuration asks: MSAL keeps its interaction
 * state in sessionStorage, shared by every instance.
 */
let interactions: Promise<unknown> = Promise.resolve();

const consentNeeded = (purpose: Purpose) =>
  new AuthFailure('errConsentNeeded', [PERMISSION[purpose]], false, { consent: purpose });

export class AuthService {
  private readonly pca: PublicClientApplication;
  private readonly ready: Promise<void>;
  private capturedUrl: string | undefined;
  /** When a silent round trip last failed, per permission (see SILENT_PAUSE_MS). */
  private readonly silentFailedAt = new Map<Purpose, number>();

  constructor(
    private readonly clientId: string,
    private readonly endpoints: Endpoints,
    private readonly identity: IdentityPort,
    private readonly memory: AccountMemory,
  ) {
    this.pca = new PublicClientApplication({
      auth: {
        clientId,
        authority: endpoints.authority,
        knownAuthorities: endpoints.knownAuthorities,
        authorityMetadata: endpoints.authorityMetadata,
        redirectUri: identity.redirectUrl,
        postLogoutRedirectUri: identity.redirectUrl,
        navigateToLoginRequestUrl: false,
        // Capture the URL MSAL wants to open and stop the navigation; launchWebAuthFlow opens it.
        onRedirectNavigate: (url) => {
          this.capturedUrl = url;
          return false;
        },
      },
      cache: { cacheLocation: 'localStorage' },
      system: { loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined } },
    });
    this.ready = this.pca.initialize();
  }

  async account(): Promise<AccountInfo | undefined> {
    const account = await this.msalAccount();
    return account && toAccountInfo(account);
  }

  /**
   * Interactive sign-in, asking for the invitation permission only or (`all`) for every permission the
   * extension uses. One interaction at a time: a second click waits for the first.
   */
  signIn(all = false): Promise<AccountInfo> {
    const scopes = all ? allScopes(this.endpoints) : [scopeFor(this.endpoints, 'invite')];
    return this.serialise(async () => {
      try {
        const result = await this.webAuthFlow(true, 'select_account', undefined, scopes);
        this.silentFailedAt.clear();
        return toAccountInfo(result.account);
      } catch (error) {
        // A user who may not consent meets Microsoft's "Need admin approval" page, which only closes.
        if (all && error instanceof AuthFailure && error.key === 'errSignInCancelled')
          throw new AuthFailure('errSignInCancelledConsent', [], false, { link: this.adminConsentLink() });
        throw error;
      }
    });
  }

  /**
   * Asks for one permission interactively: an administrator consents for the organization; anyone
   * else meets the approval page and gets the administrator's consent link to pass on.
   */
  grantConsent(purpose: Purpose): Promise<void> {
    return this.serialise(async () => {
      const account = await this.msalAccount();
      if (!account) throw new AuthFailure('errSignInRequired', [], true);
      try {
        await this.webAuthFlow(true, undefined, account, [scopeFor(this.endpoints, purpose)]);
        this.silentFailedAt.delete(purpose);
      } catch (error) {
        if (error instanceof AuthFailure && error.key === 'errSignInNetwork') throw error;
        throw new AuthFailure('errAdminConsentNeeded', [PERMISSION[purpose]], false, {
          link: this.adminConsentLink(),
        });
      }
    });
  }

  /** An administrator's consent for everything the extension may ask for (one link covers all). */
  private adminConsentLink(): string {
    return adminConsentUrl(this.endpoints, this.clientId, this.identity.redirectUrl, EVERYDAY);
  }

  /**
   * Forgets the account and its tokens. `everywhere` also ends the Microsoft session in the browser
   * (the logout endpoint, opened the way sign-in is), so the next sign-in asks for the account again.
   * `profiles`: the configurations of every profile (clouds.ts configKey).
   */
  async signOut(everywhere = false, profiles: string[] = []): Promise<void> {
    await this.ready;
    const account = await this.msalAccount();
    if (everywhere && account) {
      let logoutUrl: string | undefined;
      // MSAL clears the account's cache and builds the URL; the browser's identity API opens it.
      const capture = (url: string) => {
        logoutUrl = url;
        return false;
      };
      await this.pca.logoutRedirect({ account, onRedirectNavigate: capture });
      if (logoutUrl) {
        try {
          await this.identity.launchWebAuthFlow(logoutUrl, true);
        } catch {
          // A closed window still leaves this extension signed out; the Microsoft session may stay.
        }
      }
    }
    // Only this configuration's account: other profiles stay signed in. A person who is a guest in
    // several directories has one account (one refresh token) for all of them: while another profile
    // still uses it, this one only lets go of it.
    if (account && (everywhere || !this.memory.othersUse(account.homeAccountId, profiles)))
      await this.pca.clearCache({ account });
    this.memory.write(undefined);
    clearInteractionState();
  }

  /**
   * A token for one kind of Graph call: cache, then refresh token, then (at most once every few
   * minutes) a silent web-auth round trip. A permission nobody granted is its own failure, which no
   * silent round trip can cure: the UI offers to ask for it. `quiet`: from the cache or the refresh
   * token only, never a round trip (for look-ups nobody asked for, such as a typed address).
   */
  async accessToken(purpose: Purpose, forceRefresh = false, quiet = false): Promise<string> {
    const scopes = [scopeFor(this.endpoints, purpose)];
    const account = await this.msalAccount();
    if (!account) throw new AuthFailure('errSignInRequired', [], true);
    try {
      const result = await this.pca.acquireTokenSilent({
        scopes,
        account,
        forceRefresh,
        cacheLookupPolicy: CacheLookupPolicy.AccessTokenAndRefreshToken,
      });
      return result.accessToken;
    } catch (error) {
      if (isConsentMissing(error)) throw consentNeeded(purpose);
      // An expired or revoked refresh token (invalid_grant) also calls for a new round trip.
      const needsInteraction =
        error instanceof InteractionRequiredAuthError ||
        (error instanceof AuthError && error.errorCode === 'invalid_grant');
      if (!needsInteraction) throw describeAuthError(error);
      if (quiet) throw new AuthFailure('errSignInRequired', [], true);
    }
    const failedAt = this.silentFailedAt.get(purpose);
    if (failedAt !== undefined && Date.now() - failedAt < SILENT_PAUSE_MS)
      throw new AuthFailure('errSignInRequired', [], true);
    return this.serialise(async () => {
      try {
        const result = await this.webAuthFlow(false, 'none', account, scopes);
        this.silentFailedAt.delete(purpose);
        return result.accessToken;
      } catch (error) {
        this.silentFailedAt.set(purpose, Date.now());
        if (error instanceof AuthFailure && error.extra.consent) throw consentNeeded(purpose);
        throw new AuthFailure('errSignInRequired', [], true);
      }
    });
  }

  /** This configuration's account, out of all MSAL keeps (one per profile signed in). */
  private async msalAccount(): Promise<MsalAccount | undefined> {
    await this.ready;
    const remembered = this.memory.read();
    if (remembered) return this.pca.getAccount(remembered) ?? undefined;
    if (!this.memory.takeOverLegacy()) return undefined;
    const legacy = this.pca.getActiveAccount() ?? this.pca.getAllAccounts()[0];
    if (legacy) this.memory.write({ homeAccountId: legacy.homeAccountId, tenantId: legacy.tenantId });
    return legacy ?? undefined;
  }

  private async webAuthFlow(
    interactive: boolean,
    prompt: 'select_account' | 'none' | undefined,
    account: MsalAccount | undefined,
    scopes: string[],
  ): Promise<AuthenticationResult> {
    await this.ready;
    clearInteractionState();
    this.capturedUrl = undefined;
    try {
      await this.pca.acquireTokenRedirect({ scopes, prompt, account });
      const url = this.capturedUrl;
      if (!url) throw new AuthFailure('errSignInIncomplete');
      let responseUrl: string;
      try {
        responseUrl = await this.identity.launchWebAuthFlow(url, interactive);
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        if (ERROR_PAGE.test(text)) throw new AuthFailure('errSignInPage');
        throw new AuthFailure(CANCELLED.test(text) ? 'errSignInCancelled' : 'errSignInFailed', [text]);
      }
      const result = await this.pca.handleRedirectPromise(responseHash(responseUrl));
      if (!result?.account) throw new AuthFailure('errSignInIncomplete');
      this.memory.write({ homeAccountId: result.account.homeAccountId, tenantId: result.account.tenantId });
      return result;
    } catch (error) {
      throw describeAuthError(error);
    } finally {
      // A failed or cancelled flow must not leave MSAL's interaction lock behind.
      clearInteractionState();
    }
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = interactions.then(task, task);
    interactions = run.catch(() => undefined);
    return run;
  }
}

/** MSAL reads the server's answer from a hash; Entra may answer in the query (response_mode). */
function responseHash(responseUrl: string): string {
  const url = new URL(responseUrl);
  return url.hash || `#${url.search.slice(1)}`;
}

function toAccountInfo(account: MsalAccount): AccountInfo {
  return { name: account.name ?? '', username: account.username, tenantId: account.tenantId };
}

function describeAuthError(error: unknown): AuthFailure {
  if (error instanceof AuthFailure) return error;
  if (error instanceof AuthError) {
    if (isConsentMissing(error)) return new AuthFailure('errConsentNeeded', [], false, { consent: 'invite' });
    if (error.errorCode === 'access_denied') return new AuthFailure('errSignInDenied');
    if (error instanceof InteractionRequiredAuthError) return new AuthFailure('errSignInRequired', [], true);
    if (error instanceof BrowserAuthError && /network|post_request_failed|fetch/iu.test(error.errorCode)) {
      return new AuthFailure('errSignInNetwork');
    }
    return new AuthFailure('errSignInFailed', [`${error.errorCode}: ${error.errorMessage}`.slice(0, 300)]);
  }
  return new AuthFailure('errSignInFailed', [error instanceof Error ? error.message : String(error)]);
}

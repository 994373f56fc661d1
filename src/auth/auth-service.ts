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
import type { AccountInfo } from '../protocol/contract';
import { clearInteractionState } from '../storage/msal-cache';
import type { IdentityPort } from './identity-port';

/** A failure the UI can name: the key of a _locales message. */
export class AuthFailure extends Error {
  constructor(
    readonly key: string,
    readonly subs: string[] = [],
    readonly reauth = false,
  ) {
    super(key);
  }
}

const CANCELLED = /did not approve|cancel|closed|denied access/iu;

export class AuthService {
  private readonly pca: PublicClientApplication;
  private readonly ready: Promise<void>;
  private capturedUrl: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    clientId: string,
    private readonly endpoints: Endpoints,
    private readonly identity: IdentityPort,
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

  /** Interactive sign-in. One interaction at a time: a second click waits for the first. */
  signIn(): Promise<AccountInfo> {
    return this.serialise(async () => {
      const result = await this.webAuthFlow(true, 'select_account');
      return toAccountInfo(result.account);
    });
  }

  /**
   * Forgets the account and its tokens. `everywhere` also ends the Microsoft session in the browser
   * (the logout endpoint, opened the way sign-in is), so the next sign-in asks for the account again.
   */
  async signOut(everywhere = false): Promise<void> {
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
    await this.pca.clearCache();
    this.pca.setActiveAccount(null);
    clearInteractionState();
  }

  /** A token for Graph: cache, then refresh token, then a silent web-auth round trip. */
  async accessToken(forceRefresh = false, scopes = this.endpoints.scopes): Promise<string> {
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
      // An expired or revoked refresh token (invalid_grant) also calls for a new round trip.
      const needsInteraction =
        error instanceof InteractionRequiredAuthError ||
        (error instanceof AuthError && error.errorCode === 'invalid_grant');
      if (!needsInteraction) throw describeAuthError(error);
    }
    return this.serialise(async () => {
      try {
        return (await this.webAuthFlow(false, 'none', account, scopes)).accessToken;
      } catch {
        throw new AuthFailure('errSignInRequired', [], true);
      }
    });
  }

  private async msalAccount(): Promise<MsalAccount | undefined> {
    await this.ready;
    const active = this.pca.getActiveAccount();
    if (active) return active;
    const [first] = this.pca.getAllAccounts();
    if (first) this.pca.setActiveAccount(first);
    return first;
  }

  private async webAuthFlow(
    interactive: boolean,
    prompt: 'select_account' | 'none',
    account?: MsalAccount,
    scopes = this.endpoints.scopes,
  ): Promise<AuthenticationResult> {
    await this.ready;
    clearInteractionState();
    this.capturedUrl = undefined;
    try {
      await this.pca.acquireTokenRedirect({ scopes, prompt, account });
      const url = this.capturedUrl;
      if (!url) throw new AuthFailure('errSignInFailed', ['no authorize URL']);
      let responseUrl: string;
      try {
        responseUrl = await this.identity.launchWebAuthFlow(url, interactive);
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        throw new AuthFailure(CANCELLED.test(text) ? 'errSignInCancelled' : 'errSignInFailed', [text]);
      }
      const result = await this.pca.handleRedirectPromise(responseHash(responseUrl));
      if (!result?.account) throw new AuthFailure('errSignInFailed', ['no account']);
      this.pca.setActiveAccount(result.account);
      return result;
    } catch (error) {
      throw describeAuthError(error);
    } finally {
      // A failed or cancelled flow must not leave MSAL's interaction lock behind.
      clearInteractionState();
    }
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
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
    if (error.errorCode === 'access_denied') return new AuthFailure('errSignInDenied');
    if (error instanceof InteractionRequiredAuthError) return new AuthFailure('errSignInRequired', [], true);
    if (error instanceof BrowserAuthError && /network|post_request_failed|fetch/iu.test(error.errorCode)) {
      return new AuthFailure('errSignInNetwork');
    }
    return new AuthFailure('errSignInFailed', [`${error.errorCode}: ${error.errorMessage}`.slice(0, 300)]);
  }
  return new AuthFailure('errSignInFailed', [error instanceof Error ? error.message : String(error)]);
}

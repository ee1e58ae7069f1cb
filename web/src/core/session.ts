import { api, ApiError, type ApiClient } from './api-client';
import type { Me } from './session-fns';
import { Store } from './store';

export type { Me } from './session-fns';

/** Why the person is no longer logged in; the login page says so once. */
export type SessionNotice = 'loggedOut' | 'loggedOutEverywhere' | 'expired' | 'passwordSet' | 'emailChanged';

export interface SessionState {
  /** `unknown` until `GET /api/auth/me` has answered. */
  status: 'unknown' | 'anonymous' | 'authenticated';
  me: Me | undefined;
  notice: SessionNotice | undefined;
  /** The address last used to set a password or log in, to fill in the login form. */
  email: string;
}

export interface LoginInput {
  email: string;
  password: string;
  totpCode?: string;
  recoveryCode?: string;
}

/**
 * The logged-in user. Loads `/api/auth/me` once, logs in and out, and hands the CSRF token to the API client.
 * Any request answered 401 `unauthorized` ends the session here (it expired or was ended elsewhere).
 */
export class Session extends Store<SessionState> {
  private loading: Promise<void> | undefined;
  /** Bumped by every login and logout, so that an answer to an older `load` cannot undo them. */
  private generation = 0;

  constructor(private readonly client: ApiClient) {
    super({ status: 'unknown', me: undefined, notice: undefined, email: '' });
    client.onUnauthorized(() => {
      if (this.getSnapshot().status === 'authenticated') {
        this.end('expired');
      }
    });
    client.onCsrfFailed(() => this.load(true));
  }

  /** Asks the server who is logged in; once per page load unless `force`. */
  load(force = false): Promise<void> {
    if (!this.loading || force) {
      const generation = this.generation;
      this.loading = this.client.get<Me>('/api/auth/me').then(
        (me) => {
          if (generation === this.generation) {
            this.set(me);
          }
        },
        (error: unknown) => {
          if (generation !== this.generation) {
            return;
          }
          // A refresh that failed for another reason than a missing session keeps what we know.
          const current = this.getSnapshot().status === 'authenticated';
          if (current && !(error instanceof ApiError && error.code === 'unauthorized')) {
            return;
          }
          // Not logged in, or the server is unreachable at the start: nobody is logged in for this page.
          this.client.setCsrfToken(undefined);
          this.setState({ status: 'anonymous', me: undefined });
        },
      );
    }
    return this.loading;
  }

  /** Throws ApiError: `invalid_credentials`, `second_factor_required`, `invalid_second_factor`, `rate_limited`. */
  async login(input: LoginInput): Promise<Me> {
    this.setState({ email: input.email });
    const me = await this.client.post<Me>('/api/auth/login', input);
    this.generation += 1;
    this.set(me);
    return me;
  }

  async logout(): Promise<void> {
    await this.client.post('/api/auth/logout');
    this.end('loggedOut');
  }

  async logoutEverywhere(): Promise<void> {
    await this.client.post('/api/auth/logout-all');
    this.end('loggedOutEverywhere');
  }

  /** The account changed (profile saved): replace what we know. */
  set(me: Me): void {
    this.client.setCsrfToken(me.csrfToken);
    this.setState({ status: 'authenticated', me, notice: undefined });
  }

  /** The session ended on the server (password set, reset, expired): forget it here too. */
  end(notice: SessionNotice): void {
    this.generation += 1;
    this.client.setCsrfToken(undefined);
    this.setState({ status: 'anonymous', me: undefined, notice });
  }

  /** Notes a message for the login page (e.g. after a password was set), with the address to fill in. */
  remember(notice: SessionNotice, email?: string): void {
    this.setState({ notice, ...(email === undefined ? {} : { email }) });
  }

  clearNotice(): void {
    if (this.getSnapshot().notice !== undefined) {
      this.setState({ notice: undefined });
    }
  }
}

export const session = new Session(api);

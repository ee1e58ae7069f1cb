import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { Logger } from '../lib/logger.js';
import {
  authorizationFor,
  buildRegister,
  chooseChallenge,
  grantedExpires,
  minExpires,
  refreshAfterSeconds,
  retryAfterSeconds,
  type RegistrationIdentity,
} from './registration-fns.js';
import { randomToken } from './sip-build-fns.js';
import type { SipRequest, SipResponse, SipSource } from './sip-message.js';

export interface ProviderRegistrationOptions {
  identity: RegistrationIdentity;
  /** The provider's registrar; its name is looked up again before every attempt (providers move). */
  registrar: { host: string; port: number };
  /** Seconds we ask for; the registrar may grant less (or, with 423, demand more). */
  expires: number;
  /** A fresh top Via for each request (new branch). */
  via: () => string;
  /** One non-INVITE client transaction: the final response, or undefined on timeout. */
  exchange: (request: SipRequest, destination: SipSource) => Promise<SipResponse | undefined>;
  /** The registrar's address, so the gateway takes its responses and the calls it sends as a trunk's. */
  onAddress: (address: string) => void;
  logger: Logger;
  resolve?: (host: string) => Promise<string>;
  /** Seconds → milliseconds; tests shrink time. */
  scale?: number;
}

export type RegistrationState =
  | { status: 'starting' }
  | { status: 'registered'; expiresAt: Date }
  | { status: 'failing'; reason: string; retryAt: Date }
  | { status: 'stopped' };

const defaultResolve = async (host: string): Promise<string> => (await lookup(host)).address;

/**
 * Keeps the gateway registered with a SIP provider (RFC 3261 §10), so calls to the dial-in number arrive here
 * without a fixed trunk address: REGISTER, answer the digest challenge, refresh before the binding lapses,
 * back off after failures, and remove the binding on shutdown. It only ever sends REGISTER: no calls go out.
 */
export class ProviderRegistration {
  private current: RegistrationState = { status: 'starting' };
  private readonly callId = `${randomToken(12)}@treffpunkt`;
  private readonly fromTag = randomToken();
  private cseq = 0;
  private failures = 0;
  private expires: number;
  private timer: NodeJS.Timeout | undefined;
  private destination: SipSource | undefined;
  private readonly log: Logger;

  constructor(private readonly options: ProviderRegistrationOptions) {
    this.expires = options.expires;
    this.log = options.logger.child({ component: 'sip-registration' });
  }

  get state(): RegistrationState {
    return this.current;
  }

  /** A method, not a narrowed field check: stop() may run during any await. */
  private stopped(): boolean {
    return this.current.status === 'stopped';
  }

  start(): void {
    void this.attempt();
  }

  /** Cancels the refresh and asks the registrar to forget us (Expires: 0), waiting at most `withinMs`. */
  async stop(withinMs = 2000): Promise<void> {
    const wasRegistered = this.current.status === 'registered';
    this.current = { status: 'stopped' };
    clearTimeout(this.timer);
    if (wasRegistered && this.destination) {
      const destination = this.destination;
      await Promise.race([
        this.register(destination, 0).catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, withinMs).unref()),
      ]);
    }
  }

  private async attempt(): Promise<void> {
    if (this.stopped()) {
      return;
    }
    let destination: SipSource;
    try {
      const address = await (this.options.resolve ?? defaultResolve)(this.options.registrar.host);
      destination = { address, port: this.options.registrar.port };
    } catch {
      this.fail('the registrar name did not resolve');
      return;
    }
    if (this.stopped()) {
      return;
    }
    this.destination = destination;
    this.options.onAddress(destination.address);
    let response = await this.register(destination, this.expires);
    const demanded = response?.status === 423 ? minExpires(response) : undefined;
    if (demanded !== undefined && demanded > this.expires && demanded <= 86_400) {
      this.expires = demanded;
      response = await this.register(destination, this.expires);
    }
    if (this.stopped()) {
      return;
    }
    if (response?.status !== 200) {
      this.fail(response ? `${response.status} ${response.reason}` : 'no answer');
      return;
    }
    const granted = grantedExpires(response, this.options.identity.contact, this.expires);
    if (granted === 0) {
      this.fail('the registrar kept no binding');
      return;
    }
    if (this.current.status !== 'registered' || this.failures > 0) {
      this.log.info({ expires: granted }, 'registered with the SIP provider');
    }
    this.failures = 0;
    this.current = { status: 'registered', expiresAt: new Date(Date.now() + granted * 1000) };
    this.schedule(refreshAfterSeconds(granted));
  }

  /**
   * One REGISTER with its digest round: unauthenticated first (the registrar names realm and nonce), then
   * with credentials; a second 401 counts as wrong credentials unless the nonce was only stale.
   */
  private async register(destination: SipSource, expires: number): Promise<SipResponse | undefined> {
    let authorization: { header: 'Authorization' | 'Proxy-Authorization'; value: string } | undefined;
    for (let round = 0; round < 3; round += 1) {
      this.cseq += 1;
      const request = buildRegister({
        identity: this.options.identity,
        via: this.options.via(),
        callId: this.callId,
        fromTag: this.fromTag,
        cseq: this.cseq,
        expires,
        authorization,
      });
      const response = await this.options.exchange(request, destination);
      if (response?.status !== 401 && response?.status !== 407) {
        return response;
      }
      const challenge = chooseChallenge(response);
      if (!challenge || (authorization && !challenge.stale)) {
        return response;
      }
      authorization = {
        header: challenge.header,
        value: authorizationFor(
          challenge,
          this.options.identity,
          { method: 'REGISTER', uri: this.options.identity.registrarUri },
          { nc: 1, cnonce: randomBytes(12).toString('base64url') },
        ),
      };
    }
    return undefined;
  }

  private fail(reason: string): void {
    if (this.stopped()) {
      return;
    }
    this.failures += 1;
    const seconds = retryAfterSeconds(this.failures);
    this.current = { status: 'failing', reason, retryAt: new Date(Date.now() + seconds * 1000) };
    // The operator must notice: dial-in does not work while this lasts. Reason only, never credentials.
    this.log.warn({ reason, retryInSeconds: seconds }, 'registration with the SIP provider failed');
    this.schedule(seconds);
  }

  private schedule(seconds: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.attempt(), seconds * (this.options.scale ?? 1000));
    this.timer.unref();
  }
}

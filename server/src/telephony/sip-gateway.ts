import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { KeyedLimiter } from '../lib/keyed-limiter.js';
import { describeError, type Logger } from '../lib/logger.js';
import { DialInGuard } from './dial-in-guard.js';
import type { DialInRooms } from './dial-in-port.js';
import { challenges, makeNonce, verifyDigest } from './digest-fns.js';
import { parseDtmfInfo } from './dtmf-fns.js';
import { addressAllowed, type AddressRule } from './net-fns.js';
import { PhoneCall } from './phone-call.js';
import type { PromptLibrary } from './prompt-catalog.js';
import { ProviderRegistration, type RegistrationState } from './registration.js';
import type { RtpPortRange } from './rtp-ports.js';
import { RtpSession } from './rtp-session.js';
import { buildAudioSdp, chooseCodec, PAYLOAD_TYPE, parseAudioSdp, type AudioOffer } from './sdp-fns.js';
import { buildResponse, newBranch, randomToken, serializeSipMessage, tagOf } from './sip-build-fns.js';
import { parseNameAddr, uriUser } from './sip-header-fns.js';
import {
  defaultSipLimits,
  headerValue,
  type SipHeader,
  type SipLimits,
  type SipRequest,
  type SipSource,
} from './sip-message.js';
import { parseSipMessage } from './sip-parse-fns.js';
import {
  ClientTransactions,
  defaultSipTimers,
  type ServerTransaction,
  ServerTransactions,
  type SipTimers,
} from './sip-transactions.js';
import type { SipTransport } from './sip-transport.js';

const ALLOW = 'INVITE, ACK, BYE, CANCEL, OPTIONS, INFO';
/** Methods of RFC 3261 and its extensions we know but do not serve: 405 rather than 501. */
const KNOWN_METHODS = new Set([
  'REGISTER',
  'SUBSCRIBE',
  'NOTIFY',
  'PUBLISH',
  'MESSAGE',
  'REFER',
  'UPDATE',
  'PRACK',
]);

export interface RateSettings {
  capacity: number;
  refillPerSecond: number;
}

export interface SipGatewayOptions {
  transport: SipTransport;
  /** Address written into SDP and Contact. */
  publicAddress: string;
  rtpPorts: RtpPortRange;
  /** Address of the relay sockets facing Janus (loopback when Janus runs on this machine). */
  bridgeHost: string;
  trunk: readonly AddressRule[];
  auth: { user: string; password: string; realm: string } | undefined;
  maxCalls: number;
  rooms: DialInRooms;
  prompts: PromptLibrary;
  logger: Logger;
  guard?: DialInGuard;
  timers?: SipTimers;
  limits?: SipLimits;
  /** Requests per source address; trunks carry every call, so they get more. */
  rate?: { trunk: RateSettings; other: RateSettings };
  /** Register with a SIP provider (SIP_REGISTRAR); its address then counts as a trunk's. */
  registration?: SipRegistrationSettings | undefined;
  /** Tests: a registrar name resolved without DNS. */
  resolveRegistrar?: (host: string) => Promise<string>;
}

export interface SipRegistrationSettings {
  registrar: { host: string; port: number };
  /** The account at the provider: AOR `sip:<user>@<domain>`, digest user and password. */
  user: string;
  domain: string;
  authUser: string;
  password: string;
  expires: number;
}

interface Dialog {
  sipCallId: string;
  localTag: string;
  /** Their From, our To (with our tag): the From and To of requests we send. */
  remote: string;
  local: string;
  target: string;
  routes: string[];
  source: SipSource;
  invite: ServerTransaction;
  rtp: RtpSession | undefined;
  call: PhoneCall | undefined;
  cseq: number;
  sdp: string;
  state: 'early' | 'confirmed' | 'ended';
}

/**
 * The SIP user agent server: UDP in, RFC 3261 transactions, one dialog per call, the IVR behind it. Only
 * trunk addresses or digest-authenticated peers may call; every other request is dropped unanswered (no
 * help for scanners). There is no code path that places a call (toll fraud cannot happen here).
 */
export class SipGateway {
  private readonly server: ServerTransactions;
  private readonly client: ClientTransactions;
  private readonly dialogs = new Map<string, Dialog>();
  private readonly byInvite = new Map<ServerTransaction, Dialog>();
  private readonly limiterTrunk: KeyedLimiter;
  private readonly limiterOther: KeyedLimiter;
  private readonly secret = randomBytes(32);
  private readonly guard: DialInGuard;
  private readonly limits: SipLimits;
  private readonly log: Logger;
  /** Addresses the provider registration resolved: answered and trusted like SIP_TRUNK_ADDRESSES. */
  private readonly providerAddresses = new Set<string>();
  private readonly registration: ProviderRegistration | undefined;
  private closed = false;

  constructor(private readonly options: SipGatewayOptions) {
    const send = (datagram: Buffer, destination: SipSource): void => {
      if (!this.closed) {
        options.transport.send(datagram, destination);
      }
    };
    const timers = options.timers ?? defaultSipTimers;
    this.server = new ServerTransactions(send, timers);
    this.client = new ClientTransactions(send, timers);
    const rate = options.rate ?? {
      trunk: { capacity: 400, refillPerSecond: 100 },
      other: { capacity: 20, refillPerSecond: 5 },
    };
    this.limiterTrunk = new KeyedLimiter(rate.trunk);
    this.limiterOther = new KeyedLimiter(rate.other);
    this.guard = options.guard ?? new DialInGuard();
    this.limits = options.limits ?? defaultSipLimits;
    this.log = options.logger.child({ component: 'sip-gateway' });
    options.transport.onDatagram((datagram, source) => this.onDatagram(datagram, source));
    this.registration = options.registration && this.startRegistration(options.registration);
  }

  /** Where the provider registration stands (undefined without SIP_REGISTRAR), for logs and health. */
  get registrationState(): RegistrationState | undefined {
    return this.registration?.state;
  }

  private startRegistration(settings: SipRegistrationSettings): ProviderRegistration {
    const registration = new ProviderRegistration({
      identity: {
        registrarUri: `sip:${bracketed(settings.registrar.host)}${settings.registrar.port === 5060 ? '' : `:${settings.registrar.port}`}`,
        aor: `sip:${settings.user}@${settings.domain}`,
        contact: `sip:${settings.user}@${this.hostPort()}`,
        authUser: settings.authUser,
        password: settings.password,
      },
      registrar: settings.registrar,
      expires: settings.expires,
      via: () => `SIP/2.0/UDP ${this.hostPort()};branch=${newBranch()};rport`,
      exchange: (request, destination) => this.client.exchange(request, destination),
      onAddress: (address) => this.providerAddresses.add(address),
      logger: this.log,
      ...(this.options.resolveRegistrar ? { resolve: this.options.resolveRegistrar } : {}),
    });
    registration.start();
    return registration;
  }

  /** Calls in progress (menu, waiting room or meeting). */
  get activeCalls(): number {
    return [...this.dialogs.values()].filter((dialog) => dialog.state !== 'ended').length;
  }

  /** Hangs up every call (BYE) and stops. */
  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    const byes = [...this.dialogs.values()].map((dialog) => this.hangup(dialog));
    await Promise.race([Promise.all(byes), new Promise((resolve) => setTimeout(resolve, 1000))]);
    await this.registration?.stop();
    this.closed = true;
    this.server.close();
    this.client.close();
    await this.options.transport.close();
  }

  private onDatagram(datagram: Buffer, source: SipSource): void {
    try {
      this.handle(datagram, source);
    } catch (error) {
      // Whatever a datagram does, the transport keeps running.
      this.log.error({ err: describeError(error) }, 'SIP datagram handling failed');
    }
  }

  private handle(datagram: Buffer, source: SipSource): void {
    if (this.closed) {
      return;
    }
    // Keep-alive CRLFs (RFC 5626) are not messages.
    if (datagram.length <= 4 && datagram.toString('latin1').trim() === '') {
      return;
    }
    const trunk =
      addressAllowed(this.options.trunk, source.address) || this.providerAddresses.has(source.address);
    if (!trunk && !this.options.auth) {
      return;
    }
    const limiter = trunk ? this.limiterTrunk : this.limiterOther;
    if (!limiter.take(source.address).allowed) {
      return;
    }
    const parsed = parseSipMessage(datagram, this.limits);
    if (!parsed.ok) {
      if (parsed.request && parsed.request.method !== 'ACK') {
        const response = buildResponse(parsed.request, 400, {
          reason: parsed.reason,
          toTag: randomToken(),
          source,
        });
        this.options.transport.send(serializeSipMessage(response), source);
      }
      return;
    }
    const message = parsed.message;
    if (message.kind === 'response') {
      this.client.receive(message);
      return;
    }
    const received = this.server.receive(message, source);
    if (received.kind === 'absorbed') {
      return;
    }
    if (received.kind === 'ack') {
      this.onAck(message);
      return;
    }
    this.onRequest(received.transaction, trunk);
  }

  private onRequest(tx: ServerTransaction, trunk: boolean): void {
    const request = tx.request;
    const reply = (
      status: number,
      extra: { headers?: SipHeader[]; body?: Buffer; toTag?: string } = {},
    ): void =>
      tx.respond(buildResponse(request, status, { toTag: randomToken(), source: tx.source, ...extra }));
    if (!/^sips?:|^tel:/i.test(request.uri)) {
      reply(416);
      return;
    }
    const toTag = tagOf(headerValue(request, 'To'));
    if (toTag !== undefined) {
      this.inDialog(tx, toTag);
      return;
    }
    switch (request.method) {
      case 'OPTIONS':
        reply(200, {
          headers: [
            { name: 'Allow', value: ALLOW },
            { name: 'Accept', value: 'application/sdp' },
          ],
        });
        return;
      case 'INVITE':
        if (!trunk && !this.authorised(tx)) {
          return;
        }
        this.onInvite(tx);
        return;
      case 'CANCEL':
        this.onCancel(tx);
        return;
      case 'BYE':
      case 'INFO':
        reply(481);
        return;
      default:
        reply(KNOWN_METHODS.has(request.method) ? 405 : 501, { headers: [{ name: 'Allow', value: ALLOW }] });
    }
  }

  /** Digest check for callers outside the trunk; answers 401 itself when it fails. */
  private authorised(tx: ServerTransaction): boolean {
    const auth = this.options.auth;
    if (!auth) {
      return false;
    }
    const now = Date.now();
    const header = headerValue(tx.request, 'Authorization');
    const verdict =
      header === undefined
        ? 'wrong'
        : verifyDigest({ header, method: tx.request.method, ...auth, secret: this.secret, now });
    if (verdict === 'ok') {
      return true;
    }
    const nonce = makeNonce(this.secret, now);
    tx.respond(
      buildResponse(tx.request, 401, {
        toTag: randomToken(),
        source: tx.source,
        headers: challenges(auth.realm, nonce, verdict === 'stale').map((value) => ({
          name: 'WWW-Authenticate',
          value,
        })),
      }),
    );
    return false;
  }

  private onInvite(tx: ServerTransaction): void {
    const request = tx.request;
    const localTag = randomToken();
    const reply = (status: number, headers: SipHeader[] = [], body?: Buffer): void =>
      tx.respond(buildResponse(request, status, { toTag: localTag, source: tx.source, headers, body }));
    const require = headerValue(request, 'Require');
    if (require !== undefined) {
      reply(420, [{ name: 'Unsupported', value: require }]);
      return;
    }
    if (this.activeCalls >= this.options.maxCalls) {
      reply(503, [{ name: 'Retry-After', value: '30' }]);
      return;
    }
    let offer: AudioOffer | undefined;
    if (request.body.length > 0) {
      const type = headerValue(request, 'Content-Type')?.split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/sdp') {
        reply(415, [{ name: 'Accept', value: 'application/sdp' }]);
        return;
      }
      const parsed = parseAudioSdp(request.body.toString('utf8'));
      if (!parsed.ok || !chooseCodec(parsed.audio)) {
        reply(488);
        return;
      }
      offer = parsed.audio;
    }
    const from = headerValue(request, 'From') ?? '';
    const contact = parseNameAddr(headerValue(request, 'Contact') ?? '');
    const dialog: Dialog = {
      sipCallId: headerValue(request, 'Call-ID') ?? '',
      localTag,
      remote: from,
      local: `${headerValue(request, 'To') ?? ''};tag=${localTag}`,
      target: contact?.uri ?? parseNameAddr(from)?.uri ?? request.uri,
      routes: request.headers
        .filter((header) => header.name === 'Record-Route')
        .map((header) => header.value),
      source: tx.source,
      invite: tx,
      rtp: undefined,
      call: undefined,
      cseq: 1,
      sdp: '',
      state: 'early',
    };
    this.dialogs.set(this.dialogKey(dialog.sipCallId, localTag), dialog);
    this.byInvite.set(tx, dialog);
    tx.respond(buildResponse(request, 100, { source: tx.source }));
    void this.answer(dialog, offer).catch((error: unknown) => {
      this.log.error({ err: describeError(error) }, 'answering a call failed');
      if (!tx.answered) {
        reply(500);
      }
      this.forget(dialog);
    });
  }

  private async answer(dialog: Dialog, offer: AudioOffer | undefined): Promise<void> {
    const tx = dialog.invite;
    const callerKey = this.callerKey(tx.request);
    const delay = this.guard.answerDelayMs(callerKey);
    if (delay > 0) {
      // The fourth call after three failed ones rings a while before the menu answers.
      tx.respond(buildResponse(tx.request, 180, { toTag: dialog.localTag, source: tx.source }));
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    if (isSettled(dialog)) {
      return;
    }
    const chosen = offer ? chooseCodec(offer) : { codec: 'pcma' as const, payloadType: PAYLOAD_TYPE.pcma };
    if (!chosen) {
      return;
    }
    const rtp = await RtpSession.open({
      ports: this.options.rtpPorts,
      codec: chosen.codec,
      payloadType: chosen.payloadType,
      telephoneEvent: offer ? offer.telephoneEvent : 101,
      allowedAddresses: [tx.source.address],
      bridgeHost: this.options.bridgeHost,
      logger: this.log,
    });
    // A CANCEL or BYE may have come while the socket was bound.
    if (isSettled(dialog)) {
      rtp.close();
      return;
    }
    dialog.rtp = rtp;
    const sdp = buildAudioSdp({
      address: this.options.publicAddress,
      port: rtp.port,
      sessionId: String(Date.now()),
      version: 1,
      codecs: offer
        ? [chosen]
        : [
            { codec: 'pcma', payloadType: PAYLOAD_TYPE.pcma },
            { codec: 'pcmu', payloadType: PAYLOAD_TYPE.pcmu },
          ],
      telephoneEvent: offer ? offer.telephoneEvent : 101,
      direction: offer?.direction,
    });
    dialog.sdp = sdp;
    if (offer) {
      rtp.setRemote(offer.address, offer.port);
    }
    const call = new PhoneCall(randomUUID(), callerKey, rtp, {
      rooms: this.options.rooms,
      guard: this.guard,
      prompts: this.options.prompts,
      logger: this.log,
      hangup: () => void this.hangup(dialog),
    });
    dialog.call = call;
    tx.onNoAck = () => {
      this.log.info({ call: call.callId }, 'no ACK for 200; hanging up');
      void this.hangup(dialog);
    };
    tx.respond(
      buildResponse(tx.request, 200, {
        toTag: dialog.localTag,
        source: tx.source,
        headers: [
          { name: 'Contact', value: `<sip:treffpunkt@${this.hostPort()}>` },
          { name: 'Allow', value: ALLOW },
          { name: 'Content-Type', value: 'application/sdp' },
        ],
        body: Buffer.from(sdp),
      }),
    );
    this.log.info({ call: call.callId, codec: chosen.codec }, 'phone call answered');
  }

  private onAck(ack: SipRequest): void {
    const dialog = this.dialogs.get(
      this.dialogKey(headerValue(ack, 'Call-ID') ?? '', tagOf(headerValue(ack, 'To')) ?? ''),
    );
    if (!dialog || dialog.state !== 'early' || !dialog.call || !dialog.rtp) {
      return;
    }
    dialog.invite.acknowledged();
    dialog.state = 'confirmed';
    if (ack.body.length > 0) {
      // Late offer: the ACK carries the answer to the offer in our 200.
      const answer = parseAudioSdp(ack.body.toString('utf8'));
      if (answer.ok) {
        dialog.rtp.setRemote(answer.audio.address, answer.audio.port);
      }
    }
    dialog.call.start();
  }

  private onCancel(tx: ServerTransaction): void {
    const invite = this.server.inviteFor(tx.request);
    tx.respond(buildResponse(tx.request, invite ? 200 : 481, { toTag: randomToken(), source: tx.source }));
    const dialog = invite ? this.byInvite.get(invite) : undefined;
    if (!invite || invite.answered || !dialog) {
      return;
    }
    invite.respond(buildResponse(invite.request, 487, { toTag: dialog.localTag, source: invite.source }));
    this.forget(dialog);
  }

  private inDialog(tx: ServerTransaction, toTag: string): void {
    const request = tx.request;
    const dialog = this.dialogs.get(this.dialogKey(headerValue(request, 'Call-ID') ?? '', toTag));
    const reply = (status: number, headers: SipHeader[] = [], body?: Buffer): void =>
      tx.respond(buildResponse(request, status, { toTag, source: tx.source, headers, body }));
    if (!dialog || dialog.state === 'ended') {
      reply(481);
      return;
    }
    switch (request.method) {
      case 'BYE':
        reply(200);
        this.forget(dialog);
        return;
      case 'INFO': {
        const digit = parseDtmfInfo(
          headerValue(request, 'Content-Type') ?? '',
          request.body.toString('utf8'),
        );
        reply(digit ? 200 : 415);
        if (digit) {
          dialog.call?.digit(digit);
        }
        return;
      }
      case 'INVITE': {
        // Re-INVITE (hold, a new address): follow the new address, keep our answer.
        const parsed = request.body.length > 0 ? parseAudioSdp(request.body.toString('utf8')) : undefined;
        if (parsed && !parsed.ok) {
          reply(488);
          return;
        }
        if (parsed?.ok) {
          dialog.rtp?.setRemote(parsed.audio.address, parsed.audio.port);
        }
        reply(
          200,
          [
            { name: 'Contact', value: `<sip:treffpunkt@${this.hostPort()}>` },
            { name: 'Content-Type', value: 'application/sdp' },
          ],
          Buffer.from(dialog.sdp),
        );
        return;
      }
      case 'OPTIONS':
        reply(200, [{ name: 'Allow', value: ALLOW }]);
        return;
      default:
        reply(KNOWN_METHODS.has(request.method) ? 405 : 501, [{ name: 'Allow', value: ALLOW }]);
    }
  }

  /** Our BYE (menu finished, meeting ended, no ACK, shutdown). */
  private async hangup(dialog: Dialog): Promise<void> {
    if (dialog.state === 'ended') {
      return;
    }
    const confirmed = dialog.state === 'confirmed' || dialog.invite.state === 'accepted';
    this.forget(dialog);
    if (!confirmed) {
      return;
    }
    dialog.cseq += 1;
    const bye: SipRequest = {
      kind: 'request',
      method: 'BYE',
      uri: dialog.target,
      headers: [
        { name: 'Via', value: `SIP/2.0/UDP ${this.hostPort()};branch=${newBranch()};rport` },
        { name: 'Max-Forwards', value: '70' },
        ...dialog.routes.map((value) => ({ name: 'Route', value })),
        { name: 'From', value: dialog.local },
        { name: 'To', value: dialog.remote },
        { name: 'Call-ID', value: dialog.sipCallId },
        { name: 'CSeq', value: `${dialog.cseq} BYE` },
      ],
      body: Buffer.alloc(0),
    };
    await this.client.request(bye, dialog.source);
  }

  private forget(dialog: Dialog): void {
    dialog.state = 'ended';
    dialog.call?.end();
    dialog.rtp?.close();
    this.dialogs.delete(this.dialogKey(dialog.sipCallId, dialog.localTag));
    this.byInvite.delete(dialog.invite);
  }

  /** HMAC of the caller's number (P-Asserted-Identity from a trunk, else From); the number itself goes nowhere. */
  private callerKey(request: SipRequest): string {
    const identity = headerValue(request, 'P-Asserted-Identity') ?? headerValue(request, 'From') ?? '';
    const user = uriUser(parseNameAddr(identity)?.uri ?? '') ?? 'anonymous';
    const number = user.replace(/[^0-9+*#a-z]/gi, '').toLowerCase();
    return createHmac('sha256', this.secret).update(`caller:${number}`).digest('base64url').slice(0, 22);
  }

  private hostPort(): string {
    return `${bracketed(this.options.publicAddress)}:${this.options.transport.address.port}`;
  }

  private dialogKey(callId: string, localTag: string): string {
    return `${callId}|${localTag}`;
  }
}

/**
 * Answered (CANCEL → 487) or ended (BYE) meanwhile. A function, not an inline condition: both change across
 * awaits, which TypeScript's narrowing does not see.
 */
function isSettled(dialog: Dialog): boolean {
  return dialog.invite.answered || dialog.state === 'ended';
}

/** An IPv6 address in a SIP URI or Via needs brackets (RFC 3261 §25.1). */
const bracketed = (host: string): string => (host.includes(':') ? `[${host}]` : host);

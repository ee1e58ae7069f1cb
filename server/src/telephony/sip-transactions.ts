import { serializeSipMessage } from './sip-build-fns.js';
import { MAGIC_COOKIE, parseCSeq, parseVia } from './sip-header-fns.js';
import { headerValue, type SipRequest, type SipResponse, type SipSource } from './sip-message.js';

/** RFC 3261 §17 timer bases; tests shorten them. */
export interface SipTimers {
  t1: number;
  t2: number;
  t4: number;
}

export const defaultSipTimers: SipTimers = { t1: 500, t2: 4000, t4: 5000 };

export type SendFn = (datagram: Buffer, destination: SipSource) => void;

type ServerState = 'trying' | 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';

/**
 * One server transaction (RFC 3261 §17.2 with RFC 6026's Accepted state). For INVITE it retransmits a
 * final response over UDP (Timer G) until the ACK: for non-2xx the ACK is absorbed here (same branch); a 2xx
 * is ACKed end-to-end, so the dialog calls `acknowledged()`. Without an ACK by Timer H, `onNoAck` fires.
 */
export class ServerTransaction {
  state: ServerState;
  private lastResponse: Buffer | undefined;
  private retransmit: NodeJS.Timeout | undefined;
  private expire: NodeJS.Timeout | undefined;
  /** Called when a final response was never acknowledged (INVITE) — the dialog then gives up. */
  onNoAck: () => void = () => undefined;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly source: SipSource,
    private readonly layer: ServerTransactions,
  ) {
    this.state = request.method === 'INVITE' ? 'proceeding' : 'trying';
  }

  get isInvite(): boolean {
    return this.request.method === 'INVITE';
  }

  /** Whether a final response has been sent. */
  get answered(): boolean {
    return this.state !== 'trying' && this.state !== 'proceeding';
  }

  respond(response: SipResponse): void {
    if (this.answered) {
      return;
    }
    const datagram = serializeSipMessage(response);
    this.lastResponse = datagram;
    this.layer.send(datagram, this.source);
    if (response.status < 200) {
      this.state = 'proceeding';
      return;
    }
    const { t1, t2 } = this.layer.timers;
    if (!this.isInvite) {
      this.state = 'completed';
      this.expire = setTimeout(() => this.terminate(), 64 * t1); // Timer J
      return;
    }
    this.state = response.status < 300 ? 'accepted' : 'completed';
    let interval = t1;
    const again = (): void => {
      this.send();
      interval = Math.min(interval * 2, t2);
      this.retransmit = setTimeout(again, interval); // Timer G (and the 2xx retransmission of §13.3.1.4)
    };
    this.retransmit = setTimeout(again, interval);
    this.expire = setTimeout(() => {
      // Timer H (non-2xx) or Timer L (2xx): no ACK came.
      this.terminate();
      this.onNoAck();
    }, 64 * t1);
  }

  /** A retransmission of the request arrived: repeat the last response, if any (§17.2.1, §17.2.2). */
  retransmitted(): void {
    if (this.state === 'proceeding' || this.state === 'completed' || this.state === 'accepted') {
      this.send();
    }
  }

  /** The ACK for our final response arrived. */
  acknowledged(): void {
    if (this.state === 'completed') {
      this.state = 'confirmed';
      this.stopTimers();
      this.expire = setTimeout(() => this.terminate(), this.layer.timers.t4); // Timer I
    } else if (this.state === 'accepted') {
      this.terminate();
    }
  }

  terminate(): void {
    this.stopTimers();
    this.state = 'terminated';
    this.layer.forget(this);
  }

  private send(): void {
    if (this.lastResponse) {
      this.layer.send(this.lastResponse, this.source);
    }
  }

  private stopTimers(): void {
    clearTimeout(this.retransmit);
    clearTimeout(this.expire);
  }
}

/** The transaction key of a request (§17.2.3): branch + sent-by + method, ACK and CANCEL mapped as the RFC says. */
export function transactionKey(request: SipRequest, method = request.method): string | undefined {
  const via = parseVia(headerValue(request, 'Via') ?? '');
  if (!via) {
    return undefined;
  }
  const keyMethod = method === 'ACK' ? 'INVITE' : method;
  const branch = via.params.get('branch');
  if (branch?.startsWith(MAGIC_COOKIE)) {
    return `${branch}|${via.host}:${via.port ?? 5060}|${keyMethod}`;
  }
  // RFC 2543 peers: no usable branch; the request's identity has to do.
  const cseq = parseCSeq(headerValue(request, 'CSeq') ?? '');
  return `2543|${headerValue(request, 'Call-ID') ?? ''}|${headerValue(request, 'From') ?? ''}|${cseq?.seq ?? ''}|${keyMethod}`;
}

/** The server transaction layer: matches requests to transactions, absorbs retransmissions and ACKs of errors. */
export class ServerTransactions {
  private readonly live = new Map<string, ServerTransaction>();

  constructor(
    readonly send: SendFn,
    readonly timers: SipTimers = defaultSipTimers,
  ) {}

  /**
   * Hands a request to the layer. Returns a new transaction for the transaction user, `absorbed` for a
   * retransmission or an ACK that matched an error response, or `ack` for an ACK the dialog must see (2xx).
   */
  receive(
    request: SipRequest,
    source: SipSource,
  ): { kind: 'new'; transaction: ServerTransaction } | { kind: 'absorbed' } | { kind: 'ack' } {
    const key = transactionKey(request);
    if (key === undefined) {
      return { kind: 'absorbed' };
    }
    const existing = this.live.get(key);
    if (request.method === 'ACK') {
      if (existing && existing.state !== 'accepted') {
        existing.acknowledged();
        return { kind: 'absorbed' };
      }
      return { kind: 'ack' };
    }
    if (existing) {
      existing.retransmitted();
      return { kind: 'absorbed' };
    }
    const transaction = new ServerTransaction(key, request, source, this);
    this.live.set(key, transaction);
    return { kind: 'new', transaction };
  }

  /** The INVITE transaction a CANCEL refers to (same branch, §9.2). */
  inviteFor(cancel: SipRequest): ServerTransaction | undefined {
    const key = transactionKey(cancel, 'INVITE');
    return key === undefined ? undefined : this.live.get(key);
  }

  get size(): number {
    return this.live.size;
  }

  forget(transaction: ServerTransaction): void {
    if (this.live.get(transaction.key) === transaction) {
      this.live.delete(transaction.key);
    }
  }

  /** Stops every timer (gateway shutdown). */
  close(): void {
    for (const transaction of [...this.live.values()]) {
      transaction.terminate();
    }
  }
}

/**
 * Non-INVITE client transactions (§17.1.2) for the only requests we originate: BYE (and the optional
 * REGISTER). Timer E retransmits until a response, Timer F gives up.
 */
export class ClientTransactions {
  private readonly pending = new Map<
    string,
    { resolve: (response: SipResponse | undefined) => void; timers: NodeJS.Timeout[] }
  >();
  private closed = false;

  constructor(
    private readonly send: SendFn,
    private readonly timers: SipTimers = defaultSipTimers,
  ) {}

  /** Sends a request; resolves with the final status, or 408 when Timer F fires (503 when closed). */
  async request(request: SipRequest, destination: SipSource): Promise<number> {
    const response = await this.exchange(request, destination);
    return response === undefined ? (this.closed ? 503 : 408) : response.status;
  }

  /** Sends a request; resolves with the final response, or undefined when Timer F fires or on close. */
  exchange(request: SipRequest, destination: SipSource): Promise<SipResponse | undefined> {
    const key = transactionKey(request);
    if (key === undefined || this.closed) {
      return Promise.resolve(undefined);
    }
    const datagram = serializeSipMessage(request);
    return new Promise((resolve) => {
      const entry = { resolve, timers: [] as NodeJS.Timeout[] };
      this.pending.set(key, entry);
      this.send(datagram, destination);
      let interval = this.timers.t1;
      const again = (): void => {
        this.send(datagram, destination);
        interval = Math.min(interval * 2, this.timers.t2);
        entry.timers[0] = setTimeout(again, interval); // Timer E
      };
      entry.timers[0] = setTimeout(again, interval);
      entry.timers[1] = setTimeout(() => this.finish(key, undefined), 64 * this.timers.t1); // Timer F
    });
  }

  /** A response arrived; returns whether it belonged to one of our transactions. */
  receive(response: SipResponse): boolean {
    const cseq = parseCSeq(headerValue(response, 'CSeq') ?? '');
    const via = parseVia(headerValue(response, 'Via') ?? '');
    const branch = via?.params.get('branch');
    if (!cseq || !via || !branch) {
      return false;
    }
    const key = `${branch}|${via.host}:${via.port ?? 5060}|${cseq.method}`;
    if (!this.pending.has(key)) {
      return false;
    }
    if (response.status >= 200) {
      this.finish(key, response);
    }
    return true;
  }

  close(): void {
    this.closed = true;
    for (const key of [...this.pending.keys()]) {
      this.finish(key, undefined);
    }
  }

  private finish(key: string, response: SipResponse | undefined): void {
    const entry = this.pending.get(key);
    if (entry) {
      entry.timers.forEach((timer) => clearTimeout(timer));
      this.pending.delete(key);
      entry.resolve(response);
    }
  }
}

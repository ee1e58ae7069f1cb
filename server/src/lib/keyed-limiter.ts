import { createHmac, randomBytes } from 'node:crypto';
import { TokenBucket } from './token-bucket.js';

export interface KeyedLimiterOptions {
  /** Attempts allowed at once per key. */
  capacity: number;
  /** Attempts regained per second per key. */
  refillPerSecond: number;
  /** Upper bound on keys kept in memory; the least recently used go first. */
  maxKeys?: number;
  now?: () => number;
}

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Entry {
  bucket: TokenBucket;
  lastUsed: number;
}

/**
 * One token bucket per key (an account, a request source), in memory only. Keys are kept as an HMAC with a
 * per-process random secret, so the map never holds an email or IP address; nothing is persisted or logged.
 * With several server nodes each node limits on its own, which only loosens the limit by the node count.
 */
export class KeyedLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly secret = randomBytes(32);
  private readonly maxKeys: number;
  private readonly now: () => number;
  /** After this long unused, a bucket is full again and can be forgotten without changing any answer. */
  private readonly idleForgetMs: number;

  constructor(private readonly options: KeyedLimiterOptions) {
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
    this.idleForgetMs = (options.capacity / options.refillPerSecond) * 1000;
  }

  /** Spends one attempt for `key`; says when to retry if none is left. */
  take(key: string): LimitResult {
    const id = this.keyId(key);
    const entry = this.entries.get(id) ?? this.create();
    // Re-inserting keeps the Map in least-recently-used order for eviction.
    this.entries.delete(id);
    entry.lastUsed = this.now();
    this.entries.set(id, entry);
    if (entry.bucket.tryTake()) {
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, entry.bucket.secondsUntilAvailable()) };
  }

  /** Forgets a key, e.g. an account's failed logins after a successful one. */
  reset(key: string): void {
    this.entries.delete(this.keyId(key));
  }

  get size(): number {
    return this.entries.size;
  }

  private create(): Entry {
    if (this.entries.size >= this.maxKeys) {
      this.prune();
    }
    return {
      bucket: new TokenBucket(this.options.capacity, this.options.refillPerSecond, this.now),
      lastUsed: this.now(),
    };
  }

  private prune(): void {
    const cutoff = this.now() - this.idleForgetMs;
    for (const [id, entry] of this.entries) {
      if (entry.lastUsed <= cutoff) {
        this.entries.delete(id);
      }
    }
    // Still full: drop the least recently used. Under such a flood a reset bucket is the lesser harm.
    for (const id of this.entries.keys()) {
      if (this.entries.size < this.maxKeys) {
        break;
      }
      this.entries.delete(id);
    }
  }

  private keyId(key: string): string {
    return createHmac('sha256', this.secret).update(key).digest('base64url').slice(0, 22);
  }
}

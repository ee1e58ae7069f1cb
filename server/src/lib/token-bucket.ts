/**
 * A token bucket: `capacity` actions at once, refilled at `refillPerSecond`. Used for per-connection message
 * limits and, keyed, for login/passcode/PIN throttling.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Takes one token if there is one; returns whether the action may go ahead. */
  tryTake(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) {
      return false;
    }
    this.tokens -= cost;
    return true;
  }

  /** Seconds until `cost` tokens are available again. */
  secondsUntilAvailable(cost = 1): number {
    this.refill();
    return this.tokens >= cost ? 0 : Math.ceil((cost - this.tokens) / this.refillPerSecond);
  }

  private refill(): void {
    const now = this.now();
    const elapsedSeconds = (now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsedSeconds * this.refillPerSecond);
    this.updatedAt = now;
  }
}

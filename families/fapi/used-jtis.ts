/**
 * The `jti`s signed request bodies already used, per client: a `jti` sent twice is a replay (403 INVALID_CLIENT).
 * Each is remembered for as long as its `iat` could still be accepted (the ±300 s window, 10 minutes in all) and at
 * most `capacity` are kept, the oldest dropped first, so memory stays bounded whatever a client sends. The memory is
 * the process's own: mocks sharing `--state redis` do not share it, so a replay sent to another instance passes.
 */

const DEFAULT_KEEP_MS = 600_000;
const DEFAULT_CAPACITY = 10_000;

export class UsedJtis {
  /** `clientId jti` → when it may be forgotten; in the order first used (Map keeps insertion order). */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly keepMs = DEFAULT_KEEP_MS,
    readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /** Records the use; false when `clientId` already used `jti` (still remembered), and then nothing changes. */
  use(clientId: string, jti: string, nowMs: number): boolean {
    this.forgetExpired(nowMs);
    const key = `${clientId} ${jti}`;
    const until = this.seen.get(key);
    if (until !== undefined && until > nowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, nowMs + this.keepMs);
    while (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!); // size > 0: a first key exists
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** From the oldest on; stops at the first still kept (a clock that went back leaves later ones to the cap). */
  private forgetExpired(nowMs: number): void {
    for (const [key, until] of this.seen) {
      if (until > nowMs) return;
      this.seen.delete(key);
    }
  }
}

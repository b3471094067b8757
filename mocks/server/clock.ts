/**
 * The mock's clock: pinned by `--now`, or the system clock. `requestDateTime`
 * is formatted the way Open Finance wants it (`yyyy-MM-ddTHH:mm:ssZ`, 20
 * characters: the specs cap it with maxLength 20) and computed once a second,
 * not once a request.
 */
import { formatRequestDateTime } from '../../data/error-body.ts';

export class MockClock {
  private cachedSecond = -1;
  private cachedText = '';

  constructor(private readonly pinned?: Date) {}

  get isPinned(): boolean {
    return this.pinned !== undefined;
  }

  now(): Date {
    return this.pinned ? new Date(this.pinned.getTime()) : new Date();
  }

  /** Milliseconds since the epoch, without allocating a Date. */
  nowMs(): number {
    return this.pinned ? this.pinned.getTime() : Date.now();
  }

  /** The current time as an HTTP date (`Fri, 10 May 2024 12:00:00 GMT`), for the Date header. */
  httpDate(): string {
    return new Date(this.nowMs()).toUTCString();
  }

  /** The current second as `2024-05-10T12:00:00Z`. */
  requestDateTime(): string {
    const ms = this.nowMs();
    const second = Math.floor(ms / 1000);
    if (second !== this.cachedSecond) {
      this.cachedSecond = second;
      this.cachedText = formatRequestDateTime(new Date(second * 1000));
    }
    return this.cachedText;
  }
}

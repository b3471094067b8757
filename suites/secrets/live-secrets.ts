/**
 * Secrets that arrive while a run goes on — the access and refresh tokens of
 * `--auth`, minted and refreshed mid-run — in one growing list. Every
 * Scrubber made with it (`createScrubber(…, { live })`) recompiles its
 * matchers when the list grows, so a token is scrubbed from the moment it is
 * added, before it is ever sent.
 */
import { MIN_SECRET_LENGTH } from './redacted.ts';

export class LiveSecrets {
  private readonly list: string[] = [];
  private readonly seen = new Set<string>();

  /** Grows by one each time a new secret is added; scrubbers compare it to what they compiled. */
  get version(): number {
    return this.list.length;
  }

  get values(): readonly string[] {
    return this.list;
  }

  add(secret: string | undefined): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.seen.has(secret)) return;
    this.seen.add(secret);
    this.list.push(secret);
  }
}

/**
 * The consent-bound access token of a run, kept fresh: a refresh is due at
 * 80% of the token's life and is made in the background before then, so
 * `current()` never waits; a refresh that fails keeps the old token (a
 * warning) and the run goes on until the server refuses it.
 */
import * as client from 'openid-client';
import { authStepError } from './auth-errors.ts';

export interface TokenHolderOptions {
  config: client.Configuration;
  accessToken: string;
  refreshToken?: string;
  /** Seconds the access token lives (`expires_in`); undefined = no refresh. */
  expiresIn?: number;
  learn(secret: string): void;
  /** Told about a refresh that failed (one sentence). Default: nothing. */
  warn?(message: string): void;
}

/** Refresh at this share of a token's life. */
const REFRESH_AT = 0.8;

export class TokenHolder {
  private token: string;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Refreshes done so far (tests and the progress line read it). */
  refreshes = 0;
  private readonly refreshed: Array<() => void> = [];

  constructor(private readonly options: TokenHolderOptions) {
    this.token = options.accessToken;
    this.schedule(options.expiresIn);
  }

  current(): string {
    return this.token;
  }

  /** Resolves after the next refresh (tests use it instead of clocks). */
  nextRefresh(): Promise<void> {
    return new Promise((resolve) => this.refreshed.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(expiresIn: number | undefined): void {
    if (this.stopped || !this.options.refreshToken || expiresIn === undefined || !(expiresIn > 0)) return;
    this.timer = setTimeout(() => void this.refresh(), expiresIn * REFRESH_AT * 1000);
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    try {
      const tokens = await client.refreshTokenGrant(this.options.config, this.options.refreshToken!);
      this.options.learn(tokens.access_token);
      if (tokens.refresh_token) {
        this.options.learn(tokens.refresh_token);
        this.options.refreshToken = tokens.refresh_token;
      }
      if (this.stopped) return;
      this.token = tokens.access_token;
      this.refreshes++;
      this.schedule(tokens.expires_in);
    } catch (error) {
      this.options.warn?.(authStepError('refresh', error).message);
    } finally {
      for (const resolve of this.refreshed.splice(0)) resolve();
    }
  }
}

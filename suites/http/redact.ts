/**
 * Evidence without secrets: the request and response of an exchange as a
 * result keeps them — every header, URL and body through the run's one
 * Scrubber (suites/secrets/scrub.ts), bodies capped in size. The target's
 * answers may echo a token back in any encoding; the scrubber finds it.
 */
import type { RequestEvidence, ResponseEvidence } from '../result-model.ts';
import { createScrubber, type Scrubber } from '../secrets/scrub.ts';
import type { Exchange, OutgoingRequest } from './exchange.ts';
import type { LiveSecrets } from '../secrets/live-secrets.ts';

/** How much of a body a result keeps as evidence; the rest is dropped (the size stays in `bodyBytes`). */
export const DEFAULT_EVIDENCE_BYTES = 64 * 1024;

export interface Redactor extends Scrubber {
  requestEvidence(exchange: Exchange): RequestEvidence;
  responseEvidence(exchange: Exchange): ResponseEvidence | undefined;
  /** The request as a `curl` command with placeholders for secrets (curl.ts); absent = results carry no curl. */
  curl?: (request: OutgoingRequest) => string;
}

/**
 * @param secrets strings to scrub everywhere, in every encoding (shorter than 4 characters are ignored: no real token is that short)
 * @param extraHeaderNames header names that carry credentials for this spec (e.g. an apiKey scheme's header)
 * @param evidenceBytes how much of each body to keep (default DEFAULT_EVIDENCE_BYTES)
 * @param curl writes a failure's request as a `curl` command (default: none, results carry no curl)
 * @param live secrets learnt while the run goes on (refreshed tokens); default none
 */
export function createRedactor(
  secrets: readonly string[],
  extraHeaderNames: readonly string[] = [],
  evidenceBytes = DEFAULT_EVIDENCE_BYTES,
  curl?: (request: OutgoingRequest) => string,
  live?: LiveSecrets,
): Redactor {
  const scrubber = createScrubber(secrets, { credentialHeaders: extraHeaderNames, live });
  // Scrubbed first, cut second: a cut through a scrubbed text cannot expose part of a secret.
  const capped = (body: string): string =>
    Buffer.byteLength(body) <= evidenceBytes ? body : `${Buffer.from(body).subarray(0, evidenceBytes).toString('utf8')}…`;

  return {
    ...scrubber,
    ...(curl ? { curl } : {}),
    requestEvidence(exchange) {
      const { request } = exchange;
      return {
        method: request.method,
        url: scrubber.text(request.url),
        headers: scrubber.headers(request.headers),
        ...(request.body === undefined ? {} : { body: capped(scrubber.text(JSON.stringify(request.body))) }),
      };
    },
    responseEvidence(exchange) {
      const { response } = exchange;
      if (!response) return undefined;
      const keptBytes = Buffer.byteLength(response.text);
      return {
        status: response.status,
        headers: scrubber.headers(response.headers),
        // A body cut at the read limit may end part-way through a token the target placed there.
        body: capped(response.truncated ? scrubber.cutText(response.text) : scrubber.text(response.text)),
        bodyBytes: response.bytes,
        bodyTruncated: response.truncated || keptBytes > evidenceBytes,
        durationMs: response.durationMs,
      };
    },
  };
}

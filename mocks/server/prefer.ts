/**
 * `Prefer: code=<status>` and `Prefer: example=<name>`, as in Prism: a receiver
 * asks for any documented response on purpose. An error status is answered
 * with a valid body in the operation's envelope; `example` serves the spec's
 * named example as written. A preference the operation cannot honour (status
 * not documented, example unknown) is ignored, as RFC 7240 allows, and the
 * request is handled normally. Returns true when it answered.
 */
import { jsonMedia, responseFor } from '../../specs/lookup.ts';
import type { MockExchange } from './mock-exchange.ts';
import type { Preference } from './faults.ts';
import type { MountedOperation } from './mount.ts';

export function answerPreference(ex: MockExchange, mounted: MountedOperation, preference: Preference): boolean {
  const { operation } = mounted;
  if (preference.example !== undefined) {
    const status = preference.code ?? mounted.success.status;
    const response = responseFor(operation, status);
    const media = response ? jsonMedia(response.content) : undefined;
    if (media && Object.hasOwn(media.examples, preference.example)) {
      ex.headers['preference-applied'] = `example=${preference.example}${preference.code ? `, code=${status}` : ''}`;
      ex.sendJson(status, media.examples[preference.example]);
      return true;
    }
    if (preference.code === undefined) return false;
  }
  const code = preference.code;
  if (code === undefined || code < 300 || !responseFor(operation, code)) return false;
  ex.headers['preference-applied'] = `code=${code}`;
  if (code === 429) ex.headers['retry-after'] = 1;
  ex.sendError(code, `answered with ${code} because the request asked for it (Prefer: code=${code}).`, undefined);
  return true;
}

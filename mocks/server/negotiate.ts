/**
 * `Accept` negotiation: every body the mock sends is JSON in UTF-8, so a
 * request whose Accept rules that out (`application/xml`, `application/json;
 * charset=latin1`, `application/json;q=0`) gets 406 — except where the spec documents a signed body
 * (`application/jwt`), which such a client may ask for alone. Verdicts are remembered
 * per header value (clients send the same few), keeping negotiator off the hot path.
 */
import Negotiator from 'negotiator';

const verdicts = new Map<string, boolean>();
const OFFERED = ['application/json', 'application/json; charset=utf-8'];

export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept === '' || accept === '*/*' || accept === 'application/json') return true;
  let verdict = verdicts.get(accept);
  if (verdict === undefined) {
    verdict = new Negotiator({ headers: { accept } }).mediaType(OFFERED) !== undefined;
    if (verdicts.size > 500) verdicts.clear();
    verdicts.set(accept, verdict);
  }
  return verdict;
}

const signedVerdicts = new Map<string, boolean>();

/** Whether Accept allows a compact JWS (`application/jwt`), for operations that document one. */
export function acceptsSigned(accept: string | undefined): boolean {
  if (accept === undefined || accept === '' || accept === '*/*' || accept === 'application/jwt') return true;
  let verdict = signedVerdicts.get(accept);
  if (verdict === undefined) {
    verdict = new Negotiator({ headers: { accept } }).mediaType(['application/jwt']) !== undefined;
    if (signedVerdicts.size > 500) signedVerdicts.clear();
    signedVerdicts.set(accept, verdict);
  }
  return verdict;
}

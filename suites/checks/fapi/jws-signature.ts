/**
 * `jws-signature`: a signed body (`application/jwt`, the payments family) verifies against the JWKS the user named
 * with `--target-jwks` (PS256, the key its `kid` names) and carries the claims the Open Finance rules for signed
 * messages validate: `aud`, `iss` and `jti` as strings, `iat` as a NumericDate. The payload's schema is
 * response-schema's; this check judges only the envelope of trust around it.
 */
import { verifyCompactJws, type DecodedJws } from '../../../specs/jws.ts';
import { isSignedMedia } from '../../../specs/lookup.ts';
import type { Exchange } from '../../http/exchange.ts';
import type { CheckFinding, ExchangeCheck, OperationContext } from '../types.ts';

const STRING_CLAIMS = ['aud', 'iss', 'jti'] as const;

export const jwsSignature: ExchangeCheck = {
  kind: 'exchange',
  id: 'jws-signature',
  description: 'Every signed (application/jwt) body verifies against --target-jwks (PS256) and carries aud, iss, jti and iat.',
  severity: 'error',
  guards: [
    (ctx) => ctx.operation.responses.some((response) => response.content.some(isSignedMedia)),
    (ctx) =>
      ctx.settings.targetJwks !== undefined || 'no --target-jwks was given: the signatures of the application/jwt bodies are not verified',
  ],
  selects: (exchange) => exchange.body.kind === 'json' && exchange.body.signed !== undefined,
  inspect(exchange, ctx) {
    const body = exchange.body;
    if (body.kind !== 'json' || !body.signed) return [];
    return [...signatureFindings(body.signed, exchange, ctx), ...claimFindings(body.value, exchange)];
  },
  nothingToInspect: 'no response carried a signed (application/jwt) body',
};

function signatureFindings(jws: DecodedJws, exchange: Exchange, ctx: OperationContext): CheckFinding[] {
  const { problem } = verifyCompactJws(jws, ctx.settings.targetJwks ?? []);
  if (problem === undefined) return [];
  return [
    { message: `the JWS does not verify: ${problem}`, path: 'signature', rule: 'PS256 signature by a key of --target-jwks', on: exchange },
  ];
}

function claimFindings(payload: unknown, exchange: Exchange): CheckFinding[] {
  const claims = payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
  const findings: CheckFinding[] = [];
  for (const name of STRING_CLAIMS) {
    const value = claims[name];
    if (typeof value !== 'string' || value === '')
      findings.push({
        message: `the claim ${name} is missing or not a string`,
        path: `$.${name}`,
        rule: 'string claim',
        actual: value,
        on: exchange,
      });
  }
  const iat = claims.iat;
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat <= 0)
    findings.push({
      message: 'the claim iat is missing or not a NumericDate (whole seconds since 1970)',
      path: '$.iat',
      rule: 'NumericDate',
      actual: iat,
      on: exchange,
    });
  return findings;
}

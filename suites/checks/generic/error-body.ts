/**
 * `error-body`: every 4xx/5xx body in the envelope the spec documents for its
 * status. Where the family's standard demands its envelope
 * (FamilyProfile.errorEnvelopeRequired: Open Finance, Open Insurance, Opus), an
 * error response must have the `errors` envelope even where the spec gives no schema for it.
 */
import { responseFor } from '../../../specs/lookup.ts';
import type { Exchange } from '../../http/exchange.ts';
import type { CheckFinding, ExchangeCheck, OperationContext } from '../types.ts';
import { bodySchemaFindings } from './body-schema.ts';

export const errorBody: ExchangeCheck = {
  kind: 'exchange',
  id: 'error-body',
  description:
    "Every 4xx/5xx body is in the spec's error envelope for its status (Open Finance: errors[1..13] with code, title, detail; meta where required).",
  severity: 'error',
  guards: [],
  selects: (exchange) => exchange.response !== undefined && exchange.response.status >= 400,
  inspect(exchange, ctx) {
    const documented = responseFor(ctx.operation, exchange.response!.status);
    if (documented?.content.some((m) => m.schema !== undefined)) return bodySchemaFindings(exchange, ctx);
    return ctx.profile.errorEnvelopeRequired ? envelopeFindings(exchange, ctx) : [];
  },
  nothingToInspect: (ctx) => {
    const op = ctx.operation;
    const errors = op.responses.filter((r) => /^[45]/.test(r.status)).map((r) => r.status);
    if (errors.length === 0) return `no error response was received, and the spec documents no error status for ${op.id}`;
    // With nothing the caller sends that could be wrong, only the server's own faults remain, which no request provokes.
    const callerInput = op.parameters.length > 0 || op.requestBody !== undefined || op.security.length > 0;
    return callerInput
      ? `no error response was received (the spec documents ${errors.join(', ')} for ${op.id})`
      : `no error response was received: ${op.id} takes no parameters, body or credentials, so none of its documented errors (${errors.join(', ')}) follows from a request`;
  },
};

/** The Open Finance envelope, for error statuses the spec leaves without a schema. */
function envelopeFindings(exchange: Exchange, _ctx: OperationContext): CheckFinding[] {
  const body = exchange.body;
  if (body.kind !== 'json') {
    return [
      {
        message: `an error response must carry the errors envelope as JSON; the body is ${body.kind === 'empty' ? 'empty' : body.kind}`,
        path: '$',
        rule: 'errors envelope',
        on: exchange,
      },
    ];
  }
  const errors = (body.value as { errors?: unknown })?.errors;
  if (!Array.isArray(errors))
    return [{ message: "required property 'errors' is missing", path: '$.errors', rule: 'required', on: exchange }];
  const findings: CheckFinding[] = [];
  if (errors.length < 1 || errors.length > 13)
    findings.push({
      message: `errors must have 1 to 13 items; it has ${errors.length}`,
      path: '$.errors',
      rule: 'minItems 1, maxItems 13',
      actual: errors.length,
      on: exchange,
    });
  errors.forEach((item, index) => {
    for (const field of ['code', 'title', 'detail']) {
      if (typeof (item as Record<string, unknown>)?.[field] !== 'string') {
        findings.push({
          message: `errors[${index}].${field} must be a string`,
          path: `$.errors[${index}].${field}`,
          rule: 'required string',
          actual: (item as Record<string, unknown>)?.[field],
          on: exchange,
        });
      }
    }
  });
  return findings;
}

/** `response-headers`: the headers a response declares as required are there and match their schema. */
import { responseFor } from '../../../specs/lookup.ts';
import type { CheckFinding, ExchangeCheck } from '../types.ts';

export const responseHeaders: ExchangeCheck = {
  kind: 'exchange',
  id: 'response-headers',
  description: 'Response headers the spec declares for the status are present when required and match their schema.',
  severity: 'error',
  guards: [(ctx) => ctx.operation.responses.some((r) => r.headers.length > 0)],
  selects: (exchange, ctx) =>
    exchange.response !== undefined && (responseFor(ctx.operation, exchange.response.status)?.headers.length ?? 0) > 0,
  inspect(exchange, ctx) {
    const findings: CheckFinding[] = [];
    for (const header of responseFor(ctx.operation, exchange.response!.status)!.headers) {
      const value = exchange.response!.headers[header.name.toLowerCase()];
      if (value === undefined) {
        if (header.required)
          findings.push({
            message: `required response header ${header.name} is missing`,
            path: `header ${header.name}`,
            rule: 'required',
            on: exchange,
          });
        continue;
      }
      if (header.schema === undefined) continue;
      for (const violation of ctx.spec.validator.validate(header.schema, coerce(header.schema, value))) {
        findings.push({
          message: `header ${header.name}: ${violation.message}`,
          path: `header ${header.name}`,
          rule: violation.rule,
          actual: value,
          on: exchange,
        });
      }
    }
    return findings;
  },
  nothingToInspect: 'no response of a status that declares headers was received',
};

/** Header values are text; a header typed integer/number/boolean is compared as that type. */
function coerce(schema: unknown, value: string): unknown {
  const type = (schema as { type?: unknown })?.type;
  const types = Array.isArray(type) ? type : [type];
  if ((types.includes('integer') || types.includes('number')) && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

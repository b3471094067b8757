/** `request-date-time`: meta.requestDateTime is `yyyy-MM-ddTHH:mm:ssZ` — UTC, no fraction, at most 20 characters. */
import { propertiesOf } from '../../plan/schema-shape.ts';
import { whenProfile } from '../guards.ts';
import type { ExchangeCheck, OperationContext } from '../types.ts';

const FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function requestDateTimeOf(value: unknown): unknown {
  return (value as { meta?: { requestDateTime?: unknown } } | null)?.meta?.requestDateTime;
}

export const requestDateTime: ExchangeCheck = {
  kind: 'exchange',
  id: 'request-date-time',
  description: 'meta.requestDateTime, wherever a body has it, is yyyy-MM-ddTHH:mm:ssZ (UTC, no fraction, 20 characters).',
  severity: 'error',
  guards: [whenProfile((profile) => profile.metaRequestDateTime), (ctx) => statusesWithIt(ctx).length > 0],
  selects: (exchange) => exchange.body.kind === 'json' && requestDateTimeOf(exchange.body.value) !== undefined,
  inspect(exchange) {
    const value = requestDateTimeOf(exchange.body.kind === 'json' ? exchange.body.value : undefined);
    if (typeof value === 'string' && FORMAT.test(value) && !Number.isNaN(Date.parse(value))) return [];
    return [
      {
        message: `meta.requestDateTime ${JSON.stringify(value)} is not yyyy-MM-ddTHH:mm:ssZ`,
        path: '$.meta.requestDateTime',
        rule: 'yyyy-MM-ddTHH:mm:ssZ (maxLength 20)',
        actual: value,
        on: exchange,
      },
    ];
  },
  nothingToInspect: (ctx) => {
    const received = new Set(ctx.exchanges.map((e) => String(e.response?.status)));
    const where = statusesWithIt(ctx);
    const unreceived = where.filter((status) => !received.has(status));
    return unreceived.length === where.length
      ? `no response body carried meta.requestDateTime: the spec declares it only on ${where.join(', ')}, none of which was received`
      : `no response body carried meta.requestDateTime (the spec declares it on ${where.join(', ')}, optional where received)`;
  },
};

/** The statuses whose documented body declares meta.requestDateTime. */
function statusesWithIt(ctx: OperationContext): string[] {
  return ctx.operation.responses
    .filter((r) => r.content.some((m) => propertiesOf(propertiesOf(m.schema).meta).requestDateTime !== undefined))
    .map((r) => r.status);
}

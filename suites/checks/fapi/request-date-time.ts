/** `request-date-time`: meta.requestDateTime is `yyyy-MM-ddTHH:mm:ssZ` — UTC, no fraction, at most 20 characters. */
import { propertiesOf } from '../../plan/schema-shape.ts';
import { whenProfile } from '../guards.ts';
import type { ExchangeCheck } from '../types.ts';

const FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function requestDateTimeOf(value: unknown): unknown {
  return (value as { meta?: { requestDateTime?: unknown } } | null)?.meta?.requestDateTime;
}

export const requestDateTime: ExchangeCheck = {
  kind: 'exchange',
  id: 'request-date-time',
  description: 'meta.requestDateTime, wherever a body has it, is yyyy-MM-ddTHH:mm:ssZ (UTC, no fraction, 20 characters).',
  severity: 'error',
  guards: [
    whenProfile((profile) => profile.metaRequestDateTime),
    (ctx) =>
      ctx.operation.responses.some((r) => r.content.some((m) => propertiesOf(propertiesOf(m.schema).meta).requestDateTime !== undefined)),
  ],
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
  nothingToInspect: 'no response body carried meta.requestDateTime',
};

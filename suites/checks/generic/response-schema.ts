/** `response-schema`: every success body, field by field, against the spec. */
import type { ExchangeCheck } from '../types.ts';
import { bodySchemaFindings } from './body-schema.ts';

export const responseSchema: ExchangeCheck = {
  kind: 'exchange',
  id: 'response-schema',
  description: 'Every 2xx body validates against the schema documented for its status, reported field by field (JSON path, rule, value).',
  severity: 'error',
  guards: [],
  // A projection (`fields`, `omit`) leaves out required members because the request asked it to.
  selects: (exchange) =>
    exchange.response !== undefined &&
    exchange.response.status >= 200 &&
    exchange.response.status < 300 &&
    !exchange.key.startsWith('projection:'),
  inspect: bodySchemaFindings,
  nothingToInspect: 'no 2xx response was received',
};

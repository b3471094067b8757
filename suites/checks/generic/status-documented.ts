/** `status-documented`: a status the spec does not document is a failure, whatever else the body says. */
import { responseFor } from '../../../specs/lookup.ts';
import type { ExchangeCheck } from '../types.ts';

export const statusDocumented: ExchangeCheck = {
  kind: 'exchange',
  id: 'status-documented',
  description: 'Every response status is documented for the operation (exactly, by a range such as 4XX, or by default).',
  severity: 'error',
  guards: [],
  selects: (exchange) => exchange.response !== undefined,
  inspect(exchange, ctx) {
    const status = exchange.response!.status;
    if (responseFor(ctx.operation, status)) return [];
    const documented = ctx.operation.responses.map((r) => r.status);
    return [
      {
        message: `status ${status} is not documented for ${ctx.operation.id}`,
        rule: 'documented status',
        expected: documented,
        actual: status,
        on: exchange,
      },
    ];
  },
  nothingToInspect: 'no response was received',
};

/** `interaction-id-echo`: the transmitter returns the receiver's x-fapi-interaction-id unchanged, on every response. */
import { INTERACTION_ID_HEADER } from '../../plan/request-plan.ts';
import { whenInteractionId } from '../guards.ts';
import type { ExchangeCheck } from '../types.ts';

export const interactionIdEcho: ExchangeCheck = {
  kind: 'exchange',
  id: 'interaction-id-echo',
  description: 'Every response echoes the x-fapi-interaction-id the request sent, unchanged.',
  severity: 'error',
  guards: [whenInteractionId],
  selects: (exchange) => exchange.response !== undefined && exchange.request.headers[INTERACTION_ID_HEADER] !== undefined,
  inspect(exchange) {
    const sent = exchange.request.headers[INTERACTION_ID_HEADER];
    const got = exchange.response!.headers[INTERACTION_ID_HEADER];
    if (got === sent) return [];
    const message =
      got === undefined
        ? `the response has no ${INTERACTION_ID_HEADER} header; the request sent ${sent}`
        : `the response's ${INTERACTION_ID_HEADER} is ${got}, not the ${sent} the request sent`;
    return [{ message, path: `header ${INTERACTION_ID_HEADER}`, rule: 'echoed', expected: sent, actual: got, on: exchange }];
  },
  nothingToInspect: 'no response to a request carrying x-fapi-interaction-id was received',
};

/** `date-header`: HTTP requires a Date header from any origin server with a clock (RFC 9110 §6.6.1), in IMF-fixdate form. */
import type { ExchangeCheck } from '../types.ts';

const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export const dateHeader: ExchangeCheck = {
  kind: 'exchange',
  id: 'date-header',
  description: 'Every response carries a Date header in HTTP date format (e.g. Tue, 07 May 2024 12:00:00 GMT).',
  severity: 'error',
  guards: [],
  selects: (exchange) => exchange.response !== undefined,
  inspect(exchange) {
    const value = exchange.response!.headers.date;
    if (value === undefined) return [{ message: 'the response has no Date header', path: 'header date', rule: 'required', on: exchange }];
    if (!IMF_FIXDATE.test(value) || Number.isNaN(Date.parse(value))) {
      return [
        { message: `the Date header is not an HTTP date: ${value}`, path: 'header date', rule: 'IMF-fixdate', actual: value, on: exchange },
      ];
    }
    return [];
  },
  nothingToInspect: 'no response was received',
};

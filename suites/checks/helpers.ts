/** Small pieces the checks share: expecting a status, and reading the valid response as a page. */
import type { Exchange } from '../http/exchange.ts';
import { readPage, type PageView } from '../plan/paging.ts';
import type { CheckFinding, OperationContext, Skip } from './types.ts';
import { skip } from './types.ts';

/** A finding when the exchange got no response or a status other than the expected ones. */
export function expectStatus(exchange: Exchange, expected: number | number[], why: string): CheckFinding[] {
  const wanted = Array.isArray(expected) ? expected : [expected];
  if (!exchange.response) {
    return [
      {
        message: `${why}: no response (${exchange.failure?.message ?? 'the request failed'})`,
        expected: wanted.join(' or '),
        on: exchange,
      },
    ];
  }
  if (wanted.includes(exchange.response.status)) return [];
  return [
    {
      message: `${why}: expected ${wanted.join(' or ')}, got ${exchange.response.status}`,
      rule: `status ${wanted.join('|')}`,
      expected: wanted.length === 1 ? wanted[0] : wanted,
      actual: exchange.response.status,
      on: exchange,
    },
  ];
}

export function isSuccess(exchange: Exchange): boolean {
  return exchange.response !== undefined && exchange.response.status >= 200 && exchange.response.status < 300;
}

/** The valid request's exchange when it succeeded with a JSON body; otherwise why the dependent check cannot run. */
export async function successfulValid(ctx: OperationContext): Promise<Exchange | Skip> {
  const exchange = await ctx.valid();
  return successfulOrSkip(exchange, 'the valid request');
}

export function successfulOrSkip(exchange: Exchange, what: string): Exchange | Skip {
  if (!exchange.response) return skip(`${what} got no response (${exchange.failure?.message ?? 'failed'})`);
  if (!isSuccess(exchange)) return skip(`${what} answered ${exchange.response.status}, not 2xx`);
  if (exchange.body.kind !== 'json') return skip(`${what} did not return a JSON body (${exchange.body.kind})`);
  return exchange;
}

/** The exchange's body read as a page, or why it cannot be. */
export function pageOf(exchange: Exchange, ctx: OperationContext): PageView | Skip {
  if (!ctx.paging) return skip('the operation is not paged');
  if (exchange.body.kind !== 'json') return skip(`the response body is not JSON (${exchange.body.kind})`);
  const page = readPage(exchange.body.value, ctx.paging);
  return typeof page === 'string' ? skip(`the body cannot be read as a page: ${page}`) : page;
}

export function plural(count: number, noun: string, pluralForm = /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralForm}`;
}

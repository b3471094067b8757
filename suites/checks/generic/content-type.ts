/**
 * `content-type`: the response says what it is, and it is what the spec
 * documents for that status; JSON charsets, when given, are UTF-8.
 */
import { responseFor } from '../../../specs/lookup.ts';
import type { ExchangeCheck } from '../types.ts';

export const contentType: ExchangeCheck = {
  kind: 'exchange',
  id: 'content-type',
  description: 'Every response body has a Content-Type the spec documents for its status; JSON is UTF-8 when a charset is given.',
  severity: 'error',
  guards: [],
  selects: (exchange) => exchange.response !== undefined && (exchange.response.text.length > 0 || exchange.response.truncated),
  inspect(exchange, ctx) {
    const response = exchange.response!;
    const documented = responseFor(ctx.operation, response.status)?.content.map((m) => m.mediaType) ?? [];
    if (documented.length === 0) return [];
    const header = response.headers['content-type'];
    if (!header)
      return [{ message: 'the response has a body but no Content-Type header', rule: 'Content-Type', expected: documented, on: exchange }];
    const { type, charset } = parseMediaType(header);
    const matching = documented.filter((media) => mediaMatches(parseMediaType(media).type, type));
    if (matching.length === 0) {
      return [
        {
          message: `Content-Type ${header} is not documented for status ${response.status}`,
          path: 'header content-type',
          rule: `one of ${documented.join(', ')}`,
          expected: documented,
          actual: header,
          on: exchange,
        },
      ];
    }
    if (/json/.test(type) && charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return [
        {
          message: `JSON must be UTF-8, but the charset is ${charset}`,
          path: 'header content-type',
          rule: 'charset utf-8',
          expected: 'utf-8',
          actual: header,
          on: exchange,
        },
      ];
    }
    return [];
  },
  nothingToInspect: 'no response had a body',
};

function parseMediaType(value: string): { type: string; charset?: string } {
  const [type = '', ...params] = value.split(';').map((part) => part.trim()); // split always returns at least one part
  const charset = params.map((p) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(p)?.[1]).find(Boolean);
  return { type: type.toLowerCase(), charset: charset?.toLowerCase() };
}

function mediaMatches(documented: string, actual: string): boolean {
  if (documented === '*/*' || documented === actual) return true;
  const [docType, docSub] = documented.split('/');
  const [type] = actual.split('/');
  return docSub === '*' && docType === type;
}

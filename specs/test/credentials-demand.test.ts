/** When an operation demands credentials: a named scheme, or a documented 401 where the spec declares no scheme. */
import { describe, expect, it } from 'vitest';
import { demandsCredentials } from '../credentials-demand.ts';
import type { LoadedSpec } from '../types.ts';

const responses = (...statuses: string[]) => statuses.map((status) => ({ status, headers: [], content: [] }));
const BEARER: LoadedSpec['securitySchemes'] = { token: { type: 'http', scheme: 'bearer' } };

describe('demandsCredentials', () => {
  it.each([
    ['a named scheme', BEARER, ['token'], ['200'], true],
    ['a documented 401 in a spec with no scheme (Opus)', {}, [], ['200', '401'], true],
    ['no scheme and no 401', {}, [], ['200', '4XX'], false],
    ['an operation left open in a spec that declares schemes, 401 or not', BEARER, [], ['200', '401'], false],
  ])('%s', (_case, securitySchemes, security, statuses, expected) => {
    expect(demandsCredentials({ securitySchemes }, { security, responses: responses(...statuses) })).toBe(expected);
  });
});

/**
 * `--world large`: lists of a spec no domain model knows hold 250 records (each id once), so a paging walk
 * crosses ten pages at the default size; `small` (the default) keeps them at 3–12. A bad value is a usage error.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../specs/errors.ts';
import { parseWorld } from '../options.ts';
import { startMock } from '../start.ts';
import { call } from './helpers.ts';

const FILE = fileURLToPath(new URL('./fixtures/things.yaml', import.meta.url));
const HEADERS = { authorization: 'Bearer t', 'x-fapi-interaction-id': '0a1b2c3d-0000-4000-8000-000000000001' };

async function listed(world: 'small' | 'large', query = '') {
  const mock = await startMock({ port: 0, specs: [FILE], now: new Date('2026-05-10T12:00:00Z'), quiet: true, world });
  try {
    const answer = await call(`${mock.url}/open-banking/things/v1/things${query}`, { headers: HEADERS });
    return answer.body as { data: Array<{ thingId: string }>; meta: { totalRecords: number; totalPages: number } };
  } finally {
    await mock.close();
  }
}

describe('--world', () => {
  it('small keeps lists short; large lists 250 distinct records over 10 pages', async () => {
    const small = await listed('small');
    expect(small.meta.totalRecords).toBeLessThanOrEqual(12);
    const large = await listed('large');
    expect(large.meta).toEqual({ totalRecords: 250, totalPages: 10 });
    const last = await listed('large', '?page=10');
    expect(last.data).toHaveLength(25);
    expect(new Set([...large.data, ...last.data].map((item) => item.thingId)).size).toBe(50);
  });

  it('rejects a size it does not know, naming the flag', () => {
    expect(() => parseWorld('huge')).toThrow(UsageError);
    expect(() => parseWorld('huge')).toThrow(/--world 'huge'/);
    expect(parseWorld('LARGE')).toBe('large');
  });
});

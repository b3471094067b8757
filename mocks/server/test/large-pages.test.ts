/**
 * Large pages leave as slices of the kept runs of their entries (data/resolve/item-texts.ts), written as they are:
 * answered at the same time while the runs grow under them, each still carries its own bytes — the same as the
 * same request answered alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../start.ts';

const HEADERS = { authorization: 'Bearer bench', 'x-fapi-interaction-id': 'd78fc4e5-37ca-4da3-adf2-9b082bf92280' };
let mock: RunningMock;
let base: string;

beforeAll(async () => {
  mock = await startMock({ port: 0, specs: ['ofb-accounts-2.4.1'], now: new Date('2026-05-10T12:00:00Z'), quiet: true, cacheBytes: 0 });
  base = `${mock.url}/open-banking/accounts/v2`;
});
afterAll(async () => {
  await mock?.close();
});

async function text(url: string): Promise<string> {
  const response = await fetch(url, { headers: HEADERS });
  expect(response.status).toBe(200);
  return response.text();
}

describe('large pages answered at once', () => {
  it('each carries the bytes it carries alone', async () => {
    const accounts = JSON.parse(await text(`${base}/accounts`)) as { data: { accountId: string }[] };
    const urls = accounts.data.flatMap((account, a) =>
      Array.from({ length: 8 }, (_, i) => {
        const to = `2026-0${1 + ((a + i) % 5)}-${String(10 + i).padStart(2, '0')}`;
        return `${base}/accounts/${account.accountId}/transactions?fromBookingDate=2025-05-11&toBookingDate=${to}&page-size=1000`;
      }),
    );
    const together = await Promise.all(urls.map(text));
    expect(Math.max(...together.map((body) => body.length)), 'pages of about 200 KB').toBeGreaterThan(64 * 1024);
    for (const [i, url] of urls.entries()) expect(together[i], url).toBe(await text(url));
    expect(new Set(together).size).toBeGreaterThan(1);
  });
});

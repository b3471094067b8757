/**
 * Belvo's own Node SDK (`belvo` on npm, the real package) against `aferir
 * mock`: a receiver integrating Belvo develops against the mock with the
 * client it ships. connect() logs in on the API root, accounts.list() reads
 * with filters, and the SDK's paging follows `next` to the end.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/server/index.ts';

interface BelvoClient {
  connect(): Promise<void>;
  accounts: {
    list(options?: { limit?: number; filters?: Record<string, string | number> }): Promise<Array<Record<string, unknown>>>;
    session: { getAll(url: string, params?: Record<string, string | number>): AsyncIterable<Record<string, unknown>> };
  };
}
type BelvoClientClass = new (id: string, password: string, url: string) => BelvoClient;

// The SDK is CommonJS with its class on `default`.
const Client = (createRequire(import.meta.url)('belvo') as { default: BelvoClientClass }).default;

let mock: RunningMock;
let url: string;
beforeAll(async () => {
  mock = await startMock({
    port: 0,
    host: '127.0.0.1',
    seed: 3,
    now: new Date('2026-05-10T12:00:00Z'),
    specs: ['belvo-accounts-1.223.0'],
    quiet: true,
  });
  url = mock.url;
});
afterAll(() => mock?.close());

describe("Belvo's SDK against the mock", () => {
  it('connect() logs in on the API root', async () => {
    const client = new Client('secret-key-id', 'secret-key-password', url);
    await expect(client.connect()).resolves.not.toThrow();
    const index = await fetch(`${url}/api/`, { headers: { authorization: `Basic ${btoa('id:pw')}` } }).then((r) => r.json());
    expect(index).toEqual({ accounts: `${url}/api/accounts/` });
  });

  it('connect() fails with empty credentials, as against Belvo', async () => {
    expect((await fetch(`${url}/api/`)).status).toBe(401);
    // The SDK logs the 401 it got before saying the login failed.
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await expect(new Client('', '', url).connect()).rejects.toThrow('Login failed');
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it('accounts.list() returns accounts, narrowed by a filter', async () => {
    const client = new Client('id', 'pw', url);
    await client.connect();
    const all = await client.accounts.list();
    expect(all.length).toBeGreaterThan(1);
    const category = String(all[0]!.category);
    const narrowed = await client.accounts.list({ filters: { category } });
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThanOrEqual(all.length);
    expect(narrowed.every((account) => account.category === category)).toBe(true);
  });

  it("the SDK's paging follows next through every page and sees each account once", async () => {
    const client = new Client('id', 'pw', url);
    await client.connect();
    const all = await client.accounts.list();
    const paged: string[] = [];
    for await (const account of client.accounts.session.getAll('api/accounts/', { page_size: 1 })) paged.push(String(account.id));
    expect(paged).toHaveLength(all.length);
    expect(new Set(paged).size).toBe(all.length);
  });
});

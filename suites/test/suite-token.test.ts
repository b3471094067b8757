/**
 * A suite's own token (`SuiteTarget.token`, the demo's consent-bound token for
 * one ecosystem's APIs) goes on that suite's requests only; the other suites
 * keep the run's token, and both are scrubbed from the results.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runSuite } from '../engine/run-suite.ts';

const RUN_TOKEN = 'run-token-for-every-suite';
const OWN_TOKEN = 'own-token-of-the-first-suite';
const LIMITED = 'limited-token-holding-nothing';

const seen = new Map<string, Set<string>>();
let server: http.Server;
let origin = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const prefix = (req.url ?? '/').split('/')[1] ?? '';
    const values = seen.get(prefix) ?? new Set<string>();
    values.add(req.headers.authorization ?? '');
    seen.set(prefix, values);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NOT_FOUND","title":"x","detail":"x"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("sends a suite's own token on its requests and the run's token on the others", async () => {
  const run = await runSuite({
    suites: [
      { spec: 'ofb-accounts-2.4.1', target: `${origin}/own/open-banking/accounts/v2`, token: () => OWN_TOKEN },
      { spec: 'ofb-financings-2.3.0', target: `${origin}/shared/open-banking/financings/v2` },
    ],
    token: RUN_TOKEN,
    tokenWithoutPermissions: LIMITED,
    allowSkips: true,
  });
  const bearer = (token: string) => `Bearer ${token}`;
  expect(seen.get('own')).toContain(bearer(OWN_TOKEN));
  expect(seen.get('own')).not.toContain(bearer(RUN_TOKEN));
  expect(seen.get('shared')).toContain(bearer(RUN_TOKEN));
  expect(seen.get('shared')).not.toContain(bearer(OWN_TOKEN));
  expect(JSON.stringify(run)).not.toContain(RUN_TOKEN);
});

/**
 * `npm run bench -- mock`: throughput of `aferir mock` on
 * `GET /accounts?page-size=25` of ofb-accounts-2.4.1, side by side with
 * `prism mock -d` on the official Accounts 2.4.1 file and with a bare
 * node:http server answering a constant body of the same size. Each server
 * runs in its own child process; autocannon drives them from this one, on
 * loopback, one after the other. Also: p99 latency, start-up time with all
 * eight specs mounted, and the mock's RSS after the run.
 *
 * Goals (issue 4): ≥ 30× Prism's req/s, ≥ 0.5× the bare server's, RSS ≤ 150 MB.
 */
import autocannon from 'autocannon';
import { rssOf, startChild, startPrism } from './child-process.ts';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PRISM_SPEC = path.resolve(ROOT, '../shared/reference-specs/ofb/accounts-2.4.1.yml');
const HEADERS = { authorization: 'Bearer bench', 'x-fapi-interaction-id': 'd78fc4e5-37ca-4da3-adf2-9b082bf92280' };
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

interface Figures {
  name: string;
  reqPerSec: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export default async function bench(): Promise<void> {
  const started = performance.now();
  const mock = await startChild(
    'aferir mock',
    process.execPath,
    [path.join(ROOT, 'bin/aferir.js'), 'mock', '--port', '0', '--quiet'],
    /listening on (http:\/\/\S+)/,
  );
  const startupMs = performance.now() - started;
  const mockApis = (await (await fetch(`${mock.url}/_aferir/apis`)).json()) as unknown[];
  const mockUrl = `${mock.url}/open-banking/accounts/v2/accounts?page-size=25`;
  const sample = await fetch(mockUrl, { headers: HEADERS });
  const body = await sample.text();
  if (sample.status !== 200) throw new Error(`the mock answered ${sample.status} to the benchmark request: ${body.slice(0, 200)}`);
  console.log(
    `aferir mock: ${mockApis.length} specs mounted, listening after ${startupMs.toFixed(0)} ms (process start to the 'listening on' line); body ${body.length} bytes`,
  );

  // The same start-up in-process (what `aferir demo` and the tests pay): loading, compiling, mounting; no node/tsx start.
  const { startMock } = await import('../mocks/server/start.ts');
  const inProcessStart = performance.now();
  const inProcess = await startMock({ port: 0, quiet: true });
  console.log(`startMock in-process with ${inProcess.apis.length} specs: ${(performance.now() - inProcessStart).toFixed(0)} ms`);
  await inProcess.close();

  const results: Figures[] = [];
  try {
    results.push(await load('aferir mock', mockUrl));
    const rssMb = rssOf(mock.child);
    console.log(`aferir mock RSS after the run: ${rssMb === undefined ? 'unknown' : `${rssMb.toFixed(0)} MB`} (goal ≤ 150 MB)`);
  } finally {
    mock.child.kill('SIGTERM');
  }

  const bare = await startBare(body.length);
  try {
    results.push(await load('bare node:http', `${bare.url}/accounts?page-size=25`));
  } finally {
    bare.child.kill('SIGTERM');
  }

  if (existsSync(PRISM_SPEC)) {
    const prism = await startPrism(PRISM_SPEC);
    try {
      const prismUrl = `${prism.url}/accounts?page-size=25`;
      const check = await fetch(prismUrl, { headers: HEADERS });
      await check.arrayBuffer();
      console.log(`prism answers ${check.status} to the same request`);
      results.push(await load('prism mock -d', prismUrl));
    } finally {
      prism.child.kill('SIGTERM');
    }
  } else {
    console.log(`prism comparison skipped: ${PRISM_SPEC} is absent (the official file lives in ../shared, beside the clone).`);
  }

  console.log('');
  console.log(`${'server'.padEnd(16)} ${'req/s'.padStart(9)} ${'p99 ms'.padStart(7)} ${'non-2xx'.padStart(8)} ${'errors'.padStart(7)}`);
  for (const r of results)
    console.log(
      `${r.name.padEnd(16)} ${r.reqPerSec.toFixed(0).padStart(9)} ${String(r.p99).padStart(7)} ${String(r.non2xx).padStart(8)} ${String(r.errors).padStart(7)}`,
    );
  const ours = results.find((r) => r.name === 'aferir mock')!;
  const bareFigures = results.find((r) => r.name === 'bare node:http')!;
  const prismFigures = results.find((r) => r.name === 'prism mock -d');
  console.log('');
  if (prismFigures) console.log(`ratio vs prism mock -d:  ${(ours.reqPerSec / prismFigures.reqPerSec).toFixed(1)}×  (goal ≥ 30×)`);
  console.log(`ratio vs bare node:http: ${(ours.reqPerSec / bareFigures.reqPerSec).toFixed(2)}×  (goal ≥ 0.5×)`);
  await prismHttpCost(ours);
}

/**
 * Why the mock does not route and validate with @stoplight/prism-http: its
 * in-process cost for this one request (route, validate, static mock — no
 * HTTP at all) against the mock's whole cost per request over HTTP.
 */
async function prismHttpCost(ours: Figures): Promise<void> {
  try {
    const require = createRequire(path.join(ROOT, 'node_modules/@stoplight/prism-cli/package.json'));
    const { createInstance, getHttpOperationsFromSpec } = require('@stoplight/prism-http');
    const pino = require('pino');
    const operations = await getHttpOperationsFromSpec(path.join(ROOT, 'specs/bundled/ofb-accounts-2.4.1.yaml'));
    const prism = createInstance(
      {
        mock: { dynamic: false },
        validateRequest: true,
        validateResponse: false,
        checkSecurity: true,
        errors: false,
        upstreamProxy: undefined,
        isProxy: false,
      },
      { logger: pino({ enabled: false, customLevels: { success: 11 } }) },
    );
    const request = { method: 'get', url: { path: '/accounts', query: { 'page-size': '25' } }, headers: HEADERS };
    const once = async () => (await prism.request(request, operations)())._tag === 'Right';
    for (let i = 0; i < 50; i++) await once();
    const runs = 500;
    const started = performance.now();
    for (let i = 0; i < runs; i++) await once();
    const microseconds = ((performance.now() - started) / runs) * 1000;
    console.log(
      `prism-http in-process (route + validate + static mock, no HTTP): ${microseconds.toFixed(0)} µs per request; the whole aferir mock, HTTP included: ${(1e6 / ours.reqPerSec).toFixed(0)} µs per request (1 s / its req/s)`,
    );
  } catch (error) {
    console.log(`prism-http in-process cost not measured (${(error as Error).message.split('\n')[0]}).`);
  }
}

async function load(name: string, url: string): Promise<Figures> {
  // A short warm-up lets the JIT and the mock's cache settle before the measured run.
  await autocannon({ url, headers: HEADERS, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, headers: HEADERS, connections: CONNECTIONS, duration: DURATION_S });
  return { name, reqPerSec: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function startBare(size: number): Promise<{ url: string; child: ChildProcess }> {
  // The same Content-Type and a body of the same size, built once: the ceiling for a JSON answer on this machine.
  const script = `
    const http = require('node:http');
    const body = Buffer.alloc(${size}, 'a');
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));`;
  return startChild('bare node:http', process.execPath, ['-e', script], /listening on (http:\/\/\S+)/);
}

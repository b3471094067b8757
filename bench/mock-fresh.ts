/**
 * `npm run bench -- mock-fresh [--soak 60]`: what the mock costs when requests
 * are not repeated. Every request of a "fresh" row draws its path from a space
 * of millions (a random window, a random unused query value), so the response
 * cache cannot answer it; the "cached" rows draw from a handful of URLs. Side by
 * side in one run: the mock (`aferir mock --spec ofb-accounts-2.4.1`, its own
 * process, as a user starts it), `prism mock -d` on the official Accounts 2.4.1
 * file, and a bare node:http server sending prebuilt bodies: the mock's own
 * answers to the mixed and the page-size-1000 paths, the same bytes (the goal's
 * baseline), and, for comparison with earlier figures, ASCII filler of their
 * mean size (which the client reads faster: see mockBodies). Each figure is run
 * twice and printed as a range: the machine is shared, only same-run ratios mean
 * much.
 *
 * `--soak S`: S seconds of mixed fresh paths against the mock with every bundled
 * spec mounted, then its RSS (VmRSS of /proc/<pid>/status). Goal ≤ 150 MB.
 *
 * Goals (issue 14): mixed fresh paths ≥ 30× Prism and ≥ 0.5× bare; fresh
 * `transactions` pages of 25–100 entries ≥ 10,000 req/s; page-size 1000 ≥ 0.5×
 * a bare server sending the same body.
 *
 * Profiling the fresh path (the recipe; see also bench/README.md):
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/aferir.js mock --spec ofb-accounts-2.4.1 --port 4010 --quiet
 *   BENCH_TARGET=http://127.0.0.1:4010 BENCH_ONLY=transactions npm run bench -- mock-fresh   # drives it: only its rows
 *   kill -INT <pid>   # writes /tmp/prof/*.cpuprofile: open in Chrome DevTools (Performance) or speedscope
 */
import autocannon from 'autocannon';
import { rssOf, startChild, startPrism } from './child-process.ts';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PRISM_SPEC = path.resolve(ROOT, '../shared/reference-specs/ofb/accounts-2.4.1.yml');
const HEADERS = { authorization: 'Bearer bench', 'x-fapi-interaction-id': 'd78fc4e5-37ca-4da3-adf2-9b082bf92280' };
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const RUNS = 2;
const DAY_MS = 86_400_000;

/** Where a row's paths live: the mock serves the API under its base path, Prism at the root. */
type PathMaker = (base: string) => string;

interface Row {
  name: string;
  paths: PathMaker;
}

interface Measured {
  reqPerSec: number[];
  meanBody: number;
  non2xx: number;
  errors: number;
}

/** A deterministic PRNG of our own for the request generators, so two runs ask the same paths. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function rows(accountIds: string[], now: number): Row[] {
  const random = generator(14);
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const account = () => accountIds[int(0, accountIds.length - 1)]!;
  const cachedSizes = [25, 50, 100, 1000];
  // A window inside the last year, 1–90 days long: 365 × 90 × 76 page sizes × accounts — millions of distinct URLs.
  const freshTransactions: PathMaker = (base) => {
    const to = now - int(0, 270) * DAY_MS;
    const from = to - int(1, 90) * DAY_MS;
    return `${base}/accounts/${account()}/transactions?fromBookingDate=${day(from)}&toBookingDate=${day(to)}&page-size=${int(25, 100)}`;
  };
  // transactions-current only accepts the last 7 days: few distinct windows, so mostly cached.
  const currentTransactions: PathMaker = (base) => {
    const to = now - int(0, 2) * DAY_MS;
    const from = to - int(1, 4) * DAY_MS;
    return `${base}/accounts/${account()}/transactions-current?fromBookingDate=${day(from)}&toBookingDate=${day(to)}`;
  };
  const freshAccounts: PathMaker = (base) => `${base}/accounts?page-size=${int(25, 1000)}&x=${int(0, 1e9)}`;
  const mixed = [freshAccounts, freshTransactions, (base: string) => `${currentTransactions(base)}&x=${int(0, 1e9)}`];
  return [
    { name: 'accounts?page-size=<25..1000> (cached)', paths: (base) => `${base}/accounts?page-size=${cachedSizes[int(0, 3)]}` },
    { name: 'balances?x=<random> (fresh)', paths: (base) => `${base}/accounts/${account()}/balances?x=${int(0, 1e9)}` },
    { name: 'transactions-current (few keys)', paths: currentTransactions },
    { name: 'transactions 25-100 (fresh)', paths: freshTransactions },
    { name: 'mixed fresh', paths: (base) => mixed[int(0, mixed.length - 1)]!(base) },
    {
      name: 'transactions page-size 1000 (fresh)',
      paths: (base) => {
        const to = now - int(0, 30) * DAY_MS;
        return `${base}/accounts/${account()}/transactions?fromBookingDate=${day(to - 330 * DAY_MS)}&toBookingDate=${day(to)}&page-size=1000&x=${int(0, 1e9)}`;
      },
    },
  ];
}

export default async function bench(): Promise<void> {
  const soakAt = process.argv.indexOf('--soak');
  if (soakAt >= 0) return soak(Number(process.argv[soakAt + 1] ?? 60));

  const mock = process.env.BENCH_TARGET
    ? { url: process.env.BENCH_TARGET, child: undefined }
    : await startChild(
        'aferir mock',
        process.execPath,
        [path.join(ROOT, 'bin/aferir.js'), 'mock', '--spec', 'ofb-accounts-2.4.1', '--port', '0', '--quiet'],
        /listening on (http:\/\/\S+)/,
      );
  const base = `${mock.url}/open-banking/accounts/v2`;
  const accounts = (await (await fetch(`${base}/accounts?page-size=1000`, { headers: HEADERS })).json()) as {
    data: { accountId: string }[];
  };
  const accountIds = accounts.data.map((a) => a.accountId);
  const table = rows(accountIds, Date.now());
  const ours = new Map<string, Measured>();
  let mixedBodies: Buffer[] = [];
  let thousandBodies: Buffer[] = [];
  try {
    for (const row of table) if (row.name.includes(process.env.BENCH_ONLY ?? '')) ours.set(row.name, await load(base, row.paths));
    if (mock.child) {
      console.log(`aferir mock RSS after these runs: ${rssText(mock.child)}`);
      // What the bare servers will send: the mock's own answers to the same kind of paths (see mockBodies).
      mixedBodies = await mockBodies(base, rowNamed(table, 'mixed fresh').paths, BARE_BODIES.mixed);
      thousandBodies = await mockBodies(base, rowNamed(table, 'transactions page-size 1000 (fresh)').paths, BARE_BODIES.thousand);
    }
  } finally {
    mock.child?.kill('SIGTERM');
  }
  if (!mock.child) {
    // Driving a mock started elsewhere (to profile it): its rows only.
    for (const [name, m] of ours) console.log(`${name.padEnd(40)} ${range(m.reqPerSec).padStart(15)} ${bytes(m.meanBody).padStart(10)}`);
    return;
  }
  const mixed = ours.get('mixed fresh')!;
  const thousand = ours.get('transactions page-size 1000 (fresh)')!;

  const bareMixed = await withBare(mixedBodies, (url) => load(url, () => '/'));
  const bareThousand = await withBare(thousandBodies, (url) => load(url, () => '/'));
  const fillerMixed = await withBare([filler(mixed.meanBody)], (url) => load(url, () => '/'));
  const fillerThousand = await withBare([filler(thousand.meanBody)], (url) => load(url, () => '/'));

  let prism: Measured | undefined;
  if (existsSync(PRISM_SPEC)) {
    const child = await startPrism(PRISM_SPEC);
    try {
      prism = await load(child.url, rowNamed(table, 'mixed fresh').paths);
    } finally {
      child.child.kill('SIGTERM');
    }
  } else {
    console.log(`prism comparison skipped: ${PRISM_SPEC} is absent (the official file lives in ../shared, beside the clone).`);
  }

  console.log('');
  console.log(`${CONNECTIONS} connections, ${DURATION_S} s per run, ${RUNS} runs each (low–high); 2 shared cores, other work running`);
  console.log(
    `${'request (aferir mock, ofb-accounts-2.4.1)'.padEnd(40)} ${'req/s'.padStart(15)} ${'mean body'.padStart(10)} ${'non-2xx'.padStart(8)}`,
  );
  for (const [name, m] of ours)
    console.log(`${name.padEnd(40)} ${range(m.reqPerSec).padStart(15)} ${bytes(m.meanBody).padStart(10)} ${String(m.non2xx).padStart(8)}`);
  console.log(
    `${"bare node:http, the mock's mixed bodies".padEnd(40)} ${range(bareMixed.reqPerSec).padStart(15)} ${bytes(bareMixed.meanBody).padStart(10)}`,
  );
  console.log(
    `${"bare node:http, the mock's page-1000".padEnd(40)} ${range(bareThousand.reqPerSec).padStart(15)} ${bytes(bareThousand.meanBody).padStart(10)}`,
  );
  console.log(
    `${'bare node:http, filler of the mixed mean'.padEnd(40)} ${range(fillerMixed.reqPerSec).padStart(15)} ${bytes(fillerMixed.meanBody).padStart(10)}`,
  );
  console.log(
    `${'bare node:http, filler of page-1000 size'.padEnd(40)} ${range(fillerThousand.reqPerSec).padStart(15)} ${bytes(fillerThousand.meanBody).padStart(10)}`,
  );
  if (prism)
    console.log(
      `${'prism mock -d, mixed fresh'.padEnd(40)} ${range(prism.reqPerSec).padStart(15)} ${bytes(prism.meanBody).padStart(10)} ${String(prism.non2xx).padStart(8)}`,
    );
  console.log('');
  if (prism) console.log(`mixed fresh vs prism mock -d:  ${ratio(mixed, prism, 1)}×  (goal ≥ 30×)`);
  console.log(`mixed fresh vs bare node:http: ${ratio(mixed, bareMixed, 2)}×  (goal ≥ 0.5×; vs filler ${ratio(mixed, fillerMixed, 2)}×)`);
  console.log(`fresh transactions 25-100:     ${range(ours.get('transactions 25-100 (fresh)')!.reqPerSec)} req/s  (goal ≥ 10,000)`);
  console.log(
    `page-size 1000 vs bare:        ${ratio(thousand, bareThousand, 2)}×  (goal ≥ 0.5×; vs filler ${ratio(thousand, fillerThousand, 2)}×)`,
  );
}

/** `--soak S`: the mock with every bundled spec, S seconds of mixed fresh paths, then its RSS. */
async function soak(seconds: number): Promise<void> {
  const mock = await startChild(
    'aferir mock',
    process.execPath,
    // BENCH_NODE_ARGS: node flags for the mock's process (to try V8 heap settings, say).
    [
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      path.join(ROOT, 'bin/aferir.js'),
      'mock',
      '--port',
      '0',
      '--quiet',
    ],
    /listening on (http:\/\/\S+)/,
  );
  try {
    const base = `${mock.url}/open-banking/accounts/v2`;
    const accounts = (await (await fetch(`${base}/accounts?page-size=1000`, { headers: HEADERS })).json()) as {
      data: { accountId: string }[];
    };
    const mixed = rows(
      accounts.data.map((a) => a.accountId),
      Date.now(),
    ).find((row) => row.name === 'mixed fresh')!;
    console.log(`aferir mock with every bundled spec: RSS at start ${rssText(mock.child)}`);
    const result = await autocannon({
      url: mock.url,
      headers: HEADERS,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [{ setupRequest: (request) => ({ ...request, path: mixed.paths('/open-banking/accounts/v2') }) }],
    });
    console.log(
      `${seconds} s of mixed fresh paths: ${result.requests.total} requests (${result.requests.average.toFixed(0)} req/s, ${result.non2xx} non-2xx, ${result.errors} errors)`,
    );
    console.log(`aferir mock RSS after the soak: ${rssText(mock.child)} (goal ≤ 150 MB)`);
  } finally {
    mock.child.kill('SIGTERM');
  }
}

/** ASCII of about a body's size, less the headers' share (as the earlier figures were measured). */
const filler = (size: number): Buffer => Buffer.alloc(Math.max(1, size - 150), 'a');

function rowNamed(table: Row[], name: string): Row {
  const row = table.find((candidate) => candidate.name === name);
  if (!row) throw new Error(`no row named ${name}`);
  return row;
}

/** An API's base URL as autocannon and the path makers take it: the origin, and the path prefix without its last slash. */
function originAndPrefix(base: string): { origin: string; prefix: string } {
  const url = new URL(base);
  return { origin: url.origin, prefix: url.pathname.replace(/\/$/, '') };
}

async function load(base: string, paths: PathMaker): Promise<Measured> {
  const { origin, prefix } = originAndPrefix(base);
  const options = {
    url: origin,
    headers: HEADERS,
    connections: CONNECTIONS,
    requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: paths(prefix) }) }],
  };
  // A short warm-up lets the JIT settle before the measured runs.
  await autocannon({ ...options, duration: 1 });
  const measured: Measured = { reqPerSec: [], meanBody: 0, non2xx: 0, errors: 0 };
  for (let run = 0; run < RUNS; run++) {
    const result = await autocannon({ ...options, duration: DURATION_S });
    measured.reqPerSec.push(result.requests.average);
    measured.meanBody = Math.max(measured.meanBody, Math.round(result.throughput.total / Math.max(1, result.requests.total)));
    measured.non2xx += result.non2xx;
    measured.errors += result.errors;
  }
  return measured;
}

/**
 * How many of the mock's bodies the bare server cycles through, per row. The mixed row's three kinds of path differ
 * tenfold in size, so 64 bodies gave a mean 10–25% off the mix's (5.9 or 8.2 KB for 6.6); 512 keep it within a few
 * percent. Page-1000 bodies vary little, and 64 of them are already 14 MB.
 */
const BARE_BODIES = { mixed: 512, thousand: 64 };

/**
 * The mock's own answers to `count` paths of a row, as the bare server will send them. The bytes matter, not
 * only their number: autocannon decodes every body into a string (its pipelined queue does `body += chunk`), and
 * UTF-8 text with accents costs the client several times what ASCII filler of the same length does (page-size
 * 1000: 658 µs of autocannon CPU per response against 137 µs for 220 KB of 'a'). A bare server sending filler
 * would be measured against a lighter client load, so it sends what the mock sent.
 */
async function mockBodies(base: string, paths: PathMaker, count: number): Promise<Buffer[]> {
  const { origin, prefix } = originAndPrefix(base);
  const bodies: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${origin}${paths(prefix)}`, { headers: HEADERS });
    bodies.push(Buffer.from(await response.arrayBuffer()));
  }
  return bodies;
}

/** A bare node:http server answering each request with the next of `bodies`, built once: the ceiling for those answers here. */
async function withBare<T>(bodies: Buffer[], run: (url: string) => Promise<T>): Promise<T> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'aferir-bare-')), 'bodies.json');
  writeFileSync(file, JSON.stringify(bodies.map((body) => body.toString('base64'))));
  const script = `
    const http = require('node:http');
    const bodies = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8')).map((b) => Buffer.from(b, 'base64'));
    let next = 0;
    const server = http.createServer((req, res) => {
      const body = bodies[next];
      next = (next + 1) % bodies.length;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));`;
  const bare = await startChild('bare node:http', process.execPath, ['-e', script], /listening on (http:\/\/\S+)/);
  try {
    return await run(bare.url);
  } finally {
    bare.child.kill('SIGTERM');
    rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

const range = (values: number[]) => {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? low.toFixed(0) : `${low.toFixed(0)}–${high.toFixed(0)}`;
};
const ratio = (ours: Measured, theirs: Measured, digits: number) =>
  `${(Math.min(...ours.reqPerSec) / Math.max(...theirs.reqPerSec)).toFixed(digits)}–${(Math.max(...ours.reqPerSec) / Math.min(...theirs.reqPerSec)).toFixed(digits)}`;
const bytes = (n: number) => (n >= 10_000 ? `${(n / 1024).toFixed(0)} KB` : `${n} B`);

function rssText(child: ChildProcess): string {
  const mb = rssOf(child);
  return mb === undefined ? 'unknown' : `${mb.toFixed(0)} MB`;
}

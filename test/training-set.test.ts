/**
 * The training set (issue 11): every official file of ../shared/reference-specs/ecosystem/
 * and the seed specs beside it. Per spec: it loads (what `aferir specs lint` does), the
 * mock serves it in-process on port 0 with a fixed seed and clock, and every suite runs
 * against that mock the way a user would (`aferir run --spec F --target <mock>`: a full
 * token and one without permissions, no `--param`). An API judged by its flow (a consents
 * API: FamilyProfile.judgedByFlow) or that takes signed request bodies (the payments family)
 * runs the way an institution runs it instead: `aferir run --auth` against the mock and its
 * authorization server (`--consent auto`), beside the consents and resources APIs of its
 * folder. 0 failed is the bar, and every skip must be of a kind the spec justifies
 * (JUSTIFIED_SKIPS below). Prints a table (spec, results, passed, failed, skipped, seconds)
 * and the failing checks with their messages.
 * `AFERIR_TRAINING=words` keeps only the files whose path contains one of the words.
 * Skipped with a message when ../shared is not beside the clone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HAVE_REFERENCES, REFERENCE_DIR, REFERENCES_SKIP_REASON } from '../fixtures/reference-pairs.ts';
import { startMock } from '../mocks/server/start.ts';
import { loadSpec } from '../specs/load.ts';
import { isSignedMedia, signsBody } from '../specs/lookup.ts';
import { runSuite } from '../suites/engine/run-suite.ts';
import type { CheckResult } from '../suites/result-model.ts';
import { authDir, makeReceiver, runAuth } from '../cli/test/auth-harness.ts';
import { profileOf } from '../families/index.ts';
import { BUSINESS_PREFIX, permissionGroupsFor } from '../families/consents/permission-groups.ts';
import { bodySchema, consentCollection, dataProperties, enumOf } from '../families/consents/shape.ts';
import type { LoadedSpec, Operation } from '../specs/types.ts';
import { jsonMedia } from '../specs/lookup.ts';
import { propertiesOf } from '../suites/plan/schema-shape.ts';
import { DNS_NAME, HAVE_OPENSSL, makeDnsNamedTls } from '../fixtures/dns-named-tls.ts';

const SEED = 1;
const TLS_FIXTURES = path.join(import.meta.dirname, '../mocks/authorization/test/fixtures/tls');
const tlsFixture = (name: string): string => path.join(TLS_FIXTURES, name);
const NOW = new Date('2026-05-10T12:00:00Z');
const TOKEN = 'aferir-training:secret';
const LIMITED_TOKEN = 'aferir:';

function specFiles(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => path.join(dir, name))
    .flatMap((file) => (statSync(file).isDirectory() ? specFiles(file) : [file]))
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .sort();
}

/**
 * The open gaps, each a failure the mock cannot avoid today, with why. A listed gap that stops
 * failing fails the test too, so this list only shrinks. Keyed by the file's path under
 * reference-specs; the values are `check@operation` of the results that fail.
 */
const KNOWN_GAPS: Record<string, Record<string, string>> = {};

/**
 * The kinds of skip the spec justifies, each with why; a skip whose reason matches none fails
 * the test, so an unjustified new skip cannot slip in.
 */
const JUSTIFIED_SKIPS: ReadonlyArray<{
  kind: string;
  why: string;
  reason: RegExp;
  /** What must hold of the spec for that reason to be justified (default: the reason is enough). */
  holds?: (spec: LoadedSpec, result: CheckResult) => boolean;
}> = [
  {
    kind: 'status-undocumented',
    why: 'the probe needs a status (404, 405, 406, 400/422) the operation does not document',
    reason: /^skipped: the spec documents (no \d{3} response|neither \d{3} nor \d{3}) for /,
  },
  {
    kind: 'no-error-documented',
    why: 'the operation documents no error status, and the mock answers every request the suite makes',
    reason: /^skipped: no error response was received, and the spec documents no error status for /,
  },
  {
    kind: 'nothing-to-get-wrong',
    why: 'the operation takes no parameters, body or credentials: only server faults could answer an error',
    reason: /^skipped: no error response was received: .+ takes no parameters, body or credentials/,
  },
  {
    kind: 'field-on-unprovoked-status',
    why: 'meta.requestDateTime is declared only on statuses (429, 529) no request provokes',
    reason: /^skipped: no response body carried meta\.requestDateTime: the spec declares it only on /,
  },
  {
    kind: 'judged-by-flow',
    why: "a consents API's requests need a consent approved through the authorization server: the consents suite judges it",
    reason: /is judged by its flow, not one operation at a time/,
  },
  {
    kind: 'id-of-another-api',
    why: 'the path id is issued by another API: no operation of the spec answers it without having been sent it',
    reason: /^skipped: cannot build a valid request — no value for path parameter \{[^}]+\}: no list operation return/,
    holds: issuedElsewhere,
  },
  {
    kind: 'signed-only-on-errors',
    why: 'the operation signs only its error answers (application/jwt), and no request of the run provokes one',
    reason: /^skipped: no response carried a signed \(application\/jwt\) body/,
    holds: signsOnlyErrors,
  },
  {
    kind: 'clock-of-the-institution',
    why: "a consent expires on demand only where the run holds the institution's clock (aferir demo); a run against a server cannot",
    reason: /^the institution's clock cannot be moved/,
  },
  {
    kind: 'no-data-api',
    why: 'the flow checks that need a data API have none in a run of a consents spec alone',
    reason:
      /^(every callable data operation of the run is inside the consent|no data operation of the run needs only the consent's permissions)/,
  },
];

function skipKind(spec: LoadedSpec, result: CheckResult): string | undefined {
  return JUSTIFIED_SKIPS.find((entry) => entry.reason.test(result.message) && (entry.holds?.(spec, result) ?? true))?.kind;
}

const operationOf = (spec: LoadedSpec, result: CheckResult) => spec.operations.find((op) => op.id === result.operation);

/** Whether a schema names `name` as a property at any depth (through items and compositions). */
function namesProperty(schema: unknown, name: string, depth = 0): boolean {
  if (depth > 12 || typeof schema !== 'object' || schema === null) return false;
  const node = schema as Record<string, unknown>;
  const properties = (node.properties ?? {}) as Record<string, unknown>;
  if (name in properties) return true;
  const children = [
    node.items,
    ...Object.values(properties),
    ...(['allOf', 'oneOf', 'anyOf'] as const).flatMap((k) => (Array.isArray(node[k]) ? (node[k] as unknown[]) : [])),
  ];
  return children.some((child) => namesProperty(child, name, depth + 1));
}

const sends = (op: Operation, name: string): boolean =>
  op.parameters.some((p) => p.name === name) || namesProperty(jsonMedia(op.requestBody?.content ?? [])?.schema, name);

/**
 * Whether the spec issues no `name`: every operation that answers it was sent it, or reads a
 * resource that a POST of the spec created with it (the portability made with the client's
 * `contractId` shows that `contractId`). Then the id comes from another API (enrollments' payments
 * consent, credit portability's credit contract) and only --param can give it.
 */
function issuedElsewhere(spec: LoadedSpec, result: CheckResult): boolean {
  const name = /--param ([^=\s]+)=/.exec(result.message)?.[1];
  if (name === undefined) return false;
  const echoes = (op: Operation) =>
    spec.operations.some((post) => post.method === 'POST' && op.path.startsWith(post.path) && sends(post, name));
  return !spec.operations.some(
    (op) =>
      !sends(op, name) && !echoes(op) && op.responses.some((r) => /^2/.test(r.status) && namesProperty(jsonMedia(r.content)?.schema, name)),
  );
}

/** Whether the operation signs only statuses other than its successes (its documented errors), which a valid run does not provoke. */
function signsOnlyErrors(spec: LoadedSpec, result: CheckResult): boolean {
  const operation = operationOf(spec, result);
  return operation !== undefined && !operation.responses.some((r) => /^2/.test(r.status) && r.content.some(isSignedMedia));
}

function signsSomething(spec: LoadedSpec): boolean {
  return spec.operations.some((operation) => operation.responses.some((response) => response.content.some(isSignedMedia)));
}

const FILTER = (process.env.AFERIR_TRAINING ?? '').split(',').filter(Boolean);
const FILES = HAVE_REFERENCES
  ? specFiles(REFERENCE_DIR).filter((file) => FILTER.length === 0 || FILTER.some((word) => file.includes(word)))
  : ['each reference spec'];

interface Row {
  spec: string;
  results: number;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  failures: string[];
  unexplainedSkips: string[];
}

const rows: Row[] = [];

function describeFailure(result: CheckResult): string {
  const first = result.findings?.[0];
  const where = first?.path ? ` at ${first.path}` : '';
  return `${result.check}@${result.operation}: ${result.message}${first ? ` — ${first.message}${where}` : ''}`.slice(0, 400);
}

/** The patterns a success body puts on its links (`links.self`, `links.next`, …). */
function linkPatterns(spec: LoadedSpec): RegExp[] {
  const patterns = new Set<string>();
  for (const operation of spec.operations)
    for (const response of operation.responses.filter((r) => /^2/.test(r.status)))
      for (const link of Object.values(propertiesOf(propertiesOf(jsonMedia(response.content)?.schema).links))) {
        const pattern = (link as { pattern?: unknown }).pattern;
        if (typeof pattern === 'string') patterns.add(pattern);
      }
  return [...patterns].flatMap((pattern) => {
    try {
      return [new RegExp(pattern, 'u')];
    } catch {
      return [];
    }
  });
}

/**
 * Whether the spec's links can only be judged behind a DNS name: some link pattern refuses every loopback
 * URL the mock could write (http or https, 127.0.0.1) and accepts an https URL of a DNS name. Then the mock
 * serves TLS with a certificate for that name and the run reaches it with --resolve, as a user behind
 * `--public-url` would be judged.
 */
function needsDnsName(spec: LoadedSpec, dnsName: string): boolean {
  const url = (origin: string) => `${origin}${spec.basePath}/items?page=1`;
  const loopback = [url('http://127.0.0.1:4010'), url('https://127.0.0.1:4010')];
  return linkPatterns(spec).some((re) => loopback.every((u) => !re.test(u)) && re.test(url(`https://${dnsName}:4010`)));
}

/** `aferir run --spec F --target <mock>` with a full token and one without permissions (behind a DNS name where its links demand one). */
async function runPlain(spec: LoadedSpec): Promise<CheckResult[]> {
  const behindName = needsDnsName(spec, DNS_NAME);
  expect(!behindName || HAVE_OPENSSL, `openssl makes the certificate ${spec.id}'s links need (a DNS name)`).toBe(true);
  const tls = behindName ? makeDnsNamedTls(DNS_NAME) : undefined;
  const mock = await startMock({
    port: 0,
    loaded: [spec],
    seed: SEED,
    now: NOW,
    quiet: true,
    ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}),
  });
  try {
    const [api] = mock.apis;
    const base = new URL(api!.url);
    const target = tls ? `https://${tls.name}:${mock.port}${base.pathname}` : api!.url;
    const run = await runSuite({
      suites: [{ spec, target }],
      token: TOKEN,
      tokenWithoutPermissions: LIMITED_TOKEN,
      now: NOW,
      seed: SEED,
      ...(tls ? { caFile: tls.caFile, resolve: [`${tls.name}:${mock.port}:127.0.0.1`] } : {}),
      // What a user names for a spec with signed bodies: the mock's JWKS; jws-signature verifies them against it.
      ...(signsSomething(spec) ? { targetJwks: `${new URL(target).origin}/_aferir/jwks` } : {}),
    });
    return run.results;
  } finally {
    await mock.close();
    tls?.remove();
  }
}

/**
 * Whether the spec is run the way an institution runs it, `aferir run --auth`: an API judged by its flow (a
 * consents API), and an API that takes signed request bodies (the payments family), whose signature the
 * target verifies against the client's registered key, which only an --auth run signs with.
 */
const runsWithAuth = (spec: LoadedSpec): boolean => profileOf(spec).judgedByFlow || spec.operations.some((op) => signsBody(op));

/**
 * `aferir run --spec F --target <mock> --auth <file>` in-process: the mock serves F, the consents API (F itself
 * when F is one, else the one of F's folder) and the resources APIs of F's folder, with its authorization server
 * approving at once and mutual TLS, as the ecosystem runs it; the consent asks for the first group of permissions
 * the consents API's create body enumerates (an individual's, so the CPF alone suffices). Behind a DNS name
 * where F's links demand one; the authorization server is reached at 127.0.0.1, which the certificate names too.
 */
async function runWithAuth(file: string, spec: LoadedSpec): Promise<CheckResult[]> {
  const siblings = await Promise.all(
    specFiles(path.dirname(file))
      .filter((other) => other !== file)
      .map((other) => loadSpec(other)),
  );
  const judged = profileOf(spec).judgedByFlow;
  const consents = judged ? spec : siblings.find((other) => profileOf(other).judgedByFlow);
  expect(consents, `${spec.id}'s folder has a consents API to create the consent with`).toBeDefined();
  const resources = siblings.filter((other) => other.operations.some((op) => op.method === 'GET' && /\/resources$/.test(op.path)));
  const behindName = needsDnsName(spec, DNS_NAME);
  expect(!behindName || HAVE_OPENSSL, `openssl makes the certificate ${spec.id}'s links need (a DNS name)`).toBe(true);
  const named = behindName ? makeDnsNamedTls(DNS_NAME) : undefined;
  const receiver = await makeReceiver('training-receiver');
  const mock = await startMock({
    port: 0,
    loaded: [spec, ...(judged ? [] : [consents!]), ...resources],
    seed: SEED,
    quiet: true,
    authorization: { consent: 'auto', clients: [receiver.metadata] },
    // Mutual TLS: the tokens are bound to the client's certificate (consent-token-bound).
    tls: {
      cert: named?.cert ?? readFileSync(tlsFixture('server.crt')),
      key: named?.key ?? readFileSync(tlsFixture('server.key')),
      clientCa: readFileSync(tlsFixture('ca.crt')),
    },
  });
  const dir = authDir(receiver);
  try {
    const origin = named ? `https://${named.name}:${mock.port}` : mock.url;
    const urlOf = (api: LoadedSpec, operationPath: string) =>
      `${origin}${new URL(mock.apis.find((served) => served.id === api.id)!.url).pathname}${operationPath}`;
    const collection = consentCollection(consents!);
    const create = consents!.operations.find((op) => op.method === 'POST' && op.path === collection);
    const known = enumOf(dataProperties(create ? bodySchema(create) : undefined).permissions);
    const group = permissionGroupsFor(known).find((g) => !g.permissions.some((p) => p.startsWith(BUSINESS_PREFIX)));
    expect(group, `${consents!.id} enumerates a permission group`).toBeDefined();
    // The resources API served beside it, named as a user names theirs (the catalogue knows only some of them).
    const [served] = resources;
    const listed = served?.operations.find((op) => op.method === 'GET' && /\/resources$/.test(op.path));
    const auth = dir.write({
      issuer: mock.authorization!.issuer,
      consent: { cpf: '52998224725', permissions: [...group!.permissions] },
      mtls: { cert: tlsFixture('client-a.crt'), key: tlsFixture('client-a.key'), ca: named?.caFile ?? tlsFixture('ca.crt') },
      ...(served && listed ? { 'resources-url': urlOf(served, listed.path) } : {}),
      // Named, since F may have consents of its own (a payments API's), which are not the data-sharing consent.
      ...(judged ? {} : { 'consents-url': urlOf(consents!, collection!) }),
    });
    const target = urlOf(spec, '');
    const run = await runAuth(dir, auth, file, target, [
      ...['--token-without-permissions', LIMITED_TOKEN],
      ...(signsSomething(spec) ? ['--target-jwks', `${origin}/_aferir/jwks`] : []),
      ...(named ? ['--resolve', `${named.name}:${mock.port}:127.0.0.1`] : []),
    ]);
    expect(run.code, run.stderr).toBeLessThan(2);
    return dir.results().results;
  } finally {
    await mock.close();
    dir.remove();
    named?.remove();
  }
}

describe.skipIf(!HAVE_REFERENCES)(`the training set${REFERENCES_SKIP_REASON}`, () => {
  afterAll(() => {
    if (rows.length === 0) return;
    const lines = ['spec | results | passed | failed | skipped | seconds', '--- | ---: | ---: | ---: | ---: | ---:'];
    for (const row of rows)
      lines.push(`${row.spec} | ${row.results} | ${row.passed} | ${row.failed} | ${row.skipped} | ${row.seconds.toFixed(1)}`);
    const total = rows.reduce((sum, row) => sum + row.failed, 0);
    lines.push(`**${rows.length} specs** | ${rows.reduce((s, r) => s + r.results, 0)} | | **${total}** | |`);
    const details = rows.flatMap((row) => row.failures.map((failure) => `  ${row.spec}: ${failure}`));
    console.log(`${lines.join('\n')}\n${details.length ? `failures:\n${details.join('\n')}` : 'no failures'}`);
  });

  it.each(FILES)('%s: lints, is mocked, and passes its own suites', { timeout: 600_000 }, async (file) => {
    const started = performance.now();
    const spec = await loadSpec(file);
    expect(spec.operations.length, 'the spec has operations').toBeGreaterThan(0);
    const results = runsWithAuth(spec) ? await runWithAuth(file, spec) : await runPlain(spec);
    const failed = results.filter((result) => result.status === 'failed');
    const skipped = results.filter((result) => result.status === 'skipped');
    const row: Row = {
      spec: path.relative(REFERENCE_DIR, file),
      results: results.length,
      passed: results.filter((result) => result.status === 'passed').length,
      failed: failed.length,
      skipped: skipped.length,
      seconds: (performance.now() - started) / 1000,
      failures: failed.map(describeFailure),
      unexplainedSkips: skipped.filter((result) => result.message.trim() === '').map((result) => result.id),
    };
    rows.push(row);
    expect(row.unexplainedSkips, 'every skip says why').toEqual([]);
    const unjustified = skipped.filter((r) => skipKind(spec, r) === undefined);
    expect(
      [...new Set(unjustified.map((r) => `${r.check}@${r.operation}: ${r.message}`.slice(0, 300)))],
      'every skip is of a kind the spec justifies (JUSTIFIED_SKIPS)',
    ).toEqual([]);
    const gaps = KNOWN_GAPS[row.spec] ?? {};
    const failing = [...new Set(failed.map((result) => `${result.check}@${result.operation}`))].sort();
    expect(
      failing.filter((id) => !(id in gaps)).map((id) => row.failures.find((f) => f.startsWith(id)) ?? id),
      'failures',
    ).toEqual([]);
    expect(failing, 'every known gap still fails (remove the ones fixed)').toEqual(Object.keys(gaps).sort());
  });
});

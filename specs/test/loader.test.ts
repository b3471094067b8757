import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../catalogue.ts';
import { SpecError } from '../errors.ts';
import { loadSpec } from '../load.ts';
import { responseSchemaFor } from '../lookup.ts';
import { minimalSpec, tempSpecDir } from './helpers.ts';

async function expectSpecError(promise: Promise<unknown>, code: string, messagePattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  expect((error as SpecError).code).toBe(code);
  expect((error as SpecError).exitCode).toBe(2);
  expect((error as SpecError).message).toMatch(messagePattern);
  // One sentence, no stack: a single line ending with a full stop.
  expect((error as SpecError).message.split('\n')).toHaveLength(1);
}

describe('loading the catalogue', () => {
  // Which family each one follows is families/test/profiles.test.ts's business.
  it.each(CATALOGUE.map((entry) => entry.id))('%s loads with its operations and schemas', async (id) => {
    const spec = await loadSpec(id);
    expect(spec.id).toBe(id);
    expect(spec.file).toBe(`specs/bundled/${id}.yaml`);
    expect(spec.operations.length).toBeGreaterThan(0);
    for (const operation of spec.operations) {
      expect(operation.responses.some((r) => r.status.startsWith('2'))).toBe(true);
    }
  });

  it('mounts under the first server URL path, or /<id> without servers', async () => {
    expect((await loadSpec('ofb-accounts-2.4.1')).basePath).toBe('/open-banking/accounts/v2');
    expect((await loadSpec('opin-financial-assistance-1.2.0')).basePath).toBe('/open-insurance/insurance-financial-assistance/v1');
    expect((await loadSpec('opus-commons-1.0.0')).basePath).toBe('/opus-commons-1.0.0');
    expect((await loadSpec('belvo-accounts-1.223.0')).basePath).toBe('');
  });

  it('indexes parameters, permissions and response headers', async () => {
    const spec = await loadSpec('ofb-accounts-2.4.1');
    const transactions = spec.operations.find((op) => op.id === 'accountsGetAccountsAccountIdTransactions')!;
    expect(transactions.method).toBe('GET');
    expect(transactions.path).toBe('/accounts/{accountId}/transactions');
    expect(transactions.permissions).toEqual(['ACCOUNTS_TRANSACTIONS_READ']);
    const names = transactions.parameters.map((p) => `${p.in}:${p.name}`);
    expect(names).toEqual(
      expect.arrayContaining(['path:accountId', 'query:fromBookingDate', 'header:x-fapi-interaction-id', 'query:page-size']),
    );
    const ok = transactions.responses.find((r) => r.status === '200')!;
    expect(ok.headers.map((h) => h.name)).toContain('x-fapi-interaction-id');
    const opin = await loadSpec('opin-financial-assistance-1.2.0');
    // OPIN's table lists `/{contractId}/movements`, relative to the API's own prefix.
    expect(opin.operations.find((op) => op.path.endsWith('/movements'))!.permissions).toEqual(['FINANCIAL_ASSISTANCE_MOVEMENTS_READ']);
  });
});

describe('loading files and URLs', () => {
  let server: Server;
  let baseUrl: string;
  const specYaml = `openapi: 3.0.3\ninfo: {title: Served, version: '2.0'}\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        '200': {description: ok}\n`;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/spec.yaml') res.writeHead(200, { 'content-type': 'application/yaml' }).end(specYaml);
      else res.writeHead(404).end('no');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads a YAML file and resolves $refs into relative files', async () => {
    const dir = tempSpecDir({
      'main.yaml': minimalSpec({ $ref: './schemas.yaml#/Thing' }),
      'schemas.yaml': { Thing: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^\\d{3}$' } } } },
    });
    const spec = await loadSpec(path.join(dir, 'main.yaml'));
    expect(spec.id).toBe('main');
    expect(spec.basePath).toBe('/base/v1');
    const schema = responseSchemaFor(spec, spec.operations[0]!, '200');
    expect(spec.validator.isValid(schema, { id: '123' })).toBe(true);
    expect(spec.validator.validate(schema, { id: '12' })[0]).toMatchObject({ path: '$.id', rule: 'pattern ^\\d{3}$', value: '12' });
  });

  it('reads JSON', async () => {
    const dir = tempSpecDir({ 'api.json': JSON.stringify(minimalSpec({ type: 'string' })) });
    const spec = await loadSpec(path.join(dir, 'api.json'));
    expect(spec.operations.map((op) => op.id)).toEqual(['getThings']);
  });

  it('downloads from an http URL', async () => {
    const spec = await loadSpec(`${baseUrl}/spec.yaml`);
    expect(spec.title).toBe('Served');
    expect(spec.id).toBe('spec');
    expect(spec.operations[0]?.id).toBe('ping');
  });

  it('names a URL that answers 404', async () => {
    await expectSpecError(loadSpec(`${baseUrl}/missing.yaml`), 'spec-unreachable', /missing\.yaml.*HTTP 404/);
  });

  it('names a URL nobody listens on', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expectSpecError(loadSpec(`http://127.0.0.1:${port}/spec.yaml`), 'spec-unreachable', new RegExp(`127\\.0\\.0\\.1:${port}`));
  });
});

describe('bad input is one sentence naming the culprit, exit 2', () => {
  it('a missing file', async () => {
    await expectSpecError(loadSpec('/nonexistent/dir/api.yaml'), 'spec-not-found', /\/nonexistent\/dir\/api\.yaml does not exist/);
  });

  it('an unknown catalogue id', async () => {
    await expectSpecError(loadSpec('ofb-accounts-9.9.9'), 'unknown-spec-id', /'ofb-accounts-9\.9\.9' is not a bundled catalogue id/);
  });

  it('invalid YAML, with line and column', async () => {
    const dir = tempSpecDir({ 'bad.yaml': 'openapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: 1\n' });
    await expectSpecError(
      loadSpec(path.join(dir, 'bad.yaml')),
      'spec-invalid-yaml',
      /not valid YAML or JSON: .* at line \d+, column \d+\.$/,
    );
  });

  it('a document that is not OpenAPI 3.x', async () => {
    const dir = tempSpecDir({
      'swagger.yaml': { swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} },
      'list.yaml': '- a\n- b\n',
      'other.yaml': { openapi: '2.5' },
    });
    await expectSpecError(loadSpec(path.join(dir, 'swagger.yaml')), 'not-openapi', /Swagger 2\.0/);
    await expectSpecError(loadSpec(path.join(dir, 'list.yaml')), 'not-openapi', /does not contain a YAML or JSON object/);
    await expectSpecError(loadSpec(path.join(dir, 'other.yaml')), 'not-openapi', /"openapi" field is "2\.5"/);
  });

  it('an unresolved $ref is fatal and names the pointer and where it is used', async () => {
    const dir = tempSpecDir({ 'dangling.yaml': minimalSpec({ $ref: '#/components/schemas/Missing' }, { components: { schemas: {} } }) });
    await expectSpecError(
      loadSpec(path.join(dir, 'dangling.yaml')),
      'unresolved-ref',
      /"#\/components\/schemas\/Missing" \(used at \/paths\/~1things\/get\/responses\/200\/content\/application~1json\/schema\/\$ref\)/,
    );
  });

  it('of two $refs that end alike, names the place of the broken one', async () => {
    const response = (ref: string) => ({ '200': { description: 'ok', content: { 'application/json': { schema: { $ref: ref } } } } });
    const dir = tempSpecDir({
      'main.yaml': {
        openapi: '3.0.3',
        info: { title: 'Two refs', version: '1' },
        paths: {
          '/a': { get: { operationId: 'a', responses: response('./common.yaml#/components/schemas/Thing') } },
          '/b': { get: { operationId: 'b', responses: response('#/components/schemas/Thing') } },
        },
        components: { schemas: {} },
      },
      'common.yaml': { components: { schemas: { Thing: { type: 'string' } } } },
    });
    await expectSpecError(
      loadSpec(path.join(dir, 'main.yaml')),
      'unresolved-ref',
      /"#\/components\/schemas\/Thing" \(used at \/paths\/~1b\/get\/responses\/200\/content\/application~1json\/schema\/\$ref\)/,
    );
  });

  it('a broken $ref inside a referenced file names that file and the place in it', async () => {
    const dir = tempSpecDir({
      'main.yaml': minimalSpec({ $ref: './common.yaml#/Thing' }),
      'common.yaml': { Thing: { type: 'object', properties: { id: { $ref: '#/Missing' } } } },
    });
    await expectSpecError(
      loadSpec(path.join(dir, 'main.yaml')),
      'unresolved-ref',
      /"#\/Missing" \(used at \/Thing\/properties\/id\/\$ref in .*common\.yaml\)/,
    );
  });

  it('a $ref to a file that does not exist', async () => {
    const dir = tempSpecDir({ 'main.yaml': minimalSpec({ $ref: './nowhere.yaml#/Thing' }) });
    await expectSpecError(loadSpec(path.join(dir, 'main.yaml')), 'unresolved-ref', /nowhere\.yaml/);
  });
});

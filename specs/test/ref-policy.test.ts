/**
 * Where a spec's `$ref`s may reach: a local spec only inside its own folder
 * tree (or a folder named with --ref-root), a downloaded spec only on its own
 * origin and never the local disk. A refused `$ref` is one sentence naming the
 * spec, where the `$ref` is used, its value and why — exit 2.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SpecError } from '../errors.ts';
import { loadSpec } from '../load.ts';
import { responseSchemaFor } from '../lookup.ts';
import type { JsonSchema, LoadedSpec } from '../types.ts';
import { minimalSpec, objectAt } from './helpers.ts';
import { redirectTo, startSpecServer, type SpecServer } from './spec-servers.ts';

const SECRET = 'password: hunter2-do-not-leak';
const EXAMPLE_AT = '/paths/~1things/get/responses/200/content/application~1json/examples/leak/value/$ref';

/** A spec whose one response has an example `leak` that is a `$ref` to `ref`. */
function specWithExample(ref: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const spec = minimalSpec({ type: 'object' }, extra);
  objectAt(spec, '/paths/~1things/get/responses/200/content/application~1json').examples = { leak: { value: { $ref: ref } } };
  return spec;
}

/** root/secret/creds.yaml (outside the spec folder), root/spec/ (the spec's folder), root/shared/ (a sibling). */
function layout(files: Record<string, string | object>): { root: string; spec: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'aferir-refs-'));
  for (const dir of ['secret', 'spec', 'spec/schemas', 'shared']) mkdirSync(path.join(root, dir));
  writeFileSync(path.join(root, 'secret/creds.yaml'), `${SECRET}\n`);
  for (const [name, content] of Object.entries(files))
    writeFileSync(path.join(root, name), typeof content === 'string' ? content : stringify(content));
  return { root, spec: path.join(root, 'spec/api.yaml') };
}

function schemaOf(spec: LoadedSpec): JsonSchema | undefined {
  return responseSchemaFor(spec, spec.operations[0]!, '200');
}

async function refusal(promise: Promise<unknown>): Promise<SpecError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  expect((error as SpecError).code).toBe('ref-refused');
  expect((error as SpecError).exitCode).toBe(2);
  expect((error as SpecError).message.split('\n')).toHaveLength(1);
  expect((error as SpecError).message).not.toContain('hunter2');
  return error as SpecError;
}

describe('a local spec', () => {
  it('may not read a file: URL outside its folder (the example would be served by the mock)', async () => {
    const { root, spec } = layout({ 'spec/api.yaml': specWithExample('file:///etc/passwd') });
    const error = await refusal(loadSpec(spec));
    expect(error.message).toContain(spec);
    expect(error.message).toContain(EXAMPLE_AT);
    expect(error.message).toContain('"file:///etc/passwd"');
    expect(error.message).toMatch(/outside the spec's folder .*pass --ref-root <dir> to allow it/);
    const secret = await refusal(
      loadSpec(layout({ 'spec/api.yaml': specWithExample(`file://${path.join(root, 'secret/creds.yaml')}`) }).spec),
    );
    expect(secret.message).toMatch(/outside the spec's folder/);
  });

  it('may not climb out of its folder with a relative path, even for info.title', async () => {
    const spec = minimalSpec({ type: 'string' });
    objectAt(spec, '/info').title = { $ref: '../secret/creds.yaml' };
    const error = await refusal(loadSpec(layout({ 'spec/api.yaml': spec }).spec));
    expect(error.message).toContain('/info/title/$ref');
    expect(error.message).toContain('"../secret/creds.yaml"');
  });

  it('may not get there through a 3.1 $id that moves the base of its relative $refs', async () => {
    const spec = { ...minimalSpec({ type: 'object', properties: { a: { $id: 'file:///etc/', $ref: 'passwd' } } }), openapi: '3.1.0' };
    const error = await refusal(loadSpec(layout({ 'spec/api.yaml': spec }).spec));
    expect(error.message).toMatch(
      /"passwd" at \/paths\/~1things\/get\/responses\/200\/content\/application~1json\/schema\/properties\/a\/\$ref .*outside the spec's folder/,
    );
  });

  it('reads files in its folder and below it', async () => {
    const { spec } = layout({
      'spec/api.yaml': minimalSpec({ $ref: './schemas/thing.yaml#/Thing' }),
      'spec/schemas/thing.yaml': { Thing: { type: 'object', properties: { id: { $ref: '../common.yaml#/Id' } } } },
      'spec/common.yaml': { Id: { type: 'string', pattern: '^\\d+$' } },
    });
    const loaded = await loadSpec(spec);
    expect(schemaOf(loaded)).toMatchObject({ properties: { id: { pattern: '^\\d+$' } } });
  });

  it('names the file a refused $ref is written in when it is not the spec itself', async () => {
    const { spec } = layout({
      'spec/api.yaml': minimalSpec({ $ref: './schemas/thing.yaml#/Thing' }),
      'spec/schemas/thing.yaml': { Thing: { type: 'object', properties: { id: { $ref: '../../secret/creds.yaml' } } } },
    });
    const error = await refusal(loadSpec(spec));
    expect(error.message).toMatch(/at \/Thing\/properties\/id\/\$ref in .*schemas\/thing\.yaml/);
  });

  it('reaches a sibling folder named with --ref-root, and only that one', async () => {
    const { root, spec } = layout({
      'spec/api.yaml': minimalSpec({ $ref: '../shared/common.yaml#/Thing' }),
      'shared/common.yaml': { Thing: { type: 'string', minLength: 3 } },
    });
    await refusal(loadSpec(spec));
    const loaded = await loadSpec(spec, { refRoots: [path.join(root, 'shared')] });
    expect(schemaOf(loaded)).toMatchObject({ type: 'string', minLength: 3 });
    const stillOut = layout({ 'spec/api.yaml': minimalSpec({ $ref: '../secret/creds.yaml' }) });
    await refusal(loadSpec(stillOut.spec, { refRoots: [path.join(stillOut.root, 'shared')] }));
  });

  it('counts a symlink that leads outside the folder as outside', async () => {
    const { root, spec } = layout({ 'spec/api.yaml': specWithExample('./creds-link.yaml') });
    symlinkSync(path.join(root, 'secret/creds.yaml'), path.join(root, 'spec/creds-link.yaml'));
    const error = await refusal(loadSpec(spec));
    expect(error.message).toMatch(/symlink .*outside the spec's folder/);
    const dirLink = layout({ 'spec/api.yaml': specWithExample('./linked/creds.yaml') });
    symlinkSync(path.join(dirLink.root, 'secret'), path.join(dirLink.root, 'spec/linked'));
    await refusal(loadSpec(dirLink.spec));
  });

  it('follows a symlink that stays inside the folder', async () => {
    const { root, spec } = layout({
      'spec/api.yaml': minimalSpec({ $ref: './link.yaml#/Thing' }),
      'spec/schemas/real.yaml': { Thing: { type: 'integer' } },
    });
    symlinkSync(path.join(root, 'spec/schemas/real.yaml'), path.join(root, 'spec/link.yaml'));
    expect(schemaOf(await loadSpec(spec))).toMatchObject({ type: 'integer' });
  });

  it('may not reach the network unless --ref-root names that origin, nor use another scheme', async () => {
    const server = await startSpecServer({ '/common.yaml': { Thing: { type: 'boolean' } } });
    try {
      const { spec } = layout({ 'spec/api.yaml': minimalSpec({ $ref: `${server.origin}/common.yaml#/Thing` }) });
      const error = await refusal(loadSpec(spec));
      expect(error.message).toMatch(
        new RegExp(`local spec may not download .*pass --ref-root ${server.origin.replace(/\./g, '\\.')} to allow`),
      );
      expect(server.requested).toEqual([]);
      const loaded = await loadSpec(spec, { refRoots: [server.origin] });
      expect(schemaOf(loaded)).toMatchObject({ type: 'boolean' });
    } finally {
      await server.close();
    }
    const ftp = await refusal(loadSpec(layout({ 'spec/api.yaml': minimalSpec({ $ref: 'ftp://files.example.test/x.yaml' }) }).spec));
    expect(ftp.message).toMatch(/"ftp:\/\/files\.example\.test\/x\.yaml".*only files and http\(s\) URLs/);
  });
});

describe('a spec downloaded from a URL', () => {
  let site: SpecServer;
  let other: SpecServer;
  let secretFile: string;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aferir-secret-'));
    secretFile = path.join(dir, 'creds.yaml');
    writeFileSync(secretFile, `${SECRET}\n`);
    other = await startSpecServer({ '/common.yaml': { Thing: { type: 'number' } } });
    site = await startSpecServer({
      '/passwd.yaml': specWithExample('file:///etc/passwd'),
      '/secret.yaml': specWithExample(`file://${secretFile}`),
      '/title.yaml': { ...minimalSpec({ type: 'string' }), info: { title: { $ref: `file://${secretFile}` }, version: '1' } },
      '/same-origin.yaml': minimalSpec({ $ref: './schemas/thing.yaml#/Thing' }),
      '/schemas/thing.yaml': { Thing: { type: 'object', properties: { n: { $ref: '/schemas/n.yaml' } } } },
      '/schemas/n.yaml': { type: 'integer', minimum: 1 },
      '/cross-origin.yaml': minimalSpec({ $ref: `${other.origin}/common.yaml#/Thing` }),
      '/bounce.yaml': minimalSpec({ $ref: './bounce/common.yaml#/Thing' }),
      '/bounce/common.yaml': redirectTo(`${other.origin}/common.yaml`),
    });
  });
  afterAll(async () => {
    await site.close();
    await other.close();
  });

  it('never reads a local file, whatever the path', async () => {
    const error = await refusal(loadSpec(`${site.origin}/passwd.yaml`));
    expect(error.message).toContain(`${site.origin}/passwd.yaml`);
    expect(error.message).toContain(EXAMPLE_AT);
    expect(error.message).toMatch(/"file:\/\/\/etc\/passwd".*a spec downloaded from a URL may not read local files/);
    await refusal(loadSpec(`${site.origin}/secret.yaml`));
    const title = await refusal(loadSpec(`${site.origin}/title.yaml`));
    expect(title.message).toContain('/info/title/$ref');
  });

  it('resolves relative and absolute-path $refs on its own origin', async () => {
    const loaded = await loadSpec(`${site.origin}/same-origin.yaml`);
    expect(schemaOf(loaded)).toMatchObject({ type: 'object', properties: { n: { type: 'integer', minimum: 1 } } });
  });

  it('may not reach another origin, directly or through a redirect, unless --ref-root names it', async () => {
    const direct = await refusal(loadSpec(`${site.origin}/cross-origin.yaml`));
    expect(direct.message).toMatch(
      new RegExp(
        `another origin than the spec \\(${site.origin.replace(/\./g, '\\.')}\\).*--ref-root ${other.origin.replace(/\./g, '\\.')}`,
      ),
    );
    const bounced = await refusal(loadSpec(`${site.origin}/bounce.yaml`));
    expect(bounced.message).toMatch(/redirects to .*another origin/);
    expect(other.requested).toEqual([]);
    const allowed = await loadSpec(`${site.origin}/cross-origin.yaml`, { refRoots: [other.origin] });
    expect(schemaOf(allowed)).toMatchObject({ type: 'number' });
  });

  it('counts the origin a spec download was redirected to as its own', async () => {
    // The portal redirects to the file's real home; its relative $refs live there.
    const home = await startSpecServer({
      '/api/spec.yaml': minimalSpec({ $ref: './common.yaml#/Thing' }),
      '/api/common.yaml': { Thing: { type: 'null' } },
    });
    const portal = await startSpecServer({ '/spec.yaml': redirectTo(`${home.origin}/api/spec.yaml`) });
    try {
      const loaded = await loadSpec(`${portal.origin}/spec.yaml`);
      expect(schemaOf(loaded)).toMatchObject({ type: 'null' });
      expect(home.requested).toEqual(['/api/spec.yaml', '/api/common.yaml']);
    } finally {
      await home.close();
      await portal.close();
    }
  });
});

/**
 * A spec nested absurdly deep (100,000 arrays or objects, in JSON or YAML, in
 * one file or built up through `$ref`s) is refused with one sentence naming
 * the file, exit 2 — never a stack overflow in the parser, the `$ref`
 * resolver, the schema conversion or the lint. Real specs nest about 20 deep.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test/run-cli.ts';
import { SpecError } from '../errors.ts';
import { loadSpec } from '../load.ts';
import { responseSchemaFor } from '../lookup.ts';
import { minimalSpec, tempSpecDir } from './helpers.ts';

const HEAD = '{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}';

/** A schema `levels` objects deep: {type: object, properties: {a: {…}}}. */
function deepSchema(levels: number): object {
  let schema: object = { type: 'string' };
  for (let i = 0; i < levels; i++) schema = { type: 'object', required: ['a'], properties: { a: schema } };
  return schema;
}

async function tooDeep(promise: Promise<unknown>, file: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  expect((error as SpecError).code).toBe('spec-too-deep');
  expect((error as SpecError).exitCode).toBe(2);
  expect((error as SpecError).message).toContain(file);
  expect((error as SpecError).message.split('\n')).toHaveLength(1);
}

describe('a spec nested too deeply', () => {
  it('100,000 nested JSON arrays', async () => {
    const dir = tempSpecDir({ 'deep.json': `${HEAD},"x-deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}` });
    await tooDeep(loadSpec(path.join(dir, 'deep.json')), 'deep.json');
  });

  it('100,000 nested JSON objects in a schema', async () => {
    const n = 100_000;
    const schema = `${'{"type":"object","properties":{"a":'.repeat(n)}{"type":"string"}${'}}'.repeat(n)}`;
    const dir = tempSpecDir({ 'deep.json': JSON.stringify(minimalSpec({ type: 'string' })).replace('{"type":"string"}', schema) });
    await tooDeep(loadSpec(path.join(dir, 'deep.json')), 'deep.json');
  });

  it('YAML flow and block collections', async () => {
    let block = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nx-deep:\n';
    for (let i = 1; i <= 3_000; i++) block += `${' '.repeat(i)}-\n`;
    const dir = tempSpecDir({
      'flow.yaml': `openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nx-deep: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
      'block.yaml': block,
    });
    await tooDeep(loadSpec(path.join(dir, 'flow.yaml')), 'flow.yaml');
    await tooDeep(loadSpec(path.join(dir, 'block.yaml')), 'block.yaml');
  });

  it('a $ref to a file that is too deep names that file', async () => {
    const dir = tempSpecDir({
      'main.yaml': minimalSpec({ $ref: './deep.json' }),
      'deep.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    });
    await tooDeep(loadSpec(path.join(dir, 'main.yaml')), 'deep.json');
  });

  it('depth built up through $refs, each file shallow', async () => {
    const files: Record<string, object> = { 'main.yaml': minimalSpec({ $ref: './s0.yaml' }) };
    for (let i = 0; i < 400; i++) files[`s${i}.yaml`] = { type: 'object', properties: { a: { $ref: `./s${i + 1}.yaml` } } };
    files['s400.yaml'] = { type: 'string' };
    const dir = tempSpecDir(files);
    await tooDeep(loadSpec(path.join(dir, 'main.yaml')), 'main.yaml');
  });

  it('specs lint exits 2 with the sentence, no stack trace', async () => {
    const dir = tempSpecDir({ 'deep.json': `${HEAD},"x-deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}` });
    const run = await runCli(['specs', 'lint', path.join(dir, 'deep.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/deep\.json .*nested/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a spec nested deeply but within the limit', () => {
  it('loads, lints, validates and generates data', async () => {
    const dir = tempSpecDir({ 'deep.yaml': minimalSpec(deepSchema(100)) });
    const file = path.join(dir, 'deep.yaml');
    const spec = await loadSpec(file);
    const schema = responseSchemaFor(spec, spec.operations[0]!, '200');
    let body: unknown = 'leaf';
    for (let i = 0; i < 100; i++) body = { a: body };
    expect(spec.validator.validate(schema, body)).toEqual([]);
    const data = await runCli(['data', '--spec', file, '--operation', 'getThings']);
    expect(data.stderr).toBe('');
    expect(data.code).toBe(0);
    let generated = JSON.parse(data.stdout);
    for (let i = 0; i < 100; i++) generated = generated.a;
    expect(typeof generated).toBe('string');
    expect((await runCli(['specs', 'lint', file])).code).toBe(0);
  });
});

/**
 * Which family a spec follows comes from the spec's structure (base path, body
 * shapes) or its `x-aferir-family`, never from its file name or title: the
 * bundled catalogue and the official reference files land where they belong,
 * and small specs written here show each rule on its own.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../specs/errors.ts';
import { loadSpec } from '../../specs/load.ts';
import { minimalSpec, tempSpecDir } from '../../specs/test/helpers.ts';
import { familyOf, PROFILES, profileOf } from '../index.ts';

const REFERENCE = fileURLToPath(new URL('../../../shared/reference-specs/', import.meta.url));

const BUNDLED = {
  'ofb-accounts-2.4.1': 'ofb',
  'ofb-financings-2.3.0': 'ofb',
  'opus-accounts-2.4.1': 'opus',
  'opus-financings-2.3.0': 'opus',
  'opus-commons-1.0.0': 'opus',
  'opin-financial-assistance-1.2.0': 'opin',
  'ofb-consents-3.3.1': 'consents',
  'opin-consents-3.0.0': 'consents',
  'opin-resources-3.0.0': 'opin',
  'originator-applications-1.0.0': 'originator',
  'belvo-accounts-1.223.0': 'belvo',
} as const;

async function familyOfDocument(document: Record<string, unknown>) {
  const dir = tempSpecDir({ 'spec.yaml': document });
  return familyOf(await loadSpec(path.join(dir, 'spec.yaml')));
}

const paged = { type: 'object', properties: { count: {}, next: {}, previous: {}, results: { type: 'array' } } };

describe('family detection', () => {
  it.each(Object.entries(BUNDLED))('%s follows the %s rules', async (id, family) => {
    expect(familyOf(await loadSpec(id))).toBe(family);
  });

  const folders = ['ofb', 'opin', 'opus', 'ecosystem/opin', 'ecosystem/opus'];
  const official = existsSync(REFERENCE)
    ? folders.flatMap((folder) => readdirSync(`${REFERENCE}${folder}`).map((file) => [`${folder}/${file}`, path.basename(folder)]))
    : [];
  // Consents APIs are recognised by their structure, whichever standard publishes them.
  for (const entry of official) if (/consents/.test(entry[0] ?? '')) entry[1] = 'consents';
  it.skipIf(official.length === 0).each(official)('the official %s follows the %s rules', async (file, family) => {
    expect(familyOf(await loadSpec(`${REFERENCE}${file}`))).toBe(family);
  });

  it('reads Django REST framework paging on a success body as Belvo, whatever the title or paths', async () => {
    expect(await familyOfDocument(minimalSpec(paged))).toBe('belvo');
    const plain = minimalSpec({ type: 'object', properties: { data: { type: 'array' } } }) as { paths: Record<string, unknown> };
    const listAccounts = { ...plain, info: { title: 'Belvo accounts', version: '1' }, paths: { '/api/accounts/': plain.paths['/things'] } };
    expect(await familyOfDocument(listAccounts)).toBe('generic');
  });

  it('reads a POST body with requestMeta as Opus', async () => {
    const post = {
      requestBody: { content: { 'application/json': { schema: { allOf: [{ properties: { requestMeta: { type: 'object' } } }] } } } },
      responses: { '200': { description: 'ok' } },
    };
    expect(await familyOfDocument({ ...minimalSpec({ type: 'object' }), paths: { '/things': { post } } })).toBe('opus');
  });

  it('reads a consents API from its shape: a POST collection whose data declares permissions and expirationDateTime, and its {id} detail', async () => {
    const body = {
      type: 'object',
      properties: { data: { type: 'object', properties: { permissions: { type: 'array' }, expirationDateTime: { type: 'string' } } } },
    };
    const post = { requestBody: { content: { 'application/json': { schema: body } } }, responses: { '201': { description: 'ok' } } };
    const get = { responses: { '200': { description: 'ok' } } };
    const servers = { servers: [{ url: 'https://x.test/open-banking/grants/v9' }] };
    const grants = { ...minimalSpec({}, servers), paths: { '/grants': { post }, '/grants/{grantId}': { get } } };
    expect(await familyOfDocument(grants)).toBe('consents');
    // Without the detail, or without expirationDateTime, it is an ordinary Open Finance API.
    expect(await familyOfDocument({ ...grants, paths: { '/grants': { post } } })).toBe('ofb');
    const noExpiry = structuredClone(post);
    delete (noExpiry.requestBody.content['application/json'].schema.properties.data.properties as Record<string, unknown>)
      .expirationDateTime;
    expect(await familyOfDocument({ ...grants, paths: { '/grants': { post: noExpiry }, '/grants/{grantId}': { get } } })).toBe('ofb');
  });

  it('reads the base path of Open Finance and Open Insurance', async () => {
    expect(await familyOfDocument(minimalSpec({}, { servers: [{ url: 'https://x.test/open-banking/things/v1' }] }))).toBe('ofb');
    expect(await familyOfDocument(minimalSpec({}, { servers: [{ url: 'https://x.test/open-insurance/things/v1' }] }))).toBe('opin');
    expect(await familyOfDocument(minimalSpec({}))).toBe('generic');
  });

  it('lets x-aferir-family decide before any detection', async () => {
    const info = (family: string) => ({ info: { title: 'Test', version: '1', 'x-aferir-family': family } });
    expect(await familyOfDocument(minimalSpec(paged, info('generic')))).toBe('generic');
    expect(await familyOfDocument(minimalSpec({}, info('originator')))).toBe('originator');
  });

  it('names an unknown x-aferir-family and the families there are (exit 2)', async () => {
    const dir = tempSpecDir({ 'spec.yaml': minimalSpec({}, { info: { title: 'T', version: '1', 'x-aferir-family': 'bacen' } }) });
    const spec = await loadSpec(path.join(dir, 'spec.yaml'));
    const error = (() => {
      try {
        profileOf(spec);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).exitCode).toBe(2);
    expect((error as SpecError).message).toBe(
      `spec: info.x-aferir-family is "bacen", which is not a family aferir knows (${Object.keys(PROFILES).join(', ')}).`,
    );
  });
});

/**
 * Valid requests and their single-defect variants: the valid request passes
 * the spec (ids that exist, no Authorization header), and each variant breaks
 * exactly what its name says — its body fails validation, its unknown id is
 * not found, its query value fails the parameter's schema.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../specs/catalogue.ts';
import { loadSpec } from '../../specs/load.ts';
import { jsonMedia } from '../../specs/lookup.ts';
import { createWorld, requestDefects } from '../index.ts';
import { HAVE_REFERENCES, referenceSpecFiles } from '../../fixtures/reference-pairs.ts';
import { NOW } from './helpers.ts';

describe('validRequest and requestDefects', () => {
  it('sends header values that pass their own parameter schemas, across many requests', async () => {
    for (const entry of CATALOGUE) {
      const spec = await loadSpec(entry.id);
      const world = createWorld({ seed: 3, now: NOW });
      for (const operation of spec.operations) {
        for (let index = 0; index < 30; index++) {
          const request = world.validRequest(spec, operation, index);
          for (const parameter of operation.parameters.filter((p) => p.in === 'header' && p.schema !== undefined)) {
            const value = request.headers[parameter.name];
            if (value === undefined) continue;
            expect(spec.validator.validate(parameter.schema!, value), `${entry.id} ${operation.id} #${index} ${parameter.name}`).toEqual(
              [],
            );
          }
        }
      }
    }
  });

  for (const entry of CATALOGUE) {
    it(entry.id, async () => {
      const spec = await loadSpec(entry.id);
      const world = createWorld({ seed: 11, now: NOW });
      for (const operation of spec.operations) {
        const request = world.validRequest(spec, operation, 1);
        expect(Object.keys(request.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
        for (const parameter of operation.parameters.filter((p) => p.required && p.in !== 'header')) {
          expect(
            request[parameter.in === 'path' ? 'pathParams' : 'query'][parameter.name],
            `${operation.id} ${parameter.name}`,
          ).toBeDefined();
        }
        if (operation.parameters.some((p) => p.name === 'x-fapi-interaction-id'))
          expect(request.headers['x-fapi-interaction-id']).toMatch(/^[0-9a-f-]{36}$/);
        const names = new Set<string>();
        for (const defect of requestDefects(spec, operation, request)) {
          expect(names.has(defect.name), defect.name).toBe(false);
          names.add(defect.name);
          if (defect.expect === 'not-found') {
            expect(world.resolve(spec, operation, defect.request).kind, `${operation.id} ${defect.name}`).toBe('not-found');
          } else if (defect.location === 'body') {
            const schema = jsonMedia(operation.requestBody!.content)!.schema!;
            expect(spec.validator.isValid(schema, defect.request.body), `${operation.id} ${defect.name}`).toBe(false);
            expect(spec.validator.isValid(schema, request.body)).toBe(true);
          } else if (defect.location === 'query' && defect.name.startsWith('bad-query')) {
            const parameter = operation.parameters.find((p) => p.name === defect.target)!;
            const raw = defect.request.query[defect.target]!; // a bad-query defect sets its target
            const value =
              /integer|number/.test(JSON.stringify((parameter.schema as Record<string, unknown> | undefined)?.type)) && /^-?\d+$/.test(raw)
                ? Number(raw)
                : raw;
            expect(spec.validator.isValid(parameter.schema!, value), `${operation.id} ${defect.name}`).toBe(false);
          } else if (defect.location === 'header') {
            expect(Object.keys(defect.request.headers).map((h) => h.toLowerCase())).not.toContain(defect.target.toLowerCase());
          }
        }
        if (operation.parameters.some((p) => p.in === 'path') || operation.requestBody) expect(names.size, operation.id).toBeGreaterThan(0);
      }
    });
  }
});

describe('resolve with untrusted input', () => {
  it('never throws, whatever the path, query and body hold', async () => {
    const fc = (await import('fast-check')).default;
    const specs = await Promise.all(CATALOGUE.map((entry) => loadSpec(entry.id)));
    const world = createWorld({ seed: 2, now: NOW });
    const operations = specs.flatMap((spec) => spec.operations.map((operation) => ({ spec, operation })));
    const text = fc.oneof(fc.string(), fc.constantFrom('2025-06-01', '2025-5-1', '', 'CREDITO', '9999-99-99'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: operations.length - 1 }),
        fc.dictionary(fc.constantFrom('accountId', 'contractId', 'application_id'), text),
        fc.dictionary(
          fc.constantFrom('fromBookingDate', 'toBookingDate', 'creditDebitIndicator', 'accountType', 'page'),
          fc.oneof(text, fc.array(text)),
        ),
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            accountId: fc.jsonValue(),
            contractId: fc.jsonValue(),
            fromBookingDate: fc.jsonValue(),
            requestBody: fc.jsonValue(),
          }),
        ),
        fc.integer({ min: -5, max: 5000 }),
        (which, pathParams, query, body, offset) => {
          const { spec, operation } = operations[which]!;
          const answer = world.resolve(spec, operation, { pathParams, query, body });
          expect(['object', 'page', 'not-found', 'unprocessable']).toContain(answer.kind);
          if (answer.kind === 'page') answer.render(offset, 30);
        },
      ),
      { numRuns: 400, seed: 424242 },
    );
  });
});

describe('the valid request finds its data', () => {
  // Every id a valid request carries — in the path or, for reads-by-POST, in the body — is one
  // the same world lists, so the answer is data, never "not found".
  const files = [...CATALOGUE.map((entry) => entry.id), ...(HAVE_REFERENCES ? referenceSpecFiles() : [])];
  it.each(files)('%s', async (file) => {
    const spec = await loadSpec(file);
    const world = createWorld({ seed: 7, now: NOW });
    const missing = spec.operations.flatMap((operation) =>
      [0, 1, 2].flatMap((index) => {
        const answer = world.resolve(spec, operation, world.validRequest(spec, operation, index));
        return answer.kind === 'not-found' ? [`${operation.id} #${index}: ${answer.message}`] : [];
      }),
    );
    expect(missing).toEqual([]);
  });
});

/**
 * A `required` name the object never declares (official typos such as `cnpjNumbers` beside the declared
 * `cnpjNumber`): lint reports it, and the loader drops it from `required`, so neither the mock nor a target that
 * sends the declared field is held to a property the schema does not describe. Open shapes are not judged.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../load.ts';
import { minimalSpec, tempSpecDir } from './helpers.ts';

const schemas = {
  Company: {
    type: 'object',
    required: ['name', 'cnpjNumbers'],
    allOf: [{ $ref: '#/components/schemas/Cnpj' }],
    properties: { name: { type: 'string' } },
  },
  Cnpj: { type: 'object', required: ['cnpjNumber'], properties: { cnpjNumber: { type: 'string' } } },
  Open: { type: 'object', required: ['kind'], oneOf: [{ properties: { kind: { const: 'a' } } }, { properties: { kind: { const: 'b' } } }] },
};

describe('required names an object never declares', () => {
  it('are reported with the declared near name and dropped from required; open shapes are left alone', async () => {
    const dir = tempSpecDir({
      'api.yaml': minimalSpec(
        { type: 'object', properties: { company: { $ref: '#/components/schemas/Company' }, open: { $ref: '#/components/schemas/Open' } } },
        { components: { schemas } },
      ),
    });
    const spec = await loadSpec(path.join(dir, 'api.yaml'));
    const found = spec.lint.filter((f) => f.code === 'required-undeclared');
    expect(found.map((f) => f.pointer)).toEqual(['/components/schemas/Company/required']);
    expect(found[0]!.message).toMatch(/"cnpjNumbers".*it declares "cnpjNumber"/);
    const schema = spec.operations[0]!.responses[0]!.content[0]!.schema!;
    expect(spec.validator.isValid(schema, { company: { name: 'Banco', cnpjNumber: '1' } })).toBe(true);
    expect(spec.validator.isValid(schema, { company: { cnpjNumber: '1' } })).toBe(false);
    expect(spec.validator.isValid(schema, { open: {} })).toBe(false);
  });
});

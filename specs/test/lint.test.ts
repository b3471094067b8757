import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../load.ts';
import { valueAt } from '../violations.ts';
import { minimalSpec, tempSpecDir } from './helpers.ts';
import { HAVE_REFERENCES, REFERENCES_SKIP_REASON, referencePath } from '../../fixtures/reference-pairs.ts';

const summary = (findings: { code: string; pointer: string }[]) => findings.map((f) => `${f.code} ${f.pointer}`).sort();

describe.skipIf(!HAVE_REFERENCES)(`specs lint on the official documents${REFERENCES_SKIP_REASON}`, () => {
  it('reports the real defects of the OPIN financial assistance 1.2.0 file, each with its pointer', async () => {
    const spec = await loadSpec(referencePath('opin-financial-assistance-1.2.0'));
    expect(summary(spec.lint)).toEqual([
      'example-violates-schema /components/schemas/PercentageDetails/example',
      'length-on-non-string /components/schemas/InsuranceFinancialAssistanceContractInfo/properties/amortizationPeriod/maxLength',
      'length-on-non-string /components/schemas/InsuranceFinancialAssistanceCounterInstallments/properties/quantity/maxLength',
      'length-on-non-string /components/schemas/InsuranceFinancialAssistanceMovements/properties/remainingCounterInstallmentsQuantity/maxLength',
      'length-on-non-string /components/schemas/InsuranceFinancialAssistanceMovements/properties/remainingUnpaidCounterInstallmentsQuantity/maxLength',
      'pattern-on-non-string /components/schemas/PercentageDetails/pattern',
    ]);
    for (const finding of spec.lint) expect(finding.handling.length).toBeGreaterThan(0);
  });

  it('finds the Opus consent patterns that can never match, and relaxes them', async () => {
    const spec = await loadSpec(referencePath('opus-accounts-2.4.1'));
    const never = spec.lint.filter((f) => f.code === 'pattern-never-matches');
    expect(never.map((f) => f.pointer)).toEqual([
      '/components/schemas/ConsentDataSharing/properties/creationDateTime/pattern',
      '/components/schemas/ConsentDataSharing/properties/expirationDateTime/pattern',
    ]);
    expect(never[0]?.handling).toMatch(/relaxed/);
    const pattern = valueAt(spec.document, '/components/schemas/ConsentDataSharing/properties/creationDateTime/pattern');
    expect(String(pattern).endsWith('Z$ ')).toBe(true);
  });
});

describe('specs lint on each kind of defect', () => {
  const schema = {
    type: 'object',
    required: ['rate'],
    properties: {
      rate: { type: 'number', pattern: '^\\d+\\.\\d+$' },
      count: { type: 'integer', maxLength: 3 },
      flag: { type: 'boolean', pattern: '^x$' },
      amount: { type: 'string', minimum: 0 },
      code: { type: 'string', format: 'cnpj' },
      stamp: { type: 'string', pattern: '^\\d{4}Z$ ' },
      broken: { type: 'string', pattern: '^[a-' },
      name: { type: 'string', maxLength: 2, minLength: 5 },
      wrongRequired: { type: 'string', required: true },
      typed: { type: 'integer', example: 'twelve' },
    },
  };

  it('points at every defect and says what the loader does', async () => {
    const dir = tempSpecDir({
      'api.yaml': minimalSpec({ $ref: '#/components/schemas/Thing' }, { components: { schemas: { Thing: schema } } }),
    });
    const spec = await loadSpec(path.join(dir, 'api.yaml'));
    const base = '/components/schemas/Thing/properties';
    expect(summary(spec.lint)).toEqual([
      `bounds-contradict ${base}/name/maxLength`,
      `example-violates-schema ${base}/typed/example`,
      `length-on-non-string ${base}/count/maxLength`,
      `number-keyword-on-string ${base}/amount/minimum`,
      `pattern-invalid ${base}/broken/pattern`,
      `pattern-never-matches ${base}/stamp/pattern`,
      `pattern-on-non-string ${base}/rate/pattern`,
      `required-not-a-list ${base}/wrongRequired/required`,
      `string-keyword-ignored ${base}/flag/pattern`,
      `unknown-format ${base}/code/format`,
    ]);
    const invalid = spec.lint.find((f) => f.code === 'pattern-invalid')!;
    expect(invalid.severity).toBe('error');
    expect(invalid.handling).toMatch(/dropped/);
  });

  it('has nothing to say about a clean spec', async () => {
    const dir = tempSpecDir({
      'clean.yaml': minimalSpec({
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid', example: '2b2c5a4e-3f0e-4a4f-9d3c-3f1d2f7b5a10' } },
      }),
    });
    expect((await loadSpec(path.join(dir, 'clean.yaml'))).lint).toEqual([]);
  });
});

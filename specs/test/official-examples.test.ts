import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadSpec } from '../load.ts';
import { HAVE_REFERENCES, REFERENCE_PAIRS, REFERENCES_SKIP_REASON, referencePath } from '../../fixtures/reference-pairs.ts';
import { tempSpecDir } from './helpers.ts';

interface Expected {
  spec: string;
  pointer: string;
  because: string;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/official-example-violations.json', import.meta.url), 'utf8')) as {
  violations: Expected[];
};

async function exampleFindings(file: string) {
  const spec = await loadSpec(file);
  return spec.lint.filter((f) => f.code === 'example-violates-schema');
}

describe.skipIf(!HAVE_REFERENCES)(`every example in the official specs goes through the validator${REFERENCES_SKIP_REASON}`, () => {
  it('finds exactly the examples listed in the fixture, for the listed reasons', async () => {
    const found: Array<{ spec: string; pointer: string; message: string }> = [];
    for (const id of Object.keys(REFERENCE_PAIRS)) {
      for (const finding of await exampleFindings(referencePath(id)))
        found.push({ spec: id, pointer: finding.pointer, message: finding.message });
    }
    expect(found.map((f) => `${f.spec} ${f.pointer}`).sort()).toEqual(fixture.violations.map((v) => `${v.spec} ${v.pointer}`).sort());
    for (const expected of fixture.violations) {
      const match = found.find((f) => f.spec === expected.spec && f.pointer === expected.pointer)!;
      expect(match.message).toContain(expected.because);
    }
  });

  it('reaches examples deep inside component schemas (a planted bad one is caught)', async () => {
    const document = parseDocument(readFileSync(referencePath('ofb-accounts-2.4.1'), 'utf8'));
    const amountPath = ['components', 'schemas', 'AccountBalancesDataAvailableAmount', 'properties', 'amount', 'example'];
    expect(document.getIn(amountPath)).toBeDefined();
    document.setIn(amountPath, '10,5');
    const dir = tempSpecDir({});
    const file = path.join(dir, 'planted.yaml');
    writeFileSync(file, document.toString());
    const findings = await exampleFindings(file);
    expect(findings.map((f) => f.pointer)).toEqual(['/components/schemas/AccountBalancesDataAvailableAmount/properties/amount/example']);
    expect(findings[0]?.message).toContain('pattern');
  });
});

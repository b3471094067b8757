import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { proseFields, structuralDiff } from '../structure.ts';
import { isJsonRecord } from '../json-schema.ts';
import { objectAt } from './helpers.ts';
import {
  BUNDLED_DIR,
  HAVE_REFERENCES,
  REFERENCE_PAIRS,
  REFERENCES_SKIP_REASON,
  readYaml,
  referencePath,
} from '../../fixtures/reference-pairs.ts';

function ours(id: string): unknown {
  return readYaml(path.join(BUNDLED_DIR, `${id}.yaml`));
}

describe.skipIf(!HAVE_REFERENCES)(`our bundled specs match the official ones structurally${REFERENCES_SKIP_REASON}`, () => {
  for (const id of Object.keys(REFERENCE_PAIRS)) {
    it(`${id} has the official structure`, () => {
      const differences = structuralDiff(ours(id), readYaml(referencePath(id)));
      const listing = differences
        .slice(0, 20)
        .map((d) => `${d.pointer}: ours ${JSON.stringify(d.ours)?.slice(0, 120)} / official ${JSON.stringify(d.theirs)?.slice(0, 120)}`);
      expect(listing).toEqual([]);
    });

    it(`${id} says things in its own words`, () => {
      const theirs = proseFields(readYaml(referencePath(id)));
      const copied: string[] = [];
      for (const [pointer, text] of proseFields(ours(id))) {
        const official = theirs.get(pointer);
        // Short labels ("Accounts", "Not found") are names, not prose.
        if (official !== undefined && text.trim().length > 24 && text.trim() === official.trim()) copied.push(pointer);
      }
      expect(copied).toEqual([]);
    });
  }

  it('fails when a single pattern changes', () => {
    const document = structuredClone(ours('ofb-accounts-2.4.1'));
    const schemas = objectAt(document, '/components/schemas');
    const [name, schema] = Object.entries(schemas).find(([, s]) => JSON.stringify(s).includes('"pattern"'))!;
    const mutate = (node: unknown): boolean => {
      if (isJsonRecord(node)) {
        if (typeof node.pattern === 'string') {
          node.pattern = `${node.pattern}x`;
          return true;
        }
        return Object.values(node).some(mutate);
      }
      return false;
    };
    expect(mutate(schema)).toBe(true);
    const differences = structuralDiff(document, readYaml(referencePath('ofb-accounts-2.4.1')));
    expect(differences).toHaveLength(1);
    expect(differences[0]?.pointer).toMatch(new RegExp(`^/components/schemas/${name}/.*pattern$`));
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Where the official documents live: beside the clone, never inside it. */
export const REFERENCE_DIR = fileURLToPath(new URL('../../../shared/reference-specs/', import.meta.url));
export const BUNDLED_DIR = fileURLToPath(new URL('../bundled/', import.meta.url));

/** Our catalogue id → the official file it must match structurally. */
export const REFERENCE_PAIRS: Record<string, string> = {
  'ofb-accounts-2.4.1': 'ofb/accounts-2.4.1.yml',
  'ofb-financings-2.3.0': 'ofb/financings-2.3.0.yml',
  'opus-accounts-2.4.1': 'opus/en-accounts-2-4-1.yml',
  'opus-financings-2.3.0': 'opus/financings-2-3-0.yml',
  'opus-commons-1.0.0': 'opus/en-opus-commons-1-0-0.yml',
  'opin-financial-assistance-1.2.0': 'opin/insurance-financial-assistance-1.2.0.yaml',
};

export function referencePath(id: string): string {
  return path.join(REFERENCE_DIR, REFERENCE_PAIRS[id]);
}

export function haveReferences(): boolean {
  return existsSync(REFERENCE_DIR);
}

/** Whether the official documents are beside the clone; the tests that read them skip when they are not. */
export const HAVE_REFERENCES = haveReferences();

/** Appended to the title of a describe that reads the official documents, so a skip says why. */
export const REFERENCES_SKIP_REASON = HAVE_REFERENCES
  ? ''
  : ' [skipped: the official specs (../shared/reference-specs beside this clone) are absent]';

export function readYaml(file: string): unknown {
  return parse(readFileSync(file, 'utf8'));
}

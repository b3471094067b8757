/**
 * The bundled catalogue: one OpenAPI file per system aferir serves. Which
 * family's rules apply to each is read from the spec itself (families/).
 */
import path from 'node:path';
import { packageRoot } from './package-info.ts';

export const REPOSITORY_ROOT = packageRoot();

export interface CatalogueEntry {
  id: string;
  /** Path relative to the repository root. */
  file: string;
}

const entry = (id: string): CatalogueEntry => ({ id, file: `specs/bundled/${id}.yaml` });

export const CATALOGUE: readonly CatalogueEntry[] = [
  entry('ofb-accounts-2.4.1'),
  entry('ofb-financings-2.3.0'),
  entry('opus-accounts-2.4.1'),
  entry('opus-financings-2.3.0'),
  entry('opus-commons-1.0.0'),
  entry('opin-financial-assistance-1.2.0'),
  entry('ofb-consents-3.3.1'),
  entry('opin-consents-3.0.0'),
  entry('opin-resources-3.0.0'),
  entry('originator-applications-1.0.0'),
  entry('belvo-accounts-1.223.0'),
];

export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.id === id);
}

export function catalogueFile(entry: CatalogueEntry): string {
  return path.join(REPOSITORY_ROOT, entry.file);
}

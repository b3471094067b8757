/**
 * The bundled catalogue: one OpenAPI file per system aferir serves, with the
 * family whose rules (paging, headers, errors) apply to it.
 */
import path from 'node:path';
import { packageRoot } from './package-info.ts';
import type { Family } from './types.ts';

export const REPOSITORY_ROOT = packageRoot();

export interface CatalogueEntry {
  id: string;
  family: Family;
  /** Path relative to the repository root. */
  file: string;
}

const entry = (id: string, family: Family): CatalogueEntry => ({ id, family, file: `specs/bundled/${id}.yaml` });

export const CATALOGUE: readonly CatalogueEntry[] = [
  entry('ofb-accounts-2.4.1', 'ofb'),
  entry('ofb-financings-2.3.0', 'ofb'),
  entry('opus-accounts-2.4.1', 'opus'),
  entry('opus-financings-2.3.0', 'opus'),
  entry('opus-commons-1.0.0', 'opus'),
  entry('opin-financial-assistance-1.2.0', 'opin'),
  entry('originator-applications-1.0.0', 'originator'),
  entry('belvo-accounts-1.223.0', 'belvo'),
];

export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.id === id);
}

export function catalogueFile(entry: CatalogueEntry): string {
  return path.join(REPOSITORY_ROOT, entry.file);
}

/**
 * Load + compile time of every bundled spec: parse, resolve $refs, convert,
 * index, lint, and compile every response schema once — what a cold `aferir
 * mock` or `aferir run` pays before the first request. Compared with the
 * official files in ../shared/reference-specs when they are present.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '../specs/catalogue.ts';
import { loadSpec } from '../specs/load.ts';
import type { LoadedSpec } from '../specs/types.ts';

function compileAll(spec: LoadedSpec): number {
  let count = 0;
  for (const operation of spec.operations) {
    for (const response of operation.responses) {
      for (const media of response.content) {
        if (media.schema !== undefined) {
          spec.validator.compile(media.schema);
          count++;
        }
      }
    }
  }
  return count;
}

async function timeLoad(ref: string): Promise<{ id: string; ms: number; schemas: number }> {
  const started = performance.now();
  const spec = await loadSpec(ref);
  const schemas = compileAll(spec);
  return { id: spec.id, ms: performance.now() - started, schemas };
}

export default async function bench(): Promise<void> {
  const started = performance.now();
  const rows = [];
  for (const entry of CATALOGUE) rows.push(await timeLoad(entry.id));
  const total = performance.now() - started;
  for (const row of rows)
    console.log(`${row.id.padEnd(34)} ${row.ms.toFixed(0).padStart(5)} ms  (${row.schemas} response schemas compiled)`);
  console.log(`all ${rows.length} bundled specs: ${total.toFixed(0)} ms load + compile (sequential, one process)`);

  const referenceDir = fileURLToPath(new URL('../../shared/reference-specs/', import.meta.url));
  if (existsSync(referenceDir)) {
    const { REFERENCE_PAIRS } = await import('../fixtures/reference-pairs.ts');
    const officialStart = performance.now();
    for (const file of Object.values(REFERENCE_PAIRS)) await timeLoad(`${referenceDir}${file}`);
    console.log(`the 6 official reference files: ${(performance.now() - officialStart).toFixed(0)} ms load + compile`);
  }
}

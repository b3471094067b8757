/**
 * Reads a `results.json` back (for `report diff`, `report merge` and
 * `replay`): a file or a report folder holding one. Everything in it is
 * treated as untrusted input — a file that is not a run's results is a usage
 * error naming it (exit 2), never a crash.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../specs/errors.ts';
import type { RunResults } from '../suites/result-model.ts';
import { REPORT_FILE_NAMES } from './formats.ts';

/** `where`: a results.json file or a report folder; relative to `cwd`. */
export async function readResults(where: string, cwd: string): Promise<{ file: string; run: RunResults }> {
  let file = path.resolve(cwd, where);
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, REPORT_FILE_NAMES.json);
  } catch {
    throw new UsageError(`Cannot read ${where}: no such file or folder; give a results.json or the report folder holding one.`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new UsageError(`Cannot read ${file}: ${(cause as Error).message}.`, { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new UsageError(`${file} is not JSON (${(cause as Error).message}); give the results.json aferir run wrote.`, { cause });
  }
  const problem = shapeProblem(value);
  if (problem) throw new UsageError(`${file} is not an aferir results.json: ${problem}.`);
  return { file, run: value as RunResults };
}

function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not an object';
  const run = value as Partial<Record<keyof RunResults, unknown>>;
  if (!Array.isArray(run.results)) return 'it has no results list';
  for (const [index, result] of run.results.entries()) {
    if (typeof result !== 'object' || result === null) return `results[${index}] is not an object`;
    const { id, check, status } = result as Record<string, unknown>;
    if (typeof id !== 'string' || typeof check !== 'string') return `results[${index}] has no id or check`;
    if (!['passed', 'failed', 'warning', 'skipped'].includes(String(status))) return `results[${index}] has no valid status`;
  }
  return undefined;
}

import pc from 'picocolors';
import type { LoadedSpec } from '../specs/types.ts';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Lint findings as lines a person reads: severity, code, pointer, message, and what aferir does. */
export function formatLint(spec: LoadedSpec): string {
  if (spec.lint.length === 0) return `${spec.id}: no defects found (${spec.operations.length} operations).`;
  const findings = [...spec.lint].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const lines = findings.map((f) => {
    const label = f.severity === 'error' ? pc.red('error  ') : f.severity === 'warning' ? pc.yellow('warning') : pc.dim('info   ');
    return `${label} ${f.code}  #${f.pointer}\n        ${f.message}\n        → ${f.handling}`;
  });
  const counts = (['error', 'warning', 'info'] as const).map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  return `${lines.join('\n')}\n${spec.id}: ${counts}.`;
}

/**
 * `results.json`: the RunResults object, pretty-printed with a stable key
 * order, so two identical runs give byte-identical files and a diff between
 * two runs shows only what changed. Model objects keep the order in which
 * result-model.ts declares their fields (the order a reader expects); maps and
 * target-supplied values (headers, expected/actual) are sorted by key.
 */
import type { RunResults } from '../suites/result-model.ts';

/** How to order one kind of object: its known keys first, in this order; then the rest, sorted. */
interface Shape {
  keys: readonly string[];
  /** Shapes of nested objects, or of the items of nested arrays, by key. */
  nested?: Readonly<Record<string, Shape>>;
}

const SORTED: Shape = { keys: [] };

const REQUEST: Shape = { keys: ['method', 'url', 'headers', 'body'] };
const RESPONSE: Shape = { keys: ['status', 'headers', 'body', 'bodyBytes', 'bodyTruncated', 'durationMs'] };

const RESULT: Shape = {
  keys: [
    'id',
    'check',
    'spec',
    'operation',
    'status',
    'severity',
    'message',
    'findings',
    'request',
    'response',
    'curl',
    'exchanges',
    'durationMs',
  ],
  nested: {
    findings: { keys: ['message', 'path', 'rule', 'expected', 'actual', 'severity', 'exchange'] },
    request: REQUEST,
    response: RESPONSE,
    exchanges: { keys: ['exchange', 'request', 'response', 'curl'], nested: { request: REQUEST, response: RESPONSE } },
  },
};

const RUN: Shape = {
  keys: [
    'tool',
    'target',
    'spec',
    'specs',
    'startedAt',
    'finishedAt',
    'durationMs',
    'failOn',
    'verdict',
    'interrupted',
    'interruption',
    'summary',
    'checks',
    'coverage',
    'coverageSummary',
    'diagnostics',
    'results',
    'requests',
    'shard',
  ],
  nested: {
    tool: { keys: ['name', 'version'] },
    interruption: { keys: ['signal', 'operationsNotRun', 'checksNotRun'] },
    specs: { keys: ['id', 'title', 'version', 'source', 'basePath'] },
    summary: { keys: ['passed', 'failed', 'warnings', 'skipped', 'total'] },
    checks: { keys: ['id', 'description', 'severity'] },
    coverage: {
      keys: ['spec', 'operation', 'method', 'path', 'exercised', 'documentedStatuses', 'exercisedStatuses', 'covered', 'notCoveredReason'],
    },
    coverageSummary: {
      keys: ['operations', 'covered', 'ratio', 'required', 'notCovered'],
      nested: { notCovered: { keys: ['spec', 'operation', 'reason'] } },
    },
    results: RESULT,
    shard: { keys: ['index', 'count', 'plan'] },
  },
};

export function buildResultsJson(run: RunResults): string {
  return `${JSON.stringify(ordered(run, RUN), null, 2)}\n`;
}

function ordered(value: unknown, shape: Shape): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, shape));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const known = shape.keys.filter((key) => key in record);
  const rest = Object.keys(record)
    .filter((key) => !shape.keys.includes(key))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of [...known, ...rest]) {
    // defineProperty, not assignment: a target-supplied `__proto__` key must stay data.
    Object.defineProperty(out, key, {
      value: ordered(record[key], shape.nested?.[key] ?? SORTED),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/*
 * The run embedded in #aferir-data, the lookups every view shares, and the
 * two groupings of its results (by operation, by check), failures first.
 */

const run = JSON.parse(document.getElementById('aferir-data').textContent);
const results = run.results || [];
const checks = run.checks || [];
const coverage = run.coverage || [];
const specs = run.specs || [];
const failsOnWarning = run.failOn === 'warning';

const isFailing = (r) => r.status === 'failed' || (failsOnWarning && r.status === 'warning');
const isIssue = (r) => r.status === 'failed' || r.status === 'warning';
const checkInfo = new Map(checks.map((c) => [c.id, c]));
const coverageOf = new Map(coverage.map((c) => [c.spec + '\u0000' + c.operation, c]));
const specOf = new Map(specs.map((s) => [s.id, s]));

function groupsByOperation() {
  const map = new Map();
  const add = (spec, operation) => {
    const key = spec + '\u0000' + operation;
    if (!map.has(key)) map.set(key, { key, spec, operation, indices: [] });
    return map.get(key);
  };
  for (const c of coverage) add(c.spec, c.operation);
  results.forEach((r, i) => add(r.spec, r.operation).indices.push(i));
  const rank = new Map(specs.map((s, i) => [s.id, i]));
  return [...map.values()].sort(
    (a, b) => (rank.has(a.spec) ? rank.get(a.spec) : specs.length) - (rank.has(b.spec) ? rank.get(b.spec) : specs.length),
  );
}

function groupsByCheck() {
  const map = new Map();
  const add = (check) => {
    if (!map.has(check)) map.set(check, { key: 'check\u0000' + check, check, indices: [] });
    return map.get(check);
  };
  for (const c of checks) add(c.id);
  results.forEach((r, i) => add(r.check).indices.push(i));
  return [...map.values()];
}

// Inside a group, failures first: in a group of thousands the reviewer must not page
// through passes to find them. The sort is stable, so each status keeps the engine's order.
const STATUS_RANK = { failed: 0, warning: 1, skipped: 2, passed: 3 };
const rankOf = (i) => (results[i].status in STATUS_RANK ? STATUS_RANK[results[i].status] : 4);
const failuresFirst = (groups) => {
  for (const g of groups) g.indices.sort((a, b) => rankOf(a) - rankOf(b));
  return groups;
};
const operationGroups = failuresFirst(groupsByOperation());
const checkGroups = failuresFirst(groupsByCheck());

/*
 * What the reviewer asked to see: the filter state, the search text, which
 * results are visible, and the toolbar (search, "Failures only", the
 * selects, expand/collapse all) that changes them.
 */

/** Open every matching group when a filter leaves at most this many results. */
const AUTO_OPEN_LIMIT = 300;

const state = {
  view: 'operation',
  failuresOnly: false,
  status: '',
  severity: '',
  check: '',
  operation: '',
  query: '',
  printing: false,
  open: new Set(),
  openRows: new Set(),
  limits: new Map(),
};
let visible = new Uint8Array(results.length).fill(1);
let visibleCount = results.length;
const searchText = new Array(results.length);

/** Everything a reviewer might search for, lower-cased once, on the first search. */
function searchTextOf(i) {
  if (searchText[i] === undefined) {
    const r = results[i];
    const parts = [r.check, r.operation, r.spec, r.status, r.severity, r.message];
    for (const f of r.findings || []) parts.push(f.message, f.path, f.rule, f.exchange, formatValue(f.expected), formatValue(f.actual));
    if (r.request) parts.push(r.request.method, r.request.url);
    if (r.response) parts.push(String(r.response.status), (r.response.body || '').slice(0, 20000));
    searchText[i] = parts
      .filter((p) => p !== undefined && p !== null)
      .join('\n')
      .toLowerCase();
  }
  return searchText[i];
}

function filterActive() {
  return (
    state.failuresOnly || state.status !== '' || state.severity !== '' || state.check !== '' || state.operation !== '' || state.query !== ''
  );
}

function matches(i) {
  const r = results[i];
  // On paper: the issues with their evidence, and the skips with their reasons (a reviewer must see what was not checked).
  if (state.printing) return isIssue(r) || r.status === 'skipped';
  if (state.failuresOnly && !isFailing(r)) return false;
  if (state.status && r.status !== state.status) return false;
  if (state.severity && r.severity !== state.severity) return false;
  if (state.check && r.check !== state.check) return false;
  if (state.operation && r.spec + '\u0000' + r.operation !== state.operation) return false;
  if (state.query) {
    const text = searchTextOf(i);
    for (const word of state.query.split(/\s+/)) if (word && !text.includes(word)) return false;
  }
  return true;
}

function applyFilters() {
  visibleCount = 0;
  for (let i = 0; i < results.length; i++) {
    visible[i] = matches(i) ? 1 : 0;
    visibleCount += visible[i];
  }
  if (filterActive() && visibleCount <= AUTO_OPEN_LIMIT) {
    for (const group of operationGroups.concat(checkGroups)) {
      if (group.indices.some((i) => visible[i])) state.open.add(group.key);
    }
  }
  render();
}

let searchTimer;
function renderToolbar() {
  const select = (id, label, options, value, onChange) =>
    el(
      'label',
      { class: 'field' },
      el('span', { class: 'field-label', text: label }),
      el(
        'select',
        { id, on: { change: (e) => onChange(e.target.value) } },
        options.map(([v, text]) => el('option', { value: v, selected: v === value, text })),
      ),
    );

  const search = el('input', {
    id: 'search',
    type: 'search',
    placeholder: 'Search checks, operations, messages, paths, bodies…',
    autocomplete: 'off',
    'aria-label': 'Search',
    on: {
      input: (e) => {
        clearTimeout(searchTimer);
        const value = e.target.value;
        searchTimer = setTimeout(() => {
          state.query = value.trim().toLowerCase();
          applyFilters();
        }, 150);
      },
    },
  });
  const failuresOnly = el(
    'label',
    { class: 'toggle', title: failsOnWarning ? 'Failed results and warnings (this run fails on warnings)' : 'Failed results only' },
    el('input', {
      id: 'failures-only',
      type: 'checkbox',
      on: {
        change: (e) => {
          state.failuresOnly = e.target.checked;
          applyFilters();
        },
      },
    }),
    ' Failures only',
  );
  const operations = operationGroups.filter((g) => g.indices.length > 0);

  document.getElementById('toolbar').replaceChildren(
    el('div', { class: 'toolbar-row' }, search, failuresOnly),
    el(
      'div',
      { class: 'toolbar-row' },
      select(
        'filter-status',
        'Status',
        [
          ['', 'All'],
          ['failed', 'Failed'],
          ['warning', 'Warning'],
          ['passed', 'Passed'],
          ['skipped', 'Skipped'],
        ],
        state.status,
        (v) => {
          state.status = v;
          applyFilters();
        },
      ),
      select(
        'filter-severity',
        'Severity',
        [
          ['', 'All'],
          ['error', 'Error'],
          ['warning', 'Warning'],
        ],
        state.severity,
        (v) => {
          state.severity = v;
          applyFilters();
        },
      ),
      select(
        'filter-check',
        'Check',
        [['', 'All checks']].concat(checkGroups.filter((g) => g.indices.length).map((g) => [g.check, g.check])),
        state.check,
        (v) => {
          state.check = v;
          applyFilters();
        },
      ),
      select(
        'filter-operation',
        'Operation',
        [['', 'All operations']].concat(operations.map((g) => [g.key, g.operation + (specs.length > 1 ? ' (' + g.spec + ')' : '')])),
        state.operation,
        (v) => {
          state.operation = v;
          applyFilters();
        },
      ),
      el(
        'span',
        { class: 'toolbar-actions' },
        el('button', { type: 'button', class: 'button', id: 'expand-all', on: { click: () => setAllOpen(true) } }, 'Expand all'),
        el('button', { type: 'button', class: 'button', id: 'collapse-all', on: { click: () => setAllOpen(false) } }, 'Collapse all'),
      ),
      el('output', { id: 'match-count', class: 'match-count' }),
    ),
  );
}

function setAllOpen(open) {
  const groups = state.view === 'check' ? checkGroups : operationGroups;
  for (const g of groups) {
    if (open && g.indices.some((i) => visible[i])) state.open.add(g.key);
    if (!open) state.open.delete(g.key);
  }
  if (!open) state.openRows.clear();
  renderView();
}

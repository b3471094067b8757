/*
 * aferir HTML report: renders the run embedded in #aferir-data.
 *
 * Every piece of text that came from the target (messages, URLs, headers,
 * bodies, paths) reaches the page through textContent or setAttribute, never
 * through innerHTML, so a body holding <script> or onerror= shows as text.
 * Large runs stay responsive because nothing is rendered until asked for:
 * groups start collapsed, a group renders its first rows only, and a result's
 * evidence is built when its row is opened.
 */
(() => {
  'use strict';

  const run = JSON.parse(document.getElementById('aferir-data').textContent);
  const results = run.results || [];
  const checks = run.checks || [];
  const coverage = run.coverage || [];
  const specs = run.specs || [];
  const failsOnWarning = run.failOn === 'warning';

  /** Rows a group shows before "show more"; keeps a 10,000-result group cheap to open. */
  const ROW_PAGE = 100;
  /** Open every matching group when a filter leaves at most this many results. */
  const AUTO_OPEN_LIMIT = 300;
  /** Lines of a body shown before "show whole body", besides the lines around highlights. */
  const BODY_LINE_CAP = 400;
  /** Lines kept around each highlighted line that falls beyond the cap. */
  const HIGHLIGHT_CONTEXT = 4;
  /** Characters of a non-JSON body shown before "show whole body". */
  const RAW_BODY_CAP = 100000;
  /** Results whose evidence the print view expands; the rest are listed without it. */
  const PRINT_DETAIL_CAP = 200;

  const isFailing = (r) => r.status === 'failed' || (failsOnWarning && r.status === 'warning');
  const isIssue = (r) => r.status === 'failed' || r.status === 'warning';
  const checkInfo = new Map(checks.map((c) => [c.id, c]));
  const coverageOf = new Map(coverage.map((c) => [c.spec + '\u0000' + c.operation, c]));
  const specOf = new Map(specs.map((s) => [s.id, s]));

  // ---------- small DOM helpers: text only ----------

  /** Creates an element; string and number children become text nodes, never markup. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === 'text') node.textContent = String(value);
        else if (name === 'on') for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
        else node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const nf = new Intl.NumberFormat('en-US');
  const num = (n) => nf.format(n);

  function formatDuration(ms) {
    if (typeof ms !== 'number' || !isFinite(ms) || ms < 0) return '–';
    if (ms < 1000) return Math.round(ms) + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
    return Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
  }

  function formatBytes(bytes) {
    if (bytes < 1024) return bytes + ' B';
    if (bytes < 1048576) return (bytes / 1024).toFixed(1) + ' kB';
    return (bytes / 1048576).toFixed(1) + ' MB';
  }

  /** ISO date shown in UTC, so a report reads the same in every time zone. */
  function formatDate(iso) {
    const date = new Date(iso);
    if (isNaN(date.getTime())) return String(iso || '–');
    return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
  }

  function formatValue(value) {
    if (value === undefined) return '';
    try {
      const text = JSON.stringify(value);
      return text === undefined ? String(value) : text;
    } catch (e) {
      return String(value);
    }
  }

  const STATUS_LABEL = { passed: 'passed', failed: 'failed', warning: 'warning', skipped: 'skipped' };
  function statusPill(status) {
    return el('span', { class: 'pill pill-' + status, text: STATUS_LABEL[status] || status });
  }

  // ---------- grouping ----------

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
    return [...map.values()].sort((a, b) => (rank.has(a.spec) ? rank.get(a.spec) : specs.length) - (rank.has(b.spec) ? rank.get(b.spec) : specs.length));
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

  // ---------- state and filtering ----------

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
      searchText[i] = parts.filter((p) => p !== undefined && p !== null).join('\n').toLowerCase();
    }
    return searchText[i];
  }

  function filterActive() {
    return state.failuresOnly || state.status !== '' || state.severity !== '' || state.check !== '' || state.operation !== '' || state.query !== '';
  }

  function matches(i) {
    const r = results[i];
    if (state.printing) return isIssue(r);
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

  // ---------- header ----------

  function renderHeader() {
    const s = run.summary || { passed: 0, failed: 0, warnings: 0, skipped: 0, total: results.length };
    const pass = run.verdict === 'pass';
    document.documentElement.dataset.verdict = pass ? 'pass' : 'fail';
    const stat = (key, label, value) =>
      el('div', { class: 'stat stat-' + key + (value > 0 ? ' stat-nonzero' : '') },
        el('span', { class: 'stat-value', 'data-count': key, text: num(value) }),
        el('span', { class: 'stat-label', text: label }));
    const specLines = specs.length
      ? specs.map((sp) => el('div', null, el('strong', { text: sp.title + ' ' + sp.version }), ' ', el('code', { text: sp.id })))
      : [el('code', { text: run.spec })];
    const meta = (label, ...value) => [el('dt', { text: label }), el('dd', null, ...value)];

    const header = document.getElementById('run-header');
    header.replaceChildren(
      el('div', { class: 'brand-row' },
        el('div', { class: 'brand' }, el('span', { class: 'brand-name', text: 'aferir' }), el('span', { class: 'brand-sub', text: 'Conformance report' })),
        el('div', { class: 'brand-tool', text: (run.tool ? run.tool.name + ' ' + run.tool.version : '') })),
      el('div', { class: 'verdict-row' },
        el('div', { id: 'verdict', class: 'verdict verdict-' + (pass ? 'pass' : 'fail'), 'data-verdict': pass ? 'pass' : 'fail' },
          el('span', { class: 'verdict-word', text: pass ? 'PASS' : 'FAIL' }),
          el('span', { class: 'verdict-note', text: pass ? 'no check failed' : (failsOnWarning ? 'failures or warnings found' : 'failures found') })),
        el('div', { class: 'stats' },
          stat('failed', 'Failed', s.failed),
          stat('warnings', 'Warnings', s.warnings),
          stat('passed', 'Passed', s.passed),
          stat('skipped', 'Skipped', s.skipped),
          stat('total', 'Total', s.total))),
      el('dl', { class: 'meta' },
        meta('Target', el('code', { class: 'target', text: run.target })),
        meta(specs.length > 1 ? 'Specs' : 'Spec', ...specLines),
        meta('Started', formatDate(run.startedAt)),
        meta('Duration', formatDuration(run.durationMs)),
        meta('Fails on', failsOnWarning ? 'errors and warnings' : 'errors'),
        meta('Tool', run.tool ? run.tool.name + ' ' + run.tool.version : '–')));

    document.getElementById('run-footer').replaceChildren(
      el('p', { text: 'Generated by ' + (run.tool ? run.tool.name + ' ' + run.tool.version : 'aferir') + ' at ' + formatDate(run.finishedAt) +
        '. Credentials (Authorization, cookies, API keys, client certificates) are redacted. The same data is in results.json.' }));
  }

  // ---------- tabs and toolbar ----------

  function renderTabs() {
    const tab = (view, label) => el('button', {
      type: 'button', class: 'tab', role: 'tab', 'data-view': view, 'aria-selected': state.view === view ? 'true' : 'false',
      on: { click: () => { state.view = view; render(); } },
    }, label);
    const exercised = coverage.filter((c) => c.exercised).length;
    document.getElementById('tabs').replaceChildren(el('div', { class: 'tablist', role: 'tablist' },
      tab('operation', 'By operation'),
      tab('check', 'By check'),
      tab('coverage', 'Coverage ' + exercised + '/' + coverage.length)));
  }

  let searchTimer;
  function renderToolbar() {
    const select = (id, label, options, value, onChange) => el('label', { class: 'field' },
      el('span', { class: 'field-label', text: label }),
      el('select', { id, on: { change: (e) => onChange(e.target.value) } },
        options.map(([v, text]) => el('option', { value: v, selected: v === value, text }))));

    const search = el('input', {
      id: 'search', type: 'search', placeholder: 'Search checks, operations, messages, paths, bodies…', autocomplete: 'off', 'aria-label': 'Search',
      on: { input: (e) => { clearTimeout(searchTimer); const value = e.target.value; searchTimer = setTimeout(() => { state.query = value.trim().toLowerCase(); applyFilters(); }, 150); } },
    });
    const failuresOnly = el('label', { class: 'toggle', title: failsOnWarning ? 'Failed results and warnings (this run fails on warnings)' : 'Failed results only' },
      el('input', { id: 'failures-only', type: 'checkbox', on: { change: (e) => { state.failuresOnly = e.target.checked; applyFilters(); } } }),
      ' Failures only');
    const operations = operationGroups.filter((g) => g.indices.length > 0);

    document.getElementById('toolbar').replaceChildren(
      el('div', { class: 'toolbar-row' }, search, failuresOnly),
      el('div', { class: 'toolbar-row' },
        select('filter-status', 'Status', [['', 'All'], ['failed', 'Failed'], ['warning', 'Warning'], ['passed', 'Passed'], ['skipped', 'Skipped']], state.status, (v) => { state.status = v; applyFilters(); }),
        select('filter-severity', 'Severity', [['', 'All'], ['error', 'Error'], ['warning', 'Warning']], state.severity, (v) => { state.severity = v; applyFilters(); }),
        select('filter-check', 'Check', [['', 'All checks']].concat(checkGroups.filter((g) => g.indices.length).map((g) => [g.check, g.check])), state.check, (v) => { state.check = v; applyFilters(); }),
        select('filter-operation', 'Operation', [['', 'All operations']].concat(operations.map((g) => [g.key, g.operation + (specs.length > 1 ? ' (' + g.spec + ')' : '')])), state.operation, (v) => { state.operation = v; applyFilters(); }),
        el('span', { class: 'toolbar-actions' },
          el('button', { type: 'button', class: 'button', id: 'expand-all', on: { click: () => setAllOpen(true) } }, 'Expand all'),
          el('button', { type: 'button', class: 'button', id: 'collapse-all', on: { click: () => setAllOpen(false) } }, 'Collapse all')),
        el('output', { id: 'match-count', class: 'match-count' })));
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

  // ---------- results view ----------

  function countsOf(indices) {
    const counts = { failed: 0, warning: 0, passed: 0, skipped: 0, shown: 0 };
    for (const i of indices) {
      counts[results[i].status] = (counts[results[i].status] || 0) + 1;
      if (visible[i]) counts.shown++;
    }
    return counts;
  }

  function countBadges(counts) {
    return el('span', { class: 'badges' },
      counts.failed ? el('span', { class: 'badge badge-failed', title: 'failed', text: '✗ ' + num(counts.failed) }) : null,
      counts.warning ? el('span', { class: 'badge badge-warning', title: 'warnings', text: '! ' + num(counts.warning) }) : null,
      counts.passed ? el('span', { class: 'badge badge-passed', title: 'passed', text: '✓ ' + num(counts.passed) }) : null,
      counts.skipped ? el('span', { class: 'badge badge-skipped', title: 'skipped', text: '– ' + num(counts.skipped) }) : null);
  }

  function renderView() {
    const view = document.getElementById('view');
    const fragment = document.createDocumentFragment();
    if (state.view === 'check') {
      for (const g of checkGroups) {
        const node = groupElement(g);
        if (node) fragment.append(node);
      }
    } else {
      let currentSpec = null;
      let section = null;
      for (const g of operationGroups) {
        const node = groupElement(g);
        if (!node) continue;
        if (g.spec !== currentSpec) {
          currentSpec = g.spec;
          const info = specOf.get(g.spec);
          section = el('section', { class: 'spec-section' },
            el('h2', { class: 'spec-title' }, info ? info.title + ' ' + info.version + ' ' : '', el('code', { text: g.spec })));
          fragment.append(section);
        }
        section.append(node);
      }
    }
    if (!fragment.childNodes.length) fragment.append(el('p', { class: 'empty', text: results.length ? 'No result matches the filters.' : 'This run produced no results.' }));
    view.replaceChildren(fragment);
    const count = document.getElementById('match-count');
    if (count) count.textContent = 'Showing ' + num(visibleCount) + ' of ' + num(results.length) + ' results';
  }

  /** One collapsible group; null when the filters leave nothing in it. */
  function groupElement(g) {
    const counts = countsOf(g.indices);
    if (counts.shown === 0 && !(state.printing && g.indices.length)) return null;
    const open = state.open.has(g.key) && counts.shown > 0;
    const byCheck = g.check !== undefined;
    const cov = byCheck ? null : coverageOf.get(g.key);
    const info = byCheck ? checkInfo.get(g.check) : null;
    const failing = g.indices.some((i) => isFailing(results[i]));
    const wrapper = el('section', { class: 'group' + (failing ? ' group-failing' : ''), 'data-group': g.key });
    const head = el('button', {
      type: 'button', class: 'group-head', 'aria-expanded': open ? 'true' : 'false',
      on: { click: () => { if (state.open.has(g.key)) state.open.delete(g.key); else state.open.add(g.key); wrapper.replaceWith(groupElement(g) || el('div')); } },
    },
    el('span', { class: 'chevron', 'aria-hidden': 'true' }),
    el('span', { class: 'group-title' },
      el('code', { class: 'group-name', text: byCheck ? g.check : g.operation }),
      byCheck
        ? (info ? el('span', { class: 'group-sub', text: info.description }) : null)
        : (cov ? el('span', { class: 'group-sub' }, el('span', { class: 'method method-' + String(cov.method).toLowerCase(), text: String(cov.method).toUpperCase() }), ' ', cov.path) : null)),
    countBadges(counts),
    counts.shown !== g.indices.length ? el('span', { class: 'group-shown', text: num(counts.shown) + ' shown' }) : null);
    wrapper.append(head);
    if (open) wrapper.append(groupBody(g, byCheck));
    return wrapper;
  }

  function groupBody(g, byCheck) {
    const shown = g.indices.filter((i) => visible[i]);
    const limit = state.limits.get(g.key) || ROW_PAGE;
    const body = el('div', { class: 'group-body' });
    for (const i of shown.slice(0, limit)) body.append(rowElement(i, byCheck));
    if (shown.length > limit) {
      const more = Math.min(ROW_PAGE * 5, shown.length - limit);
      body.append(el('button', {
        type: 'button', class: 'button show-more',
        on: { click: () => { state.limits.set(g.key, limit + more); body.replaceWith(groupBody(g, byCheck)); } },
      }, 'Show ' + num(more) + ' more of ' + num(shown.length - limit) + ' remaining'));
    }
    return body;
  }

  function rowElement(i, byCheck) {
    const r = results[i];
    const open = state.openRows.has(i);
    const row = el('article', { class: 'result result-' + r.status, 'data-index': i, 'data-status': r.status });
    const head = el('button', {
      type: 'button', class: 'row-head', 'aria-expanded': open ? 'true' : 'false',
      on: { click: () => { if (state.openRows.has(i)) state.openRows.delete(i); else state.openRows.add(i); row.replaceWith(rowElement(i, byCheck)); } },
    },
    el('span', { class: 'chevron', 'aria-hidden': 'true' }),
    statusPill(r.status),
    el('code', { class: 'row-check', text: byCheck ? r.operation : r.check }),
    el('span', { class: 'row-message', text: r.message }),
    r.durationMs !== undefined ? el('span', { class: 'row-time', text: formatDuration(r.durationMs) }) : null);
    row.append(head);
    if (open) row.append(detailElement(r));
    return row;
  }

  // ---------- one result's evidence ----------

  function detailElement(r) {
    const info = checkInfo.get(r.check);
    const detail = el('div', { class: 'detail' });
    detail.append(el('p', { class: 'check-description' },
      el('code', { text: r.check }), ' · ', el('span', { class: 'severity severity-' + r.severity, text: r.severity }),
      info ? ' — ' + info.description : '',
      ' · ', el('span', { class: 'muted', text: r.spec + ' › ' + r.operation })));
    if (r.status !== 'passed') detail.append(el('p', { class: 'detail-message', text: r.message }));

    // Only findings about the exchange shown as evidence are highlighted on its body:
    // a `$.data[0]` found on page 2 must not light up item 0 of page 1.
    const pointers = (r.findings || []).filter((f) => aboutShownExchange(f, r.request)).map((f) => toMatcher(f.path)).filter(Boolean);
    if (r.findings && r.findings.length) detail.append(findingsTable(r.findings));

    const evidence = el('div', { class: 'evidence' });
    if (r.request) evidence.append(requestElement(r.request));
    if (r.response) evidence.append(responseElement(r.response, pointers));
    if (evidence.childNodes.length) detail.append(evidence);
    return detail;
  }

  function findingsTable(findings) {
    return el('table', { class: 'findings' },
      el('thead', null, el('tr', null, ['Path', 'Rule', 'Finding', 'Expected', 'Actual'].map((h) => el('th', { text: h })))),
      el('tbody', null, findings.map((f) => el('tr', null,
        el('td', null, f.path ? el('code', { class: 'finding-path', text: f.path }) : '–'),
        el('td', null, f.rule ? el('code', { text: f.rule }) : '–'),
        el('td', null, f.message,
          f.severity ? [' ', el('span', { class: 'severity severity-' + f.severity, text: f.severity })] : null,
          f.exchange ? el('div', { class: 'finding-exchange' }, 'on ', el('code', { text: f.exchange })) : null),
        el('td', null, f.expected !== undefined ? el('code', { class: 'value', text: clip(formatValue(f.expected), 2000) }) : '–'),
        el('td', null, f.actual !== undefined ? el('code', { class: 'value', text: clip(formatValue(f.actual), 2000) }) : '–')))));
  }

  function clip(text, max) {
    return text.length > max ? text.slice(0, max) + '… (' + num(text.length - max) + ' more characters)' : text;
  }

  function headersTable(headers) {
    const entries = Object.entries(headers || {});
    if (!entries.length) return null;
    return el('table', { class: 'headers' }, el('tbody', null, entries.map(([name, value]) =>
      el('tr', null, el('th', { scope: 'row', text: name }), el('td', { text: value })))));
  }

  function requestElement(request) {
    return el('div', { class: 'panel' },
      el('h4', { class: 'panel-title', text: 'Request' }),
      el('p', { class: 'request-line' }, el('span', { class: 'method method-' + String(request.method).toLowerCase(), text: request.method }), ' ', el('code', { class: 'url', text: request.url })),
      headersTable(request.headers),
      request.body ? bodyElement(request.body, [], false) : null);
  }

  /** A finding's `exchange` reads `GET /accounts?page=2 → 200`; without one it is about the evidence. */
  function aboutShownExchange(finding, request) {
    if (!finding.exchange || !request) return true;
    const said = String(finding.exchange).split(' \u2192 ')[0];
    try {
      const url = new URL(request.url);
      return said === request.method + ' ' + url.pathname + url.search;
    } catch (e) {
      return true;
    }
  }

  function responseElement(response, pointers) {
    const facts = [];
    if (response.durationMs !== undefined) facts.push(formatDuration(response.durationMs));
    if (response.bodyBytes !== undefined) facts.push(formatBytes(response.bodyBytes));
    if (response.bodyTruncated) facts.push('body truncated by the engine');
    const statusClass = response.status >= 500 ? 'http-5xx' : response.status >= 400 ? 'http-4xx' : response.status >= 300 ? 'http-3xx' : 'http-2xx';
    return el('div', { class: 'panel' },
      el('h4', { class: 'panel-title', text: 'Response' }),
      el('p', { class: 'response-line' }, el('span', { class: 'http-status ' + statusClass, text: 'HTTP ' + response.status }), facts.length ? ' · ' + facts.join(' · ') : ''),
      headersTable(response.headers),
      response.body ? bodyElement(response.body, pointers, response.bodyTruncated) : null);
  }

  // ---------- bodies with highlighted JSON paths ----------

  /** A JSON pointer for each pretty-printed line, so findings can point at lines. */
  function jsonLines(value) {
    const lines = [];
    const escapeSegment = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');
    // An explicit stack instead of recursion: a hostile, deeply nested body must not overflow it.
    const stack = [{ value, pointer: '', indent: '', prefix: '', comma: '' }];
    while (stack.length) {
      const item = stack.pop();
      if (item.close) { lines.push({ text: item.indent + item.close + item.comma, pointer: item.pointer, edge: true }); continue; }
      const v = item.value;
      if (v !== null && typeof v === 'object') {
        const isArray = Array.isArray(v);
        const keys = isArray ? v.map((_, i) => i) : Object.keys(v);
        if (!keys.length) { lines.push({ text: item.indent + item.prefix + (isArray ? '[]' : '{}') + item.comma, pointer: item.pointer, edge: true }); continue; }
        lines.push({ text: item.indent + item.prefix + (isArray ? '[' : '{'), pointer: item.pointer, edge: true });
        stack.push({ close: isArray ? ']' : '}', indent: item.indent, comma: item.comma, pointer: item.pointer });
        for (let k = keys.length - 1; k >= 0; k--) {
          const key = keys[k];
          stack.push({
            value: v[key], pointer: item.pointer + '/' + escapeSegment(key), indent: item.indent + '  ',
            prefix: isArray ? '' : JSON.stringify(key) + ': ', comma: k < keys.length - 1 ? ',' : '',
          });
        }
      } else {
        lines.push({ text: item.indent + item.prefix + JSON.stringify(v) + item.comma, pointer: item.pointer, edge: true });
      }
    }
    return lines;
  }

  /**
   * Turns a finding's path ($.data[0].accountId, $['a b'], data[*].id or a
   * JSON pointer /data/0/accountId) into a test on line pointers.
   */
  function toMatcher(path) {
    if (typeof path !== 'string' || !path.trim()) return null;
    let p = path.trim();
    let segments;
    if (p === '$' || p === '#' || p === '/') segments = [];
    else if (p[0] === '/' || p.startsWith('#/')) {
      segments = p.replace(/^#/, '').split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    } else {
      segments = [];
      let i = p[0] === '$' ? 1 : 0;
      while (i < p.length) {
        if (p[i] === '.') i++;
        if (p[i] === '[') {
          const quote = p[i + 1];
          if (quote === '\'' || quote === '"') {
            let j = i + 2;
            let s = '';
            while (j < p.length && p[j] !== quote) { if (p[j] === '\\') j++; s += p[j]; j++; }
            segments.push(s);
            i = j + 2;
          } else {
            const end = p.indexOf(']', i);
            if (end < 0) return null;
            segments.push(p.slice(i + 1, end).trim());
            i = end + 1;
          }
        } else {
          let j = i;
          while (j < p.length && p[j] !== '.' && p[j] !== '[') j++;
          if (j > i) segments.push(p.slice(i, j));
          i = j;
        }
      }
    }
    const escape = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');
    if (!segments.includes('*')) {
      const pointer = segments.map((s) => '/' + escape(s)).join('');
      return { exact: (q) => q === pointer, within: (q) => pointer !== '' && q.startsWith(pointer + '/') };
    }
    const source = segments.map((s) => (s === '*' ? '/[^/]+' : '/' + escape(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
    const exact = new RegExp('^' + source + '$');
    const within = new RegExp('^' + source + '/');
    return { exact: (q) => exact.test(q), within: (q) => within.test(q) };
  }

  function bodyElement(body, matchers, truncated) {
    let parsed;
    let isJson = false;
    try { parsed = JSON.parse(body); isJson = true; } catch (e) { isJson = false; }
    let lines = null;
    if (isJson) {
      try { lines = jsonLines(parsed); } catch (e) { lines = null; }
    }
    const wrapper = el('div', { class: 'body-wrapper' });
    if (!lines) {
      const showRaw = (all) => {
        const text = all || body.length <= RAW_BODY_CAP ? body : body.slice(0, RAW_BODY_CAP);
        const pre = el('pre', { class: 'body' }, el('code', { text }));
        const nodes = [pre];
        if (matchers.length) nodes.push(el('p', { class: 'note', text: truncated ? 'The body was truncated, so it is not complete JSON: finding paths cannot be highlighted.' : 'The body is not JSON: finding paths cannot be highlighted.' }));
        if (text.length < body.length) nodes.push(el('button', { type: 'button', class: 'button', on: { click: () => wrapper.replaceChildren(...showRaw(true)) } }, 'Show whole body (' + num(body.length) + ' characters)'));
        return nodes;
      };
      wrapper.append(...showRaw(false));
      return wrapper;
    }
    const marks = lines.map((line) => {
      if (matchers.some((m) => m.exact(line.pointer))) return 'hl';
      if (matchers.some((m) => m.within(line.pointer))) return 'hl-in';
      return '';
    });
    const renderLines = (all) => {
      const keep = new Uint8Array(lines.length);
      for (let i = 0; i < lines.length; i++) {
        if (all || i < BODY_LINE_CAP) keep[i] = 1;
        else if (marks[i] === 'hl') for (let j = Math.max(0, i - HIGHLIGHT_CONTEXT); j <= Math.min(lines.length - 1, i + HIGHLIGHT_CONTEXT); j++) keep[j] = 1;
      }
      const code = el('code');
      let skipped = 0;
      for (let i = 0; i < lines.length; i++) {
        if (!keep[i]) { skipped++; continue; }
        if (skipped) { code.append(el('span', { class: 'gap', text: '  ⋯ ' + num(skipped) + ' lines ⋯\n' })); skipped = 0; }
        code.append(el('span', { class: 'line' + (marks[i] ? ' ' + marks[i] : ''), 'data-pointer': lines[i].pointer, text: lines[i].text + '\n' }));
      }
      if (skipped) code.append(el('span', { class: 'gap', text: '  ⋯ ' + num(skipped) + ' lines ⋯\n' }));
      const pre = el('pre', { class: 'body json' }, code);
      const nodes = [pre];
      if (!all && lines.length > BODY_LINE_CAP) {
        nodes.push(el('button', { type: 'button', class: 'button', on: { click: () => { wrapper.replaceChildren(...renderLines(true)); scrollToHighlight(pre); } } }, 'Show whole body (' + num(lines.length) + ' lines)'));
      }
      if (matchers.length && !marks.includes('hl')) nodes.push(el('p', { class: 'note', text: 'The finding paths point at values absent from this body (e.g. a missing required field).' }));
      return nodes;
    };
    const nodes = renderLines(false);
    wrapper.append(...nodes);
    requestAnimationFrame(() => scrollToHighlight(nodes[0]));
    return wrapper;
  }

  function scrollToHighlight(pre) {
    const first = pre.querySelector('.hl');
    if (first && pre.isConnected) pre.scrollTop = Math.max(0, first.offsetTop - pre.offsetTop - 48);
  }

  // ---------- coverage ----------

  function renderCoverage() {
    const section = document.getElementById('coverage');
    const exercised = coverage.filter((c) => c.exercised).length;
    let documented = 0;
    let hit = 0;
    for (const c of coverage) {
      documented += (c.documentedStatuses || []).length;
      hit += (c.documentedStatuses || []).filter((s) => (c.exercisedStatuses || []).includes(s)).length;
    }
    const bySpec = new Map();
    for (const c of coverage) {
      if (!bySpec.has(c.spec)) bySpec.set(c.spec, []);
      bySpec.get(c.spec).push(c);
    }
    const tables = [...bySpec.entries()].map(([spec, rows]) => {
      const info = specOf.get(spec);
      return el('div', { class: 'coverage-spec' },
        el('h3', null, info ? info.title + ' ' + info.version + ' ' : '', el('code', { text: spec })),
        el('table', { class: 'coverage-table' },
          el('thead', null, el('tr', null, ['Operation', 'Endpoint', 'Exercised', 'Status codes (documented and exercised)'].map((h) => el('th', { text: h })))),
          el('tbody', null, rows.map((c) => {
            const documentedSet = c.documentedStatuses || [];
            const exercisedSet = c.exercisedStatuses || [];
            const extra = exercisedSet.filter((s) => !documentedSet.includes(s));
            return el('tr', { class: c.exercised ? 'covered' : 'uncovered' },
              el('td', null, el('code', { text: c.operation })),
              el('td', null, el('span', { class: 'method method-' + String(c.method).toLowerCase(), text: String(c.method).toUpperCase() }), ' ', el('code', { text: c.path })),
              el('td', null, el('span', { class: c.exercised ? 'yes' : 'no', text: c.exercised ? '✓ yes' : '✗ no' })),
              el('td', { class: 'codes' },
                documentedSet.map((s) => el('span', { class: 'code ' + (exercisedSet.includes(s) ? 'code-hit' : 'code-miss'), title: exercisedSet.includes(s) ? 'documented, exercised' : 'documented, not exercised', text: s })),
                extra.map((s) => el('span', { class: 'code code-extra', title: 'returned but not documented', text: s }))));
          }))));
    });
    section.replaceChildren(
      el('h2', { class: 'section-title', text: 'Coverage' }),
      el('p', { class: 'coverage-summary' },
        el('strong', { text: exercised + ' of ' + coverage.length }), ' operations exercised · ',
        el('strong', { text: hit + ' of ' + documented }), ' documented status codes exercised'),
      el('p', { class: 'legend' },
        el('span', { class: 'code code-hit', text: '200' }), ' exercised ',
        el('span', { class: 'code code-miss', text: '404' }), ' documented, not exercised ',
        el('span', { class: 'code code-extra', text: '418' }), ' returned but not documented'),
      ...(coverage.length ? tables : [el('p', { class: 'empty', text: 'The run recorded no coverage.' })]));
  }

  // ---------- printing ----------

  let beforePrint = null;
  /**
   * The print view: every operation with its counts, and the evidence of the
   * results that failed or warned (up to PRINT_DETAIL_CAP), whatever the
   * screen's filters were. Idempotent; renderPdf calls it before page.pdf().
   */
  function preparePrint() {
    if (beforePrint) return state.openRows.size;
    beforePrint = { view: state.view, open: new Set(state.open), openRows: new Set(state.openRows), limits: new Map(state.limits) };
    state.printing = true;
    state.view = 'operation';
    document.documentElement.classList.add('printing');
    let detailed = 0;
    for (const g of operationGroups) {
      const issues = g.indices.filter((i) => isIssue(results[i]));
      if (!issues.length) continue;
      state.open.add(g.key);
      state.limits.set(g.key, issues.length);
      for (const i of issues) if (detailed < PRINT_DETAIL_CAP) { state.openRows.add(i); detailed++; }
    }
    applyFilters();
    return detailed;
  }

  function restoreAfterPrint() {
    if (!beforePrint) return;
    state.printing = false;
    state.view = beforePrint.view;
    state.open = beforePrint.open;
    state.openRows = beforePrint.openRows;
    state.limits = beforePrint.limits;
    beforePrint = null;
    document.documentElement.classList.remove('printing');
    applyFilters();
  }

  window.aferirPreparePrint = preparePrint;
  window.aferirRestoreAfterPrint = restoreAfterPrint;
  window.addEventListener('beforeprint', preparePrint);
  window.addEventListener('afterprint', restoreAfterPrint);

  // ---------- wiring ----------

  function render() {
    document.documentElement.dataset.view = state.view;
    renderTabs();
    renderView();
  }

  renderHeader();
  renderToolbar();
  renderCoverage();
  render();
  document.documentElement.dataset.ready = 'true';
})();

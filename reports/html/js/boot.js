/*
 * The page frame and start-up: the run header (verdict, counts, run facts,
 * and a banner when the run was interrupted), the footer, the view tabs,
 * render(), and the first render. Joined last, so everything it calls has
 * been declared and initialised by then.
 */

/** The same sentence as describeInterruption in suites/result-model.ts. */
function interruptionText(interruption) {
  if (!interruption) return 'interrupted';
  const count = (n, noun) => num(n) + ' ' + noun + (n === 1 ? '' : 's');
  return (
    'interrupted' +
    (interruption.signal ? ' by ' + interruption.signal : '') +
    ': ' +
    count(interruption.operationsNotRun, 'operation') +
    ' and ' +
    count(interruption.checksNotRun, 'check') +
    ' did not run'
  );
}

/** Mirrors describeCoverage in suites/result-model.ts (the page is self-contained, so it cannot import it). */
function coverageText(c) {
  const percent = (ratio) => Math.floor(ratio * 1000) / 10 + '%';
  const met = c.covered >= c.required * c.operations - 1e-9;
  const base = c.covered + ' of ' + c.operations + ' operation' + (c.operations === 1 ? '' : 's') + ' covered (' + percent(c.ratio) + ')';
  const notCovered = c.notCovered.map((n) => n.operation + ': ' + n.reason).join(' · ');
  if (met)
    return base + (c.required < 1 ? '; ' + percent(c.required) + ' required' : '') + (notCovered ? ' — not covered: ' + notCovered : '');
  return base + ': below the ' + percent(c.required) + ' required (--min-coverage, --allow-skips) — not covered: ' + notCovered;
}

function renderHeader() {
  const s = run.summary || { passed: 0, failed: 0, warnings: 0, skipped: 0, total: results.length };
  const interrupted = run.interrupted === true;
  const pass = run.verdict === 'pass' && !interrupted;
  const verdict = interrupted ? 'interrupted' : pass ? 'pass' : 'fail';
  const coverage = run.coverageSummary;
  const coverageShort = coverage && coverage.covered < coverage.required * coverage.operations - 1e-9;
  const note = interrupted
    ? 'the run was stopped before it finished'
    : pass
      ? 'no check failed'
      : s.failed === 0 && coverageShort
        ? 'too few operations covered'
        : failsOnWarning
          ? 'failures or warnings found'
          : 'failures found';
  document.documentElement.dataset.verdict = verdict;
  const stat = (key, label, value) =>
    el(
      'div',
      { class: 'stat stat-' + key + (value > 0 ? ' stat-nonzero' : '') },
      el('span', { class: 'stat-value', 'data-count': key, text: num(value) }),
      el('span', { class: 'stat-label', text: label }),
    );
  const specLines = specs.length
    ? specs.map((sp) => el('div', null, el('strong', { text: sp.title + ' ' + sp.version }), ' ', el('code', { text: sp.id })))
    : [el('code', { text: run.spec })];
  const meta = (label, ...value) => [el('dt', { text: label }), el('dd', null, ...value)];

  const header = document.getElementById('run-header');
  header.replaceChildren(
    el(
      'div',
      { class: 'brand-row' },
      el(
        'div',
        { class: 'brand' },
        el('span', { class: 'brand-name', text: 'aferir' }),
        el('span', { class: 'brand-sub', text: 'Conformance report' }),
      ),
      el('div', { class: 'brand-tool', text: run.tool ? run.tool.name + ' ' + run.tool.version : '' }),
    ),
    // replaceChildren turns null into the text "null": the banner goes in as a spread of zero or one element.
    ...(interrupted
      ? [
          el('div', {
            id: 'interrupted-banner',
            class: 'interrupted-banner',
            role: 'alert',
            text:
              'This run was ' +
              interruptionText(run.interruption) +
              '. The results below are what ran; the checks that did not run are listed as skipped.',
          }),
        ]
      : []),
    // The obvious cause of a wall of failures (a wrong base path, missing credentials), one line each.
    ...(run.diagnostics || []).map((line) => el('div', { class: 'interrupted-banner diagnostic', role: 'note', text: 'Hint: ' + line })),
    el(
      'div',
      { class: 'verdict-row' },
      el(
        'div',
        { id: 'verdict', class: 'verdict verdict-' + verdict, 'data-verdict': verdict },
        el('span', { class: 'verdict-word', text: verdict.toUpperCase() }),
        el('span', { class: 'verdict-note', text: note }),
      ),
      el(
        'div',
        { class: 'stats' },
        stat('failed', 'Failed', s.failed),
        stat('warnings', 'Warnings', s.warnings),
        stat('passed', 'Passed', s.passed),
        stat('skipped', 'Skipped', s.skipped),
        stat('total', 'Total', s.total),
      ),
    ),
    el(
      'dl',
      { class: 'meta' },
      meta('Target', el('code', { class: 'target', text: run.target })),
      meta(specs.length > 1 ? 'Specs' : 'Spec', ...specLines),
      meta('Started', formatDate(run.startedAt)),
      meta('Duration', formatDuration(run.durationMs)),
      meta('Fails on', failsOnWarning ? 'errors and warnings' : 'errors'),
      ...(coverage ? meta('Coverage', el('span', { id: 'coverage-line', text: coverageText(coverage) })) : []),
      meta('Tool', run.tool ? run.tool.name + ' ' + run.tool.version : '–'),
    ),
  );

  document.getElementById('run-footer').replaceChildren(
    el('p', {
      text:
        'Generated by ' +
        (run.tool ? run.tool.name + ' ' + run.tool.version : 'aferir') +
        ' at ' +
        formatDate(run.finishedAt) +
        '. Credentials (Authorization, cookies, API keys, client certificates) are redacted. The same data is in results.json.',
    }),
  );
}

function renderTabs() {
  const tab = (view, label) =>
    el(
      'button',
      {
        type: 'button',
        class: 'tab',
        role: 'tab',
        'data-view': view,
        'aria-selected': state.view === view ? 'true' : 'false',
        on: {
          click: () => {
            state.view = view;
            render();
          },
        },
      },
      label,
    );
  const exercised = coverage.filter((c) => c.exercised).length;
  document
    .getElementById('tabs')
    .replaceChildren(
      el(
        'div',
        { class: 'tablist', role: 'tablist' },
        tab('operation', 'By operation'),
        tab('check', 'By check'),
        tab('coverage', 'Coverage ' + exercised + '/' + coverage.length),
      ),
    );
}

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

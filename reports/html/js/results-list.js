/*
 * The results list, by operation or by check. Large runs stay responsive
 * because nothing is rendered until asked for: groups start collapsed, an
 * open group renders its first rows only, and a result's evidence is built
 * (evidence.js) when its row is opened.
 */

/** Rows a group shows before "show more"; keeps a 10,000-result group cheap to open. */
const ROW_PAGE = 100;

function countsOf(indices) {
  const counts = { failed: 0, warning: 0, passed: 0, skipped: 0, shown: 0 };
  for (const i of indices) {
    counts[results[i].status] = (counts[results[i].status] || 0) + 1;
    if (visible[i]) counts.shown++;
  }
  return counts;
}

function countBadges(counts) {
  return el(
    'span',
    { class: 'badges' },
    counts.failed ? el('span', { class: 'badge badge-failed', title: 'failed', text: '✗ ' + num(counts.failed) }) : null,
    counts.warning ? el('span', { class: 'badge badge-warning', title: 'warnings', text: '! ' + num(counts.warning) }) : null,
    counts.passed ? el('span', { class: 'badge badge-passed', title: 'passed', text: '✓ ' + num(counts.passed) }) : null,
    counts.skipped ? el('span', { class: 'badge badge-skipped', title: 'skipped', text: '– ' + num(counts.skipped) }) : null,
  );
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
        section = el(
          'section',
          { class: 'spec-section' },
          el('h2', { class: 'spec-title' }, info ? info.title + ' ' + info.version + ' ' : '', el('code', { text: g.spec })),
        );
        fragment.append(section);
      }
      section.append(node);
    }
  }
  if (!fragment.childNodes.length)
    fragment.append(el('p', { class: 'empty', text: results.length ? 'No result matches the filters.' : 'This run produced no results.' }));
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
  const head = el(
    'button',
    {
      type: 'button',
      class: 'group-head',
      'aria-expanded': open ? 'true' : 'false',
      on: {
        click: () => {
          if (state.open.has(g.key)) state.open.delete(g.key);
          else state.open.add(g.key);
          wrapper.replaceWith(groupElement(g) || el('div'));
        },
      },
    },
    el('span', { class: 'chevron', 'aria-hidden': 'true' }),
    el(
      'span',
      { class: 'group-title' },
      el('code', { class: 'group-name', text: byCheck ? g.check : g.operation }),
      byCheck
        ? info
          ? el('span', { class: 'group-sub', text: info.description })
          : null
        : cov
          ? el(
              'span',
              { class: 'group-sub' },
              el('span', { class: 'method method-' + String(cov.method).toLowerCase(), text: String(cov.method).toUpperCase() }),
              ' ',
              cov.path,
            )
          : null,
    ),
    countBadges(counts),
    counts.shown !== g.indices.length ? el('span', { class: 'group-shown', text: num(counts.shown) + ' shown' }) : null,
  );
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
    body.append(
      el(
        'button',
        {
          type: 'button',
          class: 'button show-more',
          on: {
            click: () => {
              state.limits.set(g.key, limit + more);
              body.replaceWith(groupBody(g, byCheck));
            },
          },
        },
        'Show ' + num(more) + ' more of ' + num(shown.length - limit) + ' remaining',
      ),
    );
  }
  return body;
}

function rowElement(i, byCheck) {
  const r = results[i];
  const open = state.openRows.has(i);
  const row = el('article', { class: 'result result-' + r.status, 'data-index': i, 'data-status': r.status });
  const head = el(
    'button',
    {
      type: 'button',
      class: 'row-head',
      'aria-expanded': open ? 'true' : 'false',
      on: {
        click: () => {
          if (state.openRows.has(i)) state.openRows.delete(i);
          else state.openRows.add(i);
          row.replaceWith(rowElement(i, byCheck));
        },
      },
    },
    el('span', { class: 'chevron', 'aria-hidden': 'true' }),
    statusPill(r.status),
    el('code', { class: 'row-check', text: byCheck ? r.operation : r.check }),
    el('span', { class: 'row-message', text: r.message }),
    r.durationMs !== undefined ? el('span', { class: 'row-time', text: formatDuration(r.durationMs) }) : null,
  );
  row.append(head);
  if (open) row.append(detailElement(r));
  return row;
}

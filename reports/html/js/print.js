/*
 * The print view, for the browser's print dialog and for renderPdf. The
 * screen's view, open groups, open rows and page limits are saved before and
 * restored after, so printing never loses the reviewer's place. The hooks are
 * also on window so that renderPdf can call aferirPreparePrint itself before
 * page.pdf(), and learn how many results it expanded.
 */

/** Results whose evidence the print view expands; the rest are listed without it. */
const PRINT_DETAIL_CAP = 200;

let beforePrint = null;
/**
 * The print view: every operation with its counts, the evidence of the
 * results that failed or warned (up to PRINT_DETAIL_CAP), the skipped ones with their reasons, whatever the
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
    const skips = g.indices.filter((i) => results[i].status === 'skipped').length;
    if (!issues.length && !skips) continue;
    state.open.add(g.key);
    state.limits.set(g.key, issues.length + skips);
    for (const i of issues)
      if (detailed < PRINT_DETAIL_CAP) {
        state.openRows.add(i);
        detailed++;
      }
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

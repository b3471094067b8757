/*
 * Small DOM and formatting helpers. Every piece of text that came from the
 * target (messages, URLs, headers, bodies, paths) reaches the page through
 * textContent or setAttribute, never through innerHTML, so a body holding
 * <script> or onerror= shows as text.
 */

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
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')
    .replace(/Z$/, ' UTC');
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

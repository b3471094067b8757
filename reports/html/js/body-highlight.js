/*
 * Request and response bodies. JSON is pretty-printed one line per value,
 * each line knowing its JSON pointer, so the paths in findings can highlight
 * the lines they name; huge bodies are capped around the highlights.
 */

/** Lines of a body shown before "show whole body", besides the lines around highlights. */
const BODY_LINE_CAP = 400;
/** Lines kept around each highlighted line that falls beyond the cap. */
const HIGHLIGHT_CONTEXT = 4;
/** Characters of a non-JSON body shown before "show whole body". */
const RAW_BODY_CAP = 100000;

/** A JSON pointer for each pretty-printed line, so findings can point at lines. */
function jsonLines(value) {
  const lines = [];
  const escapeSegment = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');
  // An explicit stack instead of recursion: a hostile, deeply nested body must not overflow it.
  const stack = [{ value, pointer: '', indent: '', prefix: '', comma: '' }];
  while (stack.length) {
    const item = stack.pop();
    if (item.close) {
      lines.push({ text: item.indent + item.close + item.comma, pointer: item.pointer, edge: true });
      continue;
    }
    const v = item.value;
    if (v !== null && typeof v === 'object') {
      const isArray = Array.isArray(v);
      const keys = isArray ? v.map((_, i) => i) : Object.keys(v);
      if (!keys.length) {
        lines.push({ text: item.indent + item.prefix + (isArray ? '[]' : '{}') + item.comma, pointer: item.pointer, edge: true });
        continue;
      }
      lines.push({ text: item.indent + item.prefix + (isArray ? '[' : '{'), pointer: item.pointer, edge: true });
      stack.push({ close: isArray ? ']' : '}', indent: item.indent, comma: item.comma, pointer: item.pointer });
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k];
        stack.push({
          value: v[key],
          pointer: item.pointer + '/' + escapeSegment(key),
          indent: item.indent + '  ',
          prefix: isArray ? '' : JSON.stringify(key) + ': ',
          comma: k < keys.length - 1 ? ',' : '',
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
    segments = p
      .replace(/^#/, '')
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  } else {
    segments = [];
    let i = p[0] === '$' ? 1 : 0;
    while (i < p.length) {
      if (p[i] === '.') i++;
      if (p[i] === '[') {
        const quote = p[i + 1];
        if (quote === "'" || quote === '"') {
          let j = i + 2;
          let s = '';
          while (j < p.length && p[j] !== quote) {
            if (p[j] === '\\') j++;
            s += p[j];
            j++;
          }
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
  let isJson;
  try {
    parsed = JSON.parse(body);
    isJson = true;
  } catch (e) {
    isJson = false;
  }
  let lines = null;
  if (isJson) {
    try {
      lines = jsonLines(parsed);
    } catch (e) {
      lines = null;
    }
  }
  const wrapper = el('div', { class: 'body-wrapper' });
  if (!lines) {
    const showRaw = (all) => {
      const text = all || body.length <= RAW_BODY_CAP ? body : body.slice(0, RAW_BODY_CAP);
      const pre = el('pre', { class: 'body' }, el('code', { text }));
      const nodes = [pre];
      if (matchers.length)
        nodes.push(
          el('p', {
            class: 'note',
            text: truncated
              ? 'The body was truncated, so it is not complete JSON: finding paths cannot be highlighted.'
              : 'The body is not JSON: finding paths cannot be highlighted.',
          }),
        );
      if (text.length < body.length)
        nodes.push(
          el(
            'button',
            { type: 'button', class: 'button', on: { click: () => wrapper.replaceChildren(...showRaw(true)) } },
            'Show whole body (' + num(body.length) + ' characters)',
          ),
        );
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
      else if (marks[i] === 'hl')
        for (let j = Math.max(0, i - HIGHLIGHT_CONTEXT); j <= Math.min(lines.length - 1, i + HIGHLIGHT_CONTEXT); j++) keep[j] = 1;
    }
    const code = el('code');
    let skipped = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!keep[i]) {
        skipped++;
        continue;
      }
      if (skipped) {
        code.append(el('span', { class: 'gap', text: '  ⋯ ' + num(skipped) + ' lines ⋯\n' }));
        skipped = 0;
      }
      code.append(
        el('span', { class: 'line' + (marks[i] ? ' ' + marks[i] : ''), 'data-pointer': lines[i].pointer, text: lines[i].text + '\n' }),
      );
    }
    if (skipped) code.append(el('span', { class: 'gap', text: '  ⋯ ' + num(skipped) + ' lines ⋯\n' }));
    const pre = el('pre', { class: 'body json' }, code);
    const nodes = [pre];
    if (!all && lines.length > BODY_LINE_CAP) {
      nodes.push(
        el(
          'button',
          {
            type: 'button',
            class: 'button',
            on: {
              click: () => {
                wrapper.replaceChildren(...renderLines(true));
                scrollToHighlight(pre);
              },
            },
          },
          'Show whole body (' + num(lines.length) + ' lines)',
        ),
      );
    }
    if (matchers.length && !marks.includes('hl'))
      nodes.push(
        el('p', { class: 'note', text: 'The finding paths point at values absent from this body (e.g. a missing required field).' }),
      );
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

/*
 * One result's evidence, built when its row is opened: the check, its result
 * id and message, the findings table, the curl command that reproduces it
 * (with a copy button), and every exchange the findings are about — the
 * result's own request and response first, then each other one — with the
 * findings' paths highlighted on the body they were found in.
 */

function detailElement(r) {
  const info = checkInfo.get(r.check);
  const detail = el('div', { class: 'detail' });
  detail.append(
    el(
      'p',
      { class: 'check-description' },
      el('code', { text: r.check }),
      ' · ',
      el('span', { class: 'severity severity-' + r.severity, text: r.severity }),
      info ? ' — ' + info.description : '',
      ' · ',
      el('span', { class: 'muted', text: r.spec + ' › ' + r.operation }),
    ),
    el('p', { class: 'result-id' }, 'Result id ', el('code', { class: 'result-id-value', text: r.id })),
  );
  if (r.status !== 'passed') detail.append(el('p', { class: 'detail-message', text: r.message }));
  const findings = r.findings || [];
  if (findings.length) detail.append(findingsTable(findings));

  const others = r.exchanges || [];
  const total = (r.request ? 1 : 0) + others.length;
  if (r.request || r.response) {
    // Only findings about an exchange are highlighted on its body: a `$.data[0]` found on page 2 must not light up item 0 of page 1.
    // Two exchanges can read alike (the same URL asked twice): a finding naming that text lights up on both.
    const mine = findings.filter((f) => aboutShownExchange(f, r.request));
    detail.append(exchangeElement(r.request, r.response, r.curl, mine, 1, total));
  }
  others.forEach((o, i) => {
    const mine = findings.filter((f) => f.exchange === o.exchange);
    detail.append(exchangeElement(o.request, o.response, o.curl, mine, i + 2, total));
  });
  return detail;
}

/**
 * One exchange: a heading when the result has several, its curl command, then the request and response side by
 * side. The first is open; the others are collapsed and built when opened, so a walk of fifty pages stays cheap.
 */
function exchangeElement(request, response, curl, findings, index, total) {
  const line = request ? request.method + ' ' + request.url + (response ? ' → ' + response.status : '') : '';
  const title =
    'Exchange ' + index + ' of ' + total + (line ? ': ' + line : '') + (findings.length ? ' · ' + num(findings.length) + ' findings' : '');
  const fill = (section) => {
    if (curl) section.append(curlElement(curl));
    const evidence = el('div', { class: 'evidence' });
    if (request) evidence.append(requestElement(request));
    if (response) evidence.append(responseElement(response, findings.map((f) => toMatcher(f.path)).filter(Boolean)));
    if (evidence.childNodes.length) section.append(evidence);
    return section;
  };
  if (index === 1) {
    const section = el('section', { class: 'exchange', 'data-exchange': index });
    if (total > 1) section.append(el('h4', { class: 'exchange-title', text: title }));
    return fill(section);
  }
  const section = el('details', { class: 'exchange', 'data-exchange': index }, el('summary', { class: 'exchange-title', text: title }));
  let built = false;
  section.addEventListener('toggle', () => {
    if (!section.open || built) return;
    built = true;
    fill(section);
  });
  return section;
}

/** The curl command and a button that copies it (the Clipboard API, or a hidden textarea where that is not allowed, as on file://). */
function curlElement(curl) {
  const button = el('button', { type: 'button', class: 'button copy-curl', text: 'Copy' });
  button.addEventListener('click', () => {
    const done = () => {
      button.textContent = 'Copied';
      button.setAttribute('data-copied', 'true');
    };
    const fallback = () => {
      const area = el('textarea', { class: 'copy-buffer', readonly: true });
      area.value = curl;
      document.body.append(area);
      area.select();
      try {
        if (document.execCommand('copy')) done();
      } finally {
        area.remove();
      }
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(curl).then(done, fallback);
    else fallback();
  });
  return el(
    'div',
    { class: 'curl' },
    el('span', { class: 'panel-title', text: 'Reproduce' }),
    el('pre', { class: 'curl-command' }, el('code', { text: curl })),
    button,
  );
}

function findingsTable(findings) {
  return el(
    'table',
    { class: 'findings' },
    el(
      'thead',
      null,
      el(
        'tr',
        null,
        ['Path', 'Rule', 'Finding', 'Expected', 'Actual'].map((h) => el('th', { text: h })),
      ),
    ),
    el(
      'tbody',
      null,
      findings.map((f) =>
        el(
          'tr',
          null,
          el('td', null, f.path ? el('code', { class: 'finding-path', text: f.path }) : '–'),
          el('td', null, f.rule ? el('code', { text: f.rule }) : '–'),
          el(
            'td',
            null,
            f.message,
            f.severity ? [' ', el('span', { class: 'severity severity-' + f.severity, text: f.severity })] : null,
            f.exchange ? el('div', { class: 'finding-exchange' }, 'on ', el('code', { text: f.exchange })) : null,
          ),
          el('td', null, f.expected !== undefined ? el('code', { class: 'value', text: clip(formatValue(f.expected), 2000) }) : '–'),
          el('td', null, f.actual !== undefined ? el('code', { class: 'value', text: clip(formatValue(f.actual), 2000) }) : '–'),
        ),
      ),
    ),
  );
}

function clip(text, max) {
  return text.length > max ? text.slice(0, max) + '… (' + num(text.length - max) + ' more characters)' : text;
}

function headersTable(headers) {
  const entries = Object.entries(headers || {});
  if (!entries.length) return null;
  return el(
    'table',
    { class: 'headers' },
    el(
      'tbody',
      null,
      entries.map(([name, value]) => el('tr', null, el('th', { scope: 'row', text: name }), el('td', { text: value }))),
    ),
  );
}

function requestElement(request) {
  return el(
    'div',
    { class: 'panel' },
    el('h4', { class: 'panel-title', text: 'Request' }),
    el(
      'p',
      { class: 'request-line' },
      el('span', { class: 'method method-' + String(request.method).toLowerCase(), text: request.method }),
      ' ',
      el('code', { class: 'url', text: request.url }),
    ),
    headersTable(request.headers),
    request.body ? bodyElement(request.body, [], false) : null,
  );
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
  const statusClass =
    response.status >= 500 ? 'http-5xx' : response.status >= 400 ? 'http-4xx' : response.status >= 300 ? 'http-3xx' : 'http-2xx';
  return el(
    'div',
    { class: 'panel' },
    el('h4', { class: 'panel-title', text: 'Response' }),
    el(
      'p',
      { class: 'response-line' },
      el('span', { class: 'http-status ' + statusClass, text: 'HTTP ' + response.status }),
      facts.length ? ' · ' + facts.join(' · ') : '',
    ),
    headersTable(response.headers),
    response.body ? bodyElement(response.body, pointers, response.bodyTruncated) : null,
  );
}

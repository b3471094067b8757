/*
 * One result's evidence, built when its row is opened: the check and its
 * message, the findings table, and the request and response panels.
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
  );
  if (r.status !== 'passed') detail.append(el('p', { class: 'detail-message', text: r.message }));

  // Only findings about the exchange shown as evidence are highlighted on its body:
  // a `$.data[0]` found on page 2 must not light up item 0 of page 1.
  const pointers = (r.findings || [])
    .filter((f) => aboutShownExchange(f, r.request))
    .map((f) => toMatcher(f.path))
    .filter(Boolean);
  if (r.findings && r.findings.length) detail.append(findingsTable(r.findings));

  const evidence = el('div', { class: 'evidence' });
  if (r.request) evidence.append(requestElement(r.request));
  if (r.response) evidence.append(responseElement(r.response, pointers));
  if (evidence.childNodes.length) detail.append(evidence);
  return detail;
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

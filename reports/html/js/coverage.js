/*
 * The Coverage tab: per spec, which operations the run exercised and which
 * documented status codes it saw (and which it saw undocumented). Rendered
 * once at start-up: the filters do not change it.
 */

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
    return el(
      'div',
      { class: 'coverage-spec' },
      el('h3', null, info ? info.title + ' ' + info.version + ' ' : '', el('code', { text: spec })),
      el(
        'table',
        { class: 'coverage-table' },
        el(
          'thead',
          null,
          el(
            'tr',
            null,
            ['Operation', 'Endpoint', 'Exercised', 'Status codes (documented and exercised)'].map((h) => el('th', { text: h })),
          ),
        ),
        el(
          'tbody',
          null,
          rows.map((c) => {
            const documentedSet = c.documentedStatuses || [];
            const exercisedSet = c.exercisedStatuses || [];
            const extra = exercisedSet.filter((s) => !documentedSet.includes(s));
            return el(
              'tr',
              { class: c.exercised ? 'covered' : 'uncovered' },
              el('td', null, el('code', { text: c.operation })),
              el(
                'td',
                null,
                el('span', { class: 'method method-' + String(c.method).toLowerCase(), text: String(c.method).toUpperCase() }),
                ' ',
                el('code', { text: c.path }),
              ),
              el('td', null, el('span', { class: c.exercised ? 'yes' : 'no', text: c.exercised ? '✓ yes' : '✗ no' })),
              el(
                'td',
                { class: 'codes' },
                documentedSet.map((s) =>
                  el('span', {
                    class: 'code ' + (exercisedSet.includes(s) ? 'code-hit' : 'code-miss'),
                    title: exercisedSet.includes(s) ? 'documented, exercised' : 'documented, not exercised',
                    text: s,
                  }),
                ),
                extra.map((s) => el('span', { class: 'code code-extra', title: 'returned but not documented', text: s })),
              ),
            );
          }),
        ),
      ),
    );
  });
  section.replaceChildren(
    el('h2', { class: 'section-title', text: 'Coverage' }),
    el(
      'p',
      { class: 'coverage-summary' },
      el('strong', { text: exercised + ' of ' + coverage.length }),
      ' operations exercised · ',
      el('strong', { text: hit + ' of ' + documented }),
      ' documented status codes exercised',
    ),
    el(
      'p',
      { class: 'legend' },
      el('span', { class: 'code code-hit', text: '200' }),
      ' exercised ',
      el('span', { class: 'code code-miss', text: '404' }),
      ' documented, not exercised ',
      el('span', { class: 'code code-extra', text: '418' }),
      ' returned but not documented',
    ),
    ...(coverage.length ? tables : [el('p', { class: 'empty', text: 'The run recorded no coverage.' })]),
  );
}

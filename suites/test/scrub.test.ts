/**
 * The one scrubber (suites/secrets/scrub.ts): credential headers by name,
 * credentials by shape, and each secret by value in every encoding a target
 * can send it back in. The encodings are produced here and by
 * fixtures/echoing-target.ts, not by the scrubber's own code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../http/exchange.ts';
import { createRedactor } from '../http/redact.ts';
import { REDACTED, createScrubber, isCredentialHeaderName } from '../secrets/scrub.ts';
import { encodedForms } from '../../fixtures/echoing-target.ts';
import { leaksOf } from './leak-search.ts';

const TOKEN = 'eyJhbGciOiJQUzI1NiJ9.c2VjcmV0LXRva2Vu.sig-5f1e/9a+Q=';
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
const scrubber = createScrubber([TOKEN]);

const percent = (text: string, upper: boolean) =>
  [...Buffer.from(text)].map((b) => `%${upper ? b.toString(16).toUpperCase() : b.toString(16)}`).join('');
const unicode = (text: string) =>
  text
    .split('')
    .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');

describe('credential headers, one list for the engine, the reports and the CLI', () => {
  const credential = [
    'Authorization',
    'proxy-authorization',
    'Cookie',
    'Set-Cookie',
    'X-Api-Key',
    'x-apikey',
    'api_key',
    'X-Auth-Token',
    'x-access-token',
    'x-csrf-token',
    'X-Client-Cert',
    'x-forwarded-client-cert',
    'ssl-client-cert',
    'x-mtls-subject',
    'x-session-id',
    'x-client-secret',
    'x-password',
  ];
  const harmless = [
    'x-fapi-interaction-id',
    'content-type',
    'x-fapi-auth-date',
    'x-customer-user-agent',
    'date',
    'x-v',
    'x-idempotency-key',
  ];
  for (const name of credential) it(`redacts ${name}`, () => expect(isCredentialHeaderName(name)).toBe(true));
  for (const name of harmless) it(`keeps ${name}`, () => expect(isCredentialHeaderName(name)).toBe(false));

  it("adds the run's own credential header names (an apiKey scheme's header)", () => {
    const withPartnerKey = createScrubber([], { credentialHeaders: ['X-Partner-Credential'] });
    expect(withPartnerKey.headers({ 'x-partner-credential': 'abc', 'x-v': '2' })).toEqual({ 'x-partner-credential': REDACTED, 'x-v': '2' });
  });
});

describe('credentials recognised by shape', () => {
  const cases: Array<[string, string[], string]> = [
    [`token ${TOKEN} leaked`, [TOKEN], `token ${REDACTED} leaked`],
    ['Authorization: Bearer abcdefgh12345678', [], `Authorization: Bearer ${REDACTED}`],
    ['Basic dXNlcjpwYXNzd29yZA==', [], `Basic ${REDACTED}`],
    [`key ${PEM} end`, [], 'key [redacted private key] end'],
    ['https://x.example/cb?code=1&access_token=abc.def&state=2', [], `https://x.example/cb?code=1&access_token=${REDACTED}&state=2`],
    ['abc', ['abc'], 'abc'], // too short to be a real secret; scrubbing it would wreck the report
    ['a Bearer of bad news', [], 'a Bearer of bad news'],
  ];
  for (const [input, secrets, output] of cases) {
    it(`scrubs ${JSON.stringify(input.slice(0, 40))}`, () => expect(createScrubber(secrets).text(input)).toBe(output));
  }

  it("secretsOnly leaves shapes alone (a finished file's own markup and code must not change)", () => {
    expect(scrubber.secretsOnly(`Bearer abcdefgh12345678 ${PEM} ${TOKEN}`)).toBe(`Bearer abcdefgh12345678 ${PEM} ${REDACTED}`);
  });

  it('removes the longest secret first, so a secret containing another leaves nothing behind', () => {
    expect(createScrubber(['abcd', 'abcd-efgh']).text('abcd-efgh')).toBe(REDACTED);
  });
});

describe('a secret in every form a target can send it back in', () => {
  const base64At = (prefix: string) => Buffer.from(`${prefix}${TOKEN}-and-more`).toString('base64');
  const cases: Array<[string, string]> = [
    ['percent, lower-case hex', percent(TOKEN, false)],
    ['percent, upper-case hex', percent(TOKEN, true)],
    ['percent, some characters literal, hex case mixed', [...TOKEN].map((c, i) => (i % 2 ? percent(c, i % 4 === 1) : c)).join('')],
    ['percent, double-encoded', percent(TOKEN, true).replace(/%/g, '%25')],
    ['encodeURIComponent', encodeURIComponent(TOKEN)],
    ['URLSearchParams', new URLSearchParams({ t: TOKEN }).toString().slice(2)],
    ['JSON \\u escapes for every character', unicode(TOKEN)],
    [
      'JSON \\u escapes, upper-case hex, mixed with literal characters',
      [...TOKEN].map((c, i) => (i % 2 ? unicode(c).toUpperCase().replace('\\U', '\\u') : c)).join(''),
    ],
    ['JSON \\/ for /', TOKEN.replaceAll('/', '\\/')],
    [
      'HTML character references',
      [...TOKEN].map((c, i) => (i % 2 ? `&#${c.charCodeAt(0)};` : `&#x${c.charCodeAt(0).toString(16)};`)).join(''),
    ],
    ['base64, padded', Buffer.from(TOKEN).toString('base64')],
    ['base64, unpadded', Buffer.from(TOKEN).toString('base64').replace(/=+$/, '')],
    ['base64url', Buffer.from(TOKEN).toString('base64url')],
    ['base64 at offset 0 inside longer data', base64At('abc')],
    ['base64 at offset 1 inside longer data', base64At('user')],
    ['base64 at offset 2 inside longer data (user:token)', base64At('user:')],
    ['base64url at offset 1 inside longer data', Buffer.from(`user${TOKEN}-and-more`).toString('base64url')],
    ['base64 of a JSON document holding it', Buffer.from(JSON.stringify({ sub: TOKEN, iat: 1 })).toString('base64')],
    ['base64, then percent-encoded', encodeURIComponent(base64At('user:'))],
    ['base64, then \\u-escaped', unicode(base64At('user'))],
    ['hex, lower case', Buffer.from(TOKEN).toString('hex')],
    ['hex, upper case', Buffer.from(TOKEN).toString('hex').toUpperCase()],
    [
      'hex, mixed case',
      Buffer.from(TOKEN)
        .toString('hex')
        .replace(/[a-f]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c)),
    ],
    ['hex inside longer hex data', Buffer.from(`x${TOKEN}y`).toString('hex')],
  ];
  for (const [name, form] of cases) {
    it(name, () => {
      expect(leaksOf(form, [TOKEN]), 'the form carries the token').not.toEqual([]);
      const scrubbed = scrubber.text(`{"echo":"${form}","next":1}`);
      expect(scrubbed).toContain(REDACTED);
      expect(leaksOf(scrubbed, [TOKEN])).toEqual([]);
    });
  }

  it('every form the test target sends, for a token with spaces and non-ASCII characters too', () => {
    for (const token of [TOKEN, 'pässwörd com espaço 🔑', 'user:p@ss w/rd&more']) {
      const own = createScrubber([token]);
      for (const [name, form] of Object.entries(encodedForms(token))) {
        expect(leaksOf(own.text(`"${form}"`), [token]), name).toEqual([]);
      }
    }
  });

  it('a space written as +, and a + read back as a space', () => {
    expect(createScrubber(['pass word']).text('q=pass+word')).toBe(`q=${REDACTED}`);
    expect(scrubber.text(TOKEN.replaceAll('+', ' '))).toBe(REDACTED);
  });

  it('leaves what is not a secret exactly as it was', () => {
    const texts = [
      '{"data":[{"accountId":"291e5a29-49ed-401f-a583-193caa7aceee","amount":"10.00"}]}',
      'a\\"quoted\\" %20 &amp; \\u003c',
      'QmFuY28gRXhlbXBsbw==',
      '',
    ];
    for (const text of texts) expect(scrubber.text(text)).toBe(text);
  });

  it('header names are matched in either case (the HTTP stack lower-cases them)', () => {
    const hexName = Buffer.from('Hidden-Value').toString('hex').toUpperCase();
    expect(createScrubber(['Hidden-Value']).headers({ 'x-hidden-value': 'v', [hexName]: 'w' })).toEqual({
      [`x-${REDACTED}`]: 'v',
      [REDACTED]: 'w',
    });
  });

  it("a body cut at the read limit part-way through a token loses the token's beginning too", () => {
    expect(scrubber.cutText(`{"note":"${TOKEN.slice(0, 20)}`)).toBe(`{"note":"${REDACTED}`);
    expect(scrubber.cutText(`{"note":"${unicode(TOKEN.slice(0, 12))}`)).toBe(`{"note":"${REDACTED}`);
    expect(scrubber.cutText('{"note":"eyJ')).toBe('{"note":"eyJ'); // three characters say nothing
  });

  it('a token as long as a big JWT still compiles and scrubs', () => {
    const long = Buffer.alloc(3000, 'k7/+Q').toString('base64url');
    const own = createScrubber([long]);
    const text = `${Buffer.from(`user:${long}`).toString('base64')} ${percent(long, true)} ${Buffer.from(long).toString('hex')}`;
    expect(leaksOf(own.text(text), [long])).toEqual([]);
  });
});

describe('base64 and hex at every alignment, for any token and any surrounding bytes', () => {
  const token = fc.string({ unit: 'grapheme', minLength: 4, maxLength: 40 }).filter((t) => t.trim().length >= 4 && !/[%\\&]/.test(t));
  const bytes = fc.uint8Array({ maxLength: 12 });
  it('no decoding of the scrubbed text gives the token back', () => {
    fc.assert(
      fc.property(token, bytes, bytes, (secret, before, after) => {
        const data = Buffer.concat([Buffer.from(before), Buffer.from(secret), Buffer.from(after)]);
        const text = [data.toString('base64'), data.toString('base64url'), data.toString('hex'), data.toString('hex').toUpperCase()].join(
          ' ',
        );
        const scrubbed = createScrubber([secret]).text(text);
        return leaksOf(scrubbed, [secret]).length === 0;
      }),
      { numRuns: 300 },
    );
  });
});

describe('any mix of escaped and literal characters', () => {
  const printable = fc
    .string({ unit: fc.constantFrom(..."abcXYZ019-._~+/=:@!$*()',;?#[] ".split('')), minLength: 4, maxLength: 30 })
    .filter((t) => t.trim().length >= 4);
  const writings: Array<(c: string) => string> = [
    (c) => c,
    (c) => percent(c, false),
    (c) => percent(c, true),
    (c) => unicode(c),
    (c) => unicode(c).toUpperCase().replace('\\U', '\\u'),
    (c) => `&#${c.charCodeAt(0)};`,
    (c) => `&#x${c.charCodeAt(0).toString(16)};`,
    (c) => (c === '/' ? '\\/' : c),
  ];
  it('the scrubbed text holds the token in no decoding', () => {
    fc.assert(
      fc.property(printable, fc.array(fc.nat(writings.length - 1), { minLength: 30, maxLength: 30 }), (secret, choices) => {
        const written = [...secret].map((c, i) => writings[choices[i]!]!(c)).join('');
        const scrubbed = createScrubber([secret]).text(`{"a":"x ${written} y"}`);
        return leaksOf(scrubbed, [secret]).length === 0;
      }),
      { numRuns: 300 },
    );
  });
});

describe('deep: a whole run, header maps by name, everything else by value', () => {
  it('redacts credential header values and secrets everywhere, without touching the input', () => {
    const run = {
      target: `https://x.example?${TOKEN}`,
      results: [
        {
          message: `rejected token ${TOKEN}`,
          findings: [{ message: 'echo', path: '$.token', actual: { nested: [Buffer.from(TOKEN).toString('base64')] } }],
          request: {
            method: 'GET',
            url: `https://x.example/a?token=${encodeURIComponent(TOKEN)}`,
            headers: { Authorization: `Bearer ${TOKEN}`, Cookie: 'session=1', 'X-Api-Key': 'k-123456', 'x-fapi-interaction-id': 'id-1' },
          },
          response: {
            status: 401,
            headers: { 'Set-Cookie': 'session=2' },
            body: `{"echo":"${unicode(TOKEN)}","cert":${JSON.stringify(PEM)}}`,
          },
        },
      ],
    };
    const before = JSON.stringify(run);
    const redacted = scrubber.deep(run);
    expect(JSON.stringify(run)).toBe(before);
    const text = JSON.stringify(redacted);
    expect(leaksOf(text, [TOKEN])).toEqual([]);
    expect(text).not.toContain('MIIEvQ');
    expect(text).not.toContain('session=');
    expect(text).not.toContain('k-123456');
    const out = redacted.results[0]!;
    expect(out.request.headers).toEqual({
      Authorization: REDACTED,
      Cookie: REDACTED,
      'X-Api-Key': REDACTED,
      'x-fapi-interaction-id': 'id-1',
    });
    expect(out.response.headers).toEqual({ 'Set-Cookie': REDACTED });
    // Base64 keeps its last character: it holds only 2 bits of the token's last byte.
    expect(out.findings[0]?.actual).toEqual({ nested: [`${REDACTED}Q==`] });
  });

  it('keeps a target-supplied __proto__ key as data', () => {
    const parsed = JSON.parse(`{"__proto__":{"polluted":"${TOKEN}"}}`) as Record<string, unknown>;
    const out = scrubber.deep(parsed);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(out)).toBe(`{"__proto__":{"polluted":"${REDACTED}"}}`);
  });

  it('changes nothing in a value without secrets', () => {
    const value = { a: ['x', 1, null, { headers: { accept: 'application/json' } }], b: true };
    expect(createScrubber([]).deep(value)).toEqual(value);
  });
});

describe("evidence: the engine's redactor uses the same scrubber", () => {
  const exchange = (text: string, truncated: boolean): Exchange => ({
    key: 'valid',
    label: 'the valid request',
    operation: undefined as never,
    body: { kind: 'empty' },
    request: {
      method: 'POST',
      url: `https://x.example/a?state=${encodeURIComponent(TOKEN)}`,
      headers: { authorization: `Bearer ${TOKEN}`, 'x-partner-credential': 'pk-1', 'x-trace': Buffer.from(TOKEN).toString('hex') },
      body: { note: TOKEN },
    },
    response: { status: 200, headers: { 'x-echo': unicode(TOKEN), 'set-cookie': 'sid=1' }, text, bytes: 9_999, truncated, durationMs: 3 },
  });
  const redactor = createRedactor([TOKEN], ['X-Partner-Credential']);

  it('scrubs the URL, headers by name and by value, and both bodies', () => {
    const request = redactor.requestEvidence(exchange('{}', false));
    const response = redactor.responseEvidence(exchange(`{"echo":"${percent(TOKEN, true)}"}`, false))!;
    expect(request).toEqual({
      method: 'POST',
      url: `https://x.example/a?state=${REDACTED}`,
      headers: { authorization: REDACTED, 'x-partner-credential': REDACTED, 'x-trace': REDACTED },
      body: `{"note":"${REDACTED}"}`,
    });
    expect(response.headers).toEqual({ 'x-echo': REDACTED, 'set-cookie': REDACTED });
    expect(response.body).toBe(`{"echo":"${REDACTED}"}`);
  });

  it('a body cut at the read limit part-way through a token keeps none of it', () => {
    const cut = `{"echo":"${Buffer.from(`user:${TOKEN}`).toString('base64').slice(0, 30)}`;
    expect(leaksOf(cut, [TOKEN.slice(0, 12)]), "the cut body holds the token's beginning").not.toEqual([]);
    const body = redactor.responseEvidence(exchange(cut, true))!.body!;
    expect(body.endsWith(REDACTED)).toBe(true);
    expect(leaksOf(body, [TOKEN.slice(0, 4)])).toEqual([]);
  });
});

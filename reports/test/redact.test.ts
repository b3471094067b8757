import { describe, expect, it } from 'vitest';
import { REDACTED, isSensitiveHeader, redactEvidence, scrubText } from '../redact.ts';
import { TOKEN, accountsRun, makeResult, makeRun } from './fixtures.ts';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';

describe('isSensitiveHeader', () => {
  const sensitive = ['Authorization', 'proxy-authorization', 'Cookie', 'Set-Cookie', 'X-Api-Key', 'x-apikey', 'api_key', 'X-Auth-Token', 'x-access-token', 'X-Client-Cert', 'x-forwarded-client-cert', 'ssl-client-cert', 'x-session-id', 'x-client-secret'];
  const harmless = ['x-fapi-interaction-id', 'content-type', 'x-fapi-auth-date', 'x-customer-user-agent', 'date', 'x-v', 'x-idempotency-key'];
  for (const name of sensitive) it(`redacts ${name}`, () => expect(isSensitiveHeader(name)).toBe(true));
  for (const name of harmless) it(`keeps ${name}`, () => expect(isSensitiveHeader(name)).toBe(false));
});

describe('scrubText', () => {
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
    it(`scrubs ${JSON.stringify(input.slice(0, 40))}`, () => expect(scrubText(input, secrets)).toBe(output));
  }

  it('removes the longest secret first, so a secret containing another leaves nothing behind', () => {
    expect(scrubText('abcd-efgh', ['abcd', 'abcd-efgh'])).toBe(REDACTED);
  });
});

describe('redactEvidence', () => {
  it('redacts sensitive header values and secrets everywhere, without touching the input', () => {
    const result = makeResult({
      id: 's', check: 'response-schema', operation: 'accountsGetAccounts', status: 'failed',
      message: `rejected token ${TOKEN}`,
      findings: [{ message: 'echo', path: '$.token', actual: { nested: [TOKEN] } }],
      request: { method: 'GET', url: `https://x.example/a?token=${TOKEN}`, headers: { Authorization: `Bearer ${TOKEN}`, Cookie: 'session=1', 'X-Api-Key': 'k-123456', 'x-fapi-interaction-id': 'id-1' } },
      response: { status: 401, headers: { 'Set-Cookie': 'session=2' }, body: `{"echo":"${TOKEN}","cert":${JSON.stringify(PEM)}}` },
    });
    const run = makeRun([result], { target: `https://x.example?${TOKEN}` });
    const before = JSON.stringify(run);
    const redacted = redactEvidence(run, { secrets: [TOKEN] });
    expect(JSON.stringify(run)).toBe(before);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('MIIEvQ');
    expect(text).not.toContain('session=');
    expect(text).not.toContain('k-123456');
    const out = redacted.results[0];
    expect(out.request!.headers).toEqual({ Authorization: REDACTED, Cookie: REDACTED, 'X-Api-Key': REDACTED, 'x-fapi-interaction-id': 'id-1' });
    expect(out.response!.headers).toEqual({ 'Set-Cookie': REDACTED });
    expect(out.findings![0].actual).toEqual({ nested: [REDACTED] });
  });

  it('changes nothing in a run without secrets', () => {
    const run = accountsRun();
    expect(redactEvidence(run)).toEqual(run);
  });
});

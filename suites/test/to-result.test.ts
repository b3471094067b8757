import { describe, expect, it } from 'vitest';
import { toResult } from '../engine/to-result.ts';
import { createRedactor } from '../http/redact.ts';

const redactor = createRedactor(['s3cret-token']);
const base = { specId: 'ofb-accounts-2.4.1', operation: 'accountsGetAccounts', checkId: 'response-schema', severity: 'error' as const };

describe('toResult', () => {
  it.each([
    [{ message: 'must be string', path: '$.data[0].amount' }, '$.data[0].amount: must be string (and 1 more)'],
    [{ message: '$.data[0].amount must be string', path: '$.data[0].amount' }, '$.data[0].amount must be string (and 1 more)'],
    [
      { message: 'Content-Type text/plain is not documented', path: 'header content-type' },
      'Content-Type text/plain is not documented (and 1 more)',
    ],
    [{ message: 'the body is empty', path: '$' }, 'the body is empty (and 1 more)'],
  ])('a failed row says where: %j', (lead, expected) => {
    const result = toResult({ ...base, findings: [lead, { message: 'second', path: '$.x' }] }, redactor);
    expect(result.status).toBe('failed');
    expect(result.message).toBe(expected);
  });

  it('findings that are only warnings make a warning, and secrets are scrubbed from messages', () => {
    const result = toResult({ ...base, findings: [{ message: 'echoed s3cret-token', severity: 'warning' }] }, redactor);
    expect(result.status).toBe('warning');
    expect(result.message).not.toContain('s3cret-token');
  });
});

/**
 * The claim rules of signed request bodies without a server: what `aud` may name, `iss` present, `iat` within
 * ±300 s of the clock (said to be pinned when it is), `jti` present; and the memory of used `jti`s, per client,
 * forgotten after its window and capped with the oldest dropped first.
 */
import { describe, expect, it } from 'vitest';
import { claimsProblem, type ClaimRules } from '../signed-claims.ts';
import { UsedJtis } from '../used-jtis.ts';

const NOW_MS = Date.parse('2026-05-10T12:00:00Z');
const RULES: ClaimRules = { audiences: ['https://bank.example:8443', 'https://bank.example:8443/'], nowMs: NOW_MS, pinned: false };
const VALID = { aud: 'https://bank.example:8443', iss: 'org-1', iat: NOW_MS / 1000, jti: 'j-1' };

describe('claimsProblem', () => {
  it('accepts valid claims, an aud under an accepted base, and an array naming one', () => {
    expect(claimsProblem(VALID, RULES)).toBeUndefined();
    expect(claimsProblem({ ...VALID, aud: 'https://bank.example:8443/open-banking/payments/v4/pix/payments' }, RULES)).toBeUndefined();
    expect(claimsProblem({ ...VALID, aud: ['https://elsewhere.example', 'https://bank.example:8443'] }, RULES)).toBeUndefined();
    expect(claimsProblem({ ...VALID, iat: NOW_MS / 1000 - 300 }, RULES)).toBeUndefined();
    expect(claimsProblem({ ...VALID, iat: NOW_MS / 1000 + 300 }, RULES)).toBeUndefined();
  });

  it.each([
    ['another server', { aud: 'https://other.example' }, /^aud "https:\/\/other\.example" names none of https:\/\/bank\.example:8443 \(/],
    ['a look-alike host', { aud: 'https://bank.example:8443.evil' }, /^aud .* names none of/],
    ['an array of none', { aud: ['https://other.example'] }, /^aud .* names none of/],
    ['no aud', { aud: undefined }, /^aud must be a string or an array of strings/],
    ['a number', { aud: 7 }, /^aud must be a string or an array of strings/],
  ])('refuses an aud of %s', (_name, change, message) => {
    expect(claimsProblem({ ...VALID, ...change }, RULES)).toMatch(message);
  });

  it('refuses a missing or empty iss, and a missing jti', () => {
    expect(claimsProblem({ ...VALID, iss: undefined }, RULES)).toMatch(/^iss must be a non-empty string/);
    expect(claimsProblem({ ...VALID, iss: '' }, RULES)).toMatch(/^iss must be a non-empty string/);
    expect(claimsProblem({ ...VALID, jti: undefined }, RULES)).toMatch(/^jti must be a non-empty string/);
    expect(claimsProblem({ ...VALID, jti: 3 }, RULES)).toMatch(/^jti must be a non-empty string/);
  });

  it('refuses an iat off by more than 300 s, or not a number, and names a pinned clock', () => {
    expect(claimsProblem({ ...VALID, iat: NOW_MS / 1000 - 3600 }, RULES)).toBe(
      `iat ${NOW_MS / 1000 - 3600} is 3600 s before the mock's clock (2026-05-10T12:00:00Z); at most 300 s either way is accepted`,
    );
    expect(claimsProblem({ ...VALID, iat: NOW_MS / 1000 + 301 }, { ...RULES, pinned: true })).toBe(
      `iat ${NOW_MS / 1000 + 301} is 301 s after the mock's clock (2026-05-10T12:00:00Z, pinned by --now); at most 300 s either way is accepted`,
    );
    expect(claimsProblem({ ...VALID, iat: '1778414400' }, RULES)).toMatch(/^iat must be a number/);
  });

  it('judges a payload that is not an object as having no claims', () => {
    expect(claimsProblem(null, RULES)).toMatch(/^aud must be/);
    expect(claimsProblem([VALID], RULES)).toMatch(/^aud must be/);
  });
});

describe('UsedJtis', () => {
  it('accepts a jti once per client', () => {
    const used = new UsedJtis();
    expect(used.use('client-a', 'j-1', NOW_MS)).toBe(true);
    expect(used.use('client-a', 'j-1', NOW_MS + 1000)).toBe(false);
    expect(used.use('client-b', 'j-1', NOW_MS + 1000), 'another client').toBe(true);
  });

  it('forgets a jti once its window has passed', () => {
    const used = new UsedJtis(600_000);
    used.use('client-a', 'j-1', NOW_MS);
    used.use('client-a', 'j-2', NOW_MS + 300_000);
    expect(used.use('client-a', 'j-1', NOW_MS + 599_999)).toBe(false);
    expect(used.use('client-a', 'j-3', NOW_MS + 600_000)).toBe(true);
    expect(used.size, 'j-1 forgotten, j-2 and j-3 kept').toBe(2);
    expect(used.use('client-a', 'j-1', NOW_MS + 600_001)).toBe(true);
    expect(used.use('client-a', 'j-2', NOW_MS + 600_001)).toBe(false);
  });

  it('keeps at most its capacity, dropping the oldest first', () => {
    const used = new UsedJtis(600_000, 3);
    for (const jti of ['j-1', 'j-2', 'j-3', 'j-4']) expect(used.use('client-a', jti, NOW_MS)).toBe(true);
    expect(used.size).toBe(3);
    expect(used.use('client-a', 'j-4', NOW_MS)).toBe(false);
    expect(used.use('client-a', 'j-2', NOW_MS)).toBe(false);
    expect(used.use('client-a', 'j-1', NOW_MS), 'the oldest was dropped').toBe(true);
  });
});

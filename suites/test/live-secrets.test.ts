/**
 * Tokens learnt mid-run (`--auth`: minted and refreshed while the run goes
 * on) are scrubbed by scrubbers made before they existed, in every form the
 * scrubber knows; and a token given as a function is read at each request.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../http/redact.ts';
import { createCredentials } from '../plan/credentials.ts';
import { LiveSecrets } from '../secrets/live-secrets.ts';
import { REDACTED, createScrubber } from '../secrets/scrub.ts';
import type { LoadedSpec, Operation } from '../../specs/types.ts';

describe('live secrets', () => {
  it('a scrubber made before a token is learnt scrubs it once learnt, plain, base64 and percent-encoded', () => {
    const live = new LiveSecrets();
    const scrubber = createScrubber(['static-secret-1'], { live });
    const token = 'eyJmresh.token+value/from-refresh';
    expect(scrubber.text(`a ${token} b`)).toBe(`a ${token} b`);
    live.add(token);
    expect(scrubber.text(`a ${token} b`)).toBe(`a ${REDACTED} b`);
    expect(scrubber.text(Buffer.from(token).toString('base64'))).not.toContain(Buffer.from(token).toString('base64').slice(0, 12));
    expect(scrubber.text(encodeURIComponent(token))).toBe(REDACTED);
    expect(scrubber.text('static-secret-1')).toBe(REDACTED);
    expect(scrubber.secrets).toContain(token);
  });

  it("the run's redactor (evidence) learns too, and ignores strings too short to be secrets", () => {
    const live = new LiveSecrets();
    const redactor = createRedactor([], [], 1024, undefined, live);
    live.add('abc');
    live.add('access-token-learnt-late');
    expect(live.values).toEqual(['access-token-learnt-late']);
    expect(redactor.headers({ 'x-trace': 'access-token-learnt-late' })).toEqual({ 'x-trace': REDACTED });
  });
});

describe('a token given as a function', () => {
  it('is read at each request, so a refreshed token is the one sent', () => {
    let current = 'first-token';
    const spec = { securitySchemes: {} } as unknown as LoadedSpec;
    const credentials = createCredentials(spec, { token: () => current });
    const operation = { security: ['OAuth2Security'] } as unknown as Operation;
    expect(credentials.apply(operation, 'token').headers).toEqual({ authorization: 'Bearer first-token' });
    current = 'second-token';
    expect(credentials.apply(operation, 'token').headers).toEqual({ authorization: 'Bearer second-token' });
  });
});

/** Flag parsing, the token convention and the fault injector as units. */
import { describe, expect, it } from 'vitest';
import { holdsNothing, missingPermissions, readCredentials, wrongBasicPair } from '../auth.ts';
import { FaultInjector, parsePrefer } from '../faults.ts';
import { clientKey } from '../client-key.ts';
import { defaultMaxConnections } from '../open-file-limit.ts';
import { parseBasicAuth, parseFaultRate, parseLatency, parseMaxConnections, parseNow, parseRateLimit } from '../options.ts';

describe('flag parsing', () => {
  it('--basic-auth takes id:password pairs, the password may hold colons', () =>
    expect(parseBasicAuth(['id:secret', 'other:a:b'])).toEqual(['id:secret', 'other:a:b']));
  it.each(['nocolon', ':secret', 'id:'])('rejects --basic-auth %s without echoing it', (text) =>
    expect(() => parseBasicAuth([text])).toThrow(/^--basic-auth takes id:password[^:]*$/),
  );

  it('--basic-auth pairs: only they pass, besides the aferir: convention; without the flag every pair passes', () => {
    const basic = (pair: string) => readCredentials(`Basic ${Buffer.from(pair).toString('base64')}`);
    const accepted = new Set(['id:secret']);
    expect(wrongBasicPair(basic('id:secret'), accepted)).toBe(false);
    expect(wrongBasicPair(basic('id:Secret'), accepted)).toBe(true);
    expect(wrongBasicPair(basic('aferir:ACCOUNTS_READ'), accepted)).toBe(false);
    expect(wrongBasicPair(basic('id:Secret'), undefined)).toBe(false);
    expect(wrongBasicPair(readCredentials('Bearer token'), accepted)).toBe(false);
  });

  it.each([
    ['200', { minMs: 200, maxMs: 200 }],
    ['100-400', { minMs: 100, maxMs: 400 }],
    [' 50 - 60 ms', { minMs: 50, maxMs: 60 }],
  ])('--latency %s', (text, range) => expect(parseLatency(text)).toEqual(range));

  it.each(['fast', '400-100', '-5', '1e9'])('rejects --latency %s', (text) => expect(() => parseLatency(text)).toThrow(/--latency/));
  it.each([
    ['0', 0],
    ['0.25', 0.25],
    ['1', 1],
  ])('--fault-rate %s', (text, value) => expect(parseFaultRate(text)).toBe(value));
  it.each(['1.5', '-0.1', 'half', ''])('rejects --fault-rate %s', (text) => expect(() => parseFaultRate(text)).toThrow(/--fault-rate/));
  it.each([
    ['50', 50],
    ['50/s', 50],
    ['2.5', 2.5],
  ])('--rate-limit %s', (text, value) => expect(parseRateLimit(text)).toBe(value));
  it.each(['0', 'many', '5/min'])('rejects --rate-limit %s', (text) => expect(() => parseRateLimit(text)).toThrow(/--rate-limit/));
  it.each([
    ['1', 1],
    ['512', 512],
    [' 40 ', 40],
  ])('--max-connections %s', (text, value) => expect(parseMaxConnections(text)).toBe(value));
  it.each(['0', '-1', '2.5', 'many', ''])('rejects --max-connections %s', (text) =>
    expect(() => parseMaxConnections(text)).toThrow(/--max-connections/),
  );
  it('reads --now as ISO-8601 only', () => {
    expect(parseNow('2026-05-10').toISOString()).toBe('2026-05-10T00:00:00.000Z');
    expect(() => parseNow('May 10')).toThrow(/--now/);
  });
});

describe('the token convention', () => {
  it('holds the listed permissions after aferir:, every permission otherwise', () => {
    const limited = readCredentials('Bearer aferir:ACCOUNTS_READ, resources_read');
    expect(missingPermissions(limited, ['ACCOUNTS_READ'])).toEqual([]);
    expect(missingPermissions(limited, ['RESOURCES_READ', 'ACCOUNTS_BALANCES_READ'])).toEqual(['ACCOUNTS_BALANCES_READ']);
    expect(missingPermissions(readCredentials('Bearer aferir:'), ['ACCOUNTS_READ'])).toEqual(['ACCOUNTS_READ']);
    expect(missingPermissions(readCredentials('Bearer eyJhbGciOi'), ['ACCOUNTS_READ'])).toEqual([]);
  });

  it('tells bearer, basic, missing and malformed credentials apart', () => {
    expect(readCredentials(undefined).kind).toBe('missing');
    expect(readCredentials('Bearer').kind).toBe('malformed');
    expect(readCredentials(`Basic ${Buffer.from('id:secret').toString('base64')}`)).toEqual({
      kind: 'basic',
      user: 'id',
      pair: 'id:secret',
    });
    expect(readCredentials(`Basic ${Buffer.from('no-colon').toString('base64')}`).kind).toBe('malformed');
    expect(readCredentials(`Basic ${Buffer.from('id:').toString('base64')}`).kind).toBe('malformed');
    const none = readCredentials(`Basic ${Buffer.from('aferir:').toString('base64')}`);
    expect(none).toMatchObject({ kind: 'basic', user: 'aferir' });
    expect(holdsNothing(none)).toBe(true);
    expect(holdsNothing(readCredentials('Bearer aferir:ACCOUNTS_READ'))).toBe(false);
  });
});

describe('fault injection', () => {
  it('draws latency inside the range and faults at about the asked rate, the same for the same seed', () => {
    const injector = new FaultInjector(3, { minMs: 10, maxMs: 20 }, 0.3, undefined);
    const delays = Array.from({ length: 200 }, () => injector.delayMs());
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...delays)).toBeLessThanOrEqual(20);
    const faults = Array.from({ length: 1000 }, () => injector.fault());
    const share = faults.filter((f) => f !== undefined).length / 1000;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    const again = new FaultInjector(3, { minMs: 10, maxMs: 20 }, 0.3, undefined);
    Array.from({ length: 200 }, () => again.delayMs());
    expect(Array.from({ length: 1000 }, () => again.fault())).toEqual(faults);
  });

  it('lets n requests through per one-second window', () => {
    const injector = new FaultInjector(1, undefined, 0, 2);
    expect([0, 10, 20].map((t) => injector.overLimit(t))).toEqual([false, false, true]);
    expect(injector.overLimit(1000)).toBe(false);
  });

  it('reads Prefer like Prism', () => {
    expect(parsePrefer('code=404')).toEqual({ code: 404 });
    expect(parsePrefer('example=default, code=200')).toEqual({ code: 200, example: 'default' });
    expect(parsePrefer('respond-async')).toBeUndefined();
  });
});

describe('connection limits', () => {
  it('defaults the cap to 512, or half the open-file limit when that is lower', () => {
    expect(defaultMaxConnections(1024)).toBe(512);
    expect(defaultMaxConnections(65536)).toBe(512);
    expect(defaultMaxConnections(256)).toBe(128);
    expect(defaultMaxConnections(1)).toBe(1);
    expect(defaultMaxConnections(undefined)).toBe(512);
  });

  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('counts %s as the client %s', (address, key) => expect(clientKey(address)).toBe(key));
});

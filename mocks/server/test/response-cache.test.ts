/**
 * The response cache: a body is kept from the second time its key is rendered,
 * answers with the timestamp of the second asked for, stays within its bytes
 * (least recently used out), and fresh keys — each seen once — never fill it; a
 * page's joined text serialises like the items it came from.
 */
import { describe, expect, it } from 'vitest';
import { ResponseCache, TIMESTAMP_PLACEHOLDER } from '../response-cache.ts';
import { RenderedJson } from '../success-body.ts';

const body = (n: number) =>
  JSON.stringify({ data: { n: String(n).padStart(6, '0'), text: 'x'.repeat(1000) }, meta: { requestDateTime: TIMESTAMP_PLACEHOLDER } });
const filled = (n: number, second: string) => Buffer.from(body(n).replace(JSON.stringify(TIMESTAMP_PLACEHOLDER), JSON.stringify(second)));

describe('ResponseCache', () => {
  it('keeps a body only the second time its key is rendered, and answers the same bytes with the timestamp filled in', () => {
    const cache = new ResponseCache(1024 * 1024);
    const first = cache.put('k', body(1), '2026-12-06T10:00:00Z');
    expect(first.equals(filled(1, '2026-12-06T10:00:00Z'))).toBe(true);
    expect(cache.get('k', '2026-12-06T10:00:00Z')).toBeUndefined();
    const second = cache.put('k', body(1), '2026-12-06T10:00:00Z');
    expect(second.equals(first)).toBe(true);
    expect(cache.get('k', '2026-12-06T10:00:00Z')?.equals(first)).toBe(true);
    expect(cache.get('k', '2026-12-06T10:00:01Z')?.equals(filled(1, '2026-12-06T10:00:01Z'))).toBe(true);
  });

  it('rewrites every timestamp of a body in a new copy, leaving the one already sent as it was', () => {
    const cache = new ResponseCache(1024 * 1024);
    const json = JSON.stringify({
      data: { at: TIMESTAMP_PLACEHOLDER, name: 'ç'.repeat(10) },
      meta: { requestDateTime: TIMESTAMP_PLACEHOLDER },
    });
    const expected = (second: string) => Buffer.from(json.split(JSON.stringify(TIMESTAMP_PLACEHOLDER)).join(JSON.stringify(second)));
    for (let twice = 0; twice < 2; twice++) cache.put('k', json, '2026-12-06T10:00:00Z');
    const sent = cache.get('k', '2026-12-06T10:00:00Z')!;
    // A longer timestamp, then a shorter one: the offsets of the second stamp move each time.
    expect(cache.get('k', '2026-12-06T10:00:01.123Z')?.equals(expected('2026-12-06T10:00:01.123Z'))).toBe(true);
    expect(cache.get('k', '2026-12-06T10:00:02Z')?.equals(expected('2026-12-06T10:00:02Z'))).toBe(true);
    expect(sent.equals(expected('2026-12-06T10:00:00Z'))).toBe(true);
  });

  it('stays within its bytes, evicting the least recently used body first', () => {
    const probe = new ResponseCache(1024 * 1024);
    for (let twice = 0; twice < 2; twice++) probe.put('a', body(1), '2026-12-06T10:00:00Z');
    const size = probe.heldBytes;
    expect(size).toBeGreaterThanOrEqual(filled(1, '2026-12-06T10:00:00Z').length);
    // One copy per body: room for two bodies holds two, not one.
    expect(size).toBeLessThan(filled(1, '2026-12-06T10:00:00Z').length * 2);
    const cache = new ResponseCache(size * 2);
    for (const key of ['a', 'b', 'a', 'b']) cache.put(key, body(key.charCodeAt(0)), '2026-12-06T10:00:00Z');
    expect(cache.size).toBe(2);
    // 'a' is used again, so 'b' is now the least recently used and goes when 'c' comes in.
    expect(cache.get('a', '2026-12-06T10:00:00Z')).toBeDefined();
    for (let twice = 0; twice < 2; twice++) cache.put('c', body(3), '2026-12-06T10:00:00Z');
    expect(cache.get('b', '2026-12-06T10:00:00Z')).toBeUndefined();
    expect(cache.get('a', '2026-12-06T10:00:00Z')).toBeDefined();
    expect(cache.get('c', '2026-12-06T10:00:00Z')).toBeDefined();
    expect(cache.heldBytes).toBeLessThanOrEqual(size * 2);
  });

  it('holds nothing after 100,000 keys that each came once (fresh paths)', () => {
    const cache = new ResponseCache(32 * 1024 * 1024);
    for (let i = 0; i < 100_000; i++) cache.put(`/accounts?x=${i}`, body(i), '2026-12-06T10:00:00Z');
    expect(cache.size).toBe(0);
    expect(cache.heldBytes).toBe(0);
  });

  it('caches nothing when disabled, and serves the body all the same', () => {
    const cache = new ResponseCache(0);
    for (let twice = 0; twice < 2; twice++)
      expect(cache.put('k', body(1), '2026-12-06T10:00:00Z').equals(filled(1, '2026-12-06T10:00:00Z'))).toBe(true);
    expect(cache.size).toBe(0);
  });
});

describe('RenderedJson', () => {
  it('serialises to the same bytes as the items it was joined from, wherever it is placed', () => {
    const items = [
      { a: 1.1, b: 'ç' },
      { a: 0.30000000000000004, b: null },
    ];
    const placed = { data: new RenderedJson([Buffer.from(JSON.stringify(items))]), meta: { n: 2 } };
    expect(JSON.stringify(placed)).toBe(JSON.stringify({ data: items, meta: { n: 2 } }));
  });
});

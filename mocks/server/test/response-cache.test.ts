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
  JSON.stringify({ data: { n: String(n).padStart(6, '0'), text: 'x'.repeat(100) }, meta: { requestDateTime: TIMESTAMP_PLACEHOLDER } });
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

  it('stays within its bytes, evicting the least recently used body first', () => {
    const size = filled(0, '2026-12-06T10:00:00Z').length * 2;
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

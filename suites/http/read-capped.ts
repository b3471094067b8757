/**
 * Reads a response body up to a limit and stops there: a 50 MB answer to a
 * 25-item page must not be buffered whole. The connection is destroyed when
 * the limit is hit, so the rest is never downloaded.
 */
import type { Readable } from 'node:stream';

export interface CappedBody {
  buffer: Buffer;
  /** Bytes received before stopping (≤ limit + one chunk). */
  received: number;
  truncated: boolean;
}

export async function readCapped(body: Readable, limit: number): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    received += buffer.length;
    if (received > limit) {
      const keep = buffer.length - (received - limit);
      if (keep > 0) chunks.push(buffer.subarray(0, keep));
      body.destroy();
      return { buffer: Buffer.concat(chunks), received, truncated: true };
    }
    chunks.push(buffer);
  }
  return { buffer: Buffer.concat(chunks), received, truncated: false };
}

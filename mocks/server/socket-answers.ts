/**
 * Answers written straight on a socket, outside any request the server could
 * answer: a request that is not valid HTTP or came too slowly (400/408/431),
 * and a connection refused at the connection cap (503). Each one ends the
 * connection: half-close first so the client can read the answer, then
 * destroy after a short linger whatever the client does, so a client that
 * never reads nor closes cannot keep the descriptor.
 */
import type { Socket } from 'node:net';

/**
 * How long a socket stays half-open after its last answer. Closing a socket
 * with input still arriving makes the kernel send a reset, which can erase an
 * answer the client has not read yet (RFC 9112 §9.6); a second is plenty on
 * loopback and on a LAN, and short enough that lingering sockets stay few.
 */
export const LINGER_MS = 1_000;

/** An error answer with the `errors` envelope, as raw HTTP/1.1 text. */
export function rawErrorAnswer(
  status: number,
  reason: string,
  error: { code: string; title: string; detail: string },
  headers: Record<string, string | number> = {},
): string {
  const body = JSON.stringify({ errors: [error] });
  const lines = [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `Date: ${new Date().toUTCString()}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Writes `text`, half-closes, and destroys the socket after `lingerMs` (0: as soon as the text is written). */
export function answerAndClose(socket: Socket, text: string, lingerMs = LINGER_MS): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  if (lingerMs <= 0) {
    socket.end(text, () => socket.destroy());
    return;
  }
  socket.end(text);
  const timer = setTimeout(() => socket.destroy(), lingerMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** The server's `clientError` handler: 431 for oversized headers, 408 for a request not received in time, 400 otherwise. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const answer =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? rawErrorAnswer(431, 'Request Header Fields Too Large', {
          code: 'HEADERS_TOO_LARGE',
          title: 'Request header fields too large',
          detail: 'The request headers are larger than 16 KiB.',
        })
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? rawErrorAnswer(408, 'Request Timeout', {
            code: 'REQUEST_TIMEOUT',
            title: 'Request timeout',
            detail:
              'The request did not arrive in time (its headers within the headers timeout, the whole request within the request timeout); the connection is closed.',
          })
        : rawErrorAnswer(400, 'Bad Request', { code: 'BAD_REQUEST', title: 'Bad request', detail: 'The request is not valid HTTP.' });
  answerAndClose(socket, answer);
}

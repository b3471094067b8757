/**
 * Read a spec's text (or one of its `$ref`s) from a file or an http(s) URL,
 * with limits: a spec server that hangs, trickles or streams forever must not
 * hang or exhaust aferir. Downloads share the load's overall deadline; a
 * redirect is followed only when the caller allows where it leads.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Agent } from 'undici';
import type { Deadline } from './deadline.ts';
import { SpecError } from './errors.ts';

/** Largest spec we accept, in bytes; the biggest official spec is well under 1 MB. */
export const MAX_SPEC_BYTES = 20 * 1024 * 1024;
/** Spec portals redirect (to a CDN, to a raw file); follow a few hops, never forever. */
const MAX_REDIRECTS = 5;
/** Idle limit between bytes; the overall deadline is the load's. */
const IDLE_TIMEOUT_MS = 15_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type Stage = 'connect' | 'body';

let downloader: Agent | undefined;

/**
 * The HTTP client, loaded on the first download: most loads read bundled files, and a mock that never fetches a
 * spec should not carry undici's ~10 MB of heap and code.
 */
async function specDownloader(): Promise<{ agent: Agent; request: typeof import('undici').request }> {
  const undici = await import('undici');
  downloader ??= new undici.Agent({ headersTimeout: IDLE_TIMEOUT_MS, bodyTimeout: IDLE_TIMEOUT_MS });
  return { agent: downloader, request: undici.request };
}

export function isUrl(ref: string): boolean {
  return /^https?:\/\//i.test(ref);
}

export interface ReadOptions {
  /** The load's deadline; without one, downloads end only on the idle timeout. Default: none. */
  deadline?: Deadline;
  /** How messages name what is read. Default: `the spec from <url>` / `Spec file <path>`. */
  subject?: string;
  /** Called with each redirect target before it is followed; throws to refuse it. Default: any http(s) URL. */
  checkRedirect?: (to: string) => Promise<void>;
}

export interface SourceText {
  text: string;
  /** Where the text really came from: the URL after redirects, or the file. */
  location: string;
}

export async function readSpecText(source: string, options: ReadOptions = {}): Promise<SourceText> {
  return isUrl(source) ? readUrl(source, options) : { text: await readLocalFile(source, options.subject), location: source };
}

export async function readLocalFile(file: string, subject = `Spec file ${file}`): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory())
      throw new SpecError('spec-unreadable', `${subject} is a directory, not an OpenAPI file; pass the .yaml or .json file itself.`);
    size = info.size;
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError(
      'spec-not-found',
      `${subject} does not exist; pass a catalogue id (see 'aferir specs list'), a file path or an http(s) URL.`,
      { cause: error },
    );
  }
  if (size > MAX_SPEC_BYTES) {
    throw new SpecError('spec-too-large', `${subject} is ${size} bytes, over the ${MAX_SPEC_BYTES}-byte limit for an OpenAPI document.`);
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new SpecError(
      'spec-unreadable',
      `${subject} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check its permissions.`,
      { cause: error },
    );
  }
}

async function readUrl(url: string, options: ReadOptions): Promise<SourceText> {
  const { deadline } = options;
  let location = url;
  const subject = () => options.subject ?? `the spec from ${location}`;
  const broke = (error: unknown, stage: Stage): SpecError => {
    if (deadline?.expired) {
      return new SpecError(
        'spec-timeout',
        `Downloading ${subject()} did not finish within the ${deadline.ms} ms deadline; the server stalls or is too slow — try again, or raise --spec-timeout.`,
        { cause: error },
      );
    }
    const reason = (error as Error).message ?? String(error);
    return stage === 'connect'
      ? new SpecError('spec-unreachable', `Could not download ${subject()} (${reason}); check the URL and your network.`, { cause: error })
      : new SpecError('spec-unreachable', `Downloading ${subject()} broke off (${reason}); try again.`, { cause: error });
  };
  try {
    for (let hop = 0; ; hop++) {
      let response;
      try {
        const { agent, request } = await specDownloader();
        response = await request(location, {
          method: 'GET',
          headers: { accept: 'application/yaml, application/json;q=0.9, */*;q=0.5' },
          dispatcher: agent,
          signal: deadline?.signal,
        });
      } catch (error) {
        throw broke(error, 'connect');
      }
      const redirect = REDIRECT_STATUSES.has(response.statusCode) ? response.headers.location : undefined;
      if (typeof redirect === 'string') {
        await response.body.dump().catch(() => undefined);
        const next = new URL(redirect, location).href;
        if (hop >= MAX_REDIRECTS)
          throw new SpecError(
            'spec-unreachable',
            `Downloading ${subject()} was redirected more than ${MAX_REDIRECTS} times; check the URL.`,
          );
        if (!isUrl(next))
          throw new SpecError('spec-unreachable', `Downloading ${subject()} was redirected to ${next}, which is not an http(s) URL.`);
        await options.checkRedirect?.(next);
        location = next;
        continue;
      }
      if (response.statusCode >= 400) {
        await response.body.dump().catch(() => undefined);
        throw new SpecError('spec-unreachable', `Downloading ${subject()} failed with HTTP ${response.statusCode}; check the URL.`);
      }
      return { text: await readBody(response.body, subject(), broke), location };
    }
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw broke(error, 'connect');
  }
}

async function readBody(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  subject: string,
  broke: (error: unknown, stage: Stage) => SpecError,
): Promise<string> {
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of body) {
      received += chunk.length;
      if (received > MAX_SPEC_BYTES) {
        body.destroy();
        throw new SpecError(
          'spec-too-large',
          `Downloading ${subject} stopped: it is over the ${MAX_SPEC_BYTES}-byte limit for an OpenAPI document.`,
        );
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw broke(error, 'body');
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Read a spec's text from a file or an http(s) URL, with limits: a spec server
 * that hangs or streams forever must not hang or exhaust aferir.
 */
import { readFile, stat } from 'node:fs/promises';
import { Agent, interceptors, request } from 'undici';
import { SpecError } from './errors.ts';

/** Largest spec we accept, in bytes; the biggest official spec is well under 1 MB. */
export const MAX_SPEC_BYTES = 20 * 1024 * 1024;
const URL_TIMEOUT_MS = 15_000;

let downloader: ReturnType<Agent['compose']> | undefined;

/** Spec portals redirect (to a CDN, to a raw file); follow a few hops, never forever. */
function specDownloader(): ReturnType<Agent['compose']> {
  downloader ??= new Agent({ headersTimeout: URL_TIMEOUT_MS, bodyTimeout: URL_TIMEOUT_MS }).compose(interceptors.redirect({ maxRedirections: 5 }));
  return downloader;
}

export function isUrl(ref: string): boolean {
  return /^https?:\/\//i.test(ref);
}

export async function readSpecText(source: string): Promise<string> {
  return isUrl(source) ? readUrl(source) : readLocalFile(source);
}

async function readLocalFile(file: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new SpecError('spec-unreadable', `${file} is a directory, not an OpenAPI file; pass the .yaml or .json file itself.`);
    size = info.size;
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError('spec-not-found', `Spec file ${file} does not exist; pass a catalogue id (see 'aferir specs list'), a file path or an http(s) URL.`, { cause: error });
  }
  if (size > MAX_SPEC_BYTES) {
    throw new SpecError('spec-too-large', `Spec file ${file} is ${size} bytes, over the ${MAX_SPEC_BYTES}-byte limit for an OpenAPI document.`);
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new SpecError('spec-unreadable', `Spec file ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check its permissions.`, { cause: error });
  }
}

async function readUrl(url: string): Promise<string> {
  let response;
  try {
    response = await request(url, {
      method: 'GET',
      headers: { accept: 'application/yaml, application/json;q=0.9, */*;q=0.5' },
      dispatcher: specDownloader(),
    });
  } catch (error) {
    throw new SpecError('spec-unreachable', `Could not download the spec from ${url} (${(error as Error).message}); check the URL and your network.`, { cause: error });
  }
  if (response.statusCode >= 400) {
    await response.body.dump();
    throw new SpecError('spec-unreachable', `Downloading the spec from ${url} failed with HTTP ${response.statusCode}; check the URL.`);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body) {
      received += chunk.length;
      if (received > MAX_SPEC_BYTES) {
        response.body.destroy();
        throw new SpecError('spec-too-large', `The spec at ${url} is over the ${MAX_SPEC_BYTES}-byte limit for an OpenAPI document.`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError('spec-unreachable', `Downloading the spec from ${url} broke off (${(error as Error).message}); try again.`, { cause: error });
  }
  return Buffer.concat(chunks).toString('utf8');
}

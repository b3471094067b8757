/**
 * `--target-jwks <url|file>`: the keys the target signs its `application/jwt` bodies with, read once before the run.
 * A URL is fetched with the run's own client (its timeout, read limit and TLS options); a file is read as is.
 * Whatever comes back is untrusted: only a JSON object with a `keys` array of objects is taken.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../../specs/errors.ts';
import type { PublicJwk } from '../../specs/jws.ts';
import type { HttpClient } from './client.ts';

export async function loadTargetJwks(source: string, client: HttpClient): Promise<PublicJwk[]> {
  const text = /^https?:\/\//i.test(source) ? await fetchJwks(source, client) : await readJwksFile(source);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--target-jwks ${source} is not JSON (${(error as Error).message.slice(0, 200)}).`, { cause: error });
  }
  const keys = parsed !== null && typeof parsed === 'object' ? (parsed as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys) || !keys.every((key) => key !== null && typeof key === 'object' && !Array.isArray(key)))
    throw new UsageError(`--target-jwks ${source} is not a JWKS: it needs a "keys" array of JWK objects (RFC 7517 §5).`);
  return keys as PublicJwk[];
}

async function fetchJwks(url: string, client: HttpClient): Promise<string> {
  const outcome = await client.send({ method: 'GET', url, headers: { accept: 'application/json, application/jwk-set+json' } });
  const response = outcome.response;
  if (!response) throw new UsageError(`--target-jwks ${url} could not be fetched: ${outcome.failure?.message ?? 'no response'}.`);
  if (response.status !== 200) throw new UsageError(`--target-jwks ${url} answered ${response.status}, not 200.`);
  if (response.truncated) throw new UsageError(`--target-jwks ${url} is larger than the ${client.maxBodyBytes}-byte read limit.`);
  return response.text;
}

async function readJwksFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--target-jwks file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      {
        cause: error,
      },
    );
  }
}

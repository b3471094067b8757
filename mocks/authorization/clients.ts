/**
 * `--client <file.json>`: a statically registered client — one client's
 * metadata (or an array of them) as RFC 7591 names it: `client_id`, `jwks` or
 * `jwks_uri`, `redirect_uris`, and optionally `token_endpoint_auth_method`
 * (`private_key_jwt` by default, or `tls_client_auth` with a
 * `tls_client_auth_subject_dn`), `grant_types`, `client_name`…
 */
import { readFile } from 'node:fs/promises';
import type { ClientMetadata } from 'oidc-provider';
import { UsageError } from '../../specs/errors.ts';

/** A static client and the file it came from (for messages). */
export interface StaticClient {
  metadata: ClientMetadata;
  source: string;
}

export async function readClientFile(file: string): Promise<StaticClient[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--client ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, {
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--client ${file} is not JSON (${(error as Error).message}).`, { cause: error });
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.map((item, index) => ({ metadata: checkClient(item, `${file}${Array.isArray(parsed) ? `[${index}]` : ''}`), source: file }));
}

/** The shape checks oidc-provider does not phrase for a command line; it validates the rest when the server starts. */
function checkClient(value: unknown, where: string): ClientMetadata {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`--client ${where} must be a JSON object of client metadata (client_id, jwks or jwks_uri, redirect_uris).`);
  const metadata = value as Record<string, unknown>;
  if (typeof metadata.client_id !== 'string' || metadata.client_id === '') throw new UsageError(`--client ${where} has no client_id.`);
  if ('client_secret' in metadata)
    throw new UsageError(
      `--client ${where} has a client_secret; FAPI clients authenticate with private_key_jwt or tls_client_auth, so remove it.`,
    );
  return metadata as ClientMetadata;
}

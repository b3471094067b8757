/**
 * The runner's FAPI-BR client, built on openid-client and jose: discovery,
 * `private_key_jwt` with the client's key, every request to the server over
 * the client certificate when one is given (RFC 8705 binds the tokens to it),
 * and JARM responses. Nothing here writes a key or a token anywhere.
 */
import { createPrivateKey } from 'node:crypto';
import * as client from 'openid-client';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { Agent, fetch as undiciFetch } from 'undici';
import { parseResolve, resolvingConnector } from '../http/resolve.ts';
import { UsageError } from '../../specs/errors.ts';
import type { AuthOptions } from './auth-options.ts';
import { authStepError } from './auth-errors.ts';

export interface FapiClient {
  config: client.Configuration;
  signingKey: CryptoKey;
  keyId?: string;
  /** Sends requests with the client certificate (the server's endpoints, the data APIs). */
  fetch: client.CustomFetch;
  /** Sends requests as a browser would: no client certificate. */
  browserFetch: client.CustomFetch;
  close(): Promise<void>;
}

export interface FapiConnection {
  /** The run's `--resolve host:port:address` entries: the server and the APIs are reached as the data suites reach them. */
  resolve?: readonly string[];
}

export async function createFapiClient(options: AuthOptions, connection: FapiConnection = {}): Promise<FapiClient> {
  const { key: signingKey, keyId } = await importSigningKey(options);
  const resolve = parseResolve(connection.resolve);
  const connector = (tls: Record<string, unknown>) => (resolve.size > 0 ? resolvingConnector(tls, resolve) : tls);
  const tls = { ca: options.mtls.ca, rejectUnauthorized: !options.insecure };
  const mtlsAgent = new Agent({ connect: connector({ ...tls, cert: options.mtls.cert, key: options.mtls.key }) });
  const browserAgent = new Agent({ connect: connector(tls) });
  const fetch = fetchThrough(mtlsAgent);
  const close = async () => void (await Promise.all([mtlsAgent.close(), browserAgent.close()]));
  const withKid = { [client.modifyAssertion]: (header: { kid?: string }) => void (keyId ? (header.kid = keyId) : undefined) };
  const insecure = new URL(options.issuer).protocol === 'http:';
  try {
    const config = await client.discovery(
      new URL(options.issuer),
      options.clientId,
      {
        id_token_signed_response_alg: 'PS256',
        authorization_signed_response_alg: 'PS256',
        ...(options.mtls.cert ? { tls_client_certificate_bound_access_tokens: true } : {}),
      },
      client.PrivateKeyJwt(signingKey, withKid),
      { [client.customFetch]: fetch, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
    );
    config[client.customFetch] = fetch;
    client.useJwtResponseMode(config);
    return { config, signingKey, keyId, fetch, browserFetch: fetchThrough(browserAgent), close };
  } catch (error) {
    await close();
    throw authStepError('discovery', error);
  }
}

function fetchThrough(dispatcher: Agent): client.CustomFetch {
  return ((url: string, init: client.CustomFetchOptions) =>
    undiciFetch(url, { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1])) as unknown as client.CustomFetch;
}

/** PEM (PKCS#8, PKCS#1 or EC) or a JWK: Node parses both, jose gets a non-extractable PS256 key. */
async function importSigningKey(options: AuthOptions): Promise<{ key: CryptoKey; keyId?: string }> {
  const text = options.privateKey.trim();
  let jwk: JWK;
  try {
    const parsed = text.startsWith('{') ? (JSON.parse(text) as JWK) : undefined;
    const keyObject = parsed ? createPrivateKey({ key: parsed as never, format: 'jwk' }) : createPrivateKey(text);
    jwk = keyObject.export({ format: 'jwk' }) as JWK;
    if (parsed?.kid && !options.keyId) jwk.kid = parsed.kid;
  } catch (error) {
    throw new UsageError(`--auth private-key is not a private key in PEM or JWK form (${(error as Error).message.split('\n')[0]}).`, {
      cause: error,
    });
  }
  if (jwk.kty !== 'RSA') throw new UsageError(`--auth private-key must be an RSA key (FAPI-BR signs with PS256); it is ${jwk.kty}.`);
  const key = (await importJWK({ ...jwk, alg: 'PS256' }, 'PS256', { extractable: false })) as CryptoKey;
  return { key, keyId: options.keyId ?? jwk.kid };
}

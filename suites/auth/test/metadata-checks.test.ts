import type { ServerMetadata } from 'openid-client';
import { describe, expect, it } from 'vitest';
import { checkMetadata } from '../metadata-checks.ts';

const FAPI: ServerMetadata = {
  issuer: 'https://auth.bank.example',
  pushed_authorization_request_endpoint: 'https://auth.bank.example/par',
  require_pushed_authorization_requests: true,
  code_challenge_methods_supported: ['S256'],
  token_endpoint_auth_methods_supported: ['private_key_jwt', 'tls_client_auth'],
  token_endpoint_auth_signing_alg_values_supported: ['PS256'],
  request_object_signing_alg_values_supported: ['PS256'],
  id_token_signing_alg_values_supported: ['PS256'],
};

describe('authorization-server-metadata', () => {
  it('accepts a FAPI-BR discovery document', () => {
    expect(checkMetadata(FAPI)).toEqual([]);
  });

  it.each<[string, Partial<ServerMetadata>, string]>([
    ['PAR optional', { require_pushed_authorization_requests: false }, '$.require_pushed_authorization_requests'],
    ['no PAR endpoint', { pushed_authorization_request_endpoint: undefined }, '$.pushed_authorization_request_endpoint'],
    ['PKCE plain allowed', { code_challenge_methods_supported: ['plain', 'S256'] }, '$.code_challenge_methods_supported'],
    ['no PKCE declared', { code_challenge_methods_supported: undefined }, '$.code_challenge_methods_supported'],
    [
      'HMAC client assertions',
      { token_endpoint_auth_signing_alg_values_supported: ['PS256', 'HS256'] },
      '$.token_endpoint_auth_signing_alg_values_supported',
    ],
    ['RS256 only for ID tokens', { id_token_signing_alg_values_supported: ['RS256'] }, '$.id_token_signing_alg_values_supported'],
    [
      'unsigned request objects',
      { request_object_signing_alg_values_supported: ['PS256', 'none'] },
      '$.request_object_signing_alg_values_supported',
    ],
    [
      'client secrets',
      { token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic'] },
      '$.token_endpoint_auth_methods_supported',
    ],
  ])('finds %s, and only that', (_name, change, path) => {
    expect(checkMetadata({ ...FAPI, ...change }).map((finding) => finding.path)).toEqual([path]);
  });
});

/**
 * The flow's pieces against the mock's real authorization server: the PKCE
 * probe passes on it and fails on a PAR endpoint that takes anything, and
 * the token holder refreshes before expiry, teaching the scrubber each token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsentsInstitution, type ConsentsInstitution } from '../../../fixtures/consents-institution.ts';
import { CPF, makeReceiver, REDIRECT_URI, type Receiver } from '../../../cli/test/auth-harness.ts';
import * as client from 'openid-client';
import type { AuthOptions } from '../auth-options.ts';
import { authorizeConsent, type FlowContext } from '../consent-flow.ts';
import { createFapiClient, type FapiClient } from '../fapi-client.ts';
import { probePkce } from '../pkce-probe.ts';
import { TokenHolder } from '../token-holder.ts';

let receiver: Receiver;
let institution: ConsentsInstitution;
let fapi: FapiClient;
let flow: FlowContext;
const learnt: string[] = [];

beforeAll(async () => {
  receiver = await makeReceiver();
  institution = await startConsentsInstitution([receiver.metadata]);
  const options: AuthOptions = {
    issuer: institution.issuer,
    clientId: receiver.clientId,
    privateKey: receiver.pem,
    mtls: {},
    insecure: false,
    redirectUri: REDIRECT_URI,
    consent: { cpf: CPF, permissions: ['ACCOUNTS_READ', 'RESOURCES_READ'], expiresInDays: 1 },
    approval: { mode: 'auto', steps: [], timeoutMs: 10_000 },
  };
  fapi = await createFapiClient(options);
  flow = {
    fapi,
    options,
    consentsUrl: '',
    learn: (secret) => void learnt.push(secret),
    io: { say: () => undefined },
    now: () => new Date(),
  };
});

afterAll(async () => {
  await fapi?.close();
  await institution?.close();
});

const newConsent = async () =>
  (
    await institution.mock.authorization!.consents.create(receiver.clientId, {
      permissions: ['ACCOUNTS_READ', 'RESOURCES_READ'],
      loggedUser: { document: { identification: CPF, rel: 'CPF' } },
    })
  ).consentId;

describe('authorization-pkce-enforced', () => {
  it('passes when the server refuses a pushed request without code_challenge', async () => {
    const outcome = await probePkce(flow, await newConsent());
    expect(outcome.findings ?? []).toEqual([]);
    expect(outcome.status).toBeUndefined();
    expect(outcome.message).toMatch(/^refused with invalid_request/);
  });

  it('fails when the PAR endpoint accepts it', async () => {
    const real = fapi.config[client.customFetch]!;
    const par = fapi.config.serverMetadata().pushed_authorization_request_endpoint;
    // A server that does not enforce PKCE: its PAR endpoint answers 201 to anything.
    const lax: client.CustomFetch = async (url, options) =>
      url === par
        ? new Response(JSON.stringify({ request_uri: 'urn:ietf:params:oauth:request_uri:lax', expires_in: 60 }), {
            status: 201,
            headers: { 'content-type': 'application/json' },
          })
        : real(url, options);
    fapi.config[client.customFetch] = lax;
    try {
      const outcome = await probePkce(flow, await newConsent());
      expect(outcome.findings?.map((finding) => finding.message)).toEqual([
        'the PAR endpoint accepted a request without code_challenge (PKCE is not enforced)',
      ]);
    } finally {
      fapi.config[client.customFetch] = real;
    }
  });
});

describe('the token holder', () => {
  it('refreshes before the token expires, gives the new token and teaches it to the scrubber first', async () => {
    const tokens = await authorizeConsent(flow, await newConsent());
    const seen: string[] = [];
    // expires_in of 0.05 s: the refresh is due after 40 ms, whatever the server's real lifetime.
    const holder = new TokenHolder({
      config: fapi.config,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token!,
      expiresIn: 0.05,
      learn: (secret) => void seen.push(secret),
    });
    try {
      expect(holder.current()).toBe(tokens.access_token);
      await holder.nextRefresh();
      expect(holder.refreshes).toBe(1);
      expect(holder.current()).not.toBe(tokens.access_token);
      expect(seen).toContain(holder.current());
      const check = await institution.mock.authorization!.verifyAccessToken(holder.current());
      expect(check.active).toBe(true);
    } finally {
      holder.stop();
    }
  });

  it('keeps the old token and warns in one sentence when the refresh is refused', async () => {
    const tokens = await authorizeConsent(flow, await newConsent());
    const warnings: string[] = [];
    const holder = new TokenHolder({
      config: fapi.config,
      accessToken: tokens.access_token,
      refreshToken: 'not-a-refresh-token',
      expiresIn: 0.05,
      learn: () => undefined,
      warn: (message) => void warnings.push(message),
    });
    await holder.nextRefresh();
    holder.stop();
    expect(holder.current()).toBe(tokens.access_token);
    expect(warnings).toEqual([expect.stringMatching(/^Authorization step 'refresh' failed: the server answered invalid_grant/)]);
  });
});

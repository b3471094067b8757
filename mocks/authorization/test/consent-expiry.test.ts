/**
 * An expired consent, end to end, with the mock's consents clock moved by the
 * test (`authorization.consents.now`): an independent client (openid-client +
 * jose, over mutual TLS) gets a consent that lasts five minutes, reads
 * accounts with its token, and once the clock passes expirationDateTime the
 * same token gets 401 and the consent reads REJECTED (CONSENT_MAX_DATE_REACHED).
 * The clock is not the wall clock: nothing here waits.
 */
import * as client from 'openid-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../server/start.ts';
import { apiCall, authorize, closeAgents, configure, CPF, makeClient, pem } from './fapi-harness.ts';

const FIVE_MINUTES = 5 * 60_000;
let offset = 0;
let mock: RunningMock;
let config: client.Configuration;
let receiver: Awaited<ReturnType<typeof makeClient>>;

beforeAll(async () => {
  receiver = await makeClient('receiver-expiry');
  mock = await startMock({
    port: 0,
    quiet: true,
    specs: ['ofb-accounts-2.4.1', 'ofb-consents-3.3.1'],
    authorization: { consent: 'auto', clients: [receiver.metadata], consents: { now: () => Date.now() + offset } },
    tls: { cert: pem('server.crt'), key: pem('server.key'), clientCa: pem('ca.crt') },
  });
  config = await configure(`${mock.url}/auth`, receiver);
});

afterAll(async () => {
  await closeAgents();
  await mock?.close();
});

it("refuses an expired consent's token with 401 and shows the consent REJECTED by the transmitter", async () => {
  const appToken = (await client.clientCredentialsGrant(config, { scope: 'consents' })).access_token;
  const consentsUrl = `${mock.url}/open-banking/consents/v3/consents`;
  const expiry = new Date(Date.now() + offset + FIVE_MINUTES).toISOString().replace(/\.\d+Z$/, 'Z');
  const created = await apiCall(config, appToken, consentsUrl, 'POST', {
    data: {
      loggedUser: { document: { identification: CPF, rel: 'CPF' } },
      permissions: ['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ', 'RESOURCES_READ'],
      expirationDateTime: expiry,
    },
  });
  expect(created.status).toBe(201);
  const consentId = created.body.data.consentId as string;
  const started = await authorize(config, receiver, `openid accounts consent:${consentId}`);
  const tokens = await client.authorizationCodeGrant(config, started.callback, {
    pkceCodeVerifier: started.codeVerifier,
    expectedState: started.state,
    expectedNonce: started.nonce,
  });
  const accounts = `${mock.url}/open-banking/accounts/v2/accounts`;
  expect((await apiCall(config, tokens.access_token, accounts)).status).toBe(200);

  offset += FIVE_MINUTES - 10_000;
  expect((await apiCall(config, tokens.access_token, accounts)).status, 'ten seconds before expirationDateTime').toBe(200);
  offset += 20_000;
  const refused = await apiCall(config, tokens.access_token, accounts);
  expect(refused.status).toBe(401);
  const read = await apiCall(config, appToken, `${consentsUrl}/${consentId}`);
  expect(read.body.data).toMatchObject({
    status: 'REJECTED',
    rejection: { rejectedBy: 'ASPSP', reason: { code: 'CONSENT_MAX_DATE_REACHED' } },
  });
  // The consents API's own date rule follows the same clock: an expiry between the real now and the moved one is past.
  const stale = await apiCall(config, appToken, consentsUrl, 'POST', {
    data: {
      loggedUser: { document: { identification: CPF, rel: 'CPF' } },
      permissions: ['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ', 'RESOURCES_READ'],
      expirationDateTime: new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    },
  });
  expect(stale.status).toBe(422);
});

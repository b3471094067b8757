/**
 * `--consent page` in a real Chromium: the customer signs in with the CPF of
 * the consent's loggedUser, chooses accounts and approves (the client gets a
 * code and tokens for those accounts), or denies (access_denied, the consent
 * REJECTED by the USER). The redirect to the client is caught in the browser,
 * so nothing leaves loopback.
 */
import * as client from 'openid-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, BROWSER_PATH, SKIP_REASON } from '../../../reports/test/browser-harness.ts';
import { startMock, type RunningMock } from '../../server/start.ts';
import { apiCall, closeAgents, configure, CPF, makeClient, pem, pushAuthorization, REDIRECT_URI, type TestClient } from './fapi-harness.ts';

describe.skipIf(!BROWSER_PATH)(`the consent page in Chromium${SKIP_REASON}`, () => {
  let mock: RunningMock;
  let receiver: TestClient;
  let config: client.Configuration;
  let browser: Browser;
  // The same world without TLS, to read it with a plain token.
  let plainMock: RunningMock;

  beforeAll(async () => {
    receiver = await makeClient('receiver-a');
    mock = await startMock({
      port: 0,
      specs: ['ofb-accounts-2.4.1'],
      authorization: { consent: 'page', clients: [receiver.metadata] },
      tls: { cert: pem('server.crt'), key: pem('server.key'), clientCa: pem('ca.crt') },
    });
    plainMock = await startMock({ port: 0, specs: ['ofb-accounts-2.4.1'] });
    config = await configure(`${mock.url}/auth`, receiver);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await closeAgents();
    await mock?.close();
    await plainMock?.close();
  });

  /** A fresh browser whose visit to the client's redirect URI is answered inside the browser; returns that URL. */
  async function customerBrowser(): Promise<{ context: BrowserContext; page: Page; callback: Promise<URL> }> {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const callback = new Promise<URL>((resolve) => {
      void page.route(`${REDIRECT_URI}**`, (route) => {
        resolve(new URL(route.request().url()));
        void route.fulfill({ status: 200, contentType: 'text/plain', body: 'back at the receiver' });
      });
    });
    return { context, page, callback };
  }

  const newConsent = () =>
    mock.authorization!.consents.create('receiver-a', {
      permissions: ['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ', 'CREDIT_CARDS_ACCOUNTS_READ', 'RESOURCES_READ'],
      loggedUser: { document: { identification: CPF, rel: 'CPF' } },
    });

  it('log in with the CPF, choose accounts, approve → a code for exactly those accounts', async () => {
    const consent = await newConsent();
    const pushed = await pushAuthorization(config, receiver, `openid accounts credit-cards-accounts consent:${consent.consentId}`);
    const { context, page, callback } = await customerBrowser();
    try {
      const first = await page.goto(pushed.url.href);
      expect(first?.status()).toBe(200);
      expect(first?.headers()['content-security-policy']).toContain("default-src 'none'");
      await expect(page.locator('h1').textContent()).resolves.toBe('Entrar no banco');

      // A CPF that is not the consent's user is refused on the page.
      await page.fill('#cpf', '111.444.777-35');
      await page.click('#login');
      await expect(page.locator('.error').textContent()).resolves.toMatch(/não é o do cliente/);

      await page.fill('#cpf', '529.982.247-25');
      await page.click('#login');
      await page.waitForSelector('#approve');
      const offered = await page
        .locator('input[name=resource]')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
      // The page offers the world's own accounts: the ids GET /accounts serves (this mock has no credit-card API).
      const plain = await fetch(`http://127.0.0.1:${plainMock.port}/open-banking/accounts/v2/accounts`, {
        headers: { authorization: 'Bearer plain-token', 'x-fapi-interaction-id': 'd78fc4e5-37ca-4da3-adf2-9b082bf92280' },
      });
      const worldAccounts = ((await plain.json()) as { data: Array<{ accountId: string }> }).data.map((account) => account.accountId);
      const expected = worldAccounts.map((id) => ({ id, type: 'ACCOUNT' }));
      expect(worldAccounts.length).toBeGreaterThan(1);
      expect(offered.sort()).toEqual(expected.map((r) => r.id).sort());

      // Approving with nothing chosen asks again.
      await page.click('#approve');
      await expect(page.locator('.error').textContent()).resolves.toMatch(/ao menos uma/);

      const chosen = expected.filter((r) => r.type === 'ACCOUNT')[0]!;
      await page.check(`#resource-${chosen.id}`);
      await page.click('#approve');
      const back = await callback;
      expect(back.searchParams.has('response')).toBe(true);

      const tokens = await client.authorizationCodeGrant(config, back, {
        pkceCodeVerifier: pushed.codeVerifier,
        expectedState: pushed.state,
        expectedNonce: pushed.nonce,
      });
      expect(tokens.claims()?.sub).toBe(CPF);
      const authorised = await mock.authorization!.consents.get(consent.consentId);
      expect(authorised?.status).toBe('AUTHORISED');
      expect(authorised?.resources?.map((resource) => resource.id)).toEqual([chosen.id]);
      // The token reads exactly the chosen account; another account of the same customer is refused.
      const listed = await apiCall(config, tokens.access_token, `${mock.url}/open-banking/accounts/v2/accounts`);
      expect(listed.body.data.map((account: { accountId: string }) => account.accountId)).toEqual([chosen.id]);
      const other = expected.find((r) => r.id !== chosen.id)!;
      expect((await apiCall(config, tokens.access_token, `${mock.url}/open-banking/accounts/v2/accounts/${other.id}`)).status).toBe(403);
      const check = await mock.authorization!.verifyAccessToken(
        tokens.access_token,
        new (await import('node:crypto')).X509Certificate(pem('client-a.crt')),
      );
      expect(check).toMatchObject({ active: true, consentId: consent.consentId });
    } finally {
      await context.close();
    }
  });

  it('deny → access_denied at the redirect URI, and the consent is REJECTED by the customer', async () => {
    const consent = await newConsent();
    const pushed = await pushAuthorization(config, receiver, `openid accounts consent:${consent.consentId}`);
    const { context, page, callback } = await customerBrowser();
    try {
      await page.goto(pushed.url.href);
      await page.fill('#cpf', CPF);
      await page.click('#login');
      await page.click('#deny');
      const back = await callback;
      const error = await client
        .authorizationCodeGrant(config, back, {
          pkceCodeVerifier: pushed.codeVerifier,
          expectedState: pushed.state,
          expectedNonce: pushed.nonce,
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ error: 'access_denied' });
      expect(await mock.authorization!.consents.get(consent.consentId)).toMatchObject({
        status: 'REJECTED',
        rejection: { rejectedBy: 'USER', reason: { code: 'CUSTOMER_MANUALLY_REJECTED' } },
      });
    } finally {
      await context.close();
    }
  });

  it('a page opened in another browser (without the interaction cookie) cannot be used', async () => {
    const consent = await newConsent();
    const pushed = await pushAuthorization(config, receiver, `openid accounts consent:${consent.consentId}`);
    const first = await customerBrowser();
    const second = await customerBrowser();
    try {
      await first.page.goto(pushed.url.href);
      const stolen = await second.page.goto(first.page.url());
      expect(stolen?.status()).toBe(400);
      await expect(second.page.locator('body').textContent()).resolves.toMatch(/expired or was started in another browser/);
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });
});

/**
 * The authorization server loads oidc-provider on its first request: a mock
 * that serves data, and is never asked for a token of its own, does not
 * carry it. The first requests, arriving together, all get their answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../server/start.ts';
import { providerModuleRequested } from '../load.ts';

const HEADERS = { 'x-fapi-interaction-id': 'd78fc4e5-37ca-4da3-adf2-9b082bf92280', authorization: 'Bearer a-plain-token' };
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ port: 0, specs: ['ofb-accounts-2.4.1'], quiet: true, authorization: { consent: 'auto' } });
});

afterAll(async () => {
  await mock?.close();
});

describe('the authorization server, loaded on demand', () => {
  it('is not loaded by data requests', async () => {
    const answer = await fetch(`${mock.apis[0]!.url}/accounts`, { headers: HEADERS });
    expect(answer.status).toBe(200);
    expect(mock.authorization?.issuer).toBe(`${mock.url}/auth`);
    expect(providerModuleRequested()).toBe(false);
  });

  it('answers the first requests that arrive together, then stays loaded', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        fetch(index % 2 ? `${mock.url}/.well-known/openid-configuration` : `${mock.url}/auth/.well-known/openid-configuration`),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    const documents = (await Promise.all(answers.map((answer) => answer.json()))) as { issuer: string }[];
    expect(new Set(documents.map((document) => document.issuer))).toEqual(new Set([`${mock.url}/auth`]));
    expect(providerModuleRequested()).toBe(true);
  });
});

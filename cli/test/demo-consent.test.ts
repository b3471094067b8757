/**
 * The demo's receiver against the demo's mock: one consent per ecosystem,
 * granted through the runner's own journey, whose token the mock's
 * authorization server knows as bound to a consent holding every permission
 * those data APIs need; APIs with credentials of their own get no such token.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/server/start.ts';
import { demoSuites } from '../run/demo.ts';
import { demoReceiver, startDemoConsents, type DemoConsents } from '../run/demo-consent.ts';

let mock: RunningMock;
let consents: DemoConsents;
const said: string[] = [];

beforeAll(async () => {
  const receiver = await demoReceiver();
  mock = await startMock({ port: 0, quiet: true, authorization: { consent: 'auto', clients: [receiver.metadata] } });
  consents = await startDemoConsents(mock.authorization!.issuer, receiver, mock.specs, demoSuites(mock), {
    say: (line) => said.push(line),
  });
}, 60_000);

afterAll(async () => {
  await consents?.close();
  await mock?.close();
});

it('gives the Open Finance and Open Insurance APIs a token of an authorised consent holding what they need', async () => {
  const suites = demoSuites(mock);
  const withToken = suites.flatMap((suite, index) => (consents.tokenOf(index) ? [suite.spec.id] : []));
  expect(withToken.sort()).toEqual([
    'ofb-accounts-2.4.1',
    'ofb-financings-2.3.0',
    'opin-financial-assistance-1.2.0',
    'opin-resources-3.0.0',
  ]);
  for (const [index, suite] of suites.entries()) {
    const token = consents.tokenOf(index);
    if (!token) continue;
    const check = await mock.authorization!.verifyAccessToken(token());
    expect(check.active, suite.spec.id).toBe(true);
    const consent = check.active && check.consentId ? await mock.authorization!.consents.get(check.consentId) : undefined;
    expect(consent?.status).toBe('AUTHORISED');
    const needed = suite.spec.operations.filter((op) => op.permissions.length > 0);
    for (const operation of needed)
      expect(
        operation.permissions.some((p) => consent?.permissions.includes(p)),
        `${suite.spec.id} ${operation.id}`,
      ).toBe(true);
  }
  // One consent per ecosystem: the two Open Finance APIs share theirs.
  const ofb = suites.flatMap((suite, index) => (suite.spec.id.startsWith('ofb-') ? [consents.tokenOf(index)?.()] : []));
  expect(new Set(ofb).size).toBe(1);
  expect(said.filter((line) => /^consent granted through/.test(line))).toHaveLength(2);
  // The secrets list holds every token handed out, for the run's scrubber.
  for (const index of suites.keys()) {
    const token = consents.tokenOf(index)?.();
    if (token) expect(consents.live.values).toContain(token);
  }
  expect(consents.flows.map((flow) => flow.name)).toEqual(['consents', 'consents']);
});

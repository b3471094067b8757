/**
 * The mock's request handler of every family. A Record over every family id,
 * with no fallback: a family registered in index.ts without a handler here does
 * not compile. Kept apart from index.ts because the handlers are the mock
 * server's code, which the data engine and the suites never load.
 */
import type { MockHandler } from '../mocks/server/handler.ts';
import { belvoMock } from './belvo/mock.ts';
import { consentsMock } from './consents/mock.ts';
import { fapiMock } from './fapi/mock.ts';
import { genericMock } from './generic/mock.ts';
import type { FamilyId } from './index.ts';
import { opusMock } from './opus/mock.ts';
import { originatorMock } from './originator/mock.ts';

export const MOCK_HANDLERS: Record<FamilyId, MockHandler> = {
  consents: consentsMock,
  ofb: fapiMock,
  opin: fapiMock,
  opus: opusMock,
  belvo: belvoMock,
  originator: originatorMock,
  generic: genericMock,
};

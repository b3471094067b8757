/**
 * The mock transmitter's public API, for `aferir mock`, `aferir demo` (which
 * starts it in-process) and tests:
 *
 *   const mock = await startMock({ port: 0, seed: 1, now: new Date('2026-05-10T12:00:00Z') });
 *   // mock.url, mock.apis[i].url, mock.world() (the same data the mock serves)
 *   await mock.close();
 */
export { startMock, type RunningMock } from './start.ts';

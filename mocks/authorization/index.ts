/**
 * The mock's authorization server (the public entry of this folder): the
 * types the mock server's wiring needs. The consents API handler and the data
 * engine's resources provider will import what they need from here too.
 */
export type { AuthorizationServer } from './authorization-server.ts';
export type { StaticClient } from './clients.ts';
export type { ConsentMode } from './consent-flow.ts';
export type { ResourcesProvider } from './resources.ts';

/**
 * The configured oidc-provider behind the authorization server: FAPI-BR
 * settings (provider-config.ts), our interaction pages, and the static
 * clients checked up front. This is the only module that loads
 * oidc-provider (and koa with it: 18 MB of a mock's start-up RSS), so the
 * authorization server imports it on its first request (see load.ts).
 */
import Provider from 'oidc-provider';
import { UsageError } from '../../specs/errors.ts';
import type { StateStore } from '../state/store.ts';
import type { StaticClient } from './clients.ts';
import type { FlowDeps } from './consent-flow.ts';
import { interactionPages } from './interaction-pages.ts';
import type { ServerKeys } from './keys.ts';
import { providerConfiguration } from './provider-config.ts';

export interface ProviderSettings {
  issuer: string;
  mountPath: string;
  resource: string;
  store: StateStore;
  keys: ServerKeys;
  flow: FlowDeps;
  clients: StaticClient[];
  mtls: boolean;
  pkceRequired: boolean;
  bindTokens: boolean;
  warn?: (message: string) => void;
}

export async function createProvider(settings: ProviderSettings): Promise<Provider> {
  const { issuer, mountPath, flow } = settings;
  const provider = new Provider(
    issuer,
    providerConfiguration({
      store: settings.store,
      keys: settings.keys,
      flow,
      clients: settings.clients.map((client) => client.metadata),
      mtls: settings.mtls,
      pkceRequired: settings.pkceRequired,
      bindTokens: settings.bindTokens,
      mountPath,
      issuer,
      resource: settings.resource,
    }),
  );
  // Links and endpoints follow the issuer, whatever Host the request came with (see the server's handle()).
  provider.proxy = true;
  provider.use(interactionPages(provider, flow, mountPath));
  provider.on('server_error', (_ctx, error: Error) => settings.warn?.(`authorization server error: ${error.message}`));
  await checkStaticClients(provider, settings.clients);
  return provider;
}

/** oidc-provider validates static clients when first used; doing it now makes a bad `--client` a start-up error. */
async function checkStaticClients(provider: Provider, clients: StaticClient[]): Promise<void> {
  for (const { metadata, source } of clients) {
    try {
      await provider.Client.find(metadata.client_id);
    } catch (error) {
      const detail = (error as { error_description?: string }).error_description ?? (error as Error).message;
      throw new UsageError(`--client ${source}: client ${metadata.client_id} is not valid here (${detail}).`, { cause: error });
    }
  }
}

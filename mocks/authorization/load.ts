/**
 * Loads oidc-provider on demand (provider.ts is the only module that imports
 * it): mocks whose authorization server is never asked anything do not pay
 * for it. oidc-provider 9 prints "Unsupported runtime" on Node 20 when
 * imported: its upstream test matrix starts at Node 22, while aferir runs on
 * Node 20 and tests the server there. That one notice is dropped so that
 * `aferir mock` does not alarm every user with it; the README says so.
 */
type ProviderModule = typeof import('./provider.ts');

let loading: Promise<ProviderModule> | undefined;

/** Whether oidc-provider has been asked for in this process (a mock that only serves data never asks). */
export function providerModuleRequested(): boolean {
  return loading !== undefined;
}

export function loadProviderModule(): Promise<ProviderModule> {
  loading ??= quietly(() => import('./provider.ts'));
  return loading;
}

async function quietly<T>(load: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
    warn(...args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}

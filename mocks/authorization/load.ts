/**
 * Loads the authorization server on demand (mocks without one do not pay for
 * oidc-provider). oidc-provider 9 prints "Unsupported runtime" on Node 20 when
 * imported: its upstream test matrix starts at Node 22, while aferir runs on
 * Node 20 and tests the server there. That one notice is dropped so that
 * `aferir mock` does not alarm every user with it; the README says so.
 */
type ServerModule = typeof import('./authorization-server.ts');

let loading: Promise<ServerModule> | undefined;

export function loadAuthorizationServer(): Promise<ServerModule> {
  loading ??= quietly(() => import('./authorization-server.ts'));
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

/**
 * Django REST framework's API root: a GET on the folder every path of the API
 * shares (Belvo's `/api/`) answers an index of the list endpoints,
 * `{"accounts": "https://host/api/accounts/"}`, behind the same credentials as
 * the rest. Clients use it to check a login before anything else (Belvo's
 * SDK `connect()` does exactly that), so a mock without it cannot be used by them.
 */
import type { MockExchange } from '../../mocks/server/mock-exchange.ts';
import type { MountedApi } from '../../mocks/server/mount.ts';
import { originOf } from '../../mocks/server/origin.ts';

/** The folder every operation path shares, ending in `/` (`/api/accounts/` and `/api/owners/` → `/api/`). */
function apiRootOf(paths: readonly string[]): string {
  const folders = paths.map((p) => p.split('/').slice(0, -2));
  const first = folders[0] ?? [];
  let shared = 0;
  while (shared < first.length && folders.every((f) => f[shared] === first[shared])) shared += 1;
  return `${first.slice(0, shared).join('/')}/`;
}

/** The list endpoints under the root, by the name of their folder: `{accounts: '/api/accounts/'}`. */
function listEndpoints(api: MountedApi, root: string): Record<string, string> {
  const index: Record<string, string> = {};
  for (const { operation } of api.operations) {
    if (operation.method !== 'GET' || operation.path.includes('{')) continue;
    const name = operation.path
      .slice(root.length)
      .split('/')
      .find((segment) => segment !== '');
    if (name && !(name in index)) index[name] = operation.path;
  }
  return index;
}

/**
 * Answers `GET`/`HEAD` on the API root; false for any other request.
 * @param demandCredentials answers 401 (or 403) itself and returns true when the request's credentials do not pass
 */
export function answerApiRoot(ex: MockExchange, api: MountedApi, demandCredentials: (secured: boolean) => boolean): boolean {
  const method = ex.req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') return false;
  const root = apiRootOf(api.operations.map((m) => m.operation.path));
  if (ex.path.slice(api.basePath.length) !== root) return false;
  if (demandCredentials(api.operations.some((m) => m.secured))) return true;
  const origin = originOf(ex.req, api, ex.runtime.listening);
  const index = Object.fromEntries(
    Object.entries(listEndpoints(api, root)).map(([name, path]) => [name, `${origin}${api.basePath}${path}`]),
  );
  ex.send(200, JSON.stringify(index));
  return true;
}

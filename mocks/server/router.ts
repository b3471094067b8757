/**
 * Routing with find-my-way: every operation under its API's base path. A path
 * that exists with another method answers 405 (with `Allow`), HEAD is served
 * as GET without a body, and OPTIONS lists the methods (CORS preflight
 * included). Built once at start-up; a lookup is a radix-tree walk.
 *
 * Why not @stoplight/prism-http for routing and validation: measured in
 * bench/mock.ts, its in-process route + validate + static mock costs about
 * 0.7–1.4 ms per request on this machine, ten times the whole cost of this
 * mock per request over HTTP (about 75–130 µs), and would bring its own
 * faker, ajv and fp-ts copies into the product. find-my-way plus the spec's
 * own compiled ajv validators (the ones the suites use) do the same job.
 */
import FindMyWay from 'find-my-way';
import type { HttpMethod } from '../../specs/types.ts';
import type { MountedApi, MountedOperation } from './mount.ts';

/** What the router found for a method and path. */
export type RouteMatch =
  | { kind: 'operation'; mounted: MountedOperation; params: Record<string, string> }
  | { kind: 'method-not-allowed'; api: MountedApi; allow: string[]; operations: MountedOperation[] }
  | { kind: 'options'; api: MountedApi; allow: string[] };

interface Store {
  byMethod: Map<string, MountedOperation>;
  api: MountedApi;
}

const ROUTABLE: HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];

export class MockRouter {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 2048, caseSensitive: true });
  private readonly stores = new Map<string, Store>();

  constructor(readonly apis: readonly MountedApi[]) {
    for (const api of apis) {
      for (const mounted of api.operations) {
        const template = `${api.basePath}${mounted.operation.path}`.replace(
          /\{([^}]+)\}/g,
          (_, name: string) => `:${name.replace(/[^A-Za-z0-9_]/g, '_')}`,
        );
        let store = this.stores.get(template);
        if (!store) {
          store = { byMethod: new Map(), api };
          this.stores.set(template, store);
          this.router.on(ROUTABLE, template || '/', () => undefined, store);
        }
        store.byMethod.set(mounted.operation.method, mounted);
      }
    }
  }

  /** `path` is the raw (encoded) URL path; undefined = no API has it. */
  find(method: string, path: string): RouteMatch | undefined {
    const found = this.router.find('GET', path);
    if (!found) return undefined;
    const store = found.store as Store;
    const wanted = method === 'HEAD' && !store.byMethod.has('HEAD') ? 'GET' : method;
    const mounted = store.byMethod.get(wanted);
    const params = renameParams(found.params, mounted);
    if (mounted) return { kind: 'operation', mounted, params };
    const allow = [...store.byMethod.keys()];
    if (allow.includes('GET') && !allow.includes('HEAD')) allow.push('HEAD');
    allow.push('OPTIONS');
    if (method === 'OPTIONS') return { kind: 'options', api: store.api, allow };
    return { kind: 'method-not-allowed', api: store.api, allow, operations: [...store.byMethod.values()] };
  }

  /**
   * The API whose base path holds this path (for 404s and 400s in that API's
   * envelope); among APIs served at the same base (the root), the one with an
   * operation sharing the longest prefix with the path.
   */
  apiFor(path: string): MountedApi | undefined {
    let best: MountedApi | undefined;
    let bestScore = -1;
    for (const api of this.apis) {
      if (!(api.basePath === '' || path === api.basePath || path.startsWith(`${api.basePath}/`))) continue;
      const rest = path.slice(api.basePath.length);
      const shared = Math.max(0, ...api.operations.map((m) => commonPrefix(rest, m.operation.path)));
      const score = api.basePath.length * 10_000 + shared;
      if (score > bestScore) {
        best = api;
        bestScore = score;
      }
    }
    return best;
  }
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** find-my-way names parameters after the template; spec names with other characters were rewritten. */
function renameParams(params: Record<string, string | undefined>, mounted: MountedOperation | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  const names = mounted?.params.path.map((p) => p.parameter.name) ?? [];
  for (const [key, value] of Object.entries(params)) {
    const original = names.find((name) => name.replace(/[^A-Za-z0-9_]/g, '_') === key) ?? key;
    result[original] = value ?? '';
  }
  return result;
}

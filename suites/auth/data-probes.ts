/**
 * Which data operation the consents suite calls with a consent's token: a GET
 * of the run's specs that needs nothing but the token and path ids a list
 * answer gives (`{accountId}` from `data[].accountId`), either inside the
 * consent's permissions (the 401 after revocation) or outside them (the 403).
 */
import type { LoadedSpec, Operation } from '../../specs/types.ts';

export interface DataProbe {
  operation: Operation;
  spec: LoadedSpec;
  url: string;
}

function callable(operation: Operation, ids: Record<string, string>): boolean {
  return (
    operation.method === 'GET' &&
    operation.permissions.length > 0 &&
    !operation.parameters.some((p) => p.required && (p.in === 'query' || (p.in === 'path' && ids[p.name] === undefined)))
  );
}

function probes(specs: readonly LoadedSpec[], targets: readonly string[], ids: Record<string, string> = {}): DataProbe[] {
  return specs.flatMap((spec, index) =>
    spec.operations
      .filter((operation) => callable(operation, ids))
      .map((operation) => ({
        operation,
        spec,
        url: `${targets[index] ?? ''}${operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(ids[name] ?? ''))}`,
      })),
  );
}

/** Ids a list answer offers for path parameters: the string fields of its first `data` item. */
export function idsFrom(body: unknown): Record<string, string> {
  const data = (body as { data?: unknown } | undefined)?.data;
  const first: unknown = Array.isArray(data) ? data[0] : undefined;
  if (typeof first !== 'object' || first === null) return {};
  return Object.fromEntries(Object.entries(first).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** A GET whose permissions the consent holds (one of them is enough: the spec lists alternatives). */
export function inConsentProbe(
  specs: readonly LoadedSpec[],
  targets: readonly string[],
  granted: readonly string[],
): DataProbe | undefined {
  return probes(specs, targets).find((probe) => probe.operation.permissions.some((p) => granted.includes(p)));
}

/** A GET none of whose permissions the consent holds. */
export function outsideConsentProbe(
  specs: readonly LoadedSpec[],
  targets: readonly string[],
  granted: readonly string[],
  ids: Record<string, string> = {},
): DataProbe | undefined {
  return probes(specs, targets, ids).find((probe) => probe.operation.permissions.every((p) => !granted.includes(p)));
}

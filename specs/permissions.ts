/**
 * The consent permissions each endpoint needs. Open Finance and Open Insurance
 * specs state them in `info.description` as a Markdown table:
 *
 *     ### `/accounts/{accountId}`
 *       - permissions:
 *         - GET: **ACCOUNTS_READ**
 *
 * The paths there may be written relative to a prefix (OPIN lists `/contracts`
 * for `/insurance-financial-assistance/contracts`), so matching is by suffix.
 */
export type PermissionTable = Map<string, string[]>;

/** `GET /accounts` → permissions, as written in the description. */
export function parsePermissionTable(description: unknown): PermissionTable {
  const table: PermissionTable = new Map();
  if (typeof description !== 'string') return table;
  let currentPath: string | undefined;
  for (const line of description.split('\n')) {
    const heading = /^\s*#{2,4}\s*`([^`]+)`\s*$/.exec(line);
    if (heading) {
      currentPath = (heading[1] ?? '').trim();
      continue;
    }
    const entry = /^\s*-\s*(GET|POST|PUT|PATCH|DELETE)\s*:\s*(.+)$/i.exec(line);
    if (entry?.[1] && entry[2] && currentPath) {
      const permissions = [...entry[2].matchAll(/\*\*([A-Z0-9_]+)\*\*/g)].flatMap((m) => (m[1] ? [m[1]] : []));
      if (permissions.length > 0) table.set(`${entry[1].toUpperCase()} ${currentPath}`, permissions);
    }
  }
  return table;
}

/** The permissions for one operation: an exact path match first, then the longest suffix match. */
export function permissionsFor(table: PermissionTable, method: string, path: string): string[] {
  const exact = table.get(`${method} ${path}`);
  if (exact) return exact;
  let best: { length: number; permissions: string[] } | undefined;
  for (const [key, permissions] of table) {
    const [keyMethod, keyPath = ''] = key.split(' ');
    if (keyMethod !== method || !path.endsWith(keyPath)) continue;
    if (!best || keyPath.length > best.length) best = { length: keyPath.length, permissions };
  }
  return best?.permissions ?? [];
}

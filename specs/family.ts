/**
 * Which family's rules a spec follows, for specs that do not come from the
 * catalogue (a file downloaded from a portal, a URL).
 */
import type { Family } from './types.ts';

export function detectFamily(document: Record<string, any>, basePath: string): Family {
  if (basePath.includes('/open-banking/')) return 'ofb';
  if (basePath.includes('/open-insurance/')) return 'opin';
  const title = String(document.info?.title ?? '');
  const paths = Object.keys(document.paths ?? {});
  if (/opus/i.test(title) || hasRequestMeta(document)) return 'opus';
  if (paths.some((p) => p.startsWith('/banking/originator/'))) return 'originator';
  if (/belvo/i.test(title) || paths.some((p) => p.startsWith('/api/accounts'))) return 'belvo';
  return 'generic';
}

function hasRequestMeta(document: Record<string, any>): boolean {
  for (const pathItem of Object.values<any>(document.paths ?? {})) {
    const schema = pathItem?.post?.requestBody?.content?.['application/json']?.schema;
    if (schema?.properties?.requestMeta) return true;
  }
  return false;
}

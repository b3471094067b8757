/**
 * Where a `$ref` is written, for messages: its value as written, the JSON
 * pointer of the `$ref` member, and the file when it is not the spec itself.
 * The resolver hands its plugins the location of the object holding the
 * `$ref` (`file#/pointer`); when it does not (a 3.1 document with `$id`
 * scopes), the root document is searched for that value.
 */
import type { FileInfo } from '@apidevtools/json-schema-ref-parser';
import { displayLocation, findRef } from './ref-walk.ts';

export interface RefSite {
  /** `"../x.yaml#/Thing" at /paths/~1x/get/…/$ref in /dir/other.yaml`. */
  text: string;
}

const MAX_SHOWN = 200;

export function describeRefSite(file: FileInfo, context: { rootLocation: string; rootDocument: object }): RefSite {
  const value = `${file.reference ?? file.url}${file.hash ?? ''}`;
  const shown = JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
  const base = file.baseUrl ?? '';
  const hashAt = base.indexOf('#');
  const holder = hashAt >= 0 ? base.slice(0, hashAt) : base;
  const sameFile = holder === '' || displayLocation(holder) === displayLocation(context.rootLocation);
  const pointer = hashAt >= 0 ? base.slice(hashAt + 1) : sameFile ? findRef(context.rootDocument, (ref) => ref.replace(/#.*$/s, '') === (file.reference ?? file.url))?.pointer : undefined;
  const at = pointer === undefined ? '' : ` at ${pointer}/$ref`;
  return { text: `${shown}${at}${sameFile ? '' : ` in ${displayLocation(holder)}`}` };
}

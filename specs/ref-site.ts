/**
 * Where a `$ref` is written, for messages: its value as written, the JSON
 * pointer of the `$ref` member, and the file when it is not the spec itself.
 * The resolver hands its plugins the location of the object holding the
 * `$ref` (`file#/pointer`); when it hands an `$id` scope instead (3.1
 * schemas), the spec itself is searched for that value.
 */
import type { FileInfo } from '@apidevtools/json-schema-ref-parser';
import { displayLocation, findRef } from './ref-walk.ts';

export interface RefSite {
  /** `"../x.yaml#/Thing" at /paths/~1x/get/…/$ref in /dir/other.yaml`. */
  text: string;
}

const MAX_SHOWN = 200;

export function describeRefSite(file: FileInfo, context: { rootLocation: string; rootDocument: object }): RefSite {
  const reference = file.reference ?? file.url;
  const value = `${reference}${file.hash ?? ''}`;
  const shown = JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
  const base = file.baseUrl ?? '';
  const hashAt = base.indexOf('#');
  if (hashAt < 0) {
    // The base is an `$id` scope, not a place: look for the $ref in the spec itself.
    const pointer = findRef(context.rootDocument, (ref) => ref.replace(/#.*$/s, '') === reference)?.pointer;
    return { text: `${shown}${pointer === undefined ? '' : ` at ${pointer}/$ref`}` };
  }
  const holder = base.slice(0, hashAt);
  const elsewhere = holder !== '' && displayLocation(holder) !== displayLocation(context.rootLocation);
  return { text: `${shown} at ${base.slice(hashAt + 1)}/$ref${elsewhere ? ` in ${displayLocation(holder)}` : ''}` };
}

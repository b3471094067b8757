/**
 * The structural facts family detection reads from a loaded spec: which
 * members its JSON bodies declare. Only the spec's structure, never its file
 * name, title or paths.
 */
import type { JsonSchema, LoadedSpec, MediaType } from '../specs/types.ts';

type Shape = Pick<LoadedSpec, 'operations'>;

/** Property names a schema declares, those of its `allOf` branches included. */
function propertyNames(schema: JsonSchema | undefined, into = new Set<string>()): Set<string> {
  if (typeof schema !== 'object' || schema === null) return into;
  for (const name of Object.keys(schema.properties ?? {})) into.add(name);
  for (const branch of Array.isArray(schema.allOf) ? schema.allOf : []) propertyNames(branch, into);
  return into;
}

const isJson = (media: MediaType) => /json/i.test(media.mediaType);
const declaresAll = (schema: JsonSchema | undefined, names: readonly string[]) => {
  const declared = propertyNames(schema);
  return names.every((name) => declared.has(name));
};

/** Some operation answers a 2xx JSON body that declares every one of `names`. */
export function successBodyDeclares(spec: Shape, names: readonly string[]): boolean {
  return spec.operations.some((operation) =>
    operation.responses.some(
      (response) => /^2/.test(response.status) && response.content.some((media) => isJson(media) && declaresAll(media.schema, names)),
    ),
  );
}

/** Some POST operation takes a JSON body that declares `name`. */
export function postBodyDeclares(spec: Shape, name: string): boolean {
  return spec.operations.some(
    (operation) =>
      operation.method === 'POST' &&
      (operation.requestBody?.content ?? []).some((media) => isJson(media) && declaresAll(media.schema, [name])),
  );
}

/**
 * Values for the inputs no list can provide (the originator's
 * `application_id`), taken from a data world. Only for targets that serve that
 * world — the built-in mock in `aferir demo` — where the world's ids are real;
 * against any other target these values would be made up.
 */
import type { World } from '../../data/index.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import { inputsOf } from './inputs.ts';

export function paramsFromWorld(spec: LoadedSpec, world: World): Record<string, string> {
  const params: Record<string, string> = {};
  for (const operation of spec.operations) {
    const orphans = inputsOf(spec, operation).filter((input) => input.in === 'path' && input.providers.length === 0);
    if (orphans.length === 0) continue;
    let generated;
    try {
      generated = world.validRequest(spec, operation, 0);
    } catch {
      continue;
    }
    for (const input of orphans) {
      const value = generated.pathParams[input.name];
      if (value !== undefined && params[input.name] === undefined) params[input.name] = value;
    }
  }
  return params;
}

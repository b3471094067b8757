/**
 * Can a `pattern` from a spec be used? Real specs carry regexes that are not
 * valid JavaScript, or that no string can ever match (the Opus consent's
 * `...Z$ ` has a space after the end anchor). We compile them leniently and
 * probe them with strings generated from the pattern itself (randexp): if no
 * sample matches, the pattern is treated as one that can never match.
 */
import RandExpModule from 'randexp';

// randexp is CommonJS whose typings declare an ES default export; at run time the module itself is the class.
export const RandExp = RandExpModule as unknown as typeof RandExpModule.default;
export type RandExp = InstanceType<typeof RandExp>;

export type PatternHealth =
  | { kind: 'ok'; regex: RegExp }
  | { kind: 'invalid'; reason: string }
  | { kind: 'never-matches'; regex: RegExp; sample: string }
  | { kind: 'unprobed'; regex: RegExp; reason: string };

const cache = new Map<string, PatternHealth>();
const PROBES = 12;

/** Syntax randexp cannot generate from; such patterns are compiled but not probed. */
const UNPROBEABLE: Array<[RegExp, string]> = [
  [/\\[pP]\{/, 'Unicode property escapes'],
  [/\(\?<?[=!]/, 'lookaround assertions'],
  [/\\k</, 'named back-references'],
];

/** Compiles with the `u` flag as JSON Schema asks, and without it where the spec's escapes need that. */
export function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

export function patternHealth(pattern: string): PatternHealth {
  let health = cache.get(pattern);
  if (!health) {
    health = probe(pattern);
    cache.set(pattern, health);
  }
  return health;
}

function probe(pattern: string): PatternHealth {
  let regex: RegExp;
  try {
    regex = compilePattern(pattern);
  } catch (error) {
    return { kind: 'invalid', reason: (error as Error).message };
  }
  const unsupported = UNPROBEABLE.find(([syntax]) => syntax.test(pattern));
  if (unsupported) return { kind: 'unprobed', regex, reason: unsupported[1] };
  let generator: RandExp;
  try {
    generator = new RandExp(regex);
    generator.max = 4;
  } catch (error) {
    return { kind: 'unprobed', regex, reason: (error as Error).message };
  }
  let sample = '';
  for (let attempt = 0; attempt < PROBES; attempt++) {
    sample = generator.gen();
    if (regex.test(sample)) return { kind: 'ok', regex };
  }
  return { kind: 'never-matches', regex, sample };
}

/**
 * `--config <file>`: the options of `aferir run` as a JSON or YAML file, with
 * the flag names as keys (`token-without-permissions`, or camelCase
 * `tokenWithoutPermissions`). Repeatable flags take a list, and `header` and
 * `param` also take a map. Relative file paths (cert, key, ca, a spec file,
 * report-dir) are read relative to the config file. A key we do not know is
 * an error, so a typo never silently drops an option.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../../specs/errors.ts';

const CONFIG_KEYS = [
  'target',
  'spec',
  'token',
  'token-without-permissions',
  'missing-permission',
  'header',
  'cert',
  'key',
  'ca',
  'insecure',
  'resolve',
  'param',
  'only',
  'skip',
  'concurrency',
  'timeout',
  'report-dir',
  'format',
  'fail-on',
  'allow-skips',
  'min-coverage',
  'now',
  'seed',
  'max-body-bytes',
  'ref-root',
  'spec-timeout',
  'shard',
  'auth',
  'target-jwks',
] as const;

type ConfigKey = (typeof CONFIG_KEYS)[number];
export type ConfigValues = Partial<Record<ConfigKey, unknown>>;

const PATH_KEYS: ConfigKey[] = ['cert', 'key', 'ca', 'report-dir', 'auth'];

export async function readConfigFile(file: string, cwd: string): Promise<ConfigValues> {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new UsageError(`--config file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, {
      cause: error,
    });
  }
  let document: unknown;
  try {
    document = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(
      `--config file ${file} is not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
      { cause: error },
    );
  }
  if (document === null || document === undefined) return {};
  if (typeof document !== 'object' || Array.isArray(document))
    throw new UsageError(
      `--config file ${file} must hold an object of options (e.g. target: https://…), not ${Array.isArray(document) ? 'a list' : typeof document}.`,
    );

  const values: ConfigValues = {};
  const base = path.dirname(absolute);
  for (const [rawKey, value] of Object.entries(document as Record<string, unknown>)) {
    const key = toKebab(rawKey);
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(`--config file ${file} has an unknown option '${rawKey}'; the options are: ${CONFIG_KEYS.join(', ')}.`);
    }
    values[key as ConfigKey] = PATH_KEYS.includes(key as ConfigKey) && typeof value === 'string' ? path.resolve(base, value) : value;
  }
  // target-jwks: a URL, or a file relative to the config file.
  if (typeof values['target-jwks'] === 'string' && !/^https?:/i.test(values['target-jwks']))
    values['target-jwks'] = path.resolve(base, values['target-jwks']);
  if (typeof values.spec === 'string' && /[\\/]|\.(ya?ml|json)$/i.test(values.spec) && !/^https?:/i.test(values.spec))
    values.spec = path.resolve(base, values.spec);
  // ref-root: one folder or URL, or a list; folders are relative to the config file like the spec.
  if (values['ref-root'] !== undefined) {
    const roots = Array.isArray(values['ref-root']) ? values['ref-root'] : [values['ref-root']];
    values['ref-root'] = roots.map((root) => (typeof root === 'string' && !/^https?:/i.test(root) ? path.resolve(base, root) : root));
  }
  // auth: a file (relative to this one, like cert) or the auth file's keys inline; inline paths are relative to this file too.
  if (values.auth !== undefined && typeof values.auth === 'object' && values.auth !== null)
    values.auth = { document: values.auth, base, where: `--config file ${file} auth` };
  return values;
}

function toKebab(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

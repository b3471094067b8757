/**
 * Flags, config file and environment → the options of a run. Precedence:
 * a flag on the command line, then the config file, then the environment
 * (AFERIR_TOKEN, AFERIR_TOKEN_WITHOUT_PERMISSIONS: tokens out of the process
 * list and shell history), then the defaults. Each bad value is a UsageError
 * naming the flag.
 */
import path from 'node:path';
import { UsageError } from '../../specs/errors.ts';
import { parseRefRoots, parseSpecTimeout } from '../../specs/load-options.ts';
import type { RunOptions } from '../../suites/engine/run-options.ts';
import type { Severity } from '../../suites/result-model.ts';
import { isSecretHeaderValue } from '../../suites/secrets/header-rules.ts';
import type { ConfigValues } from './config-file.ts';

export interface RunConfig {
  options: RunOptions;
  /** Absolute report directory. */
  reportDir: string;
  /** Format names as given (`html,junit`), parsed by reports/. */
  formats: string[];
  /** Every secret of the run, for scrubbing what the CLI prints. */
  secrets: string[];
}

const DEFAULT_REPORT_DIR = 'reports/latest';

export function resolveRunConfig(flags: ConfigValues, file: ConfigValues, env: NodeJS.ProcessEnv, cwd: string): RunConfig {
  const pick = (key: keyof ConfigValues) => (flags[key] !== undefined ? flags[key] : file[key]);
  const target = stringOf(pick('target'), 'target');
  const spec = stringOf(pick('spec'), 'spec');
  if (!target)
    throw new UsageError(
      '--target is required: the API base URL, e.g. --target https://api.bank.example/open-banking/accounts/v2 (or target: in --config).',
    );
  if (!spec)
    throw new UsageError('--spec is required: a catalogue id (aferir specs list), an OpenAPI file or a URL (or spec: in --config).');

  const token = stringOf(pick('token'), 'token') ?? nonEmpty(env.AFERIR_TOKEN);
  const tokenWithoutPermissions =
    stringOf(pick('token-without-permissions'), 'token-without-permissions') ?? nonEmpty(env.AFERIR_TOKEN_WITHOUT_PERMISSIONS);
  const headers = { ...pairs(file.header, 'header', ':'), ...pairs(flags.header, 'header', ':') };
  const params = { ...pairs(file.param, 'param', '='), ...pairs(flags.param, 'param', '=') };
  const failOn = stringOf(pick('fail-on'), 'fail-on') ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning') throw new UsageError(`--fail-on must be error or warning; got '${failOn}'.`);
  const now = stringOf(pick('now'), 'now');
  const nowDate = now === undefined ? undefined : new Date(now);
  if (nowDate && Number.isNaN(nowDate.getTime())) throw new UsageError(`--now '${now}' is not an ISO-8601 date or date-time.`);

  const options: RunOptions = {
    suites: [{ spec, target }],
    specLoad: { refRoots: parseRefRoots(pick('ref-root'), cwd), timeoutMs: parseSpecTimeout(pick('spec-timeout')) },
    token,
    tokenWithoutPermissions,
    missingPermissions: list(pick('missing-permission'), 'missing-permission'),
    headers,
    params,
    only: list(pick('only'), 'only'),
    skip: list(pick('skip'), 'skip'),
    concurrency: numberOf(pick('concurrency'), 'concurrency'),
    timeoutMs: numberOf(pick('timeout'), 'timeout'),
    maxBodyBytes: numberOf(pick('max-body-bytes'), 'max-body-bytes'),
    certFile: stringOf(pick('cert'), 'cert'),
    keyFile: stringOf(pick('key'), 'key'),
    caFile: stringOf(pick('ca'), 'ca'),
    insecure: booleanOf(pick('insecure'), 'insecure'),
    resolve: list(pick('resolve'), 'resolve'),
    failOn: failOn as Severity,
    allowSkips: booleanOf(pick('allow-skips'), 'allow-skips'),
    minCoverage: fractionOf(pick('min-coverage'), 'min-coverage'),
    now: nowDate,
    seed: pick('seed') as string | number | undefined,
    shard: shardOf(stringOf(pick('shard'), 'shard')),
    targetJwks: targetJwksOf(stringOf(pick('target-jwks'), 'target-jwks'), cwd),
  };
  const secretHeaderValues = Object.entries(headers)
    .filter(([name, value]) => isSecretHeaderValue(name, value))
    .map(([, value]) => value);
  const secrets = [token, tokenWithoutPermissions, ...secretHeaderValues].filter(
    (s): s is string => typeof s === 'string' && s.length >= 4,
  );
  return {
    options,
    reportDir: path.resolve(cwd, stringOf(pick('report-dir'), 'report-dir') ?? DEFAULT_REPORT_DIR),
    formats: list(pick('format'), 'format') ?? [],
    secrets,
  };
}

/** `--target-jwks`: a URL as given, a file resolved against the working directory. */
function targetJwksOf(value: string | undefined, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  return /^https?:\/\//i.test(value) ? value : path.resolve(cwd, value);
}

/** `--shard 2/4` → { index 2, count 4 }. */
function shardOf(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n, e.g. --shard 2/4; got '${text}'.`);
  return { index, count };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function stringOf(value: unknown, flag: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return stringOf(value[value.length - 1], flag);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new UsageError(`--${flag} must be a single value.`);
}

function numberOf(value: unknown, flag: string): number | undefined {
  const text = stringOf(value, flag);
  if (text === undefined) return undefined;
  const number = Number(text);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`--${flag} must be a positive number; got '${text}'.`);
  return number;
}

/** A fraction 0..1 (`--min-coverage 0.8`); a percentage such as 80 is a mistake worth naming. */
function fractionOf(value: unknown, flag: string): number | undefined {
  const text = stringOf(value, flag);
  if (text === undefined) return undefined;
  const number = Number(text);
  if (text.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1)
    throw new UsageError(`--${flag} must be a fraction between 0 and 1 (e.g. 0.8 for 80%); got '${text}'.`);
  return number;
}

function booleanOf(value: unknown, flag: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new UsageError(`--${flag} must be true or false.`);
}

function list(value: unknown, flag: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    if (typeof item !== 'string' && typeof item !== 'number') throw new UsageError(`--${flag} takes text values.`);
    return String(item)
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  });
}

/** `--header 'Name: value'` / `--param name=value` (repeatable), or a map in the config file. */
function pairs(value: unknown, flag: string, separator: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([name, inner]) => [
        name,
        typeof inner === 'string' ? inner : JSON.stringify(inner),
      ]),
    );
  }
  const out: Record<string, string> = {};
  for (const item of Array.isArray(value) ? value : [value]) {
    const text = String(item);
    const at = text.indexOf(separator);
    // The value is not echoed: a mistyped --header may be a bare token.
    if (at <= 0)
      throw new UsageError(`Every --${flag} must look like ${flag === 'header' ? "'Name: value'" : 'name=value'}; one of them does not.`);
    out[text.slice(0, at).trim()] = text.slice(at + 1).trim();
  }
  return out;
}

/**
 * Resolve a parsed spec's `$ref`s: bundle (external files pulled in, for the
 * lint's view of the document as written) and dereference (every `$ref`
 * replaced, cycles kept as `$ref`s). External reads go through our plugins
 * (policy, limits); a failure becomes one SpecError that names the spec, the
 * `$ref` and the place it is used.
 */
import $RefParser, { MissingPointerError } from '@apidevtools/json-schema-ref-parser';
import { SpecError } from './errors.ts';
import { isTooDeepError, MAX_NESTING_DEPTH, tooDeep } from './nesting-depth.ts';
import { refPlugins, type PluginFailures, type RefReadContext } from './ref-plugins.ts';
import { findRefUse, type RefUse } from './ref-use.ts';

type DocumentParser = $RefParser<Record<string, unknown>>;

export interface ResolvedRefs {
  /** External files pulled in, internal `$ref`s kept. */
  bundled: Record<string, unknown>;
  /** Every `$ref` replaced by its target, except cycles. */
  dereferenced: Record<string, unknown>;
  /** True when the document has cyclic `$ref`s (left in place). */
  circular: boolean;
}

export async function resolveSpecRefs(context: RefReadContext): Promise<ResolvedRefs> {
  const failures: PluginFailures = new Map();
  const plugins = refPlugins(context, failures);
  const options = {
    parse: plugins.parse,
    resolve: { ...plugins.resolve, external: true },
    // Cycles stay as $refs: a cyclic object graph would send ajv and the generator into endless recursion.
    dereference: { circular: 'ignore' as const, maxDepth: MAX_NESTING_DEPTH },
  };
  const run = async (
    parser: DocumentParser,
    mode: 'bundle' | 'dereference',
    document: Record<string, unknown>,
  ): Promise<Record<string, unknown>> => {
    try {
      return mode === 'bundle'
        ? await parser.bundle(context.rootLocation, document, options)
        : await parser.dereference(context.rootLocation, document, options);
    } catch (error) {
      throw explain(error, failures, context, parser);
    }
  };
  const bundled = await run(new $RefParser<Record<string, unknown>>(), 'bundle', structuredClone(context.rootDocument));
  const parser = new $RefParser<Record<string, unknown>>();
  const dereferenced = await run(parser, 'dereference', structuredClone(bundled));
  return { bundled, dereferenced, circular: Boolean(parser.$refs.circular) };
}

function explain(error: unknown, failures: PluginFailures, context: RefReadContext, parser: DocumentParser): SpecError {
  if (isTooDeepError(error)) return tooDeep(context.spec, error);
  if (error instanceof MissingPointerError) {
    const target = /\$ref pointer "([^"]+)"/.exec(error.message)?.[1] ?? error.message;
    const use = useOf(error, context, parser);
    return new SpecError(
      'unresolved-ref',
      `${context.spec} has a $ref that cannot be resolved: "${use?.ref ?? target}"${use ? ` (used at ${use.at})` : ''}; fix the reference or add the missing target.`,
      { cause: error },
    );
  }
  // A plugin's own SpecError, which the resolver wrapped: the one about this file, else the first one.
  const source = (error as { source?: unknown })?.source;
  const kept = (typeof source === 'string' ? failures.get(source) : undefined) ?? failures.values().next().value;
  if (kept) return kept;
  const message = (error as Error)?.message ?? String(error);
  return new SpecError('unresolved-ref', `${context.spec} has a $ref that cannot be resolved (${message.split('\n')[0]}); fix the $ref.`, {
    cause: error,
  });
}

/**
 * Where the broken `$ref` is written: found among the files the resolver read, else its path through the
 * composed document (`#/pointer`, or `file#/pointer`), which is all the resolver itself records.
 */
function useOf(error: MissingPointerError, context: RefReadContext, parser: DocumentParser): RefUse | undefined {
  const pointer = /\$ref pointer "#([^"]*)"/.exec(error.message)?.[1];
  const file = String(error.source ?? '');
  if (pointer !== undefined && file !== '') {
    const found = findRefUse(parser.$refs.values() as Record<string, unknown>, context.rootLocation, { file, pointer });
    if (found) return found;
  }
  const parent = error.parentPath;
  if (typeof parent !== 'string' || !parent.includes('#')) return undefined;
  return { at: `${parent.slice(parent.indexOf('#') + 1)}/$ref` };
}

/**
 * The `$ref` resolver's plugins, replacing its own file and http readers and
 * its YAML/JSON parsers: every external `$ref` passes the RefPolicy, is read
 * with our limits (size cap, the load's deadline, redirects the policy
 * allows) and parsed like the spec itself (our YAML rules, the depth limit).
 * The resolver wraps plugin errors in its own; the SpecError each plugin threw
 * is kept here, by the URL it was about, so the loader can report it as is.
 */
import type { FileInfo, Plugin, ResolverOptions } from '@apidevtools/json-schema-ref-parser';
import type { Deadline } from './deadline.ts';
import { SpecError } from './errors.ts';
import { parseSpecText } from './parse-document.ts';
import { readLocalFile, readSpecText } from './read-source.ts';
import { RefRefusal, type RefPolicy } from './ref-policy.ts';
import { describeRefSite, type RefSite } from './ref-site.ts';
import { displayLocation } from './ref-walk.ts';

export interface RefReadContext {
  /** The spec as the user named it, for messages. */
  spec: string;
  /** The path or URL the root document was resolved from (a `$ref` site in another file names that file). */
  rootLocation: string;
  /** The root document, to find where a `$ref` is used when the resolver does not say. */
  rootDocument: Record<string, unknown>;
  policy: RefPolicy;
  deadline: Deadline;
}

const CLAIMED_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** The SpecErrors plugins threw, by the URL they were reading. */
export type PluginFailures = Map<string, SpecError>;

export function refPlugins(
  context: RefReadContext,
  failures: PluginFailures,
): { resolve: Record<string, ResolverOptions | boolean>; parse: Record<string, Plugin | boolean> } {
  const keep = (url: string, error: unknown): never => {
    if (error instanceof SpecError && !failures.has(url)) failures.set(url, error);
    throw error;
  };
  const resolver: ResolverOptions = {
    order: 1,
    canRead: true,
    read: (file: FileInfo) => readRef(file, context).catch((error: unknown) => keep(file.url, error)),
  };
  const parser: Plugin = {
    order: 100,
    allowEmpty: true,
    canParse: CLAIMED_EXTENSIONS,
    parse: (file: FileInfo) => {
      const text = Buffer.isBuffer(file.data) ? file.data.toString('utf8') : String(file.data ?? '');
      try {
        return parseSpecText(text, displayLocation(file.url)).value;
      } catch (error) {
        // A file of another kind is also offered to the text parser after us: our failure is not final.
        if (!CLAIMED_EXTENSIONS.includes(file.extension)) throw error;
        return keep(file.url, error);
      }
    },
  };
  return { resolve: { file: false, http: false, guarded: resolver }, parse: { json: false, yaml: false, spec: parser } };
}

async function readRef(file: FileInfo, context: RefReadContext): Promise<string> {
  const site = describeRefSite(file, context);
  let target;
  try {
    target = await context.policy.check(file.url);
  } catch (error) {
    throw refused(context, site, error);
  }
  if (target.kind === 'file') {
    try {
      return await readLocalFile(target.path, `The file ${target.path}`);
    } catch (error) {
      throw asUnresolved(error, context, site);
    }
  }
  try {
    const { text } = await readSpecText(target.url, {
      deadline: context.deadline,
      subject: target.url,
      checkRedirect: async (next) => {
        try {
          await context.policy.check(next);
        } catch (error) {
          if (error instanceof RefRefusal) throw refused(context, site, new RefRefusal(`it redirects to ${next}: ${error.message}`));
          throw error;
        }
      },
    });
    return text;
  } catch (error) {
    throw asUnresolved(error, context, site);
  }
}

function refused(context: RefReadContext, site: RefSite, error: unknown): unknown {
  if (!(error instanceof RefRefusal)) return error;
  return new SpecError('ref-refused', `${context.spec} has a $ref ${site.text} that is refused: ${error.message}.`);
}

/**
 * A read that failed, said from the spec's side: which `$ref`, where, and the reader's own sentence.
 * Missing or unreachable targets are unresolved `$ref`s; timeouts, size and refusals keep their codes.
 */
function asUnresolved(error: unknown, context: RefReadContext, site: RefSite): unknown {
  if (!(error instanceof SpecError) || error.code === 'ref-refused') return error;
  const missing = ['spec-not-found', 'spec-unreachable', 'spec-unreadable'].includes(error.code);
  // The reader's advice for a missing spec (name a catalogue id…) does not fit a $ref.
  const reason =
    error.code === 'spec-not-found' ? `${error.message.replace(/;.*$/s, '')}; fix the $ref or add the missing file.` : error.message;
  return new SpecError(
    missing ? 'unresolved-ref' : error.code,
    `${context.spec} has a $ref ${site.text} that cannot be read: ${lowerFirst(reason)}`,
    { cause: error },
  );
}

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

/**
 * The one scrubber of the run's secrets. The engine's evidence, every report
 * writer and everything `aferir run`/`demo` print pass through a Scrubber, so
 * one set of rules decides what never leaves the machine: credential headers
 * by name (header-rules.ts), credentials by shape (embedded-credentials.ts),
 * and each known secret by value in every form a target can send it back in
 * (encoded-forms.ts, searched through decode-layer.ts by secret-finder.ts).
 * Make one per run: the matchers are compiled when it is made.
 */
import { scrubEmbeddedCredentials } from './embedded-credentials.ts';
import { isCredentialHeaderName } from './header-rules.ts';
import { MIN_SECRET_LENGTH, REDACTED } from './redacted.ts';
import type { LiveSecrets } from './live-secrets.ts';
import { createSecretFinder, type Span } from './secret-finder.ts';

export { REDACTED } from './redacted.ts';
export { isCredentialHeaderName } from './header-rules.ts';

export interface ScrubberOptions {
  /** Header names that carry credentials in this run besides the usual ones (e.g. an apiKey scheme's header). Default: none. */
  credentialHeaders?: readonly string[];
  /** Secrets learnt during the run (refreshed tokens): scrubbed too from the moment they are added. Default: none. */
  live?: LiveSecrets;
}

export interface Scrubber {
  /** The secrets it removes (live ones included): at least MIN_SECRET_LENGTH characters, deduplicated, longest first. */
  readonly secrets: readonly string[];
  /** Every form of every secret, PEM blocks, `Bearer …` credentials and secret query parameters, replaced. */
  text(value: string): string;
  /** Only the secrets' forms: for a finished file, whose own markup and code must stay as they are. */
  secretsOnly(value: string): string;
  /** For text cut at a size limit: `text`, and also a secret's beginning left at the very end by the cut. */
  cutText(value: string): string;
  /** A header map: credential headers' values replaced whole, the other values and all names scrubbed. */
  headers(map: Readonly<Record<string, string>>): Record<string, string>;
  /** A copy of `value` with every string and key scrubbed and every `headers` map treated as above. */
  deep<T>(value: T): T;
  isCredentialHeader(name: string): boolean;
}

export function createScrubber(secrets: readonly string[], options: ScrubberOptions = {}): Scrubber {
  const { live } = options;
  const compile = () => {
    const all = [...secrets, ...(live?.values ?? [])];
    const sorted = [...new Set(all.filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))].sort(
      (a, b) => b.length - a.length,
    );
    return { list: sorted, finder: sorted.length > 0 ? createSecretFinder(sorted) : undefined, version: live?.version ?? 0 };
  };
  let compiled = compile();
  // A scrubber made before a token was learnt must not miss it: recompile (and forget remembered answers) when the list grew.
  const current = () => {
    if (live && live.version !== compiled.version) {
      compiled = compile();
      memos.forEach((memo) => memo.clear());
    }
    return compiled;
  };
  const memos: Array<Map<string, string>> = [];
  const extra = new Set((options.credentialHeaders ?? []).map((name) => name.trim().toLowerCase()));
  const isCredentialHeader = (name: string) => extra.has(name.trim().toLowerCase()) || isCredentialHeaderName(name);

  const replaceSpans = (value: string, spans: readonly Span[]): string => {
    if (spans.length === 0) return value;
    let out = '';
    let last = 0;
    for (const [start, end] of spans) {
      out += value.slice(last, start) + REDACTED;
      last = end;
    }
    return out + value.slice(last);
  };
  const secretsOnly = (value: string): string => {
    const { finder } = current();
    return finder ? replaceSpans(value, finder.spans(value)) : value;
  };
  const text = remembered((value: string): string => scrubEmbeddedCredentials(secretsOnly(value)), memos, current);
  // Header names arrive lower-cased from the HTTP stack: a name made of a secret must still go.
  const headerName = remembered(
    (name: string): string => {
      const { finder } = current();
      return scrubEmbeddedCredentials(finder ? replaceSpans(name, finder.spans(name, true)) : name);
    },
    memos,
    current,
  );
  const cutText = (value: string): string => {
    const scrubbed = text(value);
    const start = current().finder?.cutStart(scrubbed);
    return start === undefined ? scrubbed : `${scrubbed.slice(0, start)}${REDACTED}`;
  };

  const scrubValue = (value: unknown, inHeaders: boolean): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map((item) => scrubValue(item, false));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const scrubbed = inHeaders && isCredentialHeader(key) ? REDACTED : scrubValue(item, key === 'headers');
      // defineProperty, not assignment: a target-supplied `__proto__` key must stay data.
      Object.defineProperty(out, inHeaders ? headerName(key) : text(key), {
        value: scrubbed,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };

  return {
    get secrets() {
      return current().list;
    },
    text,
    secretsOnly,
    cutText,
    headers: (map) => scrubValue(map, true) as Record<string, string>,
    deep: <T>(value: T): T => scrubValue(value, false) as T,
    isCredentialHeader,
  };
}

/** Strings this short repeat all over a run (keys, ids, statuses, header values): each is scrubbed once. */
const MEMO_LENGTH = 256;
const MEMO_ENTRIES = 20_000;

function remembered(
  scrub: (value: string) => string,
  memos: Array<Map<string, string>>,
  refresh: () => unknown,
): (value: string) => string {
  const memo = new Map<string, string>();
  memos.push(memo);
  return (value) => {
    refresh();
    if (value.length > MEMO_LENGTH) return scrub(value);
    let out = memo.get(value);
    if (out === undefined) {
      out = scrub(value);
      if (memo.size < MEMO_ENTRIES) memo.set(value, out);
    }
    return out;
  };
}

/** `error` with its message (and stack) scrubbed in place, for the CLI to print; anything else is returned as is. */
export function scrubError(error: unknown, scrub: (text: string) => string): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? scrub(error) : error;
  error.message = scrub(error.message);
  if (error.stack) error.stack = scrub(error.stack);
  return error;
}

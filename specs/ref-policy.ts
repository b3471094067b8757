/**
 * Where a spec's `$ref`s may reach. A spec is untrusted input — downloaded
 * from a portal, attached to a ticket — and whatever a `$ref` reads ends up in
 * served examples, titles and reports. So a local spec reads only inside its
 * own folder tree (symlinks judged by where they really lead), a downloaded
 * spec only from its own origin and never the local disk, and anything else
 * needs a `--ref-root` the user typed.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isUrl } from './read-source.ts';

/** Where a permitted `$ref` is read from. */
type RefTarget = { kind: 'file'; path: string } | { kind: 'url'; url: string };

/** A `$ref` the policy refuses; the message is the reason, ready to follow "is refused: ". */
export class RefRefusal extends Error {}

export interface RefPolicy {
  /** The place to read a resolved `$ref` from (an absolute path or a URL), or a RefRefusal. */
  check(resolved: string): Promise<RefTarget>;
}

export interface RefPolicyInput {
  /** The spec: an absolute file path, or the URLs it was requested at and finally served from. */
  spec: { file: string } | { urls: string[] };
  /** `--ref-root`: absolute folders and http(s) URL prefixes also allowed. Default: none. */
  refRoots?: readonly string[];
}

const OUTSIDE_HINT = 'pass --ref-root <dir> to allow it';

export async function createRefPolicy(input: RefPolicyInput): Promise<RefPolicy> {
  const urlRoots = (input.refRoots ?? []).filter(isUrl).map((root) => new URL(root).href.replace(/\/$/, ''));
  const underUrlRoot = (url: URL) => urlRoots.some((root) => url.href === root || url.href.startsWith(`${root}/`));

  if ('urls' in input.spec) {
    const origins = [...new Set(input.spec.urls.map((url) => new URL(url).origin))];
    return {
      async check(resolved) {
        const target = classify(resolved);
        if (target.kind === 'file') throw new RefRefusal('a spec downloaded from a URL may not read local files');
        if (origins.includes(target.url.origin) || underUrlRoot(target.url)) return { kind: 'url', url: target.url.href };
        throw new RefRefusal(`it is on another origin than the spec (${origins[0]}); pass --ref-root ${target.url.origin} to allow it`);
      },
    };
  }

  const specFile = input.spec.file;
  const folders = [path.dirname(specFile), ...(input.refRoots ?? []).filter((root) => !isUrl(root)).map((root) => path.resolve(root))];
  // The folder as named and as it really is, and the folder the spec file really lives in when it is a symlink.
  const realFolders = [...new Set([...(await Promise.all(folders.map(realOrSame))), path.dirname(await realOrSame(specFile))])];
  return {
    async check(resolved) {
      const target = classify(resolved);
      if (target.kind === 'url') {
        if (underUrlRoot(target.url)) return { kind: 'url', url: target.url.href };
        throw new RefRefusal(
          `a local spec may not download $refs from the network; pass --ref-root ${target.url.origin} to allow that origin`,
        );
      }
      if (!insideAny(target.path, folders) && !insideAny(target.path, realFolders)) {
        throw new RefRefusal(`it is outside the spec's folder (${folders[0]}); ${OUTSIDE_HINT}`);
      }
      let real: string;
      try {
        real = await realpath(target.path);
      } catch {
        return { kind: 'file', path: target.path }; // Missing: reading it reports that.
      }
      if (!insideAny(real, realFolders))
        throw new RefRefusal(`it is a symlink that leads outside the spec's folder (${folders[0]}) to ${real}; ${OUTSIDE_HINT}`);
      return { kind: 'file', path: real };
    },
  };
}

type Classified = { kind: 'file'; path: string } | { kind: 'url'; url: URL };

/** A resolved `$ref`: a path (no scheme) or `file:` URL is a file, http(s) a URL; any other scheme is refused. */
function classify(resolved: string): Classified {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(resolved)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'file', path: path.resolve(decodePath(resolved)) };
  if (scheme === 'file') {
    try {
      return { kind: 'file', path: fileURLToPath(resolved) };
    } catch {
      throw new RefRefusal('it is a file: URL that does not name a local path');
    }
  }
  if (scheme === 'http' || scheme === 'https') return { kind: 'url', url: new URL(resolved) };
  throw new RefRefusal(`only files and http(s) URLs can be referenced, not ${scheme}:`);
}

/** The resolver percent-encodes paths it resolves (`my%20specs/x.yaml`). */
function decodePath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

async function realOrSame(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    return file;
  }
}

function insideAny(file: string, folders: readonly string[]): boolean {
  return folders.some((folder) => {
    const relative = path.relative(folder, file);
    return !path.isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${path.sep}`);
  });
}

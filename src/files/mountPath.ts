// Mount paths in a session's sandbox, checked before anything is sent. Pure (no vscode).
import * as path from 'node:path';

/** Why a mount path cannot be used, said before anything is sent; undefined when it can. */
export function mountPathProblem(text: string): string | undefined {
  const value = text.trim();
  if (!value.startsWith('/')) return 'Start with "/", e.g. /data/input.csv.';
  if (value.split('/').some((part) => part === '..')) return 'A mount path cannot go up with "..".';
  if ([...value].some((char) => char.charCodeAt(0) < 0x20)) return 'A mount path cannot hold control characters.';
  if (Buffer.byteLength(value) > 4096) return 'A mount path is at most 4,096 bytes.';
  return undefined;
}

/** Where each file goes: one file at the path given; several under the folder given, each at its relative path. */
export function mountPaths(answer: string, relativePaths: readonly string[], several: boolean): string[] {
  const base = answer.trim();
  return relativePaths.map((relative) => (several ? path.posix.join(base, relative) : base));
}

/** Where the agent finds a mounted file: a relative mount path ("/data.csv") is under the sandbox's uploads folder. */
export function sandboxPath(mountPath: string): string {
  return mountPath.startsWith('/mnt/') ? mountPath : path.posix.join('/mnt/session/uploads', mountPath);
}

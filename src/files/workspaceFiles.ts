// The files an "Attach" means: the chosen files, and every file under a chosen folder that git would
// not ignore (the .gitignore files of the folder, of its subfolders and of its parents within the
// workspace folder apply, as git reads them; .git itself is never attached).
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import * as vscode from 'vscode';

export interface WorkspaceFile {
  readonly uri: vscode.Uri;
  readonly size: number;
  /** Its path from the workspace folder (outside any, from the chosen file's or folder's parent), with "/" separators. */
  readonly relativePath: string;
}

interface IgnoreRules {
  /** The folder the rules' paths are relative to. */
  readonly base: vscode.Uri;
  readonly rules: Ignore;
}

/** Expands files and folders to the files they hold, skipping what .gitignore excludes. */
export async function collectFiles(targets: readonly vscode.Uri[], signal?: AbortSignal): Promise<WorkspaceFile[]> {
  const found = new Map<string, WorkspaceFile>();
  for (const target of targets) {
    const stat = await vscode.workspace.fs.stat(target);
    const base = baseOf(target);
    if (stat.type & vscode.FileType.Directory) {
      await walk(target, base, await parentRules(target), found, signal);
    } else {
      found.set(target.toString(), { uri: target, size: stat.size, relativePath: path.posix.relative(base.path, target.path) });
    }
  }
  return [...found.values()];
}

/** One file as collectFiles describes it, or undefined when there is no file there (nothing, or a folder). */
export async function workspaceFile(uri: vscode.Uri): Promise<WorkspaceFile | undefined> {
  const stat = await vscode.workspace.fs.stat(uri).then(
    (found) => found,
    () => undefined,
  );
  if (!stat || !(stat.type & vscode.FileType.File)) return undefined;
  return { uri, size: stat.size, relativePath: path.posix.relative(baseOf(uri).path, uri.path) };
}

/** What relative paths start from: the workspace folder, or outside any, the parent of what was chosen. */
function baseOf(target: vscode.Uri): vscode.Uri {
  return vscode.workspace.getWorkspaceFolder(target)?.uri ?? vscode.Uri.joinPath(target, '..');
}

async function walk(folder: vscode.Uri, base: vscode.Uri, rules: IgnoreRules[], found: Map<string, WorkspaceFile>, signal: AbortSignal | undefined): Promise<void> {
  signal?.throwIfAborted();
  const here = await rulesIn(folder);
  const active = here ? [...rules, here] : rules;
  const entries = await vscode.workspace.fs.readDirectory(folder);
  for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    if (name === '.git') continue;
    const uri = vscode.Uri.joinPath(folder, name);
    const isFolder = (type & vscode.FileType.Directory) !== 0;
    if (isIgnored(uri, isFolder, active)) continue;
    if (isFolder) await walk(uri, base, active, found, signal);
    else if (type & vscode.FileType.File) {
      const stat = await vscode.workspace.fs.stat(uri);
      found.set(uri.toString(), { uri, size: stat.size, relativePath: path.posix.relative(base.path, uri.path) });
    }
  }
}

function isIgnored(uri: vscode.Uri, isFolder: boolean, rules: readonly IgnoreRules[]): boolean {
  return rules.some(({ base, rules: ignoreRules }) => {
    const relative = path.posix.relative(base.path, uri.path);
    if (!relative || relative.startsWith('..')) return false;
    return ignoreRules.ignores(isFolder ? `${relative}/` : relative);
  });
}

/** The .gitignore rules of the folders between the workspace folder and `folder` (not `folder` itself). */
async function parentRules(folder: vscode.Uri): Promise<IgnoreRules[]> {
  const root = vscode.workspace.getWorkspaceFolder(folder)?.uri;
  if (!root || root.toString() === folder.toString()) return [];
  const rules: IgnoreRules[] = [];
  const between = path.posix.relative(root.path, path.posix.dirname(folder.path)).split('/').filter(Boolean);
  let current = root;
  for (let index = 0; index <= between.length; index++) {
    const found = await rulesIn(current);
    if (found) rules.push(found);
    if (index < between.length) current = vscode.Uri.joinPath(current, between[index]);
  }
  return rules;
}

async function rulesIn(folder: vscode.Uri): Promise<IgnoreRules | undefined> {
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.gitignore')));
    return { base: folder, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

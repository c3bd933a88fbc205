import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileResource, ManagedAgentsClient, Session } from '../../api';
import { notify, showError } from '../../shared/errors';
import { isCancellation } from '../../shared/progress';
import { formatBytes, sessionLabel } from '../../webview/format';
import type { SessionChooser } from '../../sessions/sessionChooser';
import type { SessionDialogs } from '../../sessions/sessionDialogs';
import { isArchived } from '../../sessions/sessionState';
import type { FilesDialogs } from '../filesDialogs';
import { mountPaths } from '../mountPath';
import { isFileResource, type SessionFiles } from '../sessionFiles';
import { withTransferProgress } from '../transferProgress';
import { collectFiles, type WorkspaceFile } from '../workspaceFiles';
import { ATTACH_TO_SESSION } from '../../commandIds';

/** Past either of these an attach asks first: many files, or many bytes, are rarely meant. */
const CONFIRM_FILES = 20;
const CONFIRM_BYTES = 20 * 1024 * 1024;
/** The API's limit on file mounts per session. */
export const MAX_MOUNTS = 500;

export interface AttachDependencies {
  client: ManagedAgentsClient;
  chooser: SessionChooser;
  files: SessionFiles;
  sessionDialogs: SessionDialogs;
  filesDialogs: FilesDialogs;
  log: vscode.LogOutputChannel;
}

/**
 * Attaches workspace files and folders to a session: each file is uploaded, then mounted in the
 * session's sandbox. From the Explorer (the clicked file and the selection), an editor's title, or the
 * palette (an open dialog asks). All or nothing: when one file fails, or the person cancels, what this
 * run attached is removed again and its uploads deleted. Returns the mounts made.
 */
export function registerAttachToSession(deps: AttachDependencies): vscode.Disposable {
  return vscode.commands.registerCommand(ATTACH_TO_SESSION, async (clicked?: unknown, selected?: vscode.Uri[], sessionArgument?: unknown): Promise<FileResource[]> => {
    // From a session's Files row, the row names the session and the files are asked for.
    const filesRow = typeof clicked === 'object' && clicked !== null && (clicked as { kind?: unknown }).kind === 'files' ? (clicked as { sessionId: string }) : undefined;
    if (filesRow) sessionArgument = filesRow.sessionId;
    const targets = selected?.length ? selected : clicked instanceof vscode.Uri ? [clicked] : await deps.filesDialogs.pickFiles(vscode.workspace.workspaceFolders?.[0]?.uri);
    if (!targets?.length) return [];
    let files: WorkspaceFile[];
    try {
      files = await collectFiles(targets);
    } catch (error) {
      void showError('Could not read the files to attach', error);
      return [];
    }
    if (files.length === 0) {
      void notify('info', 'Nothing to attach: the folder holds no files that git does not ignore.');
      return [];
    }
    const session = await deps.chooser.choose(sessionArgument, {
      placeholder: `Attach ${describeFiles(files)} to which session?`,
      eligible: (entry) => !isArchived(entry.session),
      noneMessage: 'No listed session can take files (archived sessions cannot). Create a session first.',
    });
    if (!session) return [];
    const label = sessionLabel(session);
    if (isArchived(session)) {
      void notify('warning', `"${label}" is archived: files can no longer be attached to it. Attach them to another session.`);
      return [];
    }
    let existing: readonly FileResource[];
    try {
      existing = (await deps.files.list(session.id)).mounts;
      if (existing.length + files.length > MAX_MOUNTS) {
        void notify('warning', `"${label}" has ${existing.length} attached files, and a session holds at most ${MAX_MOUNTS}: attach at most ${MAX_MOUNTS - existing.length} more, or remove some first.`);
        return [];
      }
    } catch (error) {
      void showError(`Could not read the files of "${label}"`, error);
      return [];
    }
    const several = files.length > 1 || targets.some((uri) => !files.some((file) => file.uri.toString() === uri.toString()));
    const answer = await deps.filesDialogs.askMountPath({ value: several ? '/' : `/${files[0].relativePath}`, several, sessionLabel: label });
    if (answer === undefined) return [];
    const paths = mountPaths(answer, files.map((file) => file.relativePath), several);
    const mounts = files.map((file, index) => ({ file, mountPath: paths[index] }));
    const total = files.reduce((sum, file) => sum + file.size, 0);
    if (files.length > CONFIRM_FILES || total > CONFIRM_BYTES) {
      const go = await deps.sessionDialogs.confirm(
        `Attach ${describeFiles(files)} to "${label}"?`,
        `They are uploaded to the Files API and mounted in the session's sandbox. ${mounts.slice(0, 5).map((m) => m.mountPath).join(', ')}${mounts.length > 5 ? ', …' : ''}`,
        'Attach',
      );
      if (!go) return [];
    }
    try {
      const added = await attach(deps, session, mounts, total, new Set(existing.map((mount) => mount.id)));
      deps.files.didChange(session.id);
      void notify('info', `Attached ${describeFiles(files)} to "${label}".`);
      return added;
    } catch (error) {
      deps.files.didChange(session.id);
      if (isCancellation(error)) void notify('info', `Nothing was attached to "${label}": you cancelled.`);
      else void showError(`Nothing was attached to "${label}"`, error);
      return [];
    }
  });
}

async function attach(
  deps: AttachDependencies,
  session: Session,
  mounts: { file: WorkspaceFile; mountPath: string }[],
  total: number,
  /** The mounts the session had before: a rollback never touches them. */
  before: ReadonlySet<string>,
): Promise<FileResource[]> {
  const { client } = deps;
  const uploaded: string[] = [];
  const added: FileResource[] = [];
  try {
    return await withTransferProgress(`Attaching to "${sessionLabel(session)}"`, async (signal, onProgress) => {
      let before = 0;
      for (const { file, mountPath } of mounts) {
        const source = file.uri.scheme === 'file' ? { path: file.uri.fsPath } : { data: await vscode.workspace.fs.readFile(file.uri), filename: path.posix.basename(file.uri.path) };
        const metadata = await client.files.upload(source, { signal, onProgress: (done) => onProgress(before + done, total) });
        uploaded.push(metadata.id);
        added.push(await client.sessions.resources.add(session.id, { type: 'file', file_id: metadata.id, mount_path: mountPath }, { signal }));
        before += file.size;
      }
      return added;
    });
  } catch (error) {
    await rollBack(deps, session.id, { added, uploaded, mountPaths: mounts.map((mount) => mount.mountPath), before });
    throw error;
  }
}

/**
 * Leaves nothing half-done: what this run mounted is removed, what it uploaded is deleted. A mount
 * whose answer was lost (the API may have added it) is found by listing the session's mounts: any
 * that is not one of `before` and holds a file this run uploaded, or sits where this run mounted one
 * (the API may mount a copy under another id, and puts relative paths under its uploads folder), goes too.
 */
async function rollBack(
  deps: AttachDependencies,
  sessionId: string,
  run: { added: readonly FileResource[]; uploaded: readonly string[]; mountPaths: readonly string[]; before: ReadonlySet<string> },
): Promise<void> {
  const { client, log } = deps;
  const { added, uploaded, mountPaths, before } = run;
  const ours = (resource: FileResource) => uploaded.includes(resource.file_id) || mountPaths.some((mountPath) => resource.mount_path === mountPath || resource.mount_path.endsWith(mountPath));
  const toRemove = new Map(added.map((resource) => [resource.id, resource]));
  try {
    const now = await client.sessions.resources.list(sessionId, { limit: 100 }).toArray();
    for (const resource of now) {
      if (isFileResource(resource) && !before.has(resource.id) && !toRemove.has(resource.id) && ours(resource)) toRemove.set(resource.id, resource);
    }
  } catch (listing) {
    log.warn(`Could not list the mounts of ${sessionId} to undo an attach: ${String(listing)}`);
  }
  for (const resource of toRemove.values()) {
    await client.sessions.resources.delete(sessionId, resource.id).catch((cleanup: unknown) => log.warn(`Could not remove ${resource.mount_path} from ${sessionId}: ${String(cleanup)}`));
  }
  for (const fileId of uploaded) {
    await client.files.delete(fileId).catch((cleanup: unknown) => log.warn(`Could not delete the upload ${fileId}: ${String(cleanup)}`));
  }
}

function describeFiles(files: readonly WorkspaceFile[]): string {
  const bytes = formatBytes(files.reduce((sum, file) => sum + file.size, 0));
  return files.length === 1 ? `${path.posix.basename(files[0].relativePath)} (${bytes})` : `${files.length} files (${bytes})`;
}

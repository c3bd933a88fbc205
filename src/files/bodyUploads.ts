// The workspace files a create body names with `path:` (src/yaml/workspaceFileResources.ts), uploaded
// before the body is sent, and deleted again when the session is not created.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../api';
import { withUploadedFiles, workspaceFileResources } from '../yaml/workspaceFileResources';
import { withTransferProgress } from './transferProgress';
import { workspaceFile } from './workspaceFiles';

export interface UploadedBody {
  /** The body as the API takes it: each `path:` is the `file_id` of its upload. */
  readonly body: unknown;
  /** What was uploaded for it (empty when the body names no workspace file). */
  readonly fileIds: readonly string[];
}

/** A `path:` that names no file: said before anything is uploaded. */
export class MissingWorkspaceFileError extends Error {}

/**
 * Uploads the workspace files of a create body, relative to the body's folder (or the first workspace
 * folder for an unsaved buffer), and returns the body to send. A missing file throws before any upload;
 * a failed or cancelled upload deletes what was uploaded before throwing.
 */
export async function uploadBodyFiles(client: ManagedAgentsClient, document: vscode.TextDocument, body: unknown, log: vscode.LogOutputChannel): Promise<UploadedBody> {
  const entries = workspaceFileResources(body);
  if (entries.length === 0) return { body, fileIds: [] };
  const base = document.uri.scheme === 'file' ? path.dirname(document.uri.fsPath) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const files = await Promise.all(
    entries.map(async (entry) => {
      if (!path.isAbsolute(entry.path) && !base) throw new MissingWorkspaceFileError(`resources[${entry.index}].path: ${entry.path} is relative, but the body has no folder: save it, or write an absolute path.`);
      const absolute = path.isAbsolute(entry.path) ? entry.path : path.join(base!, entry.path);
      const file = await workspaceFile(vscode.Uri.file(absolute));
      if (!file) throw new MissingWorkspaceFileError(`resources[${entry.index}].path: there is no file at ${absolute}. Fix the path (relative to the body's folder) and run it again.`);
      // Mounted where Attach would put it: at its path in the workspace folder.
      return { absolute, size: file.size, mountPath: `/${file.relativePath}` };
    }),
  );
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const fileIds: string[] = [];
  try {
    await withTransferProgress(`Uploading ${files.length === 1 ? path.basename(files[0].absolute) : `${files.length} files`} for the new session`, async (signal, onProgress) => {
      let before = 0;
      for (const file of files) {
        const uploaded = await client.files.upload({ path: file.absolute }, { signal, onProgress: (done) => onProgress(before + done, total) });
        fileIds.push(uploaded.id);
        before += file.size;
      }
    });
  } catch (error) {
    await discardUploads(client, fileIds, log);
    throw error;
  }
  return { body: withUploadedFiles(body, fileIds, files.map((file) => file.mountPath)), fileIds };
}

/** Deletes uploads nothing uses (the session they were for was not created). */
export async function discardUploads(client: ManagedAgentsClient, fileIds: readonly string[], log: vscode.LogOutputChannel): Promise<void> {
  for (const fileId of fileIds) {
    await client.files.delete(fileId).catch((error: unknown) => log.warn(`Could not delete the upload ${fileId}: ${String(error)}`));
  }
}

// Rubric files for the outcome form of a history panel. The host keeps which workspace file each token
// stands for: the webview only names a token it was given, never a path, so it cannot have any other
// file uploaded. A file is uploaded through the Files API when the outcome is sent (with the transfer
// progress and Cancel that Attach uses), once: a second try after a refusal reuses the upload.
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../api';
import { withTransferProgress } from '../files/transferProgress';
import { workspaceFile } from '../files/workspaceFiles';

export interface ChosenRubricFile {
  token: string;
  /** Its path in the workspace, for the form to show. */
  name: string;
}

type PickFiles = (options: vscode.OpenDialogOptions) => Thenable<vscode.Uri[] | undefined>;

export class RubricFiles {
  private readonly chosen = new Map<string, { uri: vscode.Uri; fileId?: string }>();

  /** Asks which file holds the rubric; undefined when the user chose none. */
  async choose(pickFiles: PickFiles): Promise<ChosenRubricFile | undefined> {
    const [uri] =
      (await pickFiles({
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        openLabel: 'Use as Rubric',
        title: 'The rubric the outcome is graded against',
        filters: { 'Markdown and text': ['md', 'markdown', 'txt'], 'All files': ['*'] },
      })) ?? [];
    if (!uri) return undefined;
    const token = crypto.randomUUID();
    this.chosen.set(token, { uri });
    return { token, name: vscode.workspace.asRelativePath(uri) };
  }

  /** The `file_id` of the rubric a token stands for, uploaded now unless it already was. Throws with what to do. */
  async fileId(client: ManagedAgentsClient, token: string): Promise<string> {
    const entry = this.chosen.get(token);
    if (!entry) throw new Error('The panel no longer knows that rubric file: choose it again with "Use a workspace file…"');
    if (entry.fileId) return entry.fileId;
    const file = await workspaceFile(entry.uri);
    if (!file) throw new Error(`There is no file at ${vscode.workspace.asRelativePath(entry.uri)} any more: choose the rubric file again`);
    const filename = path.posix.basename(entry.uri.path);
    const source = entry.uri.scheme === 'file' ? { path: entry.uri.fsPath } : { data: await vscode.workspace.fs.readFile(entry.uri), filename };
    const uploaded = await withTransferProgress(`Uploading the rubric ${filename}`, (signal, onProgress) => client.files.upload(source, { signal, onProgress: (done) => onProgress(done, file.size) }));
    entry.fileId = uploaded.id;
    return uploaded.id;
  }
}

import * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../../api';
import { notify, showError } from '../../shared/errors';
import { isCancellation } from '../../shared/progress';
import type { FilesDialogs } from '../filesDialogs';
import { sessionFileOf } from '../tree/sessionFileNode';
import { withTransferProgress } from '../transferProgress';
import { DOWNLOAD_SESSION_FILE } from '../../commandIds';

/**
 * Saves a file the agent wrote into the workspace, where the person picks (the save dialog asks before
 * replacing a file). The download goes to a temporary file first: cancelled or failed, nothing is left
 * under the name. Returns where it was saved.
 */
export function registerDownloadSessionFile({ client, dialogs }: { client: ManagedAgentsClient; dialogs: FilesDialogs }): vscode.Disposable {
  return vscode.commands.registerCommand(DOWNLOAD_SESSION_FILE, async (target?: unknown): Promise<vscode.Uri | undefined> => {
    const row = sessionFileOf(target, 'Download to Workspace', 'output');
    if (!row || row.item.role !== 'output') return undefined;
    const { file } = row.item;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const destination = await dialogs.pickSaveLocation(folder ? vscode.Uri.joinPath(folder, file.filename) : vscode.Uri.file(file.filename));
    if (!destination) return undefined;
    if (destination.scheme !== 'file') {
      void notify('warning', `Downloads go to a folder on this machine; ${destination.toString()} is not one. Pick a folder on disk.`);
      return undefined;
    }
    try {
      await withTransferProgress(`Downloading ${file.filename}`, (signal, onProgress) => client.files.downloadTo(file.id, destination.fsPath, { signal, onProgress }));
    } catch (error) {
      if (isCancellation(error)) void notify('info', `The download of ${file.filename} was cancelled; nothing was saved.`);
      else void showError(`Could not download ${file.filename} (nothing was saved)`, error);
      return undefined;
    }
    void notify('info', `Saved ${vscode.workspace.asRelativePath(destination)}.`);
    return destination;
  });
}

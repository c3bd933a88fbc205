import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../../api';
import { notify, showError } from '../../shared/errors';
import { isCancellation } from '../../shared/progress';
import type { SessionDialogs } from '../../sessions/sessionDialogs';
import type { FilesDialogs } from '../filesDialogs';
import type { SessionFiles } from '../sessionFiles';
import { withTransferProgress } from '../transferProgress';
import { DOWNLOAD_SESSION_OUTPUTS } from '../../commandIds';

/**
 * Saves every file a session's agent wrote into a folder the person picks, asking before replacing any
 * file there. Each file is downloaded to a temporary file and renamed when whole; on cancel or failure
 * the files of this run already saved stay (each one is complete) and the rest is not started.
 * Returns the files saved.
 */
export function registerDownloadSessionOutputs({ client, files, filesDialogs, sessionDialogs }: {
  client: ManagedAgentsClient;
  files: SessionFiles;
  filesDialogs: FilesDialogs;
  sessionDialogs: SessionDialogs;
}): vscode.Disposable {
  return vscode.commands.registerCommand(DOWNLOAD_SESSION_OUTPUTS, async (target?: { kind?: string; sessionId?: string }): Promise<vscode.Uri[]> => {
    if (target?.kind !== 'files' || !target.sessionId) {
      void vscode.window.showInformationMessage("Download All Outputs works on a session's Files row in the Sessions view.");
      return [];
    }
    const sessionId = target.sessionId;
    let outputs;
    try {
      // SessionFiles lists as outputs only what can be downloaded.
      outputs = (await files.list(sessionId)).outputs;
    } catch (error) {
      void showError('Could not list the files the agent wrote', error);
      return [];
    }
    if (outputs.length === 0) {
      void notify('info', 'The agent of this session has written no files to download.');
      return [];
    }
    const folder = await filesDialogs.pickFolder(vscode.workspace.workspaceFolders?.[0]?.uri, `Download ${outputs.length} files`);
    if (!folder) return [];
    if (folder.scheme !== 'file') {
      void notify('warning', `Downloads go to a folder on this machine; ${folder.toString()} is not one. Pick a folder on disk.`);
      return [];
    }
    const existing = [];
    for (const file of outputs) {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, file.filename));
        existing.push(file.filename);
      } catch {
        // Not there: nothing to replace.
      }
    }
    if (existing.length > 0) {
      const replace = await sessionDialogs.confirm(
        `Replace ${existing.length === 1 ? existing[0] : `${existing.length} files`} in ${vscode.workspace.asRelativePath(folder)}?`,
        `The agent's version takes the place of: ${existing.slice(0, 8).join(', ')}${existing.length > 8 ? ', …' : ''}`,
        'Replace',
      );
      if (!replace) return [];
    }
    const saved: vscode.Uri[] = [];
    const total = outputs.reduce((sum, file) => sum + file.size_bytes, 0);
    try {
      await withTransferProgress(`Downloading ${outputs.length} files`, async (signal, onProgress) => {
        let before = 0;
        for (const file of outputs) {
          const destination = vscode.Uri.joinPath(folder, path.basename(file.filename));
          await client.files.downloadTo(file.id, destination.fsPath, { signal, onProgress: (done) => onProgress(before + done, total) });
          saved.push(destination);
          before += file.size_bytes;
        }
      });
    } catch (error) {
      const kept = saved.length > 0 ? ` (${saved.length} of ${outputs.length} were saved whole)` : ' (nothing was saved)';
      if (isCancellation(error)) void notify('info', `The download was cancelled${kept}.`);
      else void showError(`Could not download every file${kept}`, error);
      return saved;
    }
    void notify('info', `Saved ${saved.length} files in ${vscode.workspace.asRelativePath(folder)}.`);
    return saved;
  });
}

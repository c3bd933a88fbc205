import * as vscode from 'vscode';
import { formatBytes } from '../../webview/format';
import { MAX_OPEN_BYTES } from '../sessionFileSystem';
import { sessionFileUri } from '../sessionFileUris';
import { sessionFileOf } from '../tree/sessionFileNode';
import { DOWNLOAD_SESSION_FILE, OPEN_SESSION_FILE } from '../../commandIds';

/** Opens a file the agent wrote, read-only, from the API (nothing is saved to disk). Returns its URI. */
export function registerOpenSessionFile(): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_SESSION_FILE, async (target?: unknown): Promise<vscode.Uri | undefined> => {
    const row = sessionFileOf(target, 'Open', 'output');
    if (!row || row.item.role !== 'output') return undefined;
    const { file } = row.item;
    if (file.size_bytes > MAX_OPEN_BYTES) {
      const choice = await vscode.window.showInformationMessage(
        `${file.filename} is ${formatBytes(file.size_bytes)}, too large to open in an editor (at most ${formatBytes(MAX_OPEN_BYTES)}). Download it instead.`,
        'Download to Workspace…',
      );
      if (choice) await vscode.commands.executeCommand(DOWNLOAD_SESSION_FILE, row);
      return undefined;
    }
    const uri = sessionFileUri({ sessionId: row.sessionId, fileId: file.id, filename: file.filename });
    // vscode.open picks the editor for the file's kind (text, image, a binary's "open anyway").
    await vscode.commands.executeCommand('vscode.open', uri, { preview: true });
    return uri;
  });
}

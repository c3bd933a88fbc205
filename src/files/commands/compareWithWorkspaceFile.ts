import * as vscode from 'vscode';
import { formatBytes } from '../../webview/format';
import type { FilesDialogs } from '../filesDialogs';
import { MAX_OPEN_BYTES } from '../sessionFileSystem';
import { sessionFileUri } from '../sessionFileUris';
import { sessionFileOf } from '../tree/sessionFileNode';
import { COMPARE_SESSION_FILE } from '../../commandIds';

/** Glob characters in a file name would make findFiles match other names. */
function globLiteral(name: string): string {
  return name.replace(/[[\]{}()*?!]/g, (c) => `[${c}]`);
}

/**
 * Opens VS Code's diff editor between a workspace file and the agent's version of it: the workspace
 * file of the same name (a pick when there are several, an open dialog when there is none). Returns
 * the two URIs compared.
 */
export function registerCompareWithWorkspaceFile(dialogs: FilesDialogs): vscode.Disposable {
  return vscode.commands.registerCommand(COMPARE_SESSION_FILE, async (target?: unknown): Promise<[vscode.Uri, vscode.Uri] | undefined> => {
    const row = sessionFileOf(target, 'Compare with Workspace File', 'output');
    if (!row || row.item.role !== 'output') return undefined;
    const { file } = row.item;
    if (file.size_bytes > MAX_OPEN_BYTES) {
      void vscode.window.showInformationMessage(`${file.filename} is ${formatBytes(file.size_bytes)}, too large to compare in an editor (at most ${formatBytes(MAX_OPEN_BYTES)}). Download it and compare it with a diff tool.`);
      return undefined;
    }
    const candidates = await vscode.workspace.findFiles(`**/${globLiteral(file.filename)}`, '**/node_modules/**', 20);
    const local = await dialogs.pickWorkspaceFile(candidates, file.filename);
    if (!local) return undefined;
    const agents = sessionFileUri({ sessionId: row.sessionId, fileId: file.id, filename: file.filename });
    await vscode.commands.executeCommand('vscode.diff', local, agents, `${vscode.workspace.asRelativePath(local)} ↔ ${file.filename} (the agent's)`, { preview: true });
    return [local, agents];
  });
}

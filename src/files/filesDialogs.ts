// The questions the file commands ask, in one object whose methods the integration tests replace with
// answers (dialogs cannot be clicked in the test host).
import * as vscode from 'vscode';
import { mountPathProblem } from './mountPath';

export interface FilesDialogs {
  /** The mount path for one file, or the folder that several go under; undefined for Escape. */
  askMountPath(options: { value: string; several: boolean; sessionLabel: string }): Promise<string | undefined>;
  /** Where to save one file. */
  pickSaveLocation(defaultUri: vscode.Uri): Promise<vscode.Uri | undefined>;
  /** A folder to save several files in. */
  pickFolder(defaultUri: vscode.Uri | undefined, title: string): Promise<vscode.Uri | undefined>;
  /** Files to attach when the command was run without any. */
  pickFiles(defaultUri: vscode.Uri | undefined): Promise<vscode.Uri[] | undefined>;
  /** The workspace file to compare with, from candidates (or any file when there are none). */
  pickWorkspaceFile(candidates: readonly vscode.Uri[], filename: string): Promise<vscode.Uri | undefined>;
}

export function createFilesDialogs(): FilesDialogs {
  return {
    async askMountPath({ value, several, sessionLabel }) {
      return vscode.window.showInputBox({
        title: `Attach to "${sessionLabel}"`,
        prompt: several
          ? 'The folder the files go under in the sandbox (each keeps its workspace-relative path). The agent finds them under /mnt/session/uploads.'
          : 'Where the file goes in the sandbox. The agent finds it under /mnt/session/uploads.',
        value,
        ignoreFocusOut: true,
        validateInput: (text) => mountPathProblem(text),
      });
    },
    async pickSaveLocation(defaultUri) {
      return vscode.window.showSaveDialog({ defaultUri, saveLabel: 'Download', title: 'Download to Workspace' });
    },
    async pickFolder(defaultUri, title) {
      const picked = await vscode.window.showOpenDialog({ defaultUri, canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Download Here', title });
      return picked?.[0];
    },
    async pickFiles(defaultUri) {
      return vscode.window.showOpenDialog({ defaultUri, canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: 'Attach', title: 'Attach to Session' });
    },
    async pickWorkspaceFile(candidates, filename) {
      if (candidates.length === 1) return candidates[0];
      if (candidates.length > 1) {
        const picked = await vscode.window.showQuickPick(
          candidates.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
          { placeHolder: `Compare the agent's ${filename} with which workspace file?` },
        );
        return picked?.uri;
      }
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Compare', title: `No workspace file is named ${filename}: compare with which file?` });
      return picked?.[0];
    },
  };
}

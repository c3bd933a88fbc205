import * as vscode from 'vscode';
import { SHOW_VERSION } from '../../commandIds';

export function registerShowVersion(version: string): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_VERSION, () => {
    void vscode.window.showInformationMessage(`Claude Managed Agents ${version}`);
    return version;
  });
}

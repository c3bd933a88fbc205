import * as vscode from 'vscode';
import type { Services } from '../services';
import { SHOW_VERSION } from '../../commandIds';


export function registerShowVersion(services: Services): vscode.Disposable {
  const version = String(services.context.extension.packageJSON.version);
  return vscode.commands.registerCommand(SHOW_VERSION, () => {
    void vscode.window.showInformationMessage(`Claude Managed Agents ${version}`);
    return version;
  });
}

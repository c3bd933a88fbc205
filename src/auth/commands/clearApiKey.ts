import * as vscode from 'vscode';
import type { Services } from '../../shared/services';
import { CLEAR_API_KEY } from '../../commandIds';


export function registerClearApiKey(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(CLEAR_API_KEY, async () => {
    await services.keyStore.clear();
    void vscode.window.showInformationMessage('API key removed from secret storage.');
  });
}

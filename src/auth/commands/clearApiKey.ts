import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKeyStore';
import { CLEAR_API_KEY } from '../../commandIds';

export function registerClearApiKey(keyStore: ApiKeyStore): vscode.Disposable {
  return vscode.commands.registerCommand(CLEAR_API_KEY, async () => {
    await keyStore.clear();
    void vscode.window.showInformationMessage('API key removed from secret storage.');
  });
}

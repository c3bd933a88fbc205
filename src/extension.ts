import * as vscode from 'vscode';

export interface ManagedAgentsExtensionApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): ManagedAgentsExtensionApi {
  const version = String(context.extension.packageJSON.version);
  context.subscriptions.push(
    vscode.commands.registerCommand('managedAgents.showVersion', () => {
      void vscode.window.showInformationMessage(`Claude Managed Agents ${version}`);
      return version;
    }),
  );
  return { version };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

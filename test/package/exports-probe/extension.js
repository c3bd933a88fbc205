// Another extension, as any installed one could be: it activates Claude Managed Agents and says which
// properties its activate() returned. An installed extension (Production mode) must hand out only its version.
'use strict';
const vscode = require('vscode');

exports.activate = function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('managedAgentsExportsProbe.show', async () => {
      const extension = vscode.extensions.getExtension('managed-agents-tools.managed-agents');
      const api = extension ? await extension.activate() : undefined;
      const keys = api && typeof api === 'object' ? Object.keys(api).sort() : [];
      void vscode.window.showInformationMessage(`Managed Agents exports: [${keys.join(', ')}]`);
    }),
  );
};

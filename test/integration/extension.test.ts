// The extension under development loads and answers in a real VS Code extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { browser, skipWithoutBridge } from './helpers/bridge';
import { EXTENSION_ID, requireEnv } from './helpers/env';
import { activateProbe } from './helpers/probe';

describe('extension in a real VS Code', () => {
  it('is present and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded (is the repo root the extensionDevelopmentPath?)`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers managedAgents.showVersion, which returns the package version', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('managedAgents.showVersion'), 'command managedAgents.showVersion is not registered');
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const version = await vscode.commands.executeCommand<string>('managedAgents.showVersion');
    assert.equal(version, extension.packageJSON.version, 'managedAgents.showVersion returned the wrong version');
  });

  it('shows the version in a notification', async function () {
    skipWithoutBridge(this);
    const version = String(vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.version);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('managedAgents.showVersion');
    // The test host runs with the smoke-test driver, which hides toasts: read the notification center.
    await vscode.commands.executeCommand('notifications.showList');
    try {
      // The words of the message itself: VS Code's own "Activating Extensions..." item also holds the
      // extension's name (as its source, not shown), and was taken for ours once.
      const item = await browser.query('.notifications-center .notification-list-item', { hasText: `Claude Managed Agents ${version}` });
      assert.match(item.text, new RegExp(`Claude Managed Agents ${version.replace(/\./g, '\\.')}`));
      await browser.screenshot('integration-version-notification');
    } finally {
      await vscode.commands.executeCommand('notifications.hideList');
    }
  });

  it('reads managedAgents.baseUrl as the simulator URL the runner set', () => {
    const expected = requireEnv('simulatorUrl', 'MANAGED_AGENTS_TEST_SIMULATOR_URL');
    assert.equal(vscode.workspace.getConfiguration('managedAgents').get<string>('baseUrl'), expected);
  });

  it('has a working SecretStorage in this host', async () => {
    const { secrets } = await activateProbe();
    const key = `integration-probe-${Date.now()}`;
    await secrets.store(key, 'secret value');
    assert.equal(await secrets.get(key), 'secret value');
    await secrets.delete(key);
    assert.equal(await secrets.get(key), undefined);
  });
});

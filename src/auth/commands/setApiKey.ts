import * as vscode from 'vscode';
import { APIError, ManagedAgentsClient } from '../../api';
import { describeError, notify } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import type { ApiKeyStore } from '../apiKeyStore';
import type { BaseUrlGuard } from '../baseUrlGuard';
import { SET_API_KEY } from '../../commandIds';

/** Where a candidate key is checked and kept. */
interface KeyParts {
  /** The extension's client: the prompt names where it sends requests. */
  client: ManagedAgentsClient;
  keyStore: ApiKeyStore;
  settings: Settings;
  guard: BaseUrlGuard;
}

/**
 * Asks for a key (or takes one as an argument, for automation), checks it with one API call, and
 * stores it only if the API accepted it. Returns whether a key was stored.
 */
export function registerSetApiKey(parts: KeyParts): vscode.Disposable {
  return vscode.commands.registerCommand(SET_API_KEY, async (keyArgument?: string): Promise<boolean> => {
    if (typeof keyArgument === 'string') {
      const problem = await checkKey(parts, keyArgument.trim());
      if (problem) {
        void notify('error', problem);
        return false;
      }
      await parts.keyStore.set(keyArgument.trim());
      return true;
    }
    return promptForKey(parts);
  });
}

function promptForKey(parts: KeyParts): Promise<boolean> {
  return new Promise((resolve) => {
    const input = vscode.window.createInputBox();
    input.title = 'Managed Agents: Set API Key';
    input.prompt = `Your Anthropic API key, checked against ${parts.client.baseUrl} before it is saved in VS Code's secret storage.`;
    input.placeholder = 'sk-ant-...';
    input.password = true;
    input.ignoreFocusOut = true;
    let stored = false;
    // Escape while the key is being checked (a slow link) ends the check.
    const checking = new AbortController();
    input.onDidChangeValue(() => (input.validationMessage = undefined));
    input.onDidAccept(async () => {
      const key = input.value.trim();
      if (!key) {
        input.validationMessage = 'Enter a key, or press Escape to cancel.';
        return;
      }
      input.busy = true;
      input.enabled = false;
      const problem = await checkKey(parts, key, checking.signal);
      input.busy = false;
      input.enabled = true;
      if (checking.signal.aborted) return;
      if (problem) {
        // Keep the box open with what was typed, so a typo can be fixed.
        input.validationMessage = problem;
        return;
      }
      await parts.keyStore.set(key);
      stored = true;
      input.hide();
      void vscode.window.showInformationMessage('API key saved. The sessions list will refresh.');
    });
    input.onDidHide(() => {
      checking.abort();
      input.dispose();
      resolve(stored);
    });
    input.show();
  });
}

/** One cheap call with the candidate key; returns why it was refused, or undefined if accepted. */
async function checkKey(parts: KeyParts, key: string, signal?: AbortSignal): Promise<string | undefined> {
  if (!key) return 'The key is empty.';
  const settings = parts.settings.current;
  // The candidate key goes where every request goes, so it is held back from an insecure host too.
  const probe = new ManagedAgentsClient({
    baseURL: settings.baseUrl,
    workspaceId: settings.workspaceId,
    // The same way out as every other request: a key checked behind a proxy goes through it.
    network: settings.network,
    apiKey: async ({ baseURL }) => {
      await parts.guard.authorize(baseURL);
      return key;
    },
    maxRetries: 1,
  });
  try {
    await probe.sessions.list({ limit: 1 }, { signal }).firstPage();
    return undefined;
  } catch (error) {
    if (error instanceof APIError && error.isAuthenticationError) return 'The API rejected this key (401). Check that you copied the whole key.';
    return `The key could not be checked: ${describeError(error)}`;
  } finally {
    void probe.close();
  }
}

// The one API client everything uses. It follows the settings (base URL, workspace id, proxy and
// certificates) as they change, and gets the key from the key store only once the guard allows the
// destination. Creating it sends nothing.
import * as vscode from 'vscode';
import { ManagedAgentsClient, type ClientOptions } from '../api';
import type { ApiKeyStore } from '../auth/apiKeyStore';
import type { BaseUrlGuard } from '../auth/baseUrlGuard';
import { describeError } from './errors';
import { logRequest } from './log';
import type { Settings } from './settings';

export interface ApiClientParts {
  settings: Settings;
  keyStore: ApiKeyStore;
  guard: BaseUrlGuard;
  log: vscode.LogOutputChannel;
  /** The extension's version, for the User-Agent. */
  version: string;
}

/** The client, and what stops it following the settings and closes it. */
export function createApiClient({ settings, keyStore, guard, log, version }: ApiClientParts): { client: ManagedAgentsClient; disposable: vscode.Disposable } {
  const initial = settings.current;
  const client = newClient({
    baseURL: initial.baseUrl,
    workspaceId: initial.workspaceId,
    // No key, no question; with a key, an insecure destination must be confirmed before it is sent.
    apiKey: async ({ baseURL }) => {
      const key = await keyStore.get();
      if (key) await guard.authorize(baseURL);
      return key;
    },
    network: initial.network,
    userAgent: `managed-agents-vscode/${version}`,
    onRequest: (entry) => logRequest(log, entry),
    // Once per change (the first request, a setting change): how requests leave the machine.
    onRoute: (route) => log.info(`Requests to ${new URL(client.baseUrl).host}: ${route}.`),
    onWarning: (message) => log.warn(message),
  });
  const following = settings.onDidChange((current) => {
    guard.settingsChanged();
    client.configure({ baseURL: current.baseUrl, workspaceId: current.workspaceId, network: current.network });
  });
  return {
    client,
    disposable: new vscode.Disposable(() => {
      following.dispose();
      void client.close();
    }),
  };
}

/** A base URL the client cannot use fails activation with which setting to change. */
function newClient(options: ClientOptions): ManagedAgentsClient {
  try {
    return new ManagedAgentsClient(options);
  } catch (error) {
    throw new Error(describeError(error), { cause: error });
  }
}

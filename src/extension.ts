// Activation wires the parts together and does nothing slow: no network, no waiting.
import * as vscode from 'vscode';
import { ManagedAgentsClient, type ClientOptions } from './api';
import { ApiKeyStore } from './auth/apiKeyStore';
import { registerCommands } from './commands';
import { HistoryPanelManager } from './history/panelManager';
import { HISTORY_VIEW_TYPE } from './webview/protocol';
import { describeError, onDidShowMessage, type ShownMessage } from './shared/errors';
import { createLog, logRequest } from './shared/log';
import { BaseUrlGuard } from './auth/baseUrlGuard';
import { activateSessions, type SessionsApi } from './sessions/activateSessions';
import type { Services } from './shared/services';
import { Settings } from './shared/settings';
import { activateYamlEditor } from './yaml/editor/activateYamlEditor';
import type { YamlEditor } from './yaml/editor/yamlEditor';

/** What any other extension gets from activate(): nothing privileged. */
export interface ManagedAgentsPublicApi {
  readonly version: string;
}

/**
 * What development and test runs get as well (the integration tests drive the extension through it).
 * Never handed out by an installed extension: it holds the key store and the key guard.
 */
export interface ManagedAgentsExtensionApi extends ManagedAgentsPublicApi {
  readonly services: Services;
  /** Resolves once start-up work that runs in the background is done. */
  readonly ready: Promise<void>;
  /** The Sessions sidebar: store, tree, view and replaceable dialogs (tests drive and observe them). */
  readonly sessions: SessionsApi;
  /** The Session history panels (open, reveal, restore; tests observe them). */
  readonly history: HistoryPanelManager;
  /** The YAML request bodies: diagnostics, lookups and replaceable pickers (tests answer them). */
  readonly yaml: YamlEditor;
  /** Asks before the key goes to a plain-http host other than this machine, or where the workspace points it (tests answer it). */
  readonly security: BaseUrlGuard;
  /** Every notification the extension shows through its message helpers (tests read them). */
  readonly onDidShowMessage: vscode.Event<ShownMessage>;
}

export function activate(context: vscode.ExtensionContext): ManagedAgentsPublicApi | ManagedAgentsExtensionApi {
  const log = createLog();
  const settings = new Settings();
  const keyStore = new ApiKeyStore(context.secrets);
  const guard = new BaseUrlGuard(context.globalState, log, () => settings.workspaceOverride('baseUrl'));
  const initial = settings.current;
  const client = createClient({
    baseURL: initial.baseUrl,
    workspaceId: initial.workspaceId,
    // No key, no question; with a key, an insecure destination must be confirmed before it is sent.
    apiKey: async ({ baseURL }) => {
      const key = await keyStore.get();
      if (key) await guard.authorize(baseURL);
      return key;
    },
    network: initial.network,
    userAgent: `managed-agents-vscode/${context.extension.packageJSON.version}`,
    onRequest: (entry) => logRequest(log, entry),
    // Once per change (the first request, a setting change): how requests leave the machine.
    onRoute: (route) => log.info(`Requests to ${new URL(client.baseUrl).host}: ${route}.`),
    onWarning: (message) => log.warn(message),
  });
  const services: Services = { context, client, keyStore, settings, log, guard };
  // The workspace id carries no secret, but the log says when a workspace chooses it.
  let workspaceIdSource = '';
  const logWorkspaceIdSource = () => {
    const override = settings.workspaceOverride('workspaceId');
    const source = override ? `${override.file} ${override.value}` : '';
    if (source === workspaceIdSource) return;
    workspaceIdSource = source;
    if (override) {
      log.info(`"managedAgents.workspaceId" comes from ${override.label.replace(/^This/, 'this')} (${override.file}): ${override.value} is sent as anthropic-workspace-id${override.userValue ? ` instead of your own ${override.userValue}` : ''}.`);
    }
  };
  logWorkspaceIdSource();

  context.subscriptions.push(
    log,
    settings,
    keyStore,
    { dispose: () => void client.close() },
    settings.onDidChange((s) => {
      guard.settingsChanged();
      client.configure({ baseURL: s.baseUrl, workspaceId: s.workspaceId, network: s.network });
      logWorkspaceIdSource();
    }),
  );

  const history = new HistoryPanelManager(services);
  context.subscriptions.push(
    history,
    vscode.window.registerWebviewPanelSerializer(HISTORY_VIEW_TYPE, history),
  );

  const sessions = activateSessions(services);
  context.subscriptions.push(sessions);

  const yaml = activateYamlEditor(services, sessions.feature, history);
  context.subscriptions.push(yaml, ...registerCommands({ services, history, sessions: sessions.feature, yaml }));

  const ready = keyStore.seedForDevelopment(context.extensionMode).catch((error) => log.error('Could not seed the development key', error));
  const version = String(context.extension.packageJSON.version);
  // Any extension may call activate(): an installed one hands out nothing that reaches the key.
  if (context.extensionMode === vscode.ExtensionMode.Production) return { version };
  return { version, services, ready, history, sessions, yaml, security: guard, onDidShowMessage };
}

/** The client; a base URL it cannot use fails activation with which setting to change. */
function createClient(options: ClientOptions): ManagedAgentsClient {
  try {
    return new ManagedAgentsClient(options);
  } catch (error) {
    throw new Error(describeError(error));
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

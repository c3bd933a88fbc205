// Activation wires the parts together and does nothing slow: no network, no waiting.
import * as vscode from 'vscode';
import { ApiKeyStore } from './auth/apiKeyStore';
import { BaseUrlGuard } from './auth/baseUrlGuard';
import { registerCommands } from './commands';
import { activateFiles, type FilesParts } from './files/activateFiles';
import { HistoryPanelManager } from './history/panelManager';
import { ExternalOpener } from './shared/externalOpener';
import { activateLinks, type LinksParts } from './links/activateLinks';
import { activateSessions, type SessionsParts } from './sessions/activateSessions';
import { createApiClient } from './shared/apiClient';
import { onDidShowMessage, type ShownMessage } from './shared/errors';
import { createLog } from './shared/log';
import { extensionVersion, type Services } from './shared/services';
import { logWorkspaceIdSource, Settings } from './shared/settings';
import { HISTORY_VIEW_TYPE } from './webview/protocol';
import { activateYamlEditor, type YamlParts } from './yaml/editor/activateYamlEditor';

/** What any other extension gets from activate(): nothing privileged. */
export interface ManagedAgentsPublicApi {
  readonly version: string;
}

/**
 * What development and test runs get as well (the integration tests drive the extension through it).
 * Never handed out by an installed extension: it holds the key store and the key guard.
 */
export interface ManagedAgentsExtensionApi extends ManagedAgentsPublicApi {
  /** The client, key store, settings, log and key guard (tests answer the guard's question). */
  readonly services: Services;
  /** Resolves once start-up work that runs in the background is done. */
  readonly ready: Promise<void>;
  /** The sessions feature: store, view, context keys, status bar and dialogs (tests drive, observe and answer them). */
  readonly sessions: SessionsParts;
  /** The Session history panels (open, reveal, restore; tests observe them). */
  readonly history: HistoryPanelManager;
  /** The YAML request bodies: diagnostics, lookups, update baselines and New Session's pickers (tests answer them). */
  readonly yaml: YamlParts;
  /** Session files: the read-only file system of the agent's files, and the file dialogs (tests answer them). */
  readonly files: FilesParts;
  /** Links: the opener of Console addresses (tests see what would open) and the handler of the extension's links. */
  readonly links: LinksParts;
  /** Every notification the extension shows through its message helpers (tests read them). */
  readonly onDidShowMessage: vscode.Event<ShownMessage>;
}

export function activate(context: vscode.ExtensionContext): ManagedAgentsPublicApi | ManagedAgentsExtensionApi {
  const version = extensionVersion(context);
  const log = createLog();
  const settings = new Settings();
  const keyStore = new ApiKeyStore(context.secrets);
  const guard = new BaseUrlGuard(context.globalState, log, () => settings.workspaceOverride('baseUrl'));
  const { client, disposable: clientLifetime } = createApiClient({ settings, keyStore, guard, log, version });
  context.subscriptions.push(log, settings, keyStore, clientLifetime, logWorkspaceIdSource(settings, log));
  const services: Services = { context, client, keyStore, settings, log, guard };

  const opener = new ExternalOpener();
  const history = new HistoryPanelManager(services, opener);
  const sessions = activateSessions(services);
  const yaml = activateYamlEditor(services, sessions.store);
  const files = activateFiles(services, sessions.files);
  const links = activateLinks(services, history, opener);
  context.subscriptions.push(
    history,
    vscode.window.registerWebviewPanelSerializer(HISTORY_VIEW_TYPE, history),
    sessions,
    yaml,
    files,
    ...links.disposables,
    // Files attached or removed (from the panel, the tree or the palette): an open inspector lists them again.
    sessions.files.onDidChange((sessionId) => history.get(sessionId)?.resourcesChanged()),
    ...registerCommands(services, sessions, yaml, history, files, links.parts),
  );

  const ready = keyStore.seedForDevelopment(context.extensionMode).catch((error) => log.error('Could not seed the development key', error));
  // Any extension may call activate(): an installed one hands out nothing that reaches the key.
  if (context.extensionMode === vscode.ExtensionMode.Production) return { version };
  return { version, services, ready, sessions, history, yaml, files, links: links.parts, onDidShowMessage };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

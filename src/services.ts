// The parts of the extension that commands, views and panels share, built once at activation.
import type * as vscode from 'vscode';
import type { ManagedAgentsClient } from './api';
import type { ApiKeyStore } from './auth/apiKeyStore';
import type { Settings } from './settings';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly client: ManagedAgentsClient;
  readonly keyStore: ApiKeyStore;
  readonly settings: Settings;
  readonly log: vscode.LogOutputChannel;
}

// The parts of the extension that commands, views and panels share, built once at activation.
import type * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../api';
import type { ApiKeyStore } from '../auth/apiKeyStore';
import type { BaseUrlGuard } from '../auth/baseUrlGuard';
import type { Settings } from './settings';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly client: ManagedAgentsClient;
  readonly keyStore: ApiKeyStore;
  readonly settings: Settings;
  readonly log: vscode.LogOutputChannel;
  /** Holds the key back from plain-http hosts other than this machine until the user agrees. */
  readonly guard: BaseUrlGuard;
}

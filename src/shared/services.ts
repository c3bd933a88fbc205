// The extension's core, built once at activation: the API client, the key store and its guard, the
// settings, the log and the extension context. The features are wired from it (the sessions, the YAML
// bodies, the history panels); a command gets only the parts it acts on (src/commands.ts).
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

/** The extension's version, from its package.json. */
export function extensionVersion(context: vscode.ExtensionContext): string {
  return String((context.extension.packageJSON as { version?: unknown }).version);
}

// Telling a person about a failure: the notification, and for a missing or rejected key the way to set
// one. The sentence itself comes from describeError (./describeError.ts, which needs no vscode).
import * as vscode from 'vscode';
import { APIUserAbortError, isAuthFailure } from '../api';
import { SET_API_KEY } from '../commandIds';
import { describeError } from './describeError';

export { describeError };

/** A notification the extension showed (the extension API passes these on, so tests can read them). */
export interface ShownMessage {
  readonly severity: 'error' | 'warning' | 'info';
  readonly text: string;
}

const shown = new vscode.EventEmitter<ShownMessage>();
/** Fires for every notification shown through `notify` (and so through `showError`). */
export const onDidShowMessage = shown.event;

/** Shows a (non-modal) notification and records it. */
export function notify(severity: ShownMessage['severity'], text: string, ...actions: string[]): Thenable<string | undefined> {
  shown.fire({ severity, text });
  const show = severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  return show(text, ...actions);
}

/** Shows an error; a missing or rejected key offers to set one. A cancellation (the person chose it) shows nothing. */
export async function showError(prefix: string, error: unknown): Promise<void> {
  if (error instanceof APIUserAbortError) return;
  const message = `${prefix}: ${describeError(error)}`;
  if (isAuthFailure(error)) {
    const choice = await notify('error', message, 'Set API Key');
    if (choice) await vscode.commands.executeCommand(SET_API_KEY);
    return;
  }
  await notify('error', message);
}

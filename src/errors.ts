// Turning any failure into the one sentence a person sees.
import * as vscode from 'vscode';
import { APIError, ManagedAgentsError, MissingApiKeyError } from './api';
import { SET_API_KEY } from './commands/setApiKey';

export function describeError(error: unknown): string {
  if (error instanceof ManagedAgentsError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Shows an error; a missing or rejected key offers to set one. */
export async function showError(prefix: string, error: unknown): Promise<void> {
  const message = `${prefix}: ${describeError(error)}`;
  const needsKey = error instanceof MissingApiKeyError || (error instanceof APIError && error.isAuthenticationError);
  if (needsKey) {
    const choice = await vscode.window.showErrorMessage(message, 'Set API Key');
    if (choice) await vscode.commands.executeCommand(SET_API_KEY);
    return;
  }
  await vscode.window.showErrorMessage(message);
}

// Turning any failure into the one sentence a person sees.
import * as vscode from 'vscode';
import { APIError, APIUserAbortError, ManagedAgentsError, MissingApiKeyError, ProxyError } from '../api';
import { SET_API_KEY } from '../commandIds';

export function describeError(error: unknown): string {
  if (error instanceof ProxyError) return `${error.message} ${proxyAdvice(error)}`;
  if (error instanceof ManagedAgentsError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Which settings (or environment variable) to check, for a proxy configured in one or the other. */
function proxyAdvice(error: ProxyError): string {
  const fromSettings = error.source.startsWith('http.');
  const where = fromSettings ? `the "${error.source}" setting` : `the ${error.source} environment variable (the "http.proxy" setting takes precedence over it)`;
  switch (error.problem) {
    case 'auth':
      return fromSettings
        ? 'Check the credentials in "http.proxy" (http://user:password@host:port) or set "http.proxyAuthorization".'
        : `Check the credentials in ${error.source} (http://user:password@host:port), or set "http.proxy" and "http.proxyAuthorization".`;
    case 'refused':
    case 'webPage':
      return `Check ${where}, and add the API's host to "http.noProxy" if it should not go through the proxy.`;
    case 'unreachable':
      return `Check ${where} and that the proxy is running; "http.proxySupport": "off" sends requests direct.`;
    case 'certificate':
      return 'Add the proxy\'s CA certificate to the system store (with "http.systemCertificates" on) or to NODE_EXTRA_CA_CERTS, or turn "http.proxyStrictSSL" off.';
    case 'unusable':
      return `Check ${where}.`;
  }
}

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
  const needsKey = error instanceof MissingApiKeyError || (error instanceof APIError && error.isAuthenticationError);
  if (needsKey) {
    const choice = await notify('error', message, 'Set API Key');
    if (choice) await vscode.commands.executeCommand(SET_API_KEY);
    return;
  }
  await notify('error', message);
}

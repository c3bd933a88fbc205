// The webview's handle on VS Code: typed postMessage and state, acquired once.
import { MAX_LOG_CHARS, type HistoryWebviewState, type WebviewMessage } from './protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): HistoryWebviewState | undefined;
  setState(state: HistoryWebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const vscode: VsCodeApi = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

/** Tells the host's log; a long message is shortened to what the host takes. */
export function logToHost(level: 'info' | 'error', message: string): void {
  post({ type: 'log', level, message: message.length > MAX_LOG_CHARS ? `${message.slice(0, MAX_LOG_CHARS - 1)}…` : message });
}

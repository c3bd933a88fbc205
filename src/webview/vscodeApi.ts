// The webview's handle on VS Code: typed postMessage and state, acquired once.
import type { HistoryWebviewState, WebviewMessage } from './protocol';

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

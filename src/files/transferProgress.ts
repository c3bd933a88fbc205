// Progress for an upload or download: a notification with the bytes moved so far and a Cancel button
// that ends the transfer through its signal.
import * as vscode from 'vscode';
import { APIUserAbortError } from '../api';
import { formatBytes } from '../webview/format';

export type ReportBytes = (bytesDone: number, bytesTotal: number | undefined) => void;

export function withTransferProgress<T>(title: string, task: (signal: AbortSignal, onProgress: ReportBytes) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort(new APIUserAbortError()));
      let shownPercent = 0;
      let shownAt = 0;
      const onProgress: ReportBytes = (done, total) => {
        const now = Date.now();
        // A few updates a second are plenty; each one is a message to the workbench.
        if (now - shownAt < 250 && done !== total) return;
        shownAt = now;
        const percent = total ? Math.floor((done / total) * 100) : 0;
        progress.report({ message: total ? `${formatBytes(done)} of ${formatBytes(total)}` : formatBytes(done), increment: percent - shownPercent });
        shownPercent = percent;
      };
      try {
        return await task(controller.signal, onProgress);
      } finally {
        cancel.dispose();
      }
    }),
  );
}

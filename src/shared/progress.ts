// Progress for work that waits on the network, so a slow link never holds a command: it shows where
// the person looks (a notification, the view, the status bar) and, when that place has no Cancel
// button, a notification with one appears once the wait is longer than a moment. Cancel ends the wait
// at once with an APIUserAbortError, and ends the task's requests through its signal; a create or a
// send ('detach') is not cut off, as the server may already have acted: only the waiting stops, and
// StoppedWaiting hands the caller what is still under way.
import * as vscode from 'vscode';
import { APIUserAbortError } from '../api';

/** How long a wait may last before a notification with Cancel appears beside a view's progress. */
const SLOW_WAIT_MS = 1_000;

export interface WaitOptions {
  location: vscode.ProgressLocation | { viewId: string };
  title: string;
  /** 'abort' (default): Cancel ends the task's requests. 'detach': Cancel only stops the waiting. */
  onCancel?: 'abort' | 'detach';
}

/** The person stopped waiting for a task that goes on: `outcome` settles when it is done. */
export class StoppedWaiting extends APIUserAbortError {
  constructor(readonly outcome: Promise<unknown>) {
    super('You stopped waiting; the request goes on, and you will be told how it ends.');
  }
}

export function withCancellableProgress<T>(options: WaitOptions, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const detach = options.onCancel === 'detach';
  const work = Promise.resolve().then(() => task(detach ? new AbortController().signal : controller.signal));
  const cancelled = new Promise<never>((_resolve, reject) =>
    controller.signal.addEventListener('abort', () => reject(detach ? new StoppedWaiting(work) : new APIUserAbortError()), { once: true }),
  );
  const run = Promise.race([work, cancelled]);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  const withCancel = () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: options.title, cancellable: true }, (_progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      return settled;
    });
  if (options.location === vscode.ProgressLocation.Notification) {
    void withCancel();
  } else {
    void vscode.window.withProgress({ location: options.location, title: options.title }, () => settled);
    const timer = setTimeout(() => void withCancel(), SLOW_WAIT_MS);
    void settled.then(() => clearTimeout(timer));
  }
  return run;
}

/** The person cancelled (or stopped waiting): nothing to report as a failure. */
export function isCancellation(error: unknown): boolean {
  return error instanceof APIUserAbortError;
}

/** For `.catch()`: a cancellation ends quietly, anything else is thrown on. */
export function ignoreCancellation(error: unknown): undefined {
  if (isCancellation(error)) return undefined;
  throw error;
}

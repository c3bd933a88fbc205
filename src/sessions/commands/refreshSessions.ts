import * as vscode from 'vscode';
import { MissingApiKeyError } from '../../api';
import { showError } from '../../shared/errors';
import { ignoreCancellation } from '../../shared/progress';
import type { SessionsView } from '../sessionsView';
import type { SessionsStore } from '../store/sessionsStore';
import { REFRESH_SESSIONS } from '../../commandIds';

/** Refreshes the sessions list now. Failures show in the view; with the view hidden, as a notification. */
export function registerRefreshSessions(store: SessionsStore, view: SessionsView): vscode.Disposable {
  return vscode.commands.registerCommand(REFRESH_SESSIONS, async (): Promise<void> => {
    // Cancel stops the waiting; the refresh itself is shared with the view's and finishes on its own.
    if (!(await view.withProgress('Refreshing sessions…', () => store.refresh().then(() => true)).catch(ignoreCancellation))) return;
    const { load, error } = store.state;
    if (view.treeView.visible) return;
    if (load === 'noKey') void showError('Could not refresh sessions', error ?? new MissingApiKeyError());
    else if (load === 'error') void showError('Could not refresh sessions', error);
  });
}

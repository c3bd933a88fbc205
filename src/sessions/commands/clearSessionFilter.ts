import * as vscode from 'vscode';
import { ignoreCancellation } from '../../shared/progress';
import type { SessionsView } from '../sessionsView';
import type { SessionsStore } from '../store/sessionsStore';
import { CLEAR_SESSION_FILTER } from '../../commandIds';

/** Shows sessions of every status and agent again. */
export function registerClearSessionFilter(store: SessionsStore, view: SessionsView): vscode.Disposable {
  return vscode.commands.registerCommand(CLEAR_SESSION_FILTER, () =>
    view.withProgress('Loading sessions…', () => store.updateOptions({ statuses: [], agent: undefined })).catch(ignoreCancellation),
  );
}

import * as vscode from 'vscode';
import { ignoreCancellation } from '../../shared/progress';
import type { SessionsFeature } from '../sessionsFeature';
import { CLEAR_SESSION_FILTER } from '../../commandIds';


/** Shows sessions of every status and agent again. */
export function registerClearSessionFilter(sessions: SessionsFeature): vscode.Disposable {
  return vscode.commands.registerCommand(CLEAR_SESSION_FILTER, () =>
    sessions.withProgress('Loading sessions…', () => sessions.store.updateOptions({ statuses: [], agent: undefined })).catch(ignoreCancellation),
  );
}

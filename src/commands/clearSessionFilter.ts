import * as vscode from 'vscode';
import { ignoreCancellation } from '../progress';
import type { SessionsFeature } from '../sessions/sessionsFeature';

export const CLEAR_SESSION_FILTER = 'managedAgents.clearSessionFilter';

/** Shows sessions of every status and agent again. */
export function registerClearSessionFilter(sessions: SessionsFeature): vscode.Disposable {
  return vscode.commands.registerCommand(CLEAR_SESSION_FILTER, () =>
    sessions.withProgress('Loading sessions…', () => sessions.store.updateOptions({ statuses: [], agent: undefined })).catch(ignoreCancellation),
  );
}

import * as vscode from 'vscode';
import { ignoreCancellation } from '../progress';
import type { SessionsFeature } from '../sessions/sessionsFeature';

export const HIDE_ARCHIVED_SESSIONS = 'managedAgents.hideArchivedSessions';

/** Leaves archived sessions out of the list again (the title-bar toggle's "off" side). */
export function registerHideArchivedSessions(sessions: SessionsFeature): vscode.Disposable {
  return vscode.commands.registerCommand(HIDE_ARCHIVED_SESSIONS, () =>
    sessions.withProgress('Loading sessions…', () => sessions.store.updateOptions({ includeArchived: false })).catch(ignoreCancellation),
  );
}

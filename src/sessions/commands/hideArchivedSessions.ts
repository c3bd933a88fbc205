import * as vscode from 'vscode';
import { ignoreCancellation } from '../../shared/progress';
import type { SessionsFeature } from '../sessionsFeature';
import { HIDE_ARCHIVED_SESSIONS } from '../../commandIds';


/** Leaves archived sessions out of the list again (the title-bar toggle's "off" side). */
export function registerHideArchivedSessions(sessions: SessionsFeature): vscode.Disposable {
  return vscode.commands.registerCommand(HIDE_ARCHIVED_SESSIONS, () =>
    sessions.withProgress('Loading sessions…', () => sessions.store.updateOptions({ includeArchived: false })).catch(ignoreCancellation),
  );
}

import * as vscode from 'vscode';
import { ignoreCancellation } from '../../shared/progress';
import type { SessionsFeature } from '../sessionsFeature';
import { SHOW_ARCHIVED_SESSIONS } from '../../commandIds';


/** Lists archived sessions too (the title-bar toggle's "on" side). */
export function registerShowArchivedSessions(sessions: SessionsFeature): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_ARCHIVED_SESSIONS, () =>
    sessions.withProgress('Loading sessions…', () => sessions.store.updateOptions({ includeArchived: true })).catch(ignoreCancellation),
  );
}

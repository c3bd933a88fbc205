import * as vscode from 'vscode';
import { ignoreCancellation } from '../../shared/progress';
import type { SessionsView } from '../sessionsView';
import type { SessionsStore } from '../store/sessionsStore';
import { SHOW_ARCHIVED_SESSIONS } from '../../commandIds';

/** Lists archived sessions too (the title-bar toggle's "on" side). */
export function registerShowArchivedSessions(store: SessionsStore, view: SessionsView): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_ARCHIVED_SESSIONS, () =>
    view.withProgress('Loading sessions…', () => store.updateOptions({ includeArchived: true })).catch(ignoreCancellation),
  );
}

import * as vscode from 'vscode';
import { ignoreCancellation } from '../../shared/progress';
import type { SessionsView } from '../sessionsView';
import type { SessionsStore } from '../store/sessionsStore';
import { HIDE_ARCHIVED_SESSIONS } from '../../commandIds';

/** Leaves archived sessions out of the list again (the title-bar toggle's "off" side). */
export function registerHideArchivedSessions(store: SessionsStore, view: SessionsView): vscode.Disposable {
  return vscode.commands.registerCommand(HIDE_ARCHIVED_SESSIONS, () =>
    view.withProgress('Loading sessions…', () => store.updateOptions({ includeArchived: false })).catch(ignoreCancellation),
  );
}

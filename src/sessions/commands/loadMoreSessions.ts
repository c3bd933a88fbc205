import * as vscode from 'vscode';
import { showError } from '../../shared/errors';
import type { SessionsView } from '../sessionsView';
import type { SessionsStore } from '../store/sessionsStore';
import { LOAD_MORE_SESSIONS } from '../../commandIds';

/** Loads the next page of sessions (the "Load more…" row). */
export function registerLoadMoreSessions(store: SessionsStore, view: SessionsView): vscode.Disposable {
  return vscode.commands.registerCommand(LOAD_MORE_SESSIONS, async (): Promise<boolean> => {
    if (!store.state.hasMore) return false;
    try {
      await view.withProgress('Loading more sessions…', () => store.loadMore());
      return true;
    } catch (error) {
      void showError('Could not load more sessions', error);
      return false;
    }
  });
}

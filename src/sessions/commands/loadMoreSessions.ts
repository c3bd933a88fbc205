import * as vscode from 'vscode';
import { showError } from '../../shared/errors';
import type { SessionsFeature } from '../sessionsFeature';
import { LOAD_MORE_SESSIONS } from '../../commandIds';


/** Loads the next page of sessions (the "Load more…" row). */
export function registerLoadMoreSessions(sessions: SessionsFeature): vscode.Disposable {
  return vscode.commands.registerCommand(LOAD_MORE_SESSIONS, async (): Promise<boolean> => {
    if (!sessions.store.state.hasMore) return false;
    try {
      await sessions.withProgress('Loading more sessions…', () => sessions.store.loadMore());
      return true;
    } catch (error) {
      void showError('Could not load more sessions', error);
      return false;
    }
  });
}

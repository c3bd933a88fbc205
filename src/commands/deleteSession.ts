import * as vscode from 'vscode';
import { APIError } from '../api';
import { showError } from '../errors';
import { sessionLabel } from '../sessions/format';
import { resolveSessionArgument } from '../sessions/sessionArgument';
import type { SessionsFeature } from '../sessions/sessionsFeature';
import { isActive } from '../sessions/sessionState';

export const DELETE_SESSION = 'managedAgents.delete';

/** Deletes a session for good, after a modal confirmation naming it. Returns whether it was deleted. */
export function registerDeleteSession(sessions: SessionsFeature): vscode.Disposable {
  return vscode.commands.registerCommand(DELETE_SESSION, async (target?: unknown): Promise<boolean> => {
    const session = await resolveSessionArgument(sessions, target, {
      placeholder: 'Delete which session? (permanent)',
      eligible: () => true,
      noneMessage: 'There are no listed sessions to delete.',
    });
    if (!session) return false;
    const label = sessionLabel(session);
    const running = isActive(session.status) ? ' It is running now; deleting it ends the run.' : '';
    const confirmed = await sessions.ui.confirm(
      `Delete session "${label}"?`,
      `This permanently deletes session ${session.id} and its event history. It cannot be undone.${running}`,
      'Delete',
    );
    if (!confirmed) return false;
    try {
      await sessions.withProgress(`Deleting "${label}"…`, (signal) => sessions.services.client.sessions.delete(session.id, { signal }));
    } catch (error) {
      // Already gone is what the user wanted.
      if (!(error instanceof APIError && error.isNotFound)) {
        void showError(`Could not delete "${label}"`, error);
        return false;
      }
    }
    sessions.store.removeSession(session.id);
    vscode.window.setStatusBarMessage(`$(trash) Deleted "${label}"`, 4000);
    return true;
  });
}

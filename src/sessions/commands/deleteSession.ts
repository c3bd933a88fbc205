import * as vscode from 'vscode';
import { APIError } from '../../api';
import { sessionLabel } from '../../webview/format';
import { resolveSessionArgument } from '../sessionArgument';
import type { SessionsFeature } from '../sessionsFeature';
import { isActive } from '../sessionState';
import { actWhenStopped } from '../stopBeforeActing';
import { DELETE_SESSION } from '../../commandIds';


/**
 * Deletes a session for good, after a modal confirmation naming it. The API refuses to delete a
 * running session, so for those the confirmation offers to interrupt it first, waits until it
 * stops, and then deletes it. Returns whether it was deleted.
 */
export function registerDeleteSession(sessions: SessionsFeature): vscode.Disposable {
  return vscode.commands.registerCommand(DELETE_SESSION, async (target?: unknown): Promise<boolean> => {
    const session = await resolveSessionArgument(sessions, target, {
      placeholder: 'Delete which session? (permanent)',
      eligible: () => true,
      noneMessage: 'There are no listed sessions to delete.',
    });
    if (!session) return false;
    const label = sessionLabel(session);
    const permanent = `This permanently deletes session ${session.id} and its event history. It cannot be undone.`;
    // A running session is confirmed by the interrupt offer, which says the same.
    if (!isActive(session.status)) {
      const confirmed = await sessions.ui.confirm(`Delete session "${label}"?`, permanent, 'Delete');
      if (!confirmed) return false;
    }
    const deleted = await actWhenStopped(
      sessions,
      session,
      {
        kind: 'delete',
        button: 'Interrupt and Delete',
        question: (name) => `"${name}" is running. Delete it?`,
        detail: `A running session cannot be deleted. Interrupt it, wait until it stops, and then delete it? ${permanent}`,
        run: async () => {
          try {
            await sessions.withProgress(`Deleting "${label}"…`, (signal) => sessions.services.client.sessions.delete(session.id, { signal }));
          } catch (error) {
            // Already gone is what the user wanted.
            if (!(error instanceof APIError && error.isNotFound)) throw error;
          }
        },
      },
      `Could not delete "${label}"`,
    );
    if (!deleted) return false;
    sessions.store.removeSession(session.id);
    vscode.window.setStatusBarMessage(`$(trash) Deleted "${label}"`, 4000);
    return true;
  });
}

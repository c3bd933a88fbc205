import * as vscode from 'vscode';
import { APIError, type ManagedAgentsClient } from '../../api';
import { sessionLabel } from '../../webview/format';
import type { SessionArgument } from '../sessionArgument';
import type { SessionChooser } from '../sessionChooser';
import type { SessionDialogs } from '../sessionDialogs';
import { isActive } from '../sessionState';
import type { SessionsView } from '../sessionsView';
import { actWhenStopped } from '../stopBeforeActing';
import type { SessionsStore } from '../store/sessionsStore';
import { DELETE_SESSION } from '../../commandIds';

/**
 * Deletes a session for good, after a modal confirmation naming it. The API refuses to delete a
 * running session, so for those the confirmation offers to interrupt it first, waits until it
 * stops, and then deletes it. Returns whether it was deleted.
 */
export function registerDeleteSession({ client, store, view, chooser, dialogs }: {
  client: ManagedAgentsClient;
  store: SessionsStore;
  view: SessionsView;
  chooser: SessionChooser;
  dialogs: SessionDialogs;
}): vscode.Disposable {
  return vscode.commands.registerCommand(DELETE_SESSION, async (target?: SessionArgument): Promise<boolean> => {
    const session = await chooser.choose(target, {
      placeholder: 'Delete which session? (permanent)',
      eligible: () => true,
      noneMessage: 'There are no listed sessions to delete.',
    });
    if (!session) return false;
    const label = sessionLabel(session);
    const permanent = `This permanently deletes session ${session.id} and its event history. It cannot be undone.`;
    // A running session is confirmed by the interrupt offer, which says the same.
    if (!isActive(session.status)) {
      const confirmed = await dialogs.confirm(`Delete session "${label}"?`, permanent, 'Delete');
      if (!confirmed) return false;
    }
    const deleted = await actWhenStopped(
      { client, store, dialogs },
      session,
      {
        kind: 'delete',
        button: 'Interrupt and Delete',
        question: (name) => `"${name}" is running. Delete it?`,
        detail: `A running session cannot be deleted. Interrupt it, wait until it stops, and then delete it? ${permanent}`,
        run: async () => {
          try {
            await view.withProgress(`Deleting "${label}"…`, (signal) => client.sessions.delete(session.id, { signal }));
          } catch (error) {
            // Already gone is what the user wanted.
            if (!(error instanceof APIError && error.isNotFound)) throw error;
          }
        },
      },
      `Could not delete "${label}"`,
    );
    if (!deleted) return false;
    store.removeSession(session.id);
    vscode.window.setStatusBarMessage(`$(trash) Deleted "${label}"`, 4000);
    return true;
  });
}

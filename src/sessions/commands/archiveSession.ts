import * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../../api';
import { sessionLabel } from '../../webview/format';
import type { SessionArgument } from '../sessionArgument';
import type { SessionChooser } from '../sessionChooser';
import type { SessionDialogs } from '../sessionDialogs';
import type { SessionsView } from '../sessionsView';
import { actWhenStopped } from '../stopBeforeActing';
import type { SessionsStore } from '../store/sessionsStore';
import { ARCHIVE_SESSION } from '../../commandIds';

/**
 * Archives a session. The API refuses to archive a running one, so for those it offers to interrupt
 * first and waits until the session stops. Returns whether the session was archived.
 */
export function registerArchiveSession({ client, store, view, chooser, dialogs }: {
  client: ManagedAgentsClient;
  store: SessionsStore;
  view: SessionsView;
  chooser: SessionChooser;
  dialogs: SessionDialogs;
}): vscode.Disposable {
  return vscode.commands.registerCommand(ARCHIVE_SESSION, async (target?: SessionArgument): Promise<boolean> => {
    const session = await chooser.choose(target, {
      placeholder: 'Archive which session?',
      eligible: (entry) => !entry.session.archived_at,
      noneMessage: 'No listed session can be archived (they are all archived already).',
    });
    if (!session) return false;
    const label = sessionLabel(session);
    if (session.archived_at) {
      void vscode.window.showInformationMessage(`"${label}" is already archived.`);
      return false;
    }
    const archived = await actWhenStopped(
      { client, store, dialogs },
      session,
      {
        kind: 'archive',
        button: 'Interrupt and Archive',
        question: (name) => `"${name}" is running.`,
        detail: 'A running session cannot be archived. Interrupt it, wait until it stops, and then archive it?',
        run: async () => {
          await view.withProgress(`Archiving "${label}"…`, (signal) => client.sessions.archive(session.id, { signal }));
        },
      },
      `Could not archive "${label}"`,
    );
    if (!archived) return false;
    await store.refreshAfterAction(session.id);
    vscode.window.setStatusBarMessage(`$(archive) Archived "${label}"`, 4000);
    return true;
  });
}

import * as vscode from 'vscode';
import { sessionLabel } from '../../webview/format';
import { resolveSessionArgument } from '../sessionArgument';
import type { SessionsFeature } from '../sessionsFeature';
import { actWhenStopped } from '../stopBeforeActing';
import { ARCHIVE_SESSION } from '../../commandIds';


/**
 * Archives a session. The API refuses to archive a running one, so for those it offers to interrupt
 * first and waits until the session stops. Returns whether the session was archived.
 */
export function registerArchiveSession(sessions: SessionsFeature): vscode.Disposable {
  return vscode.commands.registerCommand(ARCHIVE_SESSION, async (target?: unknown): Promise<boolean> => {
    const session = await resolveSessionArgument(sessions, target, {
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
    const client = sessions.services.client;
    const archived = await actWhenStopped(
      sessions,
      session,
      {
        kind: 'archive',
        button: 'Interrupt and Archive',
        question: (name) => `"${name}" is running.`,
        detail: 'A running session cannot be archived. Interrupt it, wait until it stops, and then archive it?',
        run: async () => {
          await sessions.withProgress(`Archiving "${label}"…`, (signal) => client.sessions.archive(session.id, { signal }));
        },
      },
      `Could not archive "${label}"`,
    );
    if (!archived) return false;
    await sessions.refreshAfterAction(session.id);
    vscode.window.setStatusBarMessage(`$(archive) Archived "${label}"`, 4000);
    return true;
  });
}

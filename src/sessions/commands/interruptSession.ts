import * as vscode from 'vscode';
import { showError } from '../../shared/errors';
import { sessionLabel } from '../../webview/format';
import { resolveSessionArgument } from '../sessionArgument';
import type { SessionsFeature } from '../sessionsFeature';
import { isActive } from '../sessionState';
import { INTERRUPT_SESSION } from '../../commandIds';


/** Sends `user.interrupt` to a running session. Returns whether it was sent. */
export function registerInterruptSession(sessions: SessionsFeature): vscode.Disposable {
  return vscode.commands.registerCommand(INTERRUPT_SESSION, async (target?: unknown): Promise<boolean> => {
    const session = await resolveSessionArgument(sessions, target, {
      placeholder: 'Interrupt which session?',
      eligible: (entry) => isActive(entry.session.status) && !entry.session.archived_at,
      noneMessage: 'No listed session is running.',
    });
    if (!session) return false;
    const label = sessionLabel(session);
    if (!isActive(session.status)) {
      void vscode.window.showInformationMessage(`"${label}" is not running (it is ${session.status}); there is nothing to interrupt.`);
      return false;
    }
    try {
      // An interrupt that arrives after all does no harm, so Cancel may cut it off.
      await sessions.withProgress(`Interrupting "${label}"…`, (signal) =>
        sessions.services.client.sessions.events.send(session.id, { events: [{ type: 'user.interrupt' }] }, { signal }),
      );
    } catch (error) {
      void showError(`Could not interrupt "${label}"`, error);
      return false;
    }
    await sessions.refreshAfterAction(session.id, true);
    return true;
  });
}

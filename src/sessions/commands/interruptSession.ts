import * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../../api';
import { showError } from '../../shared/errors';
import { sessionLabel } from '../../webview/format';
import type { SessionArgument } from '../sessionArgument';
import type { SessionChooser } from '../sessionChooser';
import { isActive } from '../sessionState';
import type { SessionsView } from '../sessionsView';
import type { SessionsStore } from '../store/sessionsStore';
import { INTERRUPT_SESSION } from '../../commandIds';

/** Sends `user.interrupt` to a running session. Returns whether it was sent. */
export function registerInterruptSession({ client, store, view, chooser }: {
  client: ManagedAgentsClient;
  store: SessionsStore;
  view: SessionsView;
  chooser: SessionChooser;
}): vscode.Disposable {
  return vscode.commands.registerCommand(INTERRUPT_SESSION, async (target?: SessionArgument): Promise<boolean> => {
    const session = await chooser.choose(target, {
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
      await view.withProgress(`Interrupting "${label}"…`, (signal) => client.sessions.events.send(session.id, { events: [{ type: 'user.interrupt' }] }, { signal }));
    } catch (error) {
      void showError(`Could not interrupt "${label}"`, error);
      return false;
    }
    await store.refreshAfterAction(session.id, { expectActivity: true });
    return true;
  });
}

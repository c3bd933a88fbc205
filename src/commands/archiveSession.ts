import * as vscode from 'vscode';
import type { ManagedAgentsClient, Session } from '../api';
import { showError } from '../errors';
import { sessionLabel } from '../sessions/format';
import { resolveSessionArgument } from '../sessions/sessionArgument';
import type { SessionsFeature } from '../sessions/sessionsFeature';
import { isActive } from '../sessions/sessionState';

export const ARCHIVE_SESSION = 'managedAgents.archive';
const INTERRUPT_AND_ARCHIVE = 'Interrupt and Archive';
/** How long to wait for an interrupted session to stop before giving up on archiving it. */
const STOP_TIMEOUT_MS = 60_000;
const STOP_POLL_MS = 1_000;

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
    try {
      if (isActive(session.status)) {
        const choice = await sessions.ui.choose(
          `"${label}" is ${session.status}.`,
          'A running session cannot be archived. Interrupt it, wait until it stops, and then archive it?',
          [INTERRUPT_AND_ARCHIVE],
        );
        if (choice !== INTERRUPT_AND_ARCHIVE) return false;
        const stopped = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Interrupting "${label}" before archiving…`, cancellable: true },
          async (_progress, token) => {
            const cancel = new AbortController();
            token.onCancellationRequested(() => cancel.abort());
            await client.sessions.events.send(session.id, { events: [{ type: 'user.interrupt' }] }, { signal: cancel.signal });
            return waitUntilStopped(client, session.id, token, cancel.signal);
          },
        );
        if (!stopped) {
          await sessions.refreshAfterAction(session.id, true);
          if (stopped === false) void vscode.window.showWarningMessage(`"${label}" was interrupted but has not stopped yet, so it was not archived. Try again in a moment.`);
          return false;
        }
      }
      await sessions.withProgress(`Archiving "${label}"…`, (signal) => client.sessions.archive(session.id, { signal }));
    } catch (error) {
      void showError(`Could not archive "${label}"`, error);
      await sessions.refreshAfterAction(session.id);
      return false;
    }
    await sessions.refreshAfterAction(session.id);
    vscode.window.setStatusBarMessage(`$(archive) Archived "${label}"`, 4000);
    return true;
  });
}

/** True once the session is no longer running; false on timeout; undefined when cancelled. */
async function waitUntilStopped(client: ManagedAgentsClient, sessionId: string, token: vscode.CancellationToken, signal: AbortSignal): Promise<boolean | undefined> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  for (;;) {
    if (token.isCancellationRequested) return undefined;
    const current: Session = await client.sessions.retrieve(sessionId, { signal });
    if (!isActive(current.status)) return true;
    if (token.isCancellationRequested) return undefined;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, STOP_POLL_MS));
  }
}

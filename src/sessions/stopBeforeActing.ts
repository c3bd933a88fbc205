// Archive and Delete on a running session: the API refuses both while it runs, so the user is offered
// to interrupt it, the session is interrupted and watched until it stops (progress with a cancel
// button), and then the action runs. When the list was out of date and the API refuses an action
// because the session runs after all (400 or 409 alike), the same offer follows at once.
import * as vscode from 'vscode';
import type { ManagedAgentsClient, Session } from '../api';
import { notify, showError } from '../shared/errors';
import { sessionLabel } from '../webview/format';
import { currentSession, isRefusal, stateRefusalAdvice } from './refusals';
import type { SessionDialogs } from './sessionDialogs';
import { isActive } from './sessionState';
import type { SessionsStore } from './store/sessionsStore';

/** How long to wait for an interrupted session to stop before giving up on the action. */
const STOP_TIMEOUT_MS = 60_000;
const STOP_POLL_MS = 1_000;

/** What acting on a session that may run needs: the API, the list to update, and the question to ask. */
export interface StopBeforeActingParts {
  client: ManagedAgentsClient;
  store: SessionsStore;
  dialogs: SessionDialogs;
}

export interface LifecycleAction {
  kind: 'archive' | 'delete';
  /** The modal's confirming button, e.g. "Interrupt and Archive". */
  button: string;
  /** The modal's question for a session known to run, e.g. `"Fix tests" is running.` */
  question(label: string): string;
  /** The modal's detail: why it must stop first, and what happens then. */
  detail: string;
  /** Runs the action itself (with its own progress); rejects with the API's error. */
  run(): Promise<void>;
}

/**
 * Runs `action` on `session`, interrupting it first when the user agrees. True when the action ran;
 * false when the user declined or cancelled, or it failed (the user was told why).
 */
export async function actWhenStopped(parts: StopBeforeActingParts, session: Session, action: LifecycleAction, failurePrefix: string): Promise<boolean> {
  let offered = false;
  let known = session;
  for (;;) {
    try {
      if (isActive(known.status)) {
        offered = true;
        if (!(await interruptAndWait(parts, known, action))) return false;
      }
      await action.run();
      return true;
    } catch (error) {
      // Refused: the list said the session had stopped, but it may run after all. Offered once: a
      // session that runs again after it was stopped (queued input) gets the advice instead.
      const now = isRefusal(error) ? await currentSession(parts.client, session.id) : undefined;
      if (now && isActive(now.status) && !offered) {
        known = now;
        await parts.store.refreshAfterAction(session.id, { expectActivity: true });
        continue;
      }
      const advice = now && stateRefusalAdvice(action.kind, now);
      if (advice) void notify('warning', advice);
      else void showError(failurePrefix, error);
      await parts.store.refreshAfterAction(session.id);
      return false;
    }
  }
}

/** Asks, interrupts and waits until the session stops. True once it has stopped. */
async function interruptAndWait({ client, store, dialogs }: StopBeforeActingParts, session: Session, action: LifecycleAction): Promise<boolean> {
  const label = sessionLabel(session);
  const choice = await dialogs.choose(action.question(label), action.detail, [action.button]);
  if (choice !== action.button) return false;
  const verb = action.kind === 'archive' ? 'archiving' : 'deleting';
  const stopped = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Interrupting "${label}" before ${verb}…`, cancellable: true },
    async (_progress, token) => {
      const cancel = new AbortController();
      token.onCancellationRequested(() => cancel.abort());
      await client.sessions.events.send(session.id, { events: [{ type: 'user.interrupt' }] }, { signal: cancel.signal });
      return waitUntilStopped(client, session.id, token, cancel.signal);
    },
  );
  if (stopped) return true;
  await store.refreshAfterAction(session.id, { expectActivity: true });
  if (stopped === false) {
    const done = action.kind === 'archive' ? 'archived' : 'deleted';
    void vscode.window.showWarningMessage(`"${label}" was interrupted but has not stopped yet, so it was not ${done}. Try again in a moment.`);
  }
  return false;
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

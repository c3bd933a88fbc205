import * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../../api';
import { showError } from '../../shared/errors';
import type { SessionsView } from '../sessionsView';
import type { SessionsStore } from '../store/sessionsStore';
import { isActive, threadName } from '../sessionState';
import { threadOf, type ThreadRowArgument } from '../tree/threadNode';
import { INTERRUPT_THREAD } from '../../commandIds';

/**
 * Stops one thread of a multiagent session (`user.interrupt` with its `session_thread_id`); the other
 * threads go on. Run from a thread's row. Returns whether the interrupt was sent.
 */
export function registerInterruptThread({ client, store, view }: { client: ManagedAgentsClient; store: SessionsStore; view: SessionsView }): vscode.Disposable {
  return vscode.commands.registerCommand(INTERRUPT_THREAD, async (target?: ThreadRowArgument): Promise<boolean> => {
    const thread = threadOf(target, 'Interrupt Thread');
    if (!thread) return false;
    const name = threadName(thread);
    if (!isActive(thread.status)) {
      void vscode.window.showInformationMessage(`The thread of ${name} is not running (it is ${thread.status}); there is nothing to interrupt.`);
      return false;
    }
    try {
      await view.withProgress(`Interrupting ${name}…`, (signal) =>
        client.sessions.events.send(thread.session_id, { events: [{ type: 'user.interrupt', session_thread_id: thread.id }] }, { signal }),
      );
    } catch (error) {
      void showError(`Could not interrupt the thread of ${name}`, error);
      return false;
    }
    await store.refreshAfterAction(thread.session_id, { expectActivity: true });
    view.tree.refreshThreads(thread.session_id);
    return true;
  });
}

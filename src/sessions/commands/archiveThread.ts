import * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../../api';
import { showError } from '../../shared/errors';
import type { SessionsView } from '../sessionsView';
import { isPrimaryThread, threadName } from '../sessionState';
import { threadOf, type ThreadRowArgument } from '../tree/threadNode';
import { ARCHIVE_THREAD } from '../../commandIds';

/**
 * Archives a subagent's thread that has finished (the API refuses the primary thread and a thread
 * still at work). Run from a thread's row. Returns whether it was archived.
 */
export function registerArchiveThread({ client, view }: { client: ManagedAgentsClient; view: SessionsView }): vscode.Disposable {
  return vscode.commands.registerCommand(ARCHIVE_THREAD, async (target?: ThreadRowArgument): Promise<boolean> => {
    const thread = threadOf(target, 'Archive Thread');
    if (!thread) return false;
    const name = threadName(thread);
    if (isPrimaryThread(thread)) {
      void vscode.window.showInformationMessage(`The thread of ${name} is the session's primary thread: archive the session instead.`);
      return false;
    }
    if (thread.status !== 'idle') {
      void vscode.window.showInformationMessage(`The thread of ${name} is ${thread.status}: a thread is archived once it is idle. Interrupt it first.`);
      return false;
    }
    try {
      await view.withProgress(`Archiving the thread of ${name}…`, (signal) => client.sessions.threads.archive(thread.session_id, thread.id, { signal }));
    } catch (error) {
      void showError(`Could not archive the thread of ${name}`, error);
      return false;
    }
    view.tree.refreshThreads(thread.session_id);
    return true;
  });
}

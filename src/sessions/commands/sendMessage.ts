import * as vscode from 'vscode';
import { isAuthFailure, type ManagedAgentsClient } from '../../api';
import { describeError, notify, showError } from '../../shared/errors';
import { cancelledCheck, mayHaveActed, reconcileSend, sendReconciliationMessage } from '../../shared/lostResponse';
import { StoppedWaiting } from '../../shared/progress';
import { sessionLabel } from '../../webview/format';
import { currentSession, explainRefusal, overBudgetAdvice } from '../refusals';
import type { SessionArgument } from '../sessionArgument';
import type { SessionChooser } from '../sessionChooser';
import type { SessionDialogs } from '../sessionDialogs';
import { canReceiveMessages } from '../sessionState';
import type { SessionsView } from '../sessionsView';
import type { SessionsStore } from '../store/sessionsStore';
import { RAISE_BUDGET, SEND_MESSAGE } from '../../commandIds';

const RAISE_BUDGET_ACTION = 'Raise Budget…';

/**
 * Sends a user message. Arguments: a session (row, id or object; otherwise a quick pick asks) and,
 * optionally, the text (then no input box). Text that failed to send is kept per session and offered
 * again. Returns whether the message was sent. When the answer to a send is lost, the message is not
 * sent again: the session's newest events show whether it arrived, and the user is told.
 */
export function registerSendMessage({ client, store, view, chooser, dialogs, log }: {
  client: ManagedAgentsClient;
  store: SessionsStore;
  view: SessionsView;
  chooser: SessionChooser;
  dialogs: SessionDialogs;
  log: vscode.LogOutputChannel;
}): vscode.Disposable {
  const drafts = new Map<string, string>();
  return vscode.commands.registerCommand(SEND_MESSAGE, async (target?: SessionArgument, textArgument?: string): Promise<boolean> => {
    const session = await chooser.choose(target, {
      placeholder: 'Send a message to which session?',
      eligible: (entry) => canReceiveMessages(entry.session),
      noneMessage: 'No listed session can receive messages (archived and terminated sessions cannot).',
    });
    if (!session) return false;
    const label = sessionLabel(session);
    if (!canReceiveMessages(session)) {
      void vscode.window.showWarningMessage(`"${label}" is ${session.archived_at ? 'archived' : 'terminated'} and accepts no messages. Start a new session instead.`);
      return false;
    }
    if (session.budget) {
      // Over its budget the turn would stop at once, so the budget is raised first. The list's spend
      // may be minutes old: look at the session as it is now.
      const advice = overBudgetAdvice((await currentSession(client, session.id)) ?? session);
      if (advice) {
        void notify('warning', advice, RAISE_BUDGET_ACTION).then((choice) => {
          if (choice) void vscode.commands.executeCommand(RAISE_BUDGET, session.id);
        });
        return false;
      }
    }
    const interactive = typeof textArgument !== 'string';
    let problem: string | undefined;
    for (;;) {
      const text = interactive ? await dialogs.askMessage(session, drafts.get(session.id), problem) : textArgument;
      if (text === undefined || !text.trim()) return false;
      if (interactive) drafts.set(session.id, text);
      const events = [{ type: 'user.message' as const, content: [{ type: 'text' as const, text }] }];
      const startedAt = Date.now();
      try {
        // Cancel stops the waiting, not the send: it may already have reached the session.
        await view.withProgress(`Sending message to "${label}"…`, () => client.sessions.events.send(session.id, { events }), 'detach');
        drafts.delete(session.id);
        await store.refreshAfterAction(session.id, { expectActivity: true });
        return true;
      } catch (error) {
        if (error instanceof StoppedWaiting) {
          error.outcome.then(
            async () => {
              drafts.delete(session.id);
              void notify('info', `Your message reached "${label}".`);
              await store.refreshAfterAction(session.id, { expectActivity: true });
            },
            (late: unknown) => void showError(`Could not send the message to "${label}" (it is kept for the next try)`, late),
          );
          return false;
        }
        if (mayHaveActed(error)) {
          const result = await view
            .withProgress(`Checking whether the message reached "${label}"…`, (signal) => reconcileSend(client, session.id, events, { startedAt, signal }))
            .catch(cancelledCheck);
          const message = sendReconciliationMessage(error, result);
          log.warn(`Sending to ${session.id}: ${describeError(error)}. ${message}`);
          if (result.outcome === 'arrived') {
            drafts.delete(session.id);
            void notify('info', message);
            await store.refreshAfterAction(session.id, { expectActivity: true });
            return true;
          }
          void notify(result.outcome === 'notArrived' ? 'error' : 'warning', message);
          // Not known to have arrived: the text waits as a draft; asking again only when it surely did not arrive.
          if (!interactive || result.outcome === 'unknown') return false;
          problem = message;
          continue;
        }
        // Refused because of the session's state (400 or 409): say so once; the text stays a draft.
        const explained = await explainRefusal(client, 'send', session.id, error);
        if (explained) {
          void notify('warning', `Not sent: ${explained.advice}`);
          await store.refreshAfterAction(session.id);
          return false;
        }
        void showError(`Could not send the message to "${label}"`, error);
        // Without a valid key a retry cannot work; the draft waits for the next attempt.
        if (!interactive || isAuthFailure(error)) return false;
        problem = describeError(error);
      }
    }
  });
}

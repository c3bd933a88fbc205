// "Managed Agents: Send Events from YAML": the buffer's `events: [...]` is the body of
// POST /v1/sessions/{id}/events. The session is the one the caller names, else the header's, else
// the one selected in the sidebar, else one picked. The buffer is never changed.
import * as vscode from 'vscode';
import type { EventSendParams, ManagedAgentsClient } from '../../api';
import { explainRefusal } from '../../sessions/refusals';
import type { SessionArgument } from '../../sessions/sessionArgument';
import type { SessionChooser } from '../../sessions/sessionChooser';
import { canReceiveMessages } from '../../sessions/sessionState';
import type { SessionsView } from '../../sessions/sessionsView';
import type { SessionsStore } from '../../sessions/store/sessionsStore';
import { describeError, notify, showError } from '../../shared/errors';
import { cancelledCheck, mayHaveActed, reconcileSend, sendReconciliationMessage } from '../../shared/lostResponse';
import { StoppedWaiting } from '../../shared/progress';
import { sessionLabel } from '../../webview/format';
import {
  checkBeforeSending,
  documentName,
  resolveBodyDocument,
  targetSession,
  withProgress,
  type BodyDocumentArgument,
  type YamlCommandOutcome,
} from '../editor/bodyCommands';
import type { BodyDiagnostics } from '../editor/bodyDiagnostics';
import { OPEN_HISTORY, SEND_EVENTS_FROM_YAML } from '../../commandIds';

/** Arguments: the document (URI or document; default the active editor's) and, optionally, the session (id or row). */
export function registerSendEventsFromYaml({ client, log, diagnostics, store, view, chooser }: {
  client: ManagedAgentsClient;
  log: vscode.LogOutputChannel;
  diagnostics: BodyDiagnostics;
  store: SessionsStore;
  view: SessionsView;
  chooser: SessionChooser;
}): vscode.Disposable {
  return vscode.commands.registerCommand(SEND_EVENTS_FROM_YAML, async (argument?: BodyDocumentArgument, target?: SessionArgument): Promise<YamlCommandOutcome> => {
    const document = await resolveBodyDocument(argument);
    if (!document) return { status: 'noDocument' };
    const checked = checkBeforeSending(diagnostics, log, document, 'send');
    if ('refused' in checked) return checked.refused;
    const session = await targetSession({ chooser, view }, target, checked.check.sessionId, 'Send the events to which session?', canReceiveMessages);
    if (!session) return { status: 'cancelled' };
    const body = checked.check.value as EventSendParams;
    const label = sessionLabel(session);
    const count = body.events.length;
    const what = `${count} event${count === 1 ? '' : 's'}`;
    const startedAt = Date.now();
    let note: string | undefined;
    try {
      // Cancel stops the waiting, not the send: the events may already have reached the session.
      await withProgress(`Sending ${what} from ${documentName(document)} to "${label}"…`, () => client.sessions.events.send(session.id, body), 'detach');
    } catch (error) {
      if (error instanceof StoppedWaiting) {
        error.outcome.then(
          () => void notify('info', `Sent ${what} to "${label}".`),
          (late: unknown) => void showError(`Could not send the events to "${label}" (the buffer is unchanged)`, late),
        );
        return { status: 'cancelled' };
      }
      if (!mayHaveActed(error)) {
        const explained = await explainRefusal(client, 'send', session.id, error);
        if (explained) {
          void notify('warning', `Nothing was sent: ${explained.advice}`);
          await store.refreshAfterAction(session.id);
          return { status: 'failed', message: explained.advice };
        }
        void showError(`Could not send the events to "${label}" (the buffer is unchanged)`, error);
        return { status: 'failed', message: describeError(error) };
      }
      // Never sent again: the events could arrive twice. Look for them in the session instead.
      const result = await withProgress(`Checking whether the events reached "${label}"…`, (signal) =>
        reconcileSend(client, session.id, body.events, { startedAt, signal }),
      ).catch(cancelledCheck);
      const message = sendReconciliationMessage(error, result, `the ${what}`);
      log.warn(`Sending to ${session.id}: ${describeError(error)}. ${message}`);
      if (result.outcome !== 'arrived') {
        void notify(result.outcome === 'notArrived' ? 'error' : 'warning', message);
        return { status: 'failed', message, reconciled: result.outcome };
      }
      note = message;
    }
    await store.refreshAfterAction(session.id, { expectActivity: true });
    void notify('info', note ?? `Sent ${what} to "${label}".`, 'Open History').then((choice) => {
      if (choice) void vscode.commands.executeCommand(OPEN_HISTORY, session.id);
    });
    return { status: 'sent', sessionId: session.id, ...(note ? { note } : {}) };
  });
}

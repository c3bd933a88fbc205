// "Managed Agents: Send Events from YAML": the buffer's `events: [...]` is the body of
// POST /v1/sessions/{id}/events. The session is the one the caller names, else the header's, else
// the one selected in the sidebar, else one picked. The buffer is never changed.
import * as vscode from 'vscode';
import type { EventSendParams, Session } from '../../api';
import { describeError, notify, showError } from '../../shared/errors';
import { StoppedWaiting } from '../../shared/progress';
import { cancelledCheck, mayHaveActed, reconcileSend, sendReconciliationMessage } from '../../shared/lostResponse';
import { sessionIdFrom } from '../../history/sessionArgument';
import { sessionLabel } from '../../webview/format';
import { explainRefusal } from '../../sessions/refusals';
import { resolveSessionArgument } from '../../sessions/sessionArgument';
import { SessionNode } from '../../sessions/tree/sessionNode';
import { checkBeforeSending, documentName, resolveBodyDocument, withProgress } from '../editor/bodyCommands';
import type { YamlCommandOutcome, YamlEditor } from '../editor/yamlEditor';
import { canReceiveMessages } from '../../sessions/commands/sendMessage';
import { OPEN_HISTORY, SEND_EVENTS_FROM_YAML } from '../../commandIds';


/** Arguments: the document (URI or document; default the active editor's) and, optionally, the session (id or row). */
export function registerSendEventsFromYaml(yaml: YamlEditor): vscode.Disposable {
  return vscode.commands.registerCommand(SEND_EVENTS_FROM_YAML, async (argument?: unknown, target?: unknown): Promise<YamlCommandOutcome> => {
    const document = await resolveBodyDocument(argument);
    if (!document) return { status: 'noDocument' };
    const checked = checkBeforeSending(yaml, document, 'send');
    if ('refused' in checked) return checked.refused;
    const session = await targetSession(yaml, target, checked.check.sessionId, 'Send the events to which session?', (s) => canReceiveMessages(s));
    if (!session) return { status: 'cancelled' };
    const body = checked.check.value as EventSendParams;
    const label = sessionLabel(session);
    const count = body.events.length;
    const what = `${count} event${count === 1 ? '' : 's'}`;
    const startedAt = Date.now();
    let note: string | undefined;
    try {
      // Cancel stops the waiting, not the send: the events may already have reached the session.
      await withProgress(`Sending ${what} from ${documentName(document)} to "${label}"…`, () => yaml.services.client.sessions.events.send(session.id, body), 'detach');
    } catch (error) {
      if (error instanceof StoppedWaiting) {
        error.outcome.then(
          () => void notify('info', `Sent ${what} to "${label}".`),
          (late: unknown) => void showError(`Could not send the events to "${label}" (the buffer is unchanged)`, late),
        );
        return { status: 'cancelled' };
      }
      if (!mayHaveActed(error)) {
        const explained = await explainRefusal(yaml.services.client, 'send', session.id, error);
        if (explained) {
          void notify('warning', `Nothing was sent: ${explained.advice}`);
          await yaml.sessions.refreshAfterAction(session.id);
          return { status: 'failed', message: explained.advice };
        }
        void showError(`Could not send the events to "${label}" (the buffer is unchanged)`, error);
        return { status: 'failed', message: describeError(error) };
      }
      // Never sent again: the events could arrive twice. Look for them in the session instead.
      const result = await withProgress(`Checking whether the events reached "${label}"…`, (signal) =>
        reconcileSend(yaml.services.client, session.id, body.events, { startedAt, signal }),
      ).catch(cancelledCheck);
      const message = sendReconciliationMessage(error, result, `the ${what}`);
      yaml.services.log.warn(`Sending to ${session.id}: ${describeError(error)}. ${message}`);
      if (result.outcome !== 'arrived') {
        void notify(result.outcome === 'notArrived' ? 'error' : 'warning', message);
        return { status: 'failed', message, reconciled: result.outcome };
      }
      note = message;
    }
    await yaml.sessions.refreshAfterAction(session.id, true);
    void notify('info', note ?? `Sent ${what} to "${label}".`, 'Open History').then((choice) => {
      if (choice) void vscode.commands.executeCommand(OPEN_HISTORY, session.id);
    });
    return { status: 'sent', sessionId: session.id, ...(note ? { note } : {}) };
  });
}

/**
 * The session a body goes to: the one a caller names, else the header's, else the sidebar's
 * selection, else a pick. Menus pass extra arguments (the explorer its selected URIs, the editor
 * title its group): those name no session and must not hide the header.
 */
export async function targetSession(yaml: YamlEditor, argument: unknown, headerSessionId: string | undefined, placeholder: string, eligible: (session: Session) => boolean): Promise<Session | undefined> {
  const named = argument instanceof SessionNode || sessionIdFrom(argument) ? argument : undefined;
  const selected = yaml.sessions.selectedSessionIds()[0];
  return resolveSessionArgument(yaml.sessions, named ?? headerSessionId ?? selected, {
    placeholder,
    eligible: (entry) => eligible(entry.session),
    noneMessage: 'No listed session can take this body (archived and terminated sessions cannot). Name one in the header: `# managed-agents: send sesn_…`.',
  });
}

// "Managed Agents: Apply Session Update": sends an update body (POST /v1/sessions/{id}) with only
// the fields that were changed: against the buffer as Update Session opened it, or else against the
// session's current values. Lists (tools, mcp_servers, vault_ids) are sent whole, as the API
// replaces them whole. The buffer is never changed.
import * as vscode from 'vscode';
import type { ManagedAgentsClient, SessionUpdateParams } from '../../api';
import { explainRefusal } from '../../sessions/refusals';
import type { SessionArgument } from '../../sessions/sessionArgument';
import type { SessionChooser } from '../../sessions/sessionChooser';
import { isActive } from '../../sessions/sessionState';
import type { SessionsView } from '../../sessions/sessionsView';
import type { SessionsStore } from '../../sessions/store/sessionsStore';
import { describeError, notify, showError } from '../../shared/errors';
import { isCancellation } from '../../shared/progress';
import { sessionLabel } from '../../webview/format';
import { changedFields, checkBody, updateTemplate } from '../bodies';
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
import type { UpdateBaselines } from '../editor/updateBaselines';
import { APPLY_SESSION_UPDATE, INTERRUPT_SESSION } from '../../commandIds';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Arguments: the document (URI or document; default the active editor's) and, optionally, the session. */
export function registerApplySessionUpdate({ client, log, diagnostics, baselines, store, view, chooser }: {
  client: ManagedAgentsClient;
  log: vscode.LogOutputChannel;
  diagnostics: BodyDiagnostics;
  baselines: UpdateBaselines;
  store: SessionsStore;
  view: SessionsView;
  chooser: SessionChooser;
}): vscode.Disposable {
  return vscode.commands.registerCommand(APPLY_SESSION_UPDATE, async (argument?: BodyDocumentArgument, target?: SessionArgument): Promise<YamlCommandOutcome> => {
    const document = await resolveBodyDocument(argument);
    if (!document) return { status: 'noDocument' };
    const checked = checkBeforeSending(diagnostics, log, document, 'update');
    if ('refused' in checked) return checked.refused;
    const session = await targetSession({ chooser, view }, target, checked.check.sessionId, 'Apply the update to which session?', (s) => !s.archived_at);
    if (!session) return { status: 'cancelled' };
    const label = sessionLabel(session);
    const edited = checked.check.value;
    const name = documentName(document);
    try {
      const baseline =
        baselines.get(document.uri, session.id)?.value ??
        checkBody(updateTemplate(await withProgress(`Reading "${label}"…`, (signal) => client.sessions.retrieve(session.id, { signal }))), 'update').value;
      const patch = updatePatch(baseline, edited);
      const fields = Object.keys(patch);
      if (fields.length === 0) {
        void vscode.window.showInformationMessage(`Nothing to update: ${name} has no changes for "${label}".`);
        return { status: 'unchanged', sessionId: session.id };
      }
      // The same patch sent twice leaves the same session, so Cancel may cut it off.
      const updated = await withProgress(`Updating ${fields.join(', ')} of "${label}"…`, (signal) =>
        client.sessions.update(session.id, patch as SessionUpdateParams, { signal }),
      );
      // The buffer now matches the session: applying it again sends nothing.
      baselines.set(document.uri, { sessionId: session.id, value: edited });
      await store.refreshAfterAction(session.id);
      vscode.window.setStatusBarMessage(`$(check) Updated ${fields.join(', ')} of "${sessionLabel(updated)}"`, 5000);
      return { status: 'sent', sessionId: session.id, session: updated };
    } catch (error) {
      if (isCancellation(error)) return { status: 'cancelled' };
      // Refused because of the session's state or the budget's rules (400 or 409): say what to do.
      const explained = await explainRefusal(client, 'update', session.id, error);
      if (explained) {
        const running = explained.session !== undefined && isActive(explained.session.status);
        void notify('warning', `Not updated: ${explained.advice} (${name} is unchanged.)`, ...(running ? ['Interrupt'] : [])).then((choice) => {
          if (choice) void vscode.commands.executeCommand(INTERRUPT_SESSION, session.id);
        });
        await store.refreshAfterAction(session.id);
        return { status: 'failed', message: explained.advice };
      }
      void showError(`Could not update "${label}" from ${name} (the buffer is unchanged)`, error);
      return { status: 'failed', message: describeError(error) };
    }
  });
}

/**
 * The changed top-level fields; inside `metadata` (a patch) and `agent` (each list replaced whole)
 * only the changed keys, so an untouched `agent.tools` is not re-sent to a running session.
 */
function updatePatch(before: unknown, after: unknown): Record<string, unknown> {
  const patch = changedFields(before, after);
  const original = isObject(before) ? before : {};
  for (const key of ['metadata', 'agent']) {
    if (!isObject(patch[key]) || !isObject(original[key])) continue;
    const inner = changedFields(original[key], patch[key]);
    if (Object.keys(inner).length) patch[key] = inner;
    else delete patch[key];
  }
  return patch;
}

// "Managed Agents: Create Session from YAML": the buffer (or a .yaml file from the explorer) is the
// body of POST /v1/sessions, as `ant beta:sessions create` reads it. The new session is revealed in
// the sidebar and its history opens. The buffer is never changed. A create whose answer is lost is not
// repeated: the new session is looked for instead (src/shared/lostResponse.ts).
import * as vscode from 'vscode';
import type { ManagedAgentsClient, Session, SessionCreateParams } from '../../api';
import type { SessionsView } from '../../sessions/sessionsView';
import type { SessionsStore } from '../../sessions/store/sessionsStore';
import { describeError, notify, showError } from '../../shared/errors';
import { cancelledCheck, createReconciliationMessage, mayHaveActed, reconcileCreate } from '../../shared/lostResponse';
import { isCancellation, StoppedWaiting } from '../../shared/progress';
import { discardUploads, MissingWorkspaceFileError, uploadBodyFiles, type UploadedBody } from '../../files/bodyUploads';
import { sessionLabel } from '../../webview/format';
import { checkBeforeSending, documentName, resolveBodyDocument, withProgress, type BodyDocumentArgument, type YamlCommandOutcome } from '../editor/bodyCommands';
import type { BodyDiagnostics } from '../editor/bodyDiagnostics';
import { CREATE_SESSION_FROM_YAML, OPEN_HISTORY } from '../../commandIds';

export function registerCreateSessionFromYaml({ client, log, diagnostics, store, view }: {
  client: ManagedAgentsClient;
  log: vscode.LogOutputChannel;
  diagnostics: BodyDiagnostics;
  store: SessionsStore;
  view: SessionsView;
}): vscode.Disposable {
  return vscode.commands.registerCommand(CREATE_SESSION_FROM_YAML, async (argument?: BodyDocumentArgument): Promise<YamlCommandOutcome> => {
    const document = await resolveBodyDocument(argument);
    if (!document) return { status: 'noDocument' };
    const checked = checkBeforeSending(diagnostics, log, document, 'create');
    if ('refused' in checked) return checked.refused;
    const name = documentName(document);
    let uploads: UploadedBody;
    try {
      uploads = await uploadBodyFiles(client, document, checked.check.value, log);
    } catch (error) {
      if (isCancellation(error)) return { status: 'cancelled' };
      const message = error instanceof MissingWorkspaceFileError ? error.message : describeError(error);
      void notify('error', `Could not create a session from ${name} (nothing was created; the buffer is unchanged): ${error instanceof MissingWorkspaceFileError ? message : `a workspace file could not be uploaded: ${message}`}`);
      return { status: 'failed', message };
    }
    const body = uploads.body as SessionCreateParams;
    // Uploads made for a session that was not created are deleted again.
    const discard = () => discardUploads(client, uploads.fileIds, log);
    // Sessions known before the create cannot be the one it makes.
    const knownIds = new Set(store.sessions.map((entry) => entry.session.id));
    const startedAt = Date.now();
    let session;
    let note: string | undefined;
    try {
      // Cancel stops the waiting, not the create: the server may already have made the session.
      session = await withProgress(`Creating a session from ${name}…`, () => client.sessions.create(body), 'detach');
    } catch (error) {
      if (error instanceof StoppedWaiting) {
        (error.outcome as Promise<Session>).then(
          (created) => {
            void notify('info', `Created "${sessionLabel(created)}" from ${name}.`, 'Open History').then((choice) => {
              if (choice) void vscode.commands.executeCommand(OPEN_HISTORY, created.id);
            });
            void store.refreshAfterAction(created.id);
          },
          (late: unknown) => {
            if (!mayHaveActed(late)) void discard();
            void showError(`Could not create a session from ${name} (the buffer is unchanged)`, late);
          },
        );
        return { status: 'cancelled' };
      }
      if (!mayHaveActed(error)) {
        await discard();
        void showError(`Could not create a session from ${name} (the buffer is unchanged; fix it or the cause and try again)`, error);
        return { status: 'failed', message: describeError(error) };
      }
      // Never sent again: that could make a second session. Look for the one the server may have made.
      log.warn(`Creating a session from ${name}: ${describeError(error)}; checking whether it was created`);
      const result = await withProgress(`Checking whether the session from ${name} was created…`, (signal) => reconcileCreate(client, body, { startedAt, knownIds, signal })).catch(cancelledCheck);
      const message = createReconciliationMessage(error, result, sessionLabel);
      log.warn(message);
      if (result.outcome !== 'created') {
        if (result.outcome === 'notCreated') await discard();
        void notify(result.outcome === 'notCreated' ? 'error' : 'warning', message);
        return { status: 'failed', message, reconciled: result.outcome };
      }
      session = result.session;
      note = message;
      void notify('info', message);
    }
    log.info(`Created session ${session.id} from ${document.uri.toString()}`);
    try {
      const shown = await view.revealSession(session.id, { select: true });
      if (!shown) void vscode.window.showInformationMessage(`Created "${sessionLabel(session)}"; the sidebar's filter hides it.`);
    } catch (error) {
      log.warn(`Could not reveal session ${session.id}: ${describeError(error)}`);
    }
    await vscode.commands.executeCommand(OPEN_HISTORY, session.id);
    return { status: 'sent', sessionId: session.id, session, ...(note ? { note } : {}) };
  });
}

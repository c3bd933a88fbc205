// "Managed Agents: Create Session from YAML": the buffer (or a .yaml file from the explorer) is the
// body of POST /v1/sessions, as `ant beta:sessions create` reads it. The new session is revealed in
// the sidebar and its history opens. The buffer is never changed.
import * as vscode from 'vscode';
import type { SessionCreateParams } from '../api';
import { showError, describeError } from '../errors';
import { sessionLabel } from '../sessions/format';
import { checkBeforeSending, documentName, resolveBodyDocument, withProgress } from '../yaml/editor/bodyCommands';
import type { YamlCommandOutcome, YamlEditor } from '../yaml/editor/yamlEditor';
import { OPEN_HISTORY } from './openHistory';

export const CREATE_SESSION_FROM_YAML = 'managedAgents.createSessionFromYaml';

export function registerCreateSessionFromYaml(yaml: YamlEditor): vscode.Disposable {
  return vscode.commands.registerCommand(CREATE_SESSION_FROM_YAML, async (argument?: unknown): Promise<YamlCommandOutcome> => {
    const document = await resolveBodyDocument(argument);
    if (!document) return { status: 'noDocument' };
    const checked = checkBeforeSending(yaml, document, 'create');
    if ('refused' in checked) return checked.refused;
    const name = documentName(document);
    let session;
    try {
      session = await withProgress(`Creating a session from ${name}…`, () =>
        yaml.services.client.sessions.create(checked.check.value as SessionCreateParams),
      );
    } catch (error) {
      void showError(`Could not create a session from ${name} (the buffer is unchanged; fix it or the cause and try again)`, error);
      return { status: 'failed', message: describeError(error) };
    }
    yaml.services.log.info(`Created session ${session.id} from ${document.uri.toString()}`);
    try {
      const shown = await yaml.sessions.revealSession(session.id, { select: true });
      if (!shown) void vscode.window.showInformationMessage(`Created "${sessionLabel(session)}"; the sidebar's filter hides it.`);
    } catch (error) {
      yaml.services.log.warn(`Could not reveal session ${session.id}: ${describeError(error)}`);
    }
    await vscode.commands.executeCommand(OPEN_HISTORY, session.id);
    return { status: 'sent', sessionId: session.id, session };
  });
}

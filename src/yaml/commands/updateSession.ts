// "Managed Agents: Update Session…": opens the session's current updatable fields (title, metadata,
// agent tools and MCP servers) as an update body in an untitled YAML buffer; "Apply Session Update"
// sends what was changed.
import * as vscode from 'vscode';
import type { Session } from '../../api';
import { showError } from '../../shared/errors';
import { sessionLabel } from '../../webview/format';
import { resolveSessionArgument } from '../../sessions/sessionArgument';
import { checkBody, updateTemplate, type UpdateTemplateOptions } from '../bodies';
import { withProgress } from '../editor/bodyCommands';
import type { YamlEditor } from '../editor/yamlEditor';
import { UPDATE_SESSION } from '../../commandIds';


/** Argument: a session (row, id or object; otherwise a quick pick asks). Returns the new buffer. */
export function registerUpdateSession(yaml: YamlEditor): vscode.Disposable {
  return vscode.commands.registerCommand(UPDATE_SESSION, async (target?: unknown): Promise<vscode.TextDocument | undefined> => {
    const listed = await resolveSessionArgument(yaml.sessions, target, {
      placeholder: 'Update which session?',
      eligible: (entry) => !entry.session.archived_at,
      noneMessage: 'No listed session can be updated (archived sessions cannot).',
    });
    if (!listed) return undefined;
    const session = await loadForUpdate(yaml, listed);
    return session && openUpdateBody(yaml, session);
  });
}

/**
 * The session as it is now, to start an update body from (the list may be stale); undefined, after
 * saying why, when it cannot be loaded or is archived.
 */
export async function loadForUpdate(yaml: YamlEditor, listed: Session): Promise<Session | undefined> {
  const archived = (session: Session): boolean => {
    if (session.archived_at) void vscode.window.showWarningMessage(`"${sessionLabel(session)}" is archived, and an archived session cannot be changed.`);
    return Boolean(session.archived_at);
  };
  if (archived(listed)) return undefined;
  let session: Session;
  try {
    session = await withProgress(`Loading "${sessionLabel(listed)}"…`, (signal) => yaml.services.client.sessions.retrieve(listed.id, { signal }));
  } catch (error) {
    void showError(`Could not load "${sessionLabel(listed)}" to update it`, error);
    return undefined;
  }
  return archived(session) ? undefined : session;
}

/**
 * Opens `session`'s update body in a new buffer. Applying it sends what was changed against the
 * session as it is (the body's values without options).
 */
export async function openUpdateBody(yaml: YamlEditor, session: Session, options: UpdateTemplateOptions = {}): Promise<vscode.TextDocument> {
  const content = updateTemplate(session, options);
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  yaml.baselines.set(document.uri, { sessionId: session.id, value: checkBody(updateTemplate(session), 'update').value });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

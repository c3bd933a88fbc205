// "Managed Agents: Update Session…": opens the session's current updatable fields (title, metadata,
// agent tools and MCP servers) as an update body in an untitled YAML buffer; "Apply Session Update"
// sends what was changed.
import * as vscode from 'vscode';
import { showError } from '../errors';
import { sessionLabel } from '../sessions/format';
import { resolveSessionArgument } from '../sessions/sessionArgument';
import { checkBody, updateTemplate } from '../yaml/bodies';
import { withProgress } from '../yaml/editor/bodyCommands';
import type { YamlEditor } from '../yaml/editor/yamlEditor';

export const UPDATE_SESSION = 'managedAgents.updateSession';

/** Argument: a session (row, id or object; otherwise a quick pick asks). Returns the new buffer. */
export function registerUpdateSession(yaml: YamlEditor): vscode.Disposable {
  return vscode.commands.registerCommand(UPDATE_SESSION, async (target?: unknown): Promise<vscode.TextDocument | undefined> => {
    const listed = await resolveSessionArgument(yaml.sessions, target, {
      placeholder: 'Update which session?',
      eligible: (entry) => !entry.session.archived_at,
      noneMessage: 'No listed session can be updated (archived sessions cannot).',
    });
    if (!listed) return undefined;
    if (listed.archived_at) {
      void vscode.window.showWarningMessage(`"${sessionLabel(listed)}" is archived and cannot be updated.`);
      return undefined;
    }
    let session;
    try {
      // The list may be stale, and the buffer must start from what the session has now.
      session = await withProgress(`Loading "${sessionLabel(listed)}"…`, (signal) => yaml.services.client.sessions.retrieve(listed.id, { signal }));
    } catch (error) {
      void showError(`Could not load "${sessionLabel(listed)}" to update it`, error);
      return undefined;
    }
    const content = updateTemplate(session);
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
    yaml.baselines.set(document.uri, { sessionId: session.id, value: checkBody(content, 'update').value });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  });
}

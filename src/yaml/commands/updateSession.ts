// "Managed Agents: Update Session…": opens the session's current updatable fields (title, metadata,
// agent tools and MCP servers) as an update body in an untitled YAML buffer; "Apply Session Update"
// sends what was changed.
import * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../../api';
import type { SessionArgument } from '../../sessions/sessionArgument';
import type { SessionChooser } from '../../sessions/sessionChooser';
import { loadForUpdate, openUpdateBody } from '../editor/bodyCommands';
import type { UpdateBaselines } from '../editor/updateBaselines';
import { UPDATE_SESSION } from '../../commandIds';

/** Argument: a session (row, id or object; otherwise a quick pick asks). Returns the new buffer. */
export function registerUpdateSession({ client, chooser, baselines }: { client: ManagedAgentsClient; chooser: SessionChooser; baselines: UpdateBaselines }): vscode.Disposable {
  return vscode.commands.registerCommand(UPDATE_SESSION, async (target?: SessionArgument): Promise<vscode.TextDocument | undefined> => {
    const listed = await chooser.choose(target, {
      placeholder: 'Update which session?',
      eligible: (entry) => !entry.session.archived_at,
      noneMessage: 'No listed session can be updated (archived sessions cannot).',
    });
    if (!listed) return undefined;
    const session = await loadForUpdate(client, listed);
    return session && openUpdateBody(baselines, session);
  });
}

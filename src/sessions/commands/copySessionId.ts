import * as vscode from 'vscode';
import { resolveSessionArgument } from '../sessionArgument';
import type { SessionsFeature } from '../sessionsFeature';
import { COPY_SESSION_ID } from '../../commandIds';


/** Copies a session's id to the clipboard; returns it. */
export function registerCopySessionId(sessions: SessionsFeature): vscode.Disposable {
  return vscode.commands.registerCommand(COPY_SESSION_ID, async (target?: unknown): Promise<string | undefined> => {
    const session = await resolveSessionArgument(sessions, target, {
      placeholder: 'Copy the id of which session?',
      eligible: () => true,
      noneMessage: 'There are no listed sessions.',
    });
    if (!session) return undefined;
    await vscode.env.clipboard.writeText(session.id);
    vscode.window.setStatusBarMessage(`$(copy) Copied ${session.id}`, 3000);
    return session.id;
  });
}

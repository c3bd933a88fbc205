import * as vscode from 'vscode';
import type { SessionArgument } from '../sessionArgument';
import type { SessionChooser } from '../sessionChooser';
import { COPY_SESSION_ID } from '../../commandIds';

/** Copies a session's id to the clipboard; returns it. */
export function registerCopySessionId(chooser: SessionChooser): vscode.Disposable {
  return vscode.commands.registerCommand(COPY_SESSION_ID, async (target?: SessionArgument): Promise<string | undefined> => {
    const session = await chooser.choose(target, {
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

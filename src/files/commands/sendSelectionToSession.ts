import * as vscode from 'vscode';
import type { SessionChooser } from '../../sessions/sessionChooser';
import { canReceiveMessages } from '../../sessions/sessionState';
import { SEND_MESSAGE, SEND_SELECTION_TO_SESSION } from '../../commandIds';

const LAST_SESSION_KEY = 'managedAgents.lastSelectionSession';

/**
 * Sends the editor's selection (or the current line) as a user message, with the file name and line
 * range, to a session the person picks: the one last sent to comes first. The send itself is Send
 * Message's (its errors, its reconciliation); the selection stays in the editor whatever happens.
 */
export function registerSendSelectionToSession({ chooser, workspaceState }: { chooser: SessionChooser; workspaceState: vscode.Memento }): vscode.Disposable {
  return vscode.commands.registerCommand(SEND_SELECTION_TO_SESSION, async (sessionArgument?: unknown): Promise<boolean> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Send Selection to Session sends text from an editor: select some and run it again.');
      return false;
    }
    const text = selectionMessage(editor);
    if (!text) {
      void vscode.window.showInformationMessage('The selection is empty: select the text to send.');
      return false;
    }
    const session = await chooser.choose(typeof sessionArgument === 'string' || typeof sessionArgument === 'object' ? sessionArgument : undefined, {
      placeholder: 'Send the selection to which session?',
      eligible: (entry) => canReceiveMessages(entry.session),
      noneMessage: 'No listed session can receive messages (archived and terminated sessions cannot).',
      first: workspaceState.get<string>(LAST_SESSION_KEY),
    });
    if (!session) return false;
    await workspaceState.update(LAST_SESSION_KEY, session.id);
    return Boolean(await vscode.commands.executeCommand<boolean>(SEND_MESSAGE, session, text));
  });
}

/** "From `src/a.ts`, lines 3-9:" and the text in a fence of the file's language. */
export function selectionMessage(editor: vscode.TextEditor): string | undefined {
  const { document, selection } = editor;
  const range = selection.isEmpty ? document.lineAt(selection.active.line).range : selection;
  const text = document.getText(range);
  if (!text.trim()) return undefined;
  const first = range.start.line + 1;
  // A selection that ends at the start of a line does not take that line.
  const last = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
  const lines = first === last ? `line ${first}` : `lines ${first}-${last}`;
  const name = document.isUntitled ? document.fileName : vscode.workspace.asRelativePath(document.uri);
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `From \`${name}\`, ${lines}:\n\n${fence}${document.languageId}\n${text.replace(/\n$/, '')}\n${fence}`;
}

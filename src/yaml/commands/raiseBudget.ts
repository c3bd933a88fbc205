// "Managed Agents: Raise Session Budget…": the session's update body with its budget written out and a
// higher ceiling ready, the amount selected to change it; "Apply Session Update" sends it. Offered
// where a session stopped at its budget: its row, its notification, its history panel.
import * as vscode from 'vscode';
import type { ManagedAgentsClient } from '../../api';
import { describeBudget, suggestedBudget } from '../../sessions/budget';
import type { SessionArgument } from '../../sessions/sessionArgument';
import type { SessionChooser } from '../../sessions/sessionChooser';
import { sessionLabel } from '../../webview/format';
import { loadForUpdate, openUpdateBody } from '../editor/bodyCommands';
import type { UpdateBaselines } from '../editor/updateBaselines';
import { RAISE_BUDGET } from '../../commandIds';

/** Argument: a session (row, id or object; otherwise a quick pick asks). Returns the new buffer. */
export function registerRaiseBudget({ client, chooser, baselines }: { client: ManagedAgentsClient; chooser: SessionChooser; baselines: UpdateBaselines }): vscode.Disposable {
  return vscode.commands.registerCommand(RAISE_BUDGET, async (target?: SessionArgument): Promise<vscode.TextDocument | undefined> => {
    const listed = await chooser.choose(target, {
      placeholder: 'Raise the budget of which session?',
      eligible: (entry) => Boolean(entry.session.budget) && !entry.session.archived_at && entry.session.status !== 'terminated',
      noneMessage: 'No listed session has a budget to raise (a budget can only be set when a session is created).',
    });
    if (!listed) return undefined;
    const session = await loadForUpdate(client, listed);
    if (!session) return undefined;
    const label = sessionLabel(session);
    const raiseTo = suggestedBudget(session);
    if (!raiseTo) {
      void vscode.window.showInformationMessage(`"${label}" has no budget. A budget can only be set when a session is created; create a new session with one instead.`);
      return undefined;
    }
    if (session.status === 'terminated') {
      void vscode.window.showWarningMessage(`"${label}" has terminated, so its budget can no longer change.`);
      return undefined;
    }
    const document = await openUpdateBody(baselines, session, { raiseBudgetTo: raiseTo });
    // Select the suggested amount, so typing replaces it.
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
    const lines = document.getText().split('\n');
    const budgetLine = lines.indexOf('budget:');
    const line = budgetLine < 0 ? -1 : lines.findIndex((text, index) => index > budgetLine && /^\s+amount: "\d+"$/.test(text));
    if (editor && line >= 0) {
      const start = document.lineAt(line).text.indexOf('"') + 1;
      editor.selection = new vscode.Selection(line, start, line, start + raiseTo.length);
      editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    vscode.window.setStatusBarMessage(`$(credit-card) "${label}": ${describeBudget(session)}. Edit the amount, then run Apply Session Update.`, 8000);
    return document;
  });
}

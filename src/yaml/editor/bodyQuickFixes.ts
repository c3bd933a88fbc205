// Quick fixes for "did you mean" problems: replace the misspelt field, value or header kind with
// the suggestion the checker found.
import * as vscode from 'vscode';
import { formatHeader, BODY_KINDS, type BodyKind } from '../bodies';
import type { Problem } from '../parse';
import { DIAGNOSTIC_SOURCE, toVscodeRange, type BodyDiagnostics } from './bodyDiagnostics';

const HEADER_WORDS_RE = /managed-agents\s*:\s*(\S+)(?:\s+(\S+))?/i;

export class BodyQuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: BodyDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const problems = this.diagnostics.lastProblems(document.uri).filter((problem) => problem.suggestion !== undefined);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const problem = problems.find((candidate) => candidate.message === diagnostic.message && toVscodeRange(candidate).isEqual(diagnostic.range));
      if (!problem) continue;
      const replacement = replacementFor(document, problem);
      if (replacement === undefined) continue;
      const action = new vscode.CodeAction(`Change to \`${problem.suggestion}\``, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, replacement);
      actions.push(action);
    }
    return actions;
  }
}

/** The text that replaces the problem's range, keeping quotes around a quoted value. */
function replacementFor(document: vscode.TextDocument, problem: Problem): string | undefined {
  const suggestion = problem.suggestion!;
  const original = document.getText(toVscodeRange(problem));
  if (problem.code === 'header') {
    if (!BODY_KINDS.includes(suggestion as BodyKind)) return undefined;
    return formatHeader(suggestion as BodyKind, HEADER_WORDS_RE.exec(original)?.[2]);
  }
  if (original.includes('\n')) return undefined;
  const quote = /^["']/.exec(original)?.[0];
  return quote && original.endsWith(quote) && original.length > 1 ? `${quote}${suggestion}${quote}` : suggestion;
}

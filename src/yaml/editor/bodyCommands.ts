// Steps the YAML commands share: which document they act on, refusing a buffer with errors before
// anything is sent (naming the first problem and where it is), and progress.
import * as vscode from 'vscode';
import { checkBody, type BodyCheck, type BodyKind } from '../bodies';
import { sortProblems, type Problem } from '../parse';
import { toVscodeRange } from './bodyDiagnostics';
import { baseName } from './fileNames';
import type { YamlCommandOutcome, YamlEditor } from './yamlEditor';
import { withCancellableProgress, type WaitOptions } from '../../shared/progress';

/** The command that sends each kind of body, for "run X instead" advice. */
export const COMMAND_TITLE_FOR_KIND: Record<BodyKind, string> = {
  create: 'Create Session from YAML',
  send: 'Send Events from YAML',
  update: 'Apply Session Update',
};

/**
 * The document a command acts on: a URI (CodeLens, explorer, editor title), a document, or the
 * active editor's document. Undefined (after saying so) when there is none.
 */
export async function resolveBodyDocument(argument: unknown): Promise<vscode.TextDocument | undefined> {
  if (argument instanceof vscode.Uri) {
    const open = vscode.workspace.textDocuments.find((document) => !document.isClosed && document.uri.toString() === argument.toString());
    return open ?? (await vscode.workspace.openTextDocument(argument));
  }
  if (isTextDocument(argument)) return argument;
  const active = vscode.window.activeTextEditor?.document;
  if (active) return active;
  void vscode.window.showInformationMessage('Open a YAML request body in the editor first (New Session creates one).');
  return undefined;
}

function isTextDocument(value: unknown): value is vscode.TextDocument {
  return typeof value === 'object' && value !== null && (value as vscode.TextDocument).uri instanceof vscode.Uri && typeof (value as vscode.TextDocument).getText === 'function';
}

export function documentName(document: vscode.TextDocument): string {
  return baseName(document.uri.path || document.fileName);
}

/** "3:5" (1-based, as editors show positions). */
export function position(problem: Problem): string {
  return `${problem.range.line + 1}:${problem.range.character + 1}`;
}

/**
 * Checks the buffer as a `kind` body. With errors it publishes them, shows the first one in the
 * editor and a message, and returns the 'invalid' outcome: the caller must send nothing.
 */
export function checkBeforeSending(yaml: YamlEditor, document: vscode.TextDocument, kind: BodyKind): { check: BodyCheck } | { refused: YamlCommandOutcome } {
  // The live check of this version when it checked the buffer as this kind (no second parse); else a check now,
  // in full (a body too large to check while typing is checked when it runs).
  const live = yaml.diagnostics.check(document);
  const check: BodyCheck = live && !live.deferred && live.kind === kind ? live : checkBody(document.getText(), kind);
  const name = documentName(document);
  const declared = check.header?.kind;
  if (declared && declared !== kind) {
    const problem: Problem = {
      message: `this buffer is a ${declared} body (its header says so); run "${COMMAND_TITLE_FOR_KIND[declared]}" instead`,
      range: check.header!.range,
      severity: 'error',
      code: 'header',
    };
    return { refused: refuse(yaml, document, check, problem, `Nothing was sent: ${name}:${position(problem)} ${problem.message}.`) };
  }
  const errors = check.problems.filter((problem) => problem.severity === 'error');
  if (errors.length === 0) return { check };
  const first = errors[0];
  const more = errors.length > 1 ? ` (${errors.length - 1} more in the Problems view)` : '';
  return { refused: refuse(yaml, document, check, first, `Nothing was sent: ${name}:${position(first)} ${first.message}${more}. Fix the buffer and run the command again.`) };
}

function refuse(yaml: YamlEditor, document: vscode.TextDocument, check: BodyCheck, problem: Problem, message: string): YamlCommandOutcome {
  // The Problems view must show the reason for the refusal, also for a buffer checked as another
  // kind while typing (or not recognised as a body at all).
  const published = yaml.diagnostics.check(document)?.problems ?? [];
  const base = published.some((p) => p.severity === 'error') ? published : check.problems;
  const shown = base.some((p) => p.message === problem.message && toVscodeRange(p).isEqual(toVscodeRange(problem)));
  if (!shown || base !== published) yaml.diagnostics.publish(document, shown ? base : sortProblems([...base, problem]));
  const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
  if (editor) {
    const range = toVscodeRange(problem);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  void vscode.window.showErrorMessage(message, 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  yaml.services.log.info(message);
  return { status: 'invalid', problem, message };
}

/** A notification with progress and Cancel: the person is in the editor, not looking at the sidebar. */
export function withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>, onCancel?: WaitOptions['onCancel']): Promise<T> {
  return withCancellableProgress({ location: vscode.ProgressLocation.Notification, title, onCancel }, task);
}

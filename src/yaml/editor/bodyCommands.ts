// Steps the YAML commands share: which document they act on and which session it goes to, refusing
// a buffer with errors before anything is sent (naming the first problem and where it is), opening
// an update body, and progress.
import * as vscode from 'vscode';
import type { ManagedAgentsClient, Session } from '../../api';
import type { SessionChooser } from '../../sessions/sessionChooser';
import { sessionIdFrom } from '../../sessions/sessionArgument';
import type { SessionsView } from '../../sessions/sessionsView';
import { showError } from '../../shared/errors';
import { withCancellableProgress, type WaitOptions } from '../../shared/progress';
import { sessionLabel } from '../../webview/format';
import { checkBody, updateTemplate, type BodyCheck, type BodyKind, type UpdateTemplateOptions } from '../bodies';
import { sortProblems, type Problem } from '../parse';
import { toVscodeRange, type BodyDiagnostics } from './bodyDiagnostics';
import { baseName } from './fileNames';
import type { UpdateBaselines } from './updateBaselines';

/** What a YAML command did (commands return it, so callers and tests can tell without reading toasts). */
export type YamlCommandOutcome =
  /** `note`: the answer was lost and the extension found that the request took effect anyway. */
  | { status: 'sent'; sessionId: string; session?: Session; note?: string }
  | { status: 'unchanged'; sessionId: string }
  /** The buffer has errors; nothing was sent. */
  | { status: 'invalid'; problem: Problem; message: string }
  /**
   * The API refused or could not be reached; the buffer is as it was. `reconciled` when the answer was
   * lost and the extension looked whether the request took effect: it did not, or that is unknown.
   */
  | { status: 'failed'; message: string; reconciled?: 'notCreated' | 'notArrived' | 'unknown' }
  | { status: 'cancelled' }
  | { status: 'noDocument' };

/** What the YAML commands may be given as their document (CodeLens, explorer and editor title pass a URI). */
export type BodyDocumentArgument = vscode.Uri | vscode.TextDocument;

/** The command that sends each kind of body, for "run X instead" advice. */
const COMMAND_TITLE_FOR_KIND: Record<BodyKind, string> = {
  create: 'Create Session from YAML',
  send: 'Send Events from YAML',
  update: 'Apply Session Update',
};

/**
 * The document a command acts on: a URI (CodeLens, explorer, editor title), a document, or the
 * active editor's document. Undefined (after saying so) when there is none.
 */
export async function resolveBodyDocument(argument: BodyDocumentArgument | undefined): Promise<vscode.TextDocument | undefined> {
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
export function checkBeforeSending(
  diagnostics: BodyDiagnostics,
  log: vscode.LogOutputChannel,
  document: vscode.TextDocument,
  kind: BodyKind,
): { check: BodyCheck } | { refused: YamlCommandOutcome } {
  // The live check of this version when it checked the buffer as this kind (no second parse); else a check now,
  // in full (a body too large to check while typing is checked when it runs).
  const live = diagnostics.check(document);
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
    return { refused: refuse(diagnostics, log, document, check, problem, `Nothing was sent: ${name}:${position(problem)} ${problem.message}.`) };
  }
  const errors = check.problems.filter((problem) => problem.severity === 'error');
  if (errors.length === 0) return { check };
  const first = errors[0];
  const more = errors.length > 1 ? ` (${errors.length - 1} more in the Problems view)` : '';
  return { refused: refuse(diagnostics, log, document, check, first, `Nothing was sent: ${name}:${position(first)} ${first.message}${more}. Fix the buffer and run the command again.`) };
}

function refuse(diagnostics: BodyDiagnostics, log: vscode.LogOutputChannel, document: vscode.TextDocument, check: BodyCheck, problem: Problem, message: string): YamlCommandOutcome {
  // The Problems view must show the reason for the refusal, also for a buffer checked as another
  // kind while typing (or not recognised as a body at all).
  const published = diagnostics.check(document)?.problems ?? [];
  const base = published.some((p) => p.severity === 'error') ? published : check.problems;
  const shown = base.some((p) => p.message === problem.message && toVscodeRange(p).isEqual(toVscodeRange(problem)));
  if (!shown || base !== published) diagnostics.publish(document, shown ? base : sortProblems([...base, problem]));
  const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
  if (editor) {
    const range = toVscodeRange(problem);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  void vscode.window.showErrorMessage(message, 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  log.info(message);
  return { status: 'invalid', problem, message };
}

/** A notification with progress and Cancel: the person is in the editor, not looking at the sidebar. */
export function withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>, onCancel?: WaitOptions['onCancel']): Promise<T> {
  return withCancellableProgress({ location: vscode.ProgressLocation.Notification, title, onCancel }, task);
}

/**
 * The session a body goes to: the one a caller names, else the header's, else the sidebar's
 * selection, else a pick. Menus pass extra arguments (the explorer its selected URIs, the editor
 * title its group): those name no session and must not hide the header.
 */
export async function targetSession(
  { chooser, view }: { chooser: SessionChooser; view: SessionsView },
  argument: unknown,
  headerSessionId: string | undefined,
  placeholder: string,
  eligible: (session: Session) => boolean,
): Promise<Session | undefined> {
  const named = sessionIdFrom(argument) ? argument : undefined;
  const selected = view.selectedSessionIds()[0];
  return chooser.choose(named ?? headerSessionId ?? selected, {
    placeholder,
    eligible: (entry) => eligible(entry.session),
    noneMessage: 'No listed session can take this body (archived and terminated sessions cannot). Name one in the header: `# managed-agents: send sesn_…`.',
  });
}

/**
 * The session as it is now, to start an update body from (the list may be stale); undefined, after
 * saying why, when it cannot be loaded or is archived.
 */
export async function loadForUpdate(client: ManagedAgentsClient, listed: Session): Promise<Session | undefined> {
  const archived = (session: Session): boolean => {
    if (session.archived_at) void vscode.window.showWarningMessage(`"${sessionLabel(session)}" is archived, and an archived session cannot be changed.`);
    return Boolean(session.archived_at);
  };
  if (archived(listed)) return undefined;
  let session: Session;
  try {
    session = await withProgress(`Loading "${sessionLabel(listed)}"…`, (signal) => client.sessions.retrieve(listed.id, { signal }));
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
export async function openUpdateBody(baselines: UpdateBaselines, session: Session, options: UpdateTemplateOptions = {}): Promise<vscode.TextDocument> {
  const content = updateTemplate(session, options);
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  baselines.set(document.uri, { sessionId: session.id, value: checkBody(updateTemplate(session), 'update').value });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

// Problems of our YAML bodies in the Problems view while typing (debounced), at the ranges
// checkBody located; cleared when the buffer closes or stops looking like a body. Each version of a
// document is checked (and parsed) at most once, and every part of the editor reads that one result.
// A body over the size limit is not checked while typing: the extension host's one thread is shared
// by every extension, and a 2 MB body takes seconds to parse.
import * as vscode from 'vscode';
import type { Problem } from '../parse';
import { checkDocumentBody, deferredCheck, DEFAULT_MAX_LIVE_CHECK_CHARS, HEAD_CHARS, type DocumentBodyCheck } from './bodyDocument';
import { kindFromFileName } from './fileNames';

export const DIAGNOSTIC_SOURCE = 'Managed Agents';
/** The wait after the last keystroke before a check: longer for longer bodies, which take longer to check. */
function debounceMs(chars: number): number {
  return Math.min(1_000, 200 + Math.round(chars / 2_000));
}
/** Schemes whose documents are copies of others (diffs, logs): checking them would double the problems. */
const SKIPPED_SCHEMES = new Set(['git', 'output', 'vscode-scm', 'gitlens', 'debug']);

/** YAML buffers that may be bodies (the content decides; see classifyBody). */
export function isYamlCandidate(document: vscode.TextDocument): boolean {
  if (SKIPPED_SCHEMES.has(document.uri.scheme)) return false;
  return document.languageId === 'yaml' || kindFromFileName(document.fileName) !== undefined;
}

export function toVscodeRange(problem: Pick<Problem, 'range'>): vscode.Range {
  const { line, character, endLine, endCharacter } = problem.range;
  return new vscode.Range(line, character, endLine, endCharacter);
}

const SEVERITIES: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class BodyDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('managedAgents.yaml');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly results = new Map<string, { version: number; chars: number; check: DocumentBodyCheck | undefined }>();
  /** Documents checked so far (tests and the benchmark read it: one per version at most). */
  checks = 0;
  /** The longest check so far, in ms: the longest task this adds to the extension host's thread (the benchmark reads it). */
  longestCheckMs = 0;
  private readonly checked = new vscode.EventEmitter<{ document: vscode.TextDocument; check: DocumentBodyCheck | undefined }>();
  /** Fires after each check of a document (also for documents found not to be bodies). */
  readonly onDidCheck = this.checked.event;
  private readonly subscriptions: vscode.Disposable[];

  /** `maxLiveCheckChars`: bodies longer than this are not checked while typing (the setting). */
  constructor(private readonly maxLiveCheckChars: () => number = () => DEFAULT_MAX_LIVE_CHECK_CHARS) {
    this.subscriptions = [
      this.collection,
      this.checked,
      vscode.workspace.onDidOpenTextDocument((document) => this.checkNow(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length) this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) this.checkNow(document);
  }

  /** The document's body check, run now unless the current version was checked already; undefined when it is not a body. */
  check(document: vscode.TextDocument): DocumentBodyCheck | undefined {
    const key = document.uri.toString();
    const known = this.results.get(key);
    if (known && known.version === document.version && !this.timers.has(key)) return known.check;
    return this.checkNow(document);
  }

  /** The last check, even if a newer one is waiting out the debounce (CodeLens must not bypass it). */
  latest(document: vscode.TextDocument): DocumentBodyCheck | undefined {
    const known = this.results.get(document.uri.toString());
    return known ? known.check : this.checkNow(document);
  }

  /**
   * Checks now (cancelling a pending debounced check) and publishes the problems. `full`: check a body
   * over the size limit too (what running or validating it does).
   */
  checkNow(document: vscode.TextDocument, options: { full?: boolean } = {}): DocumentBodyCheck | undefined {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    if (document.isClosed || !isYamlCandidate(document)) {
      this.results.delete(key);
      this.collection.delete(document.uri);
      return undefined;
    }
    this.checks++;
    const started = performance.now();
    // Its length without copying it out: a body over the limit is not read beyond its head.
    const chars = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    const max = options.full ? Infinity : this.maxLiveCheckChars();
    const check =
      chars > max
        ? deferredCheck(document.getText(new vscode.Range(new vscode.Position(0, 0), document.positionAt(HEAD_CHARS))), chars, document.fileName, max)
        : checkDocumentBody(document.getText(), document.fileName);
    this.results.set(key, { version: document.version, chars, check });
    this.longestCheckMs = Math.max(this.longestCheckMs, performance.now() - started);
    if (check) this.collection.set(document.uri, check.problems.map(toDiagnostic));
    else this.collection.delete(document.uri);
    this.checked.fire({ document, check });
    return check;
  }

  /** Publishes problems a command found (for a buffer not recognised as a body while typing). */
  publish(document: vscode.TextDocument, problems: readonly Problem[]): void {
    this.collection.set(document.uri, problems.map(toDiagnostic));
  }

  /** The last published problems (quick fixes match diagnostics against them). */
  lastProblems(uri: vscode.Uri): readonly Problem[] {
    return this.results.get(uri.toString())?.check?.problems ?? [];
  }

  /** Checks every open body again (the size limit changed). */
  recheckAll(): void {
    for (const document of vscode.workspace.textDocuments) if (this.results.has(document.uri.toString())) this.schedule(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isYamlCandidate(document)) return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.checkNow(document);
      }, debounceMs(this.results.get(key)?.chars ?? 0)),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.results.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function toDiagnostic(problem: Problem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVscodeRange(problem), problem.message, SEVERITIES[problem.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.code;
  return diagnostic;
}

// CodeLens at the top of a body: the command that sends it ("Create session", "Send to <session>",
// "Apply update to <session>") and "Validate" (which shows the problem count while there are errors).
import * as vscode from 'vscode';
import { APPLY_SESSION_UPDATE, CREATE_SESSION_FROM_YAML, SEND_EVENTS_FROM_YAML, VALIDATE_YAML_BODY } from '../../commandIds';
import type { SessionsStore } from '../../sessions/store/sessionsStore';
import { sessionLabel } from '../../webview/format';
import type { BodyKind } from '../bodies';
import type { ApiLookups } from './apiLookups';
import type { BodyDiagnostics } from './bodyDiagnostics';

/** How long a lens title waits for a session's title before showing its id. */
const TITLE_TIMEOUT_MS = 2_000;

class SessionLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly kind: Extract<BodyKind, 'send' | 'update'>,
    readonly uri: vscode.Uri,
    readonly sessionId: string,
  ) {
    super(range);
  }
}

export class BodyCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly diagnostics: BodyDiagnostics,
    private readonly store: SessionsStore,
    private readonly lookups: ApiLookups,
  ) {
    // Titles follow renames seen by the sidebar; the problem count follows each check.
    this.subscriptions = [this.changed, store.onDidChangeSessions(() => this.changed.fire()), diagnostics.onDidCheck(() => this.changed.fire())];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const check = this.diagnostics.latest(document);
    if (!check) return [];
    const line = check.header?.range.line ?? 0;
    const range = new vscode.Range(line, 0, line, 0);
    const uri = document.uri;
    const lenses: vscode.CodeLens[] = [];
    const sessionId = check.sessionId;
    switch (check.kind) {
      case 'create':
        lenses.push(new vscode.CodeLens(range, { title: '$(play) Create session', command: CREATE_SESSION_FROM_YAML, arguments: [uri], tooltip: 'POST /v1/sessions with this body' }));
        break;
      case 'send':
        lenses.push(
          sessionId
            ? new SessionLens(range, 'send', uri, sessionId)
            : new vscode.CodeLens(range, { title: '$(send) Send to a session…', command: SEND_EVENTS_FROM_YAML, arguments: [uri], tooltip: 'No session in the header: the selected session, or pick one' }),
        );
        break;
      case 'update':
        lenses.push(
          sessionId
            ? new SessionLens(range, 'update', uri, sessionId)
            : new vscode.CodeLens(range, { title: '$(cloud-upload) Apply update to a session…', command: APPLY_SESSION_UPDATE, arguments: [uri] }),
        );
        break;
    }
    const errors = check.problems.filter((problem) => problem.severity === 'error').length;
    lenses.push(
      new vscode.CodeLens(range, {
        title: errors ? `$(error) ${errors} problem${errors === 1 ? '' : 's'}` : '$(check) Validate',
        command: VALIDATE_YAML_BODY,
        arguments: [uri],
        tooltip: errors ? 'Nothing can be sent until these are fixed' : 'Check the body against the API schema',
      }),
    );
    return lenses;
  }

  async resolveCodeLens(lens: vscode.CodeLens): Promise<vscode.CodeLens> {
    if (!(lens instanceof SessionLens)) return lens;
    const label = await this.labelFor(lens.sessionId);
    lens.command =
      lens.kind === 'send'
        ? { title: `$(send) Send to ${label}`, command: SEND_EVENTS_FROM_YAML, arguments: [lens.uri], tooltip: `POST /v1/sessions/${lens.sessionId}/events` }
        : { title: `$(cloud-upload) Apply update to ${label}`, command: APPLY_SESSION_UPDATE, arguments: [lens.uri], tooltip: `POST /v1/sessions/${lens.sessionId} with the changed fields` };
    return lens;
  }

  /** The session's title (or id); "(not found)" when the API says it does not exist. */
  private async labelFor(sessionId: string): Promise<string> {
    const listed = this.store.get(sessionId)?.session;
    if (listed) return sessionLabel(listed);
    try {
      const session = await Promise.race([this.lookups.session(sessionId), new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), TITLE_TIMEOUT_MS))]);
      if (session === 'late') return sessionId;
      return session ? sessionLabel(session) : `${sessionId} (not found)`;
    } catch {
      return sessionId;
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

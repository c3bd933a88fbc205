// An event's raw JSON in an editor, read-only: a document of our own scheme whose text the panel hands
// over when the user asks for it. The last ones opened are kept, so an editor that is reopened (or a
// document that VS Code reads again) still shows them.
import * as vscode from 'vscode';
import type { SessionEvent } from '../api';
import { toJson } from '../webview/format';

export const EVENT_DOCUMENT_SCHEME = 'managed-agents-event';
const KEPT = 100;

export class EventDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(EVENT_DOCUMENT_SCHEME, this);

  /** `managed-agents-event:/<session id>/<event id>.json` (the .json name gives the editor JSON colouring). */
  static uriOf(sessionId: string, eventId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: EVENT_DOCUMENT_SCHEME, path: `/${encodeURIComponent(sessionId)}/${encodeURIComponent(eventId)}.json` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '// This event is no longer at hand: open it again from its session\'s history.\n';
  }

  /** Opens the event's JSON beside the panel, in a preview editor. */
  async show(sessionId: string, event: SessionEvent): Promise<vscode.TextEditor> {
    const uri = EventDocuments.uriOf(sessionId, event.id);
    const key = uri.toString();
    this.texts.delete(key);
    this.texts.set(key, `${toJson(event)}\n`);
    while (this.texts.size > KEPT) this.texts.delete(this.texts.keys().next().value as string);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}

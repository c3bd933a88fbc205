// The value an update buffer had when Update Session opened it, so Apply Update sends what the
// person changed rather than everything that differs from the session now (which another client
// may have changed meanwhile). Forgotten when the buffer closes.
import * as vscode from 'vscode';

export interface UpdateBaseline {
  sessionId: string;
  value: unknown;
}

export class UpdateBaselines implements vscode.Disposable {
  private readonly byDocument = new Map<string, UpdateBaseline>();
  private readonly subscription = vscode.workspace.onDidCloseTextDocument((document) => this.byDocument.delete(document.uri.toString()));

  get(uri: vscode.Uri, sessionId: string): UpdateBaseline | undefined {
    const baseline = this.byDocument.get(uri.toString());
    return baseline?.sessionId === sessionId ? baseline : undefined;
  }

  set(uri: vscode.Uri, baseline: UpdateBaseline): void {
    this.byDocument.set(uri.toString(), baseline);
  }

  dispose(): void {
    this.subscription.dispose();
    this.byDocument.clear();
  }
}

// Reply drafts, kept per session in workspaceState so they survive closing the panel and reloads.
import type * as vscode from 'vscode';

const PREFIX = 'managedAgents.history.draft:';

export class DraftStore {
  constructor(private readonly state: vscode.Memento) {}

  get(sessionId: string): string {
    const value = this.state.get<unknown>(PREFIX + sessionId);
    return typeof value === 'string' ? value : '';
  }

  async set(sessionId: string, text: string): Promise<void> {
    await this.state.update(PREFIX + sessionId, text ? text : undefined);
  }

  clear(sessionId: string): Promise<void> {
    return this.set(sessionId, '');
  }
}

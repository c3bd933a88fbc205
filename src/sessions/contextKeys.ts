// Context keys that choose the welcome view and the title-bar actions, kept in sync with the store.
import * as vscode from 'vscode';
import type { SessionsStore } from './store/sessionsStore';
import { isFiltered } from './store/viewOptions';

const CONTEXT_NO_KEY = 'managedAgents.noKey';
const CONTEXT_API_UNREACHABLE = 'managedAgents.apiUnreachable';
const CONTEXT_SESSIONS_LOADED = 'managedAgents.sessionsLoaded';
const CONTEXT_SESSIONS_FILTERED = 'managedAgents.sessionsFiltered';
const CONTEXT_GROUP_BY = 'managedAgents.sessionsGroupBy';
const CONTEXT_INCLUDE_ARCHIVED = 'managedAgents.includeArchived';
const CONTEXT_HAS_MORE = 'managedAgents.hasMoreSessions';

export class SessionsContextKeys implements vscode.Disposable {
  /** The last value set for each key (VS Code cannot be asked; tests read it here). */
  readonly values = new Map<string, unknown>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly store: SessionsStore) {
    this.sync();
    this.disposables = [store.onDidChangeState(() => this.sync()), store.onDidChangeOptions(() => this.sync())];
  }

  private sync(): void {
    const { load, hasMore } = this.store.state;
    const options = this.store.options;
    this.set(CONTEXT_NO_KEY, load === 'noKey');
    this.set(CONTEXT_API_UNREACHABLE, load === 'error');
    this.set(CONTEXT_SESSIONS_LOADED, load === 'loaded');
    this.set(CONTEXT_SESSIONS_FILTERED, isFiltered(options));
    this.set(CONTEXT_GROUP_BY, options.groupBy);
    this.set(CONTEXT_INCLUDE_ARCHIVED, options.includeArchived);
    this.set(CONTEXT_HAS_MORE, hasMore);
  }

  private set(key: string, value: unknown): void {
    if (this.values.has(key) && this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

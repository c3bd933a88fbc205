// The Sessions view: the tree, the line above it (why loading failed, the filter), which rows are
// selected, revealing a session, and progress where the person looks. Created at activation without
// any network request.
import * as vscode from 'vscode';
import { APIError } from '../api';
import { describeError } from '../shared/errors';
import { withCancellableProgress, type WaitOptions } from '../shared/progress';
import { isMultiagent } from './tree/sessionNode';
import { SessionsTreeProvider, type SessionsTreeNode } from './tree/sessionsTreeProvider';
import type { SessionsStore, SessionsStoreState } from './store/sessionsStore';
import { describeFilter } from './store/viewOptions';
import type { SessionFiles } from '../files/sessionFiles';

export const SESSIONS_VIEW_ID = 'managedAgents.sessions';
/** Longer than the editor's 200 ms batching of tree changes, so a second reveal meets settled rows. */
const REVEAL_RETRY_MS = 300;
const REVEAL_ATTEMPTS = 3;

export class SessionsView implements vscode.Disposable {
  readonly tree: SessionsTreeProvider;
  readonly treeView: vscode.TreeView<SessionsTreeNode>;
  private readonly disposables: vscode.Disposable[] = [];
  /**
   * The sessions selected in the tree, by id, kept from selection events. `treeView.selection` maps
   * the selected rows to their nodes, and between a refresh and the rows being fetched again (at
   * once while the view shows, only when it shows again otherwise) that list is empty although the
   * rows are still selected.
   */
  private selectedIds: readonly string[] = [];

  constructor(
    private readonly store: SessionsStore,
    files: SessionFiles,
  ) {
    this.tree = new SessionsTreeProvider(store, files);
    this.treeView = vscode.window.createTreeView(SESSIONS_VIEW_ID, { treeDataProvider: this.tree, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      this.tree,
      this.treeView.onDidChangeVisibility((e) => store.setViewVisible(e.visible)),
      this.treeView.onDidChangeSelection((e) => {
        this.selectedIds = e.selection.flatMap((node) => (node.kind === 'session' ? [node.sessionId] : []));
      }),
      store.onDidChangeState(() => this.updateText()),
      store.onDidChangeOptions(() => this.updateText()),
    );
    store.setViewVisible(this.treeView.visible);
    this.updateText();
  }

  /**
   * Shows a session in the tree (loading it into the list first if needed); false if it is not listed.
   * A reveal can fail with "Cannot resolve tree item" when the view re-reads its rows at the same
   * moment (the editor batches tree changes for 200 ms, then re-reads; a row added just before, as
   * after Create Session, is in that window): it is tried again, with the row as it is then, once the
   * re-read is over.
   */
  async revealSession(sessionId: string, options: { select?: boolean; focus?: boolean } = {}): Promise<boolean> {
    if (!this.tree.nodeForSession(sessionId)) await this.store.refreshSession(sessionId);
    for (let attempt = 1; ; attempt++) {
      const node = this.tree.nodeForSession(sessionId);
      if (!node) return false;
      try {
        // A multiagent session opens onto its threads; any other stays closed (its Files are read on demand).
        await this.treeView.reveal(node, { select: options.select ?? true, focus: options.focus ?? false, expand: isMultiagent(node.entry) });
        return true;
      } catch (error) {
        if (attempt >= REVEAL_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_MS));
      }
    }
  }

  /** The ids of the selected session rows that are still listed. */
  selectedSessionIds(): string[] {
    return this.selectedIds.filter((id) => this.store.get(id) !== undefined);
  }

  /**
   * Progress on the view while it is visible, in the status bar otherwise, and a notification with
   * Cancel once it takes longer than a moment (see src/shared/progress.ts).
   */
  withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>, onCancel?: WaitOptions['onCancel']): Promise<T> {
    const location = this.treeView.visible ? { viewId: SESSIONS_VIEW_ID } : vscode.ProgressLocation.Window;
    return withCancellableProgress({ location, title, onCancel }, task);
  }

  private updateText(): void {
    this.treeView.message = viewMessage(this.store.state);
    this.treeView.description = describeFilter(this.store.options);
  }

  dispose(): void {
    for (const disposable of this.disposables.reverse()) disposable.dispose();
  }
}

/**
 * The line above the tree. A rate limit or an overload reads as a calm "busy, retrying"; any other
 * failure says what is wrong, and, when waiting may fix it (a server error, a dropped connection),
 * that it retries by itself; with when, and what is shown meanwhile.
 */
function viewMessage(state: SessionsStoreState, now = Date.now()): string | undefined {
  if (state.load !== 'error') return undefined;
  const failure = `Could not load sessions: ${describeError(state.error)}`;
  if (!state.retrying) return failure;
  const when = state.nextRetryAt === undefined ? 'when the view is visible again' : state.nextRetryAt - now <= 1000 ? 'now' : `in ${Math.round((state.nextRetryAt - now) / 1000)} s`;
  const shown = state.stale && state.lastSuccessAt ? ` Showing the sessions from ${new Date(state.lastSuccessAt).toLocaleTimeString()}.` : '';
  const error = state.error;
  if (error instanceof APIError && error.isRateLimited) return `The API is rate limiting requests: retrying ${when}.${shown}`;
  if (error instanceof APIError && error.isOverloaded) return `The API is overloaded: retrying ${when}.${shown}`;
  return `${failure} Retrying ${when}.${shown}`;
}

// The sessions tree. Nodes are kept between refreshes and only the rows a store change touches are
// redrawn (see planTreeUpdate), so polling does not make the tree flicker.
import * as vscode from 'vscode';
import { describeError } from '../../shared/errors';
import { groupSessions, planTreeUpdate, treeShape, type TreeShape } from './treeGrouping';
import type { SessionsStore } from '../store/sessionsStore';
import { GroupNode } from './groupNode';
import { LoadMoreNode } from './loadMoreNode';
import { MessageNode } from './messageNode';
import { SessionNode, isMultiagent } from './sessionNode';
import { ThreadNode } from './threadNode';
import { REFRESH_SESSIONS } from '../../commandIds';

export type SessionsTreeNode = SessionNode | GroupNode | LoadMoreNode | MessageNode | ThreadNode;

export class SessionsTreeProvider implements vscode.TreeDataProvider<SessionsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionsTreeNode | SessionsTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private groups: GroupNode[] = [];
  /** The flat list's rows (grouping off). */
  private flatRows: SessionNode[] = [];
  private readonly sessionNodes = new Map<string, SessionNode>();
  /** The thread rows under each expanded multiagent session row, by the row's tree id, then thread id. */
  private readonly threadNodes = new Map<string, Map<string, ThreadNode>>();
  /** Sessions whose threads could not be read: the next refresh of the list reads them again. */
  private readonly threadsFailed = new Set<string>();
  private readonly loadMoreNode = new LoadMoreNode();
  private messageNode: MessageNode | undefined;
  private shape: TreeShape | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: SessionsStore) {
    this.rebuild();
    this.disposables.push(
      this.changed,
      store.onDidChangeSessions((change) =>
        this.update([...change.added, ...change.removed, ...change.changed.map((pair) => pair.current)].map((entry) => entry.session.id)),
      ),
      store.onDidChangeState(() => this.update([])),
      store.onDidChangeOptions(() => this.update([])),
    );
  }

  async getChildren(node?: SessionsTreeNode): Promise<SessionsTreeNode[]> {
    if (node?.kind === 'session') return this.threadRows(node);
    if (node) return node.kind === 'group' ? node.children : [];
    // The first look at the view is what loads the list (activation does no network).
    await this.store.ensureLoaded();
    return this.topLevel();
  }

  getTreeItem(node: SessionsTreeNode): vscode.TreeItem {
    const { stale, hasMore } = this.store.state;
    switch (node.kind) {
      case 'session':
        return node.toTreeItem({ groupBy: this.store.options.groupBy, stale, now: Date.now() });
      case 'group':
        return node.toTreeItem(hasMore);
      case 'loadMore':
        return node.toTreeItem(this.store.sessions.length);
      case 'message':
        return node.toTreeItem();
      case 'thread':
        return node.toTreeItem(Date.now());
    }
  }

  /** A session row's group, which TreeView.reveal needs; none for a top-level row. */
  getParent(node: SessionsTreeNode): SessionsTreeNode | undefined {
    if (node.kind === 'thread') return [...this.sessionNodes.values()].find((row) => row.treeItemId === node.parentId);
    if (node.kind !== 'session' || !node.groupId) return undefined;
    return this.groups.find((group) => group.treeItemId === node.groupId);
  }

  /** The row of a loaded session, for TreeView.reveal. */
  nodeForSession(sessionId: string): SessionNode | undefined {
    return this.sessionNodes.get(sessionId);
  }

  /** The rows at the top level, as the view shows them. */
  topLevel(): SessionsTreeNode[] {
    const rows: SessionsTreeNode[] = [];
    if (this.messageNode) rows.push(this.messageNode);
    if (this.store.options.groupBy === 'none') rows.push(...this.flatRows);
    else rows.push(...this.groups);
    if (this.store.state.hasMore) rows.push(this.loadMoreNode);
    return rows;
  }

  /** Reads a multiagent session's threads again (after a thread was interrupted or archived). */
  refreshThreads(sessionId: string): void {
    const row = this.sessionNodes.get(sessionId);
    if (row) this.changed.fire(row);
  }

  /**
   * A multiagent session's threads, read again each time VS Code asks (it asks for expanded rows only,
   * when the session's row changes). Rows keep their identity by thread id.
   */
  private async threadRows(row: SessionNode): Promise<SessionsTreeNode[]> {
    if (!isMultiagent(row.entry)) return [];
    const known = this.threadNodes.get(row.treeItemId) ?? new Map<string, ThreadNode>();
    try {
      const threads = await this.store.threadsOf(row.sessionId);
      const next = new Map<string, ThreadNode>();
      for (const thread of threads) {
        const node = known.get(thread.id) ?? new ThreadNode(thread, row.treeItemId);
        node.thread = thread;
        next.set(thread.id, node);
      }
      this.threadNodes.set(row.treeItemId, next);
      this.threadsFailed.delete(row.sessionId);
      return [...next.values()];
    } catch (error) {
      this.threadsFailed.add(row.sessionId);
      const message = new MessageNode('Could not load the threads', `${describeError(error)}\n\nClick to try again.`, { command: REFRESH_SESSIONS, title: 'Retry' });
      message.treeItemId = `${row.treeItemId}/message`;
      return [message];
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private update(changedIds: string[]): void {
    const before = this.shape;
    this.rebuild();
    const plan = planTreeUpdate(before, this.shape!, changedIds);
    if (plan.root) {
      this.changed.fire(undefined);
      return;
    }
    const nodes: SessionsTreeNode[] = [
      ...plan.groups.map((key) => this.groups.find((group) => group.key === key)).filter((group): group is GroupNode => Boolean(group)),
      ...[...new Set([...plan.sessions, ...this.threadsFailed])].map((id) => this.sessionNodes.get(id)).filter((row): row is SessionNode => Boolean(row)),
    ];
    if (nodes.length > 0) this.changed.fire(nodes);
  }

  /** Brings the nodes in line with the store, reusing every node whose place did not change. */
  private rebuild(): void {
    const { groupBy } = this.store.options;
    const state = this.store.state;
    const grouped = groupSessions(this.store.sessions, groupBy);

    const previousGroups = new Map(this.groups.map((group) => [group.key, group]));
    const previousRows = new Map(this.sessionNodes);
    this.sessionNodes.clear();
    const rowFor = (entry: SessionNode['entry'], group: GroupNode | undefined): SessionNode => {
      const existing = previousRows.get(entry.session.id);
      const row = existing && existing.groupId === group?.treeItemId ? existing : new SessionNode(entry, group?.treeItemId);
      row.entry = entry;
      this.sessionNodes.set(entry.session.id, row);
      return row;
    };

    if (groupBy === 'none') {
      this.groups = [];
      this.flatRows = grouped[0].entries.map((entry) => rowFor(entry, undefined));
    } else {
      this.flatRows = [];
      this.groups = grouped.map((group) => {
        const previous = previousGroups.get(group.key);
        const node = previous && previous.groupBy === groupBy ? previous : new GroupNode(groupBy, group.key, group.label);
        node.label = group.label;
        node.children = group.entries.map((entry) => rowFor(entry, node));
        return node;
      });
    }

    // Thread rows under rows that are gone (a session removed, or moved to another group) go too.
    const rowIds = new Set([...this.sessionNodes.values()].map((row) => row.treeItemId));
    for (const rowId of this.threadNodes.keys()) if (!rowIds.has(rowId)) this.threadNodes.delete(rowId);

    this.messageNode = state.stale ? this.staleMessage(state.error, state.lastSuccessAt) : undefined;
    const extras = [
      ...(this.messageNode ? [`message:${this.messageNode.label}`] : []),
      ...(state.hasMore ? ['loadMore'] : []),
    ];
    this.shape = treeShape(groupBy, grouped, extras);
  }

  private staleMessage(error: unknown, lastSuccessAt: number | undefined): MessageNode {
    const since = lastSuccessAt ? ` from ${new Date(lastSuccessAt).toLocaleTimeString()}` : '';
    const label = `Could not refresh: showing sessions${since}`;
    const detail = `${describeError(error)}\n\nClick to try again.`;
    const node = this.messageNode ?? new MessageNode(label, detail, undefined);
    node.label = label;
    node.detail = detail;
    node.command = { command: REFRESH_SESSIONS, title: 'Retry' };
    return node;
  }
}

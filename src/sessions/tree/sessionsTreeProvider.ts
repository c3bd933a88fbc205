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
import { REFRESH_SESSION_FILES, REFRESH_SESSIONS } from '../../commandIds';
import type { SessionFiles } from '../../files/sessionFiles';
import { FilesNode } from '../../files/tree/filesNode';
import { SessionFileNode } from '../../files/tree/sessionFileNode';

/** How long a Files row's list, read for its counts, also serves its children. */
const FRESH_LIST_MS = 2_000;

export type SessionsTreeNode = SessionNode | GroupNode | LoadMoreNode | MessageNode | ThreadNode | FilesNode | SessionFileNode;

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
  /** The Files row under each session row, by the row's tree id. */
  private readonly filesNodes = new Map<string, FilesNode>();
  /** The file rows under each Files row, by its tree id, then the file row's tree id. */
  private readonly fileNodes = new Map<string, Map<string, SessionFileNode>>();
  private readonly loadMoreNode = new LoadMoreNode();
  private messageNode: MessageNode | undefined;
  private shape: TreeShape | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: SessionsStore,
    private readonly files: SessionFiles,
  ) {
    this.rebuild();
    this.disposables.push(
      this.changed,
      files.onDidChange((sessionId) => void this.refreshFiles(sessionId)),
      store.onDidChangeSessions((change) =>
        this.update([...change.added, ...change.removed, ...change.changed.map((pair) => pair.current)].map((entry) => entry.session.id)),
      ),
      store.onDidChangeState(() => this.update([])),
      store.onDidChangeOptions(() => this.update([])),
    );
  }

  async getChildren(node?: SessionsTreeNode): Promise<SessionsTreeNode[]> {
    if (node?.kind === 'session') {
      const files = this.filesRow(node);
      // The Files row shows its counts from the start: redrawing it once its children are read would
      // leave VS Code unable to hand those rows to their menu commands.
      const [threads] = await Promise.all([this.threadRows(node), this.listFiles(files)]);
      return [files, ...threads];
    }
    if (node?.kind === 'files') return this.fileRows(node);
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
      case 'sessionFile':
        return node.toTreeItem(Date.now());
      case 'files':
        return node.toTreeItem();
    }
  }

  /** A session row's group, which TreeView.reveal needs; none for a top-level row. */
  getParent(node: SessionsTreeNode): SessionsTreeNode | undefined {
    if (node.kind === 'thread' || node.kind === 'files') return [...this.sessionNodes.values()].find((row) => row.treeItemId === node.parentId);
    if (node.kind === 'sessionFile') return [...this.filesNodes.values()].find((row) => row.treeItemId === node.parentId);
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

  /** Reads a session's files again, under each of its rows (after a file was attached or removed). */
  async refreshFiles(sessionId: string): Promise<void> {
    const rows = [...this.filesNodes.values()].filter((row) => row.sessionId === sessionId);
    await Promise.all(rows.map((row) => this.listFiles(row)));
    if (rows.length > 0) this.changed.fire(rows);
  }

  /** Reads a Files row's list for its counts; a failure leaves them out (the row says why when opened). */
  private async listFiles(row: FilesNode): Promise<void> {
    try {
      row.list = await this.files.list(row.sessionId);
    } catch {
      row.list = undefined;
    }
  }

  /** The Files row of a session row (kept, so that it stays expanded). */
  private filesRow(row: SessionNode): FilesNode {
    const known = this.filesNodes.get(row.treeItemId);
    if (known) return known;
    const node = new FilesNode(row.sessionId, row.treeItemId);
    this.filesNodes.set(row.treeItemId, node);
    return node;
  }

  /** A session's files, read each time VS Code asks (when the Files row is expanded or redrawn). */
  private async fileRows(row: FilesNode): Promise<SessionsTreeNode[]> {
    const known = this.fileNodes.get(row.treeItemId) ?? new Map<string, SessionFileNode>();
    try {
      // Just read for the row's counts (the row was drawn, or redrawn, a moment ago): not read twice.
      const list = await this.files.list(row.sessionId, { maxAgeMs: FRESH_LIST_MS });
      row.list = list;
      const items = [...list.mounts.map((resource) => ({ role: 'mount' as const, resource })), ...list.outputs.map((file) => ({ role: 'output' as const, file }))];
      const next = new Map<string, SessionFileNode>();
      for (const item of items) {
        const node = new SessionFileNode(row.sessionId, item, row.treeItemId);
        const kept = known.get(node.treeItemId);
        if (kept) kept.item = item;
        next.set(node.treeItemId, kept ?? node);
      }
      this.fileNodes.set(row.treeItemId, next);
      // The counts beside "Files" are known now: redraw the row itself once they change.
      if (next.size === 0) {
        const empty = new MessageNode('No files yet', 'Attach files with "Attach to Session…" on files in the Explorer; the files the agent writes appear here too.', undefined);
        empty.treeItemId = `${row.treeItemId}/empty`;
        empty.severity = 'info';
        return [empty];
      }
      return [...next.values()];
    } catch (error) {
      const message = new MessageNode('Could not load the files', `${describeError(error)}\n\nClick to try again.`, { command: REFRESH_SESSION_FILES, title: 'Retry', arguments: [row] });
      message.treeItemId = `${row.treeItemId}/message`;
      return [message];
    }
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
    for (const [rowId, files] of this.filesNodes) {
      if (rowIds.has(rowId)) continue;
      this.filesNodes.delete(rowId);
      this.fileNodes.delete(files.treeItemId);
    }

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

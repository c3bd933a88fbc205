// The Sessions sidebar in a real extension host, against the simulator the runner started: the tree,
// its filters, grouping and paging, the session commands, the status bar, notifications and the
// welcome states. Modal dialogs cannot be clicked here, so tests answer them by replacing the
// methods of the extension's `sessions.dialogs`.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { Session } from '../../src/api';
import type { SessionsParts } from '../../src/sessions/activateSessions';
import type { SessionDialogs } from '../../src/sessions/sessionDialogs';
import type { SessionsTreeNode } from '../../src/sessions/tree/sessionsTreeProvider';
import { browser, skipWithoutBridge } from './helpers/bridge';
import { ensureKey, extensionWithAgent } from './helpers/fixtures';
import { setFaults, setStatus, setThreadStatus } from './helpers/simulator';
import { waitFor } from './helpers/wait';

let api: ManagedAgentsExtensionApi;
let sessions: SessionsParts;
let originalDialogs: SessionDialogs;
let agentId: string;
let agentName: string;
let environmentId: string;
const created: string[] = [];
const runTag = `it-${Date.now().toString(36)}`;

async function setUp(): Promise<void> {
  if (api) return;
  const started = await extensionWithAgent();
  api = started.api;
  sessions = api.sessions;
  originalDialogs = { ...sessions.dialogs };
  agentId = started.agent.id;
  agentName = started.agent.name;
  environmentId = started.environment.id;
}

async function resetView(): Promise<void> {
  Object.assign(sessions.dialogs, originalDialogs);
  await sessions.store.updateOptions({ groupBy: 'none', statuses: [], agent: undefined, includeArchived: false });
  await sessions.store.refresh();
}

async function createSession(name: string): Promise<Session> {
  const session = await api.services.client.sessions.create({ agent: agentId, environment_id: environmentId, title: `${runTag} ${name}` });
  created.push(session.id);
  return session;
}

async function topLevel(): Promise<SessionsTreeNode[]> {
  return sessions.view.tree.getChildren();
}

/** Every session row, flat or inside groups. */
async function sessionRows(): Promise<{ node: SessionsTreeNode; item: vscode.TreeItem }[]> {
  const rows: { node: SessionsTreeNode; item: vscode.TreeItem }[] = [];
  for (const node of await topLevel()) {
    const nodes = node.kind === 'group' ? await sessions.view.tree.getChildren(node) : [node];
    for (const child of nodes) if (child.kind === 'session') rows.push({ node: child, item: sessions.view.tree.getTreeItem(child) });
  }
  return rows;
}

function rowFor(sessionId: string): vscode.TreeItem | undefined {
  const node = sessions.view.tree.nodeForSession(sessionId);
  return node ? sessions.view.tree.getTreeItem(node) : undefined;
}

function iconId(item: vscode.TreeItem | undefined): string | undefined {
  return (item?.iconPath as { id?: string } | undefined)?.id;
}

async function retrieveOrUndefined(sessionId: string): Promise<Session | undefined> {
  try {
    return await api.services.client.sessions.retrieve(sessionId);
  } catch (error) {
    if ((error as { isNotFound?: boolean }).isNotFound) return undefined;
    throw error;
  }
}

async function listAllIds(): Promise<string[]> {
  return (await api.services.client.sessions.list({ limit: 100 }).toArray()).map((session) => session.id);
}

/** A tree item's label as text. */
function labelText(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'string' ? label : (label?.label ?? '');
}

describe('Sessions sidebar', function () {
  this.timeout(60_000);

  before(async () => {
    await setUp();
  });
  beforeEach(resetView);
  after(async () => {
    if (!api) return;
    Object.assign(sessions.dialogs, originalDialogs);
    await setFaults(undefined).catch(() => undefined);
    await vscode.workspace.getConfiguration('managedAgents').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    for (const id of created) {
      // The API refuses to delete a running session: stop the ones a test left running first.
      await setStatus(id, { status: 'idle' }).catch(() => undefined);
      await api.services.client.sessions.delete(id).catch(() => undefined);
    }
  });

  describe('tree', () => {
    it('lists the API sessions with an icon and contextValue per status', async () => {
      const running = await createSession('running');
      const rescheduling = await createSession('rescheduling');
      const terminated = await createSession('terminated');
      const waiting = await createSession('waiting');
      const idle = await createSession('idle');
      await setStatus(running.id, { status: 'running' });
      await setStatus(rescheduling.id, { status: 'rescheduling' });
      await setStatus(terminated.id, { status: 'terminated' });
      await setStatus(waiting.id, { status: 'idle', stop_reason: { type: 'requires_action', event_ids: [] } });
      await sessions.store.refresh();

      const rows = await sessionRows();
      const firstPage = await api.services.client.sessions.list({ limit: api.services.settings.current.pageSize }).firstPage();
      assert.deepEqual(
        rows.map((row) => (row.node as { sessionId: string }).sessionId),
        firstPage.data.map((session) => session.id),
        'the rows are the first page of the API list, in its order',
      );
      const expected: [Session, string, string][] = [
        [running, 'session.running', 'sync~spin'],
        [rescheduling, 'session.rescheduling', 'history'],
        [terminated, 'session.terminated', 'circle-slash'],
        [idle, 'session.idle', 'circle-large-outline'],
      ];
      for (const [session, contextValue, icon] of expected) {
        const item = rowFor(session.id);
        assert.equal(item?.contextValue, contextValue, `contextValue of the ${session.title} row`);
        assert.equal(iconId(item), icon, `icon of the ${session.title} row`);
        assert.equal(item?.label, session.title);
        assert.match(String(item?.description), new RegExp(agentName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        assert.ok(item?.tooltip instanceof Object && String((item.tooltip).value).includes(session.id), 'tooltip names the session id');
      }
      // Why the session stopped comes from its events, shortly after the list.
      await waitFor('the waiting session to show as needing input', () => rowFor(waiting.id)?.contextValue === 'session.idle.needsAction');
      assert.equal(iconId(rowFor(waiting.id)), 'bell-dot');
    });

    it('groups by status and by agent, with counts', async () => {
      await createSession('grouping');
      assert.equal(await vscode.commands.executeCommand('managedAgents.groupSessionsBy', 'status'), true);
      let groups = await topLevel();
      assert.ok(groups.length > 0 && groups.every((node) => node.kind === 'group'), 'status grouping shows groups at the top');
      const order = ['Running', 'Rescheduling', 'Idle', 'Terminated', 'Archived'];
      const labels = groups.map((group) => labelText(sessions.view.tree.getTreeItem(group).label));
      assert.deepEqual(labels, [...labels].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
      for (const group of groups) {
        const children = await sessions.view.tree.getChildren(group);
        assert.equal(sessions.view.tree.getTreeItem(group).description, String(children.length));
        const key = (group as { key: string }).key;
        for (const child of children) {
          assert.ok(sessions.view.tree.getTreeItem(child).contextValue?.startsWith(`session.${key}`), `${key} group holds only ${key} sessions`);
          assert.equal(sessions.view.tree.getParent(child), group, 'reveal() finds a row through its group');
        }
        assert.equal(sessions.view.tree.getParent(group), undefined);
      }

      assert.equal(await vscode.commands.executeCommand('managedAgents.groupSessionsBy', 'agent'), true);
      groups = await topLevel();
      for (const group of groups) {
        assert.equal(group.kind, 'group');
        const children = await sessions.view.tree.getChildren(group);
        const names = new Set(children.map((child) => (child as { entry: { session: Session } }).entry.session.agent.name));
        assert.deepEqual([...names], [sessions.view.tree.getTreeItem(group).label]);
      }
      assert.equal(sessions.contextKeys.values.get('managedAgents.sessionsGroupBy'), 'agent');

      // Revealing a row inside a group: the view expands the group and selects the row.
      const revealed = (await sessions.view.tree.getChildren(groups[0]))[0] as { sessionId: string };
      assert.equal(await sessions.view.revealSession(revealed.sessionId), true);
      await waitFor('the grouped row to be selected', () => sessions.view.treeView.selection.some((node) => node.kind === 'session' && node.sessionId === revealed.sessionId));

      await vscode.commands.executeCommand('managedAgents.groupSessionsBy', 'none');
      assert.ok((await topLevel()).every((node) => node.kind === 'session'));
      assert.equal(sessions.view.tree.getParent((await topLevel())[0]), undefined);
    });

    it('filters by status and agent on the server, and shows archived sessions on request', async () => {
      const toArchive = await createSession('archived for the filter test');
      await api.services.client.sessions.archive(toArchive.id);
      const terminated = await createSession('terminated for the filter test');
      await setStatus(terminated.id, { status: 'terminated' });

      await vscode.commands.executeCommand('managedAgents.filterSessions', { statuses: ['terminated'] });
      let rows = await sessionRows();
      assert.ok(rows.length > 0 && rows.every((row) => row.item.contextValue === 'session.terminated'), 'only terminated sessions are listed');
      assert.ok(sessions.view.tree.nodeForSession(terminated.id));
      assert.equal(sessions.contextKeys.values.get('managedAgents.sessionsFiltered'), true);
      assert.equal(sessions.view.treeView.description, 'Terminated');

      await vscode.commands.executeCommand('managedAgents.filterSessions', { statuses: [], agentId, agentName });
      rows = await sessionRows();
      assert.ok(rows.every((row) => (row.node as { entry: { session: Session } }).entry.session.agent.id === agentId), 'only the agent’s sessions');

      await vscode.commands.executeCommand('managedAgents.clearSessionFilter');
      assert.equal(sessions.contextKeys.values.get('managedAgents.sessionsFiltered'), false);
      assert.equal(sessions.view.tree.nodeForSession(toArchive.id), undefined, 'archived sessions are hidden by default');

      await vscode.commands.executeCommand('managedAgents.showArchivedSessions');
      assert.equal(rowFor(toArchive.id)?.contextValue, 'session.idle.archived');
      assert.equal(iconId(rowFor(toArchive.id)), 'archive');
      assert.equal(sessions.contextKeys.values.get('managedAgents.includeArchived'), true);
      await vscode.commands.executeCommand('managedAgents.hideArchivedSessions');
      assert.equal(sessions.view.tree.nodeForSession(toArchive.id), undefined);
    });

    it('pages with a small page size: "Load more" appears and loads the rest', async () => {
      await createSession('paging 1');
      await createSession('paging 2');
      await createSession('paging 3');
      await vscode.workspace.getConfiguration('managedAgents').update('pageSize', 2, vscode.ConfigurationTarget.Global);
      try {
        await waitFor('the list to reload with 2 sessions and more to load', () => sessions.store.sessions.length === 2 && sessions.store.state.hasMore);
        const rows = await topLevel();
        const last = rows[rows.length - 1];
        assert.equal(last.kind, 'loadMore');
        assert.equal(sessions.view.tree.getTreeItem(last).label, 'Load more…');
        assert.equal(sessions.view.tree.getTreeItem(last).command?.command, 'managedAgents.loadMoreSessions');
        assert.equal(sessions.contextKeys.values.get('managedAgents.hasMoreSessions'), true);

        const expected = await listAllIds();
        for (let page = 0; sessions.store.state.hasMore && page < 100; page++) {
          assert.equal(await vscode.commands.executeCommand('managedAgents.loadMoreSessions'), true);
        }
        assert.deepEqual(sessions.store.sessions.map((entry) => entry.session.id), expected);
        assert.ok((await topLevel()).every((node) => node.kind !== 'loadMore'), 'no "Load more" once everything is loaded');

        // A refresh re-reads everything loaded so far, not just the first page.
        await sessions.store.refresh();
        assert.equal(sessions.store.sessions.length, expected.length);
      } finally {
        await vscode.workspace.getConfiguration('managedAgents').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('shows a session created through the API after Refresh, and reveals it', async () => {
      const session = await api.services.client.sessions.create({ agent: agentId, environment_id: environmentId, title: `${runTag} created elsewhere` });
      created.push(session.id);
      assert.equal(sessions.view.tree.nodeForSession(session.id), undefined);
      await vscode.commands.executeCommand('managedAgents.refresh');
      assert.equal(rowFor(session.id)?.label, session.title);
      assert.equal(await sessions.view.revealSession(session.id), true);
      await waitFor('the revealed row to be selected', () => sessions.view.treeView.selection.some((node) => node.kind === 'session' && node.sessionId === session.id));
    });

    it('reveals a session added a moment ago while the view is still re-reading its rows', async () => {
      // A new row changes the top level; the view re-reads it in the moments after, and a reveal that
      // overlaps that re-read (as after Create Session) must still find and select the row.
      await vscode.commands.executeCommand('workbench.view.extension.managedAgents');
      await waitFor('the Sessions view to show', () => sessions.view.treeView.visible);
      for (let round = 0; round < 6; round++) {
        const session = await api.services.client.sessions.create({ agent: agentId, environment_id: environmentId, title: `${runTag} reveal race ${round}` });
        created.push(session.id);
        await sessions.store.refreshSession(session.id);
        // Another change to the top level lands while the reveal runs.
        const other = await api.services.client.sessions.create({ agent: agentId, environment_id: environmentId, title: `${runTag} reveal race ${round} (other)` });
        created.push(other.id);
        const [shown] = await Promise.all([sessions.view.revealSession(session.id, { select: true }), sessions.store.refreshSession(other.id)]);
        assert.equal(shown, true, `round ${round}`);
        await waitFor(`round ${round}: the revealed row to be selected`, () => sessions.view.treeView.selection.some((node) => node.kind === 'session' && node.sessionId === session.id));
      }
    });
  });

  describe('commands', () => {
    it('Send Message sends a user.message', async () => {
      const session = await createSession('send');
      const text = `Hello from ${runTag}`;
      assert.equal(await vscode.commands.executeCommand('managedAgents.sendMessage', session.id, text), true);
      const events = await api.services.client.sessions.events.list(session.id, { types: ['user.message'] }).toArray();
      assert.ok(
        events.some((event) => event.type === 'user.message' && event.content.some((block) => block.type === 'text' && block.text === text)),
        'the message is in the session history',
      );
    });

    it('Send Message offers the typed text again after a failed send', async () => {
      const session = await createSession('send retry');
      await sessions.store.refresh();
      const asked: { draft: string | undefined; problem: string | undefined }[] = [];
      sessions.dialogs.askMessage = async (_session, draft, problem) => {
        asked.push({ draft, problem });
        return asked.length === 1 ? 'kept text' : draft;
      };
      await setFaults({ errors: [{ method: 'POST', path: `/v1/sessions/${session.id}/events`, status: 500, count: 1, shouldRetry: false }] });
      assert.equal(await vscode.commands.executeCommand('managedAgents.sendMessage', sessions.view.tree.nodeForSession(session.id)), true);
      assert.equal(asked.length, 2);
      assert.equal(asked[1].draft, 'kept text');
      assert.ok(asked[1].problem, 'the second prompt says why the first send failed');
    });

    it('Interrupt stops a running session', async () => {
      const session = await createSession('interrupt');
      await setStatus(session.id, { status: 'running' });
      await sessions.store.refresh();
      assert.equal(rowFor(session.id)?.contextValue, 'session.running');
      assert.equal(await vscode.commands.executeCommand('managedAgents.interrupt', session.id), true);
      await waitFor('the session to go idle', async () => (await sessions.store.refreshSession(session.id))?.session.status === 'idle');
      assert.equal(rowFor(session.id)?.contextValue?.startsWith('session.idle'), true);
    });

    it('Archive archives an idle session and removes it from the list', async () => {
      const session = await createSession('archive idle');
      await sessions.store.refresh();
      assert.ok(sessions.view.tree.nodeForSession(session.id));
      assert.equal(await vscode.commands.executeCommand('managedAgents.archive', sessions.view.tree.nodeForSession(session.id)), true);
      assert.ok((await api.services.client.sessions.retrieve(session.id)).archived_at);
      assert.equal(sessions.view.tree.nodeForSession(session.id), undefined);
    });

    it('Archive of a running session interrupts it first when the user agrees, and not otherwise', async () => {
      const session = await createSession('archive running');
      await setStatus(session.id, { status: 'running' });
      const questions: string[] = [];
      sessions.dialogs.choose = async (message) => {
        questions.push(message);
        return undefined;
      };
      assert.equal(await vscode.commands.executeCommand('managedAgents.archive', session.id), false);
      assert.equal((await api.services.client.sessions.retrieve(session.id)).archived_at, null);

      sessions.dialogs.choose = async <T extends string>(message: string, _detail: string, actions: readonly T[]) => {
        questions.push(message);
        return actions[0];
      };
      assert.equal(await vscode.commands.executeCommand('managedAgents.archive', session.id), true);
      const archived = await api.services.client.sessions.retrieve(session.id);
      assert.ok(archived.archived_at);
      assert.equal(archived.status, 'idle');
      assert.equal(questions.length, 2);
      assert.match(questions[0], /running/);
    });

    it('Delete asks first, naming the session, and deletes only when confirmed', async () => {
      const session = await createSession('delete');
      await sessions.store.refresh();
      const asked: string[] = [];
      sessions.dialogs.confirm = async (message) => {
        asked.push(message);
        return false;
      };
      assert.equal(await vscode.commands.executeCommand('managedAgents.delete', session.id), false);
      assert.ok(await retrieveOrUndefined(session.id), 'not deleted without confirmation');
      assert.ok(asked[0].includes(String(session.title)), 'the confirmation names the session');

      sessions.dialogs.confirm = async () => true;
      assert.equal(await vscode.commands.executeCommand('managedAgents.delete', sessions.view.tree.nodeForSession(session.id)), true);
      assert.equal(await retrieveOrUndefined(session.id), undefined);
      assert.equal(sessions.view.tree.nodeForSession(session.id), undefined);
    });

    it('Copy Session ID works from the palette by asking which session', async () => {
      const session = await createSession('copy');
      await sessions.store.refresh();
      let offered = 0;
      sessions.dialogs.pickSession = async (entries) => {
        offered = entries.length;
        return entries.find((entry) => entry.session.id === session.id);
      };
      assert.equal(await vscode.commands.executeCommand('managedAgents.copySessionId'), session.id);
      assert.equal(offered, sessions.store.sessions.length);
    });
  });

  describe('multiagent threads', () => {
    /** A session of the seeded coordinator ("Team lead": Docs writer and itself), after a #team turn. */
    async function teamSession(): Promise<Session> {
      const client = api.services.client;
      const lead = (await client.agents.list({ limit: 100 }).toArray()).find((agent) => agent.name === 'Team lead' && agent.multiagent);
      assert.ok(lead, 'the simulator seeds a coordinator agent');
      const session = await client.sessions.create({ agent: lead.id, environment_id: environmentId, title: `${runTag} team` });
      created.push(session.id);
      await client.sessions.events.send(session.id, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'update the docs #team' }] }] });
      await waitFor('the team turn to end', async () => {
        const current = await client.sessions.retrieve(session.id);
        return current.status === 'idle' && (await client.sessions.threads.list(session.id).toArray()).length === 3;
      }, { timeout: 20_000 });
      await sessions.store.refresh();
      return session;
    }

    async function threadRows(sessionId: string) {
      const row = sessions.view.tree.nodeForSession(sessionId);
      assert.ok(row, 'the session has a row');
      const children = await sessions.view.tree.getChildren(row);
      assert.equal(children[0]?.kind, 'files', 'a session row opens onto its Files first');
      return children.slice(1).map((node) => ({ node, item: sessions.view.tree.getTreeItem(node) }));
    }

    it('a multiagent session opens onto its threads: the coordinator first, then each subagent, with status and usage', async () => {
      const session = await teamSession();
      const row = sessions.view.tree.nodeForSession(session.id)!;
      assert.equal(sessions.view.tree.getTreeItem(row).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      const threads = await api.services.client.sessions.threads.list(session.id).toArray();
      const rows = await threadRows(session.id);
      assert.deepEqual(rows.map((r) => r.node.kind), ['thread', 'thread', 'thread']);
      assert.deepEqual(rows.map((r) => r.item.label), ['Team lead', 'Docs writer', 'Team lead']);
      assert.deepEqual(rows.map((r) => r.item.contextValue), ['thread.idle.primary', 'thread.idle', 'thread.idle']);
      rows.forEach(({ item }, index) => {
        const usage = threads[index].usage;
        assert.ok(usage, 'each thread has its own usage once idle');
        const tokens = (n: number | undefined) => (n === undefined ? '0' : n < 1000 ? String(n) : `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`);
        assert.equal(item.description, `${index === 0 ? 'coordinator' : 'subagent'} · ${tokens(usage.input_tokens)} in · ${tokens(usage.output_tokens)} out`);
        assert.ok(String(item.accessibilityInformation?.label).startsWith(`${item.label as string}, ${String(item.description)}, Idle`), String(item.accessibilityInformation?.label));
      });
      // A single-agent session has no threads to show, only its files.
      const single = await createSession('single');
      await sessions.store.refresh();
      const singleRow = sessions.view.tree.nodeForSession(single.id)!;
      assert.deepEqual((await sessions.view.tree.getChildren(singleRow)).map((node) => node.kind), ['files']);
    });

    it('says when the threads could not be read, and reads them again with the next refresh', async () => {
      const session = await teamSession();
      await setFaults({ errors: [{ method: 'GET', path: `/v1/sessions/${session.id}/threads`, status: 500, count: 1, shouldRetry: false }] });
      const failed = await threadRows(session.id);
      assert.deepEqual(failed.map((r) => r.node.kind), ['message']);
      assert.equal(failed[0].item.label, 'Could not load the threads');
      const row = sessions.view.tree.nodeForSession(session.id)!;
      const redrawn: unknown[] = [];
      const watch = sessions.view.tree.onDidChangeTreeData((nodes) => redrawn.push(...(Array.isArray(nodes) ? nodes : [nodes])));
      try {
        await vscode.commands.executeCommand('managedAgents.refresh');
        await waitFor('the row to be redrawn after the refresh', async () => redrawn.includes(row) || redrawn.includes(undefined));
      } finally {
        watch.dispose();
      }
      assert.deepEqual((await threadRows(session.id)).map((r) => r.node.kind), ['thread', 'thread', 'thread']);
    });

    it('Interrupt Thread stops one running subagent; the others and the session are left alone', async () => {
      const session = await teamSession();
      const [, docs, second] = await api.services.client.sessions.threads.list(session.id).toArray();
      await setThreadStatus(session.id, docs.id, 'running');
      await setThreadStatus(session.id, second.id, 'running');
      const rows = await threadRows(session.id);
      const docsRow = rows.find((r) => r.node.kind === 'thread' && r.node.thread.id === docs.id)!;
      assert.equal(docsRow.item.contextValue, 'thread.running');
      assert.equal(await vscode.commands.executeCommand('managedAgents.interruptThread', docsRow.node), true);
      const interrupts = (await api.services.client.sessions.events.list(session.id, { types: ['user.interrupt'] }).toArray()).filter((e) => e.type === 'user.interrupt');
      assert.deepEqual(interrupts.map((e) => e.session_thread_id), [docs.id], 'one interrupt, naming the thread');
      await waitFor('the interrupted thread to stop', async () => (await api.services.client.sessions.threads.retrieve(session.id, docs.id)).status === 'idle');
      assert.equal((await api.services.client.sessions.threads.retrieve(session.id, second.id)).status, 'running', 'the other subagent goes on');
      assert.equal((await api.services.client.sessions.retrieve(session.id)).status, 'running', 'so does the session');
      const after = await threadRows(session.id);
      assert.equal(after.find((r) => r.node.kind === 'thread' && r.node.thread.id === docs.id)?.item.contextValue, 'thread.idle');
      await setThreadStatus(session.id, second.id, 'idle');
    });

    it('Archive Thread archives a finished subagent, and refuses the coordinator without asking the API', async () => {
      const session = await teamSession();
      const rows = await threadRows(session.id);
      const [primaryRow, docsRow] = rows;
      assert.ok(primaryRow.node.kind === 'thread' && docsRow.node.kind === 'thread');
      const notes: string[] = [];
      const show = vscode.window.showInformationMessage;
      (vscode.window as { showInformationMessage: unknown }).showInformationMessage = async (message: string) => void notes.push(message);
      try {
        assert.equal(await vscode.commands.executeCommand('managedAgents.archiveThread', primaryRow.node), false);
      } finally {
        (vscode.window as { showInformationMessage: unknown }).showInformationMessage = show;
      }
      assert.match(notes.join('\n'), /primary thread: archive the session instead/);
      assert.equal(await vscode.commands.executeCommand('managedAgents.archiveThread', docsRow.node), true);
      const archived = await api.services.client.sessions.threads.retrieve(session.id, docsRow.node.thread.id);
      assert.ok(archived.archived_at, 'the API has it archived');
      const after = await threadRows(session.id);
      assert.match(String(after[1].item.contextValue), /\.archived$/);
      assert.equal((after[1].item.iconPath as vscode.ThemeIcon).id, 'archive');
      assert.equal(after[0].item.contextValue, 'thread.idle.primary', 'the coordinator is untouched');
    });
  });

  describe('status bar and notifications', () => {
    /** The label a screen reader speaks starts with the words the item shows (voice control), then says whose they are. */
    function assertSpokenLabel(): void {
      const { text, accessibilityInformation } = api.sessions.statusBar.item;
      const shown = text.split(/\s*\$\([\w~-]+\)\s*/).map((part) => part.trim()).filter(Boolean);
      assert.ok(shown.length && shown.every((part) => /^\d+ (needs? input|running)$/.test(part)), `nothing counted in "${text}"`);
      assert.equal(accessibilityInformation?.label, `${shown.join(', ')}: Managed Agents sessions. Show them.`);
    }

    it('counts running sessions and warns about one waiting for input, with a notification', async () => {
      const notes: string[] = [];
      sessions.dialogs.notify = async (_severity, message) => {
        notes.push(message);
        return undefined;
      };
      const session = await createSession('notify');
      await setStatus(session.id, { status: 'running' });
      await sessions.store.refresh();
      assert.equal(api.sessions.statusBar.visible, true);
      assert.match(api.sessions.statusBar.item.text, /running/);
      assertSpokenLabel();

      await setStatus(session.id, { status: 'idle', stop_reason: { type: 'requires_action', event_ids: [] } });
      await sessions.store.refresh();
      await waitFor('a "needs your input" notification', () => notes.some((note) => note.includes(String(session.title)) && /needs your input/.test(note)));
      assert.match(api.sessions.statusBar.item.text, /needs? input/);
      assertSpokenLabel();

      const ending = await createSession('terminates');
      await setStatus(ending.id, { status: 'running' });
      await sessions.store.refresh();
      await setStatus(ending.id, { status: 'terminated' });
      await sessions.store.refresh();
      await waitFor('a "terminated" notification', () => notes.some((note) => note.includes(String(ending.title)) && /terminated/.test(note)));
    });
  });

  describe('welcome states', () => {
    it('keeps the last sessions, marked stale, while the API fails, and recovers on Retry', async () => {
      const session = await createSession('stale');
      await sessions.store.refresh();
      await setFaults({ errors: [{ method: 'GET', path: '/v1/sessions', status: 503, count: -1, shouldRetry: false }] });
      try {
        await vscode.commands.executeCommand('managedAgents.refresh');
        assert.equal(sessions.store.state.load, 'error');
        assert.equal(sessions.store.state.stale, true);
        assert.equal(sessions.contextKeys.values.get('managedAgents.apiUnreachable'), true);
        assert.ok(sessions.view.tree.nodeForSession(session.id), 'the last known sessions stay');
        const first = (await topLevel())[0];
        assert.equal(first.kind, 'message');
        assert.equal(sessions.view.tree.getTreeItem(first).command?.command, 'managedAgents.refresh');
        assert.match(String(sessions.view.treeView.message), /Could not load sessions: .*503/);
      } finally {
        await setFaults(undefined);
      }
      await vscode.commands.executeCommand('managedAgents.refresh');
      assert.equal(sessions.store.state.load, 'loaded');
      assert.equal(sessions.contextKeys.values.get('managedAgents.apiUnreachable'), false);
      assert.notEqual((await topLevel())[0].kind, 'message');
      assert.equal(sessions.view.treeView.message, undefined);
    });

    it('shows the Set API Key welcome after Clear API Key, and the sessions again once a key is set', async () => {
      assert.ok(sessions.store.sessions.length > 0);
      try {
        await vscode.commands.executeCommand('managedAgents.clearApiKey');
        await waitFor('the no-key context key', () => sessions.contextKeys.values.get('managedAgents.noKey') === true);
        assert.equal(sessions.store.sessions.length, 0);
        assert.deepEqual(await topLevel(), []);
        assert.equal(api.sessions.statusBar.visible, false);
        // Refreshing without a key asks for none and stays in the welcome state.
        await sessions.store.refresh();
        assert.equal(sessions.store.state.load, 'noKey');
      } finally {
        await ensureKey(api);
      }
      await waitFor('the sessions to load again', () => sessions.store.state.load === 'loaded' && sessions.store.sessions.length > 0);
      assert.equal(sessions.contextKeys.values.get('managedAgents.noKey'), false);
      assert.equal(sessions.contextKeys.values.get('managedAgents.sessionsLoaded'), true);
    });
  });

  describe('in the workbench', () => {
    it('renders the rows with their status icons in the Managed Agents side bar', async function () {
      skipWithoutBridge(this);
      const session = await createSession('rendered');
      await setStatus(session.id, { status: 'running' });
      await vscode.commands.executeCommand('managedAgents.groupSessionsBy', 'status');
      await vscode.commands.executeCommand('managedAgents.sessions.focus');
      const row = await browser.query('.monaco-list-row', { hasText: String(session.title) });
      assert.match(row.html, /codicon-sync/);
      const group = await browser.query('.monaco-list-row', { hasText: 'Running' });
      assert.ok(group.text.includes('Running'));
      await browser.screenshot('sessions-sidebar-by-status');
    });

    it('polls while the view is visible: a session created elsewhere appears without Refresh', async function () {
      skipWithoutBridge(this);
      const config = vscode.workspace.getConfiguration('managedAgents');
      await config.update('refresh.activeSeconds', 1, vscode.ConfigurationTarget.Global);
      await config.update('refresh.idleSeconds', 5, vscode.ConfigurationTarget.Global);
      try {
        await vscode.commands.executeCommand('managedAgents.sessions.focus');
        await waitFor('the view to be visible', () => sessions.view.treeView.visible);
        if (!vscode.window.state.focused) this.skip(); // polling pauses in an unfocused window, by design
        const session = await createSession('polled');
        await waitFor('the polled session to appear', () => sessions.view.tree.nodeForSession(session.id), { timeout: 15_000 });
        await setStatus(session.id, { status: 'running' });
        await waitFor('the row to show it running', () => rowFor(session.id)?.contextValue === 'session.running', { timeout: 15_000 });
      } finally {
        await config.update('refresh.activeSeconds', undefined, vscode.ConfigurationTarget.Global);
        await config.update('refresh.idleSeconds', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('renders the Set API Key welcome without a key', async function () {
      skipWithoutBridge(this);
      await vscode.commands.executeCommand('managedAgents.sessions.focus');
      try {
        await vscode.commands.executeCommand('managedAgents.clearApiKey');
        const button = await browser.query('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Set API Key' });
        assert.match(button.text, /Set API Key/);
        await browser.screenshot('sessions-sidebar-no-key');
      } finally {
        await ensureKey(api);
      }
      await waitFor('the sessions to load again', () => sessions.store.state.load === 'loaded');
    });
  });
});

// What the API refuses, through the extension's commands in a real extension host: Delete, Archive,
// Update and Send on a running, archived, terminated or over-budget session, with the simulator
// answering state conflicts 400 and then 409. Each path ends in one clear message or the offer to
// interrupt, and the simulator's request log shows the refused request was made once (no retry: a
// retried 409 would cost the user seconds of backoff). Budgets: a session stopped by its budget shows
// it in the tree, the notification and the history panel, and Raise Session Budget opens its update
// body with a higher ceiling.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { Agent, Environment, Session } from '../../src/api';
import type { ShownMessage } from '../../src/shared/errors';
import type { HistoryPanel } from '../../src/history/historyPanel';
import { describeBudget, suggestedBudget } from '../../src/sessions/budget';
import { escapeMarkdown, formatMoney } from '../../src/webview/format';
import type { SessionsParts } from '../../src/sessions/activateSessions';
import type { SessionDialogs } from '../../src/sessions/sessionDialogs';
import type { YamlCommandOutcome } from '../../src/yaml/editor/bodyCommands';
import { closeAllEditors, openYaml } from './fixtures/yaml/harness';
import { extensionWithAgent } from './helpers/fixtures';
import { requestLog, setFaults, setStatus, type LoggedRequest } from './helpers/simulator';
import { act, openPanel } from './helpers/panel';
import { waitFor } from './helpers/wait';

const runTag = `refusal-${Date.now().toString(36)}`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const budget = (amount: string) => ({ type: 'limit' as const, max_list_cost: { amount, currency: 'USD' as const } });

let api: ManagedAgentsExtensionApi;
let sessions: SessionsParts;
let originalDialogs: SessionDialogs;
let agent: Agent;
let environment: Environment;
const created: string[] = [];
const shown: ShownMessage[] = [];

async function createSession(name: string, extra: object = {}): Promise<Session> {
  const session = await api.services.client.sessions.create({ agent: agent.id, environment_id: environment.id, title: `${runTag} ${name}`, ...extra });
  created.push(session.id);
  return session;
}

/** The /v1 requests `action` made to `path` with `method`, in order. */
async function requestsDuring<T>(method: string, path: string, action: () => Thenable<T> | Promise<T>): Promise<{ result: T; requests: LoggedRequest[] }> {
  const before = (await requestLog()).length;
  const result = await action();
  const requests = (await requestLog()).slice(before).filter((entry) => entry.method === method && entry.path === path);
  return { result, requests };
}

/** Notifications shown while `action` ran. */
async function messagesDuring<T>(action: () => Thenable<T> | Promise<T>): Promise<{ result: T; messages: ShownMessage[] }> {
  const from = shown.length;
  const result = await action();
  return { result, messages: shown.slice(from) };
}

/** Answers the interrupt offer with its action (or declines it), recording the questions asked. */
function answerInterruptOffer(accept: boolean): string[] {
  const questions: string[] = [];
  sessions.dialogs.choose = async <T extends string>(message: string, _detail: string, actions: readonly T[]) => {
    questions.push(message);
    return accept ? actions[0] : undefined;
  };
  return questions;
}

/** A session that has spent its budget: created with $0.01, one message, stopped with budget_reached. */
async function overBudgetSession(name: string): Promise<Session> {
  const session = await createSession(name, { budget: budget('1') });
  await api.services.client.sessions.events.send(session.id, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'List the dependencies.' }] }] });
  await waitFor(
    'the turn to stop at the budget',
    async () => {
      const now = await api.services.client.sessions.retrieve(session.id);
      return now.status === 'idle' && BigInt(now.usage.list_cost?.amount ?? '0') >= 1n && now;
    },
    { timeout: 15_000 },
  );
  return api.services.client.sessions.retrieve(session.id);
}

/** The session's panel, once its header has loaded. */
async function openPanelWithHeader(sessionId: string): Promise<HistoryPanel> {
  const panel = await openPanel(sessionId);
  await waitFor('the panel header', () => panel.header !== null, { timeout: 15_000 });
  return panel;
}

async function run(command: string, ...args: unknown[]): Promise<YamlCommandOutcome> {
  return (await vscode.commands.executeCommand<YamlCommandOutcome>(command, ...args));
}

describe('Refusals of running, archived and over-budget sessions', function () {
  this.timeout(60_000);
  let subscription: vscode.Disposable | undefined;

  before(async () => {
    ({ api, agent, environment } = await extensionWithAgent());
    sessions = api.sessions;
    originalDialogs = { ...sessions.dialogs };
    subscription = api.onDidShowMessage((message) => shown.push(message));
  });

  afterEach(async () => {
    Object.assign(sessions.dialogs, originalDialogs);
    await setFaults(undefined);
    for (const panel of api?.history.all ?? []) panel.dispose();
    await closeAllEditors();
  });

  after(async () => {
    subscription?.dispose();
    if (!api) return;
    for (const id of created) {
      // A running session cannot be deleted: stop it first.
      await setStatus(id, { status: 'idle' }).catch(() => undefined);
      await api.services.client.sessions.delete(id).catch(() => undefined);
    }
  });

  for (const status of [400, 409] as const) {
    describe(`state conflicts answered ${status}`, () => {
      beforeEach(async () => {
        await setFaults({ stateConflictStatus: status });
      });

      it('Delete of a running session offers to interrupt it, waits, then deletes it: from the palette, the tree and the panel', async () => {
        const [fromPalette, fromTree, fromPanel] = await Promise.all(['palette', 'tree', 'panel'].map((where) => createSession(`delete running from the ${where}`)));
        for (const session of [fromPalette, fromTree, fromPanel]) await setStatus(session.id, { status: 'running' });
        await sessions.store.refresh();
        const questions = answerInterruptOffer(true);
        sessions.dialogs.confirm = async () => assert.fail('the interrupt offer is the confirmation; no second question');
        sessions.dialogs.pickSession = async (entries) => entries.find((entry) => entry.session.id === fromPalette.id);

        const palette = await requestsDuring('DELETE', `/v1/sessions/${fromPalette.id}`, () => vscode.commands.executeCommand('managedAgents.delete'));
        const node = sessions.view.tree.nodeForSession(fromTree.id);
        assert.ok(node && sessions.view.tree.getTreeItem(node).contextValue === 'session.running');
        const tree = await requestsDuring('DELETE', `/v1/sessions/${fromTree.id}`, () => vscode.commands.executeCommand('managedAgents.delete', node));
        const panel = await openPanelWithHeader(fromPanel.id);
        const disposed = new Promise<void>((resolve) => panel.onDidDispose(() => resolve()));
        const fromWebview = await requestsDuring('DELETE', `/v1/sessions/${fromPanel.id}`, () => act(panel, { type: 'delete', requestId: 'delete-1' }));

        assert.equal(palette.result, true);
        assert.equal(tree.result, true);
        assert.deepEqual(fromWebview.result, { ok: true, error: undefined });
        await disposed;
        assert.equal(questions.length, 3, 'one interrupt offer each');
        for (const question of questions) assert.match(question, /is running\. Delete it\?/);
        for (const { requests } of [palette, tree, fromWebview]) {
          assert.deepEqual(requests.map((entry) => entry.status), [200], 'deleted once it had stopped, never refused');
        }
        for (const session of [fromPalette, fromTree, fromPanel]) {
          await assert.rejects(api.services.client.sessions.retrieve(session.id), (error: unknown) => (error as { isNotFound?: boolean }).isNotFound === true);
        }
      });

      it('Delete and Archive of a session the list shows idle but that runs: one refused request, then the interrupt offer', async () => {
        const toArchive = await createSession('archive, listed idle');
        const toDelete = await createSession('delete, listed idle');
        await setStatus(toArchive.id, { status: 'running' });
        await setStatus(toDelete.id, { status: 'running' });
        // The session objects the list had: idle.
        assert.equal(toArchive.status, 'idle');

        const declined = answerInterruptOffer(false);
        const archive = await requestsDuring('POST', `/v1/sessions/${toArchive.id}/archive`, () => vscode.commands.executeCommand('managedAgents.archive', toArchive));
        assert.equal(archive.result, false);
        assert.deepEqual(archive.requests.map((entry) => entry.status), [status], 'refused once, not retried');
        assert.equal(declined.length, 1);
        assert.match(declined[0], /is running\./);
        assert.equal((await api.services.client.sessions.retrieve(toArchive.id)).archived_at, null);

        sessions.dialogs.confirm = async () => true;
        const accepted = answerInterruptOffer(true);
        const remove = await requestsDuring('DELETE', `/v1/sessions/${toDelete.id}`, () => vscode.commands.executeCommand('managedAgents.delete', toDelete));
        assert.equal(remove.result, true);
        assert.deepEqual(remove.requests.map((entry) => entry.status), [status, 200], 'one refusal, then the delete after the interrupt');
        assert.equal(accepted.length, 1);
      });

      it('Update: one clear message for a running, an archived and an over-budget session, each refused once', async () => {
        const running = await createSession('update running');
        const archived = await createSession('update archived');
        const spent = await overBudgetSession('update over budget');
        await setStatus(running.id, { status: 'running' });
        await api.services.client.sessions.archive(archived.id);

        const cases: [Session, string, RegExp, number][] = [
          [running, 'agent:\n  tools: []\n', /is running, and its tools and MCP servers can only change while it is idle\. Interrupt it or wait/, status],
          [archived, 'title: renamed\n', /is archived, and an archived session cannot be changed/, status],
          // A budget rule, not a state: always a 400 with the reason in error.details.error_code.
          [
            spent,
            `budget:\n  type: limit\n  max_list_cost: {amount: "${spent.usage.list_cost?.amount}", currency: USD}\n`,
            new RegExp(`The budget must be above what .* has already spent \\(${escape(String(formatMoney(spent.usage.list_cost)))}\\)`),
            400,
          ],
        ];
        for (const [session, body, advice, refusedWith] of cases) {
          const { document } = await openYaml(`# managed-agents: update ${session.id}\n${body}`);
          const { result, messages } = await messagesDuring(() => requestsDuring('POST', `/v1/sessions/${session.id}`, () => run('managedAgents.applySessionUpdate', document.uri)));
          assert.equal(result.result.status, 'failed', JSON.stringify(result.result));
          assert.deepEqual(result.requests.map((entry) => entry.status), [refusedWith], `${session.title}: refused once`);
          assert.equal(messages.length, 1, `${session.title}: one message, got ${JSON.stringify(messages)}`);
          assert.match(messages[0].text, advice);
        }
      });

      it('Send: one clear message for an archived and a terminated session (refused once); none is sent over the budget', async () => {
        const archived = await createSession('send archived');
        const terminated = await createSession('send terminated');
        await api.services.client.sessions.archive(archived.id);
        await setStatus(terminated.id, { status: 'terminated' });
        // Passed as the list last saw them (not archived, not terminated), so the API is the one to refuse.
        const cases: [Session, RegExp][] = [
          [archived, /is archived and accepts no messages\. Start a new session/],
          [terminated, /has terminated and accepts no messages\. Start a new session/],
        ];
        for (const [session, advice] of cases) {
          const { result, messages } = await messagesDuring(() =>
            requestsDuring('POST', `/v1/sessions/${session.id}/events`, () => vscode.commands.executeCommand('managedAgents.sendMessage', session, 'Are you there?')),
          );
          assert.equal(result.result, false);
          assert.deepEqual(result.requests.map((entry) => entry.status), [status], `${session.title}: refused once`);
          assert.equal(messages.length, 1, JSON.stringify(messages));
          assert.match(messages[0].text, advice);
        }

        const spent = await overBudgetSession('send over budget');
        const { result, messages } = await messagesDuring(() =>
          requestsDuring('POST', `/v1/sessions/${spent.id}/events`, () => vscode.commands.executeCommand('managedAgents.sendMessage', spent.id, 'One more thing.')),
        );
        assert.equal(result.result, false);
        assert.deepEqual(result.requests, [], 'nothing sent: the turn would stop at once');
        assert.equal(messages.length, 1);
        assert.match(messages[0].text, new RegExp(`has reached its budget \\(${escape(String(describeBudget(spent)))}\\), so a message would stop at once`));
      });

      it('Send from the history panel to a session archived elsewhere: refused once, the reason under the reply box', async () => {
        const session = await createSession('panel send archived');
        const panel = await openPanelWithHeader(session.id);
        await api.services.client.sessions.archive(session.id);
        const { result, requests } = await requestsDuring('POST', `/v1/sessions/${session.id}/events`, () => act(panel, { type: 'send', requestId: 'send-1', text: 'Hello?' }));
        assert.equal(result.ok, false);
        assert.match(String(result.error), /is archived and accepts no messages/);
        assert.deepEqual(requests.map((entry) => entry.status), [status]);
      });
    });
  }

  it('a session stopped by its budget: tree row, notification, history header, and Raise Budget opens its update body ready to apply', async () => {
    const session = await overBudgetSession('stopped by budget');
    // Seen running, then stopped by the budget (as a user watching it would have seen it).
    await setStatus(session.id, { status: 'running' });
    await sessions.store.refresh();
    const notes: { message: string; actions: readonly string[] }[] = [];
    sessions.dialogs.notify = async (_severity, message, actions) => {
      notes.push({ message, actions });
      return actions.find((action) => action.startsWith('Raise Budget'));
    };
    const opened = new Promise<vscode.TextDocument>((resolve) => {
      const listener = vscode.workspace.onDidOpenTextDocument((document) => {
        if (document.getText().includes(`# managed-agents: update ${session.id}`)) {
          listener.dispose();
          resolve(document);
        }
      });
    });
    await setStatus(session.id, { status: 'idle', stop_reason: { type: 'budget_reached' } });
    await sessions.store.refresh();

    const note = await waitFor('the budget notification', () => notes.find((candidate) => candidate.message.includes(String(session.title))));
    assert.match(note.message, new RegExp(`stopped: it reached its budget \\(${escape(String(describeBudget(session)))}\\)\\. Raise the budget`));
    assert.deepEqual(note.actions, ['Raise Budget…', 'Open']);

    const node = sessions.view.tree.nodeForSession(session.id);
    assert.ok(node);
    const item = sessions.view.tree.getTreeItem(node);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'credit-card');
    assert.equal(item.contextValue, 'session.idle.budgetReached');
    assert.match(String(item.description), /^budget reached/);
    assert.ok((item.tooltip as vscode.MarkdownString).value.includes(`Budget: ${escapeMarkdown(String(describeBudget(session)))}`), 'the tooltip gives the spend and the budget');

    // The notification's Raise Budget… opened the update body with a higher ceiling selected.
    const document = await opened;
    const editor = await waitFor('the body in an editor', () => vscode.window.visibleTextEditors.find((candidate) => candidate.document === document));
    const raised = String(suggestedBudget(session));
    assert.equal(editor.document.getText(editor.selection), raised, 'the suggested amount is selected');
    const outcome = await run('managedAgents.applySessionUpdate', document.uri);
    assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
    assert.deepEqual((await api.services.client.sessions.retrieve(session.id)).budget, budget(raised));

    // The history header says so too, with its own Raise Budget button, while the budget is spent.
    const spent = await overBudgetSession('stopped by budget, in the panel');
    const panel = await openPanelWithHeader(spent.id);
    const header = await waitFor('the header to say the budget is reached', () => panel.header?.budgetReached && panel.header);
    assert.equal(header.budget, describeBudget(spent));
    assert.equal(header.status, 'idle');
    const raising = new Promise<vscode.TextDocument>((resolve) => {
      const listener = vscode.workspace.onDidOpenTextDocument((opened) => {
        if (opened.getText().includes(`# managed-agents: update ${spent.id}`)) {
          listener.dispose();
          resolve(opened);
        }
      });
    });
    await panel.receive({ type: 'raiseBudget' });
    assert.match((await raising).getText(), new RegExp(`budget:\\n {2}type: limit\\n {2}max_list_cost:\\n {4}amount: "${suggestedBudget(spent)}"`));
  });
});

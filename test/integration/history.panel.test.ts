// The Session history panel in a real extension host against the simulator: the panel opens, the
// history reaches the webview, replies and tool answers go out and the live turn streams back in.
// With the code-server runner's browser bridge, the webview DOM is checked too (every event drawn,
// hostile content shown as text, Allow clicked for real).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { SessionEvent } from '../../src/api';
import type { HistoryPanel } from '../../src/history/historyPanel';
import { HISTORY_VIEW_TYPE } from '../../src/webview/protocol';
import { bridgeAvailable, browser } from './helpers/bridge';
import { requireEnv } from './helpers/env';
import { extensionWithAgent } from './helpers/fixtures';
import { webviewRowsInDom, webviewShowsTranscript, webviewShowsWaitingCalls } from './helpers/historyWebview';
import { loggedLines } from './helpers/logs';
import { act, openPanel } from './helpers/panel';
import { openStreams, setThreadStatus, simulatorControl } from './helpers/simulator';
import { waitFor } from './helpers/wait';
import type { EventJsonView, InspectorView, ToolStatView } from '../../src/webview/protocol';
import { formatDuration } from '../../src/webview/format';
import { threadName } from '../../src/sessions/sessionState';

const TURN_TIMEOUT = 20_000;

let api: ManagedAgentsExtensionApi;
let agentId: string;
let cloudEnvironmentId: string;


async function newSession(title: string): Promise<string> {
  const session = await api.services.client.sessions.create({ agent: agentId, environment_id: cloudEnvironmentId, title });
  return session.id;
}

/** Waits until the history is loaded and the stream is live (`withEvents`: the history has events), and the webview shows every event. */
async function settled(panel: HistoryPanel, what = 'the webview to show the history', withEvents = true): Promise<void> {
  await waitFor(what, () => panel.historyComplete && panel.connection === 'live' && (!withEvents || panel.transcript.length > 0), { timeout: TURN_TIMEOUT });
  await webviewShowsTranscript(panel, what, { timeout: TURN_TIMEOUT });
}

function eventsOf(panel: HistoryPanel, type: string): SessionEvent[] {
  return panel.transcript.events.filter((event) => event.type === type);
}

function text(event: SessionEvent): string {
  const content = (event as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((block) => block.text ?? '').join('');
}

/** Waits for the session to go idle again after `afterIndex` (end of a turn). */
async function turnEnded(panel: HistoryPanel, afterIndex: number, stopReason = 'end_turn'): Promise<SessionEvent> {
  return waitFor(
    `the turn to end with ${stopReason}`,
    () =>
      panel.transcript.events
        .slice(afterIndex)
        .find((event) => event.type === 'session.status_idle' && (event as { stop_reason?: { type?: string } }).stop_reason?.type === stopReason),
    { timeout: TURN_TIMEOUT },
  );
}

describe('Session history panel', function () {
  this.timeout(60_000);
  const webviewErrors: string[] = [];
  const subscriptions: vscode.Disposable[] = [];

  before(async () => {
    requireEnv('simulatorUrl', 'MANAGED_AGENTS_TEST_SIMULATOR_URL');
    const started = await extensionWithAgent();
    api = started.api;
    agentId = started.agent.id;
    cloudEnvironmentId = started.environment.id;
    subscriptions.push(
      api.history.onDidOpen((panel) => {
        subscriptions.push(panel.onDidReceive((message) => message.type === 'log' && message.level === 'error' && webviewErrors.push(message.message)));
      }),
    );
  });

  afterEach(async () => {
    for (const panel of api?.history.all ?? []) panel.dispose();
    assert.deepEqual(webviewErrors.splice(0), [], 'the webview reported errors');
    // A closed panel must close its live stream (each one holds a connection and a server subscriber).
    await waitFor('the closed panels to close their streams', async () => (await openStreams()) === 0, { timeout: 5_000 });
  });

  after(() => {
    for (const panel of api?.history.all ?? []) panel.dispose();
    for (const subscription of subscriptions) subscription.dispose();
  });

  it('opens a panel for a session and shows its history in the webview', async () => {
    const sessionId = await newSession('History: finished turn');
    await simulatorControl('POST', `/_sim/sessions/${sessionId}/turns`, { prompt: 'Explain the build', ending: 'end_turn' });
    const panel = await openPanel(sessionId);
    await settled(panel);
    assert.equal(panel.sessionId, sessionId);
    assert.equal(panel.panel.viewType, HISTORY_VIEW_TYPE);
    assert.ok(eventsOf(panel, 'user.message').some((event) => text(event).includes('Explain the build')), 'the prompt is in the history');
    assert.ok(eventsOf(panel, 'agent.message').length > 0, 'the answer is in the history');
    assert.equal(panel.header?.id, sessionId);
    assert.equal(panel.header?.title, 'History: finished turn');
    assert.equal(panel.panel.title, 'History: History: finished turn');
    if (bridgeAvailable()) {
      // Windowed: some rows in the DOM, the newest among them (settled() found it last in the list).
      const rows = await webviewRowsInDom();
      assert.ok(rows > 0 && rows <= panel.transcript.length, `${rows} rows in the DOM`);
    }
  });

  it('reveals the open panel instead of opening another, for ids and tree items alike', async () => {
    const sessionId = await newSession('History: reveal');
    const first = await openPanel(sessionId);
    const count = api.history.all.length;
    const again = await vscode.commands.executeCommand<HistoryPanel>('managedAgents.openHistory', { session: { id: sessionId } });
    const fromRow = await vscode.commands.executeCommand<HistoryPanel>('managedAgents.openHistory', { entry: { session: { id: sessionId } } });
    assert.equal(again, first);
    assert.equal(fromRow, first);
    assert.equal(api.history.all.length, count);
    await settled(first, 'the webview to show the (empty) history', false);
  });

  it('sends a reply and streams the live turn in, previews first', async () => {
    const sessionId = await newSession('History: live turn');
    const panel = await openPanel(sessionId);
    await settled(panel, 'the stream to be live and the webview to show the (empty) history', false);
    // In the real extension host the bundle is also the stream thread's script: it must start and serve.
    assert.ok((api.services.client.streamThreadId ?? 0) > 0, 'the live stream is read on the stream thread');
    const before = panel.transcript.length;
    const answer = await act(panel, { type: 'send', requestId: 'reply-1', text: 'Please fix the greet test' });
    assert.deepEqual(answer, { ok: true, error: undefined });
    const sent = eventsOf(panel, 'user.message').find((event) => text(event) === 'Please fix the greet test');
    assert.ok(sent, 'the sent message shows at once');
    await turnEnded(panel, before);
    const after = panel.transcript.events.slice(before);
    for (const type of ['session.status_running', 'agent.thinking', 'agent.message', 'agent.tool_use', 'agent.tool_result', 'span.model_request_end']) {
      assert.ok(after.some((event) => event.type === type), `${type} streamed in`);
    }
    assert.equal(after.filter((event) => event.id === sent.id).length, 1, 'the reply is not duplicated when the stream delivers it');
    // Deltas are batched every 30 ms, so at the simulator's test pace the webview may get the final
    // message before any preview text: check the host took the previews' text over into the final
    // messages, and that none is left over.
    assert.ok(
      after.some((event) => event.type === 'agent.message' && panel.transcript.previewText(event.id)),
      'agent text arrived as event_start / event_delta previews',
    );
    await settled(panel, 'the webview to show the whole turn');
    if (bridgeAvailable()) await browser.query('main.scroller .previews:empty', { timeout: 500 }); // previews are replaced by the final messages
    assert.equal(api.history.drafts.get(sessionId), '', 'the draft is cleared after sending');
    if (bridgeAvailable()) {
      await browser.query('.row.kind-agent .markdown pre code', { timeout: 15_000 });
      await browser.screenshot('history-live-turn');
    }
  });

  it('keeps the draft when a send fails, and shows why', async () => {
    const sessionId = await newSession('History: failed send');
    const panel = await openPanel(sessionId);
    await waitFor('the stream to be live', () => panel.connection === 'live', { timeout: TURN_TIMEOUT });
    await panel.receive({ type: 'draft', text: 'an important draft' });
    await simulatorControl('POST', '/_sim/faults', { errors: [{ method: 'POST', path: `/v1/sessions/${sessionId}/events`, status: 400, count: 1, message: 'simulated rejection' }] });
    try {
      const answer = await act(panel, { type: 'send', requestId: 'fail-1', text: 'an important draft' });
      assert.equal(answer.ok, false);
      assert.match(answer.error ?? '', /simulated rejection|400/);
      assert.equal(api.history.drafts.get(sessionId), 'an important draft', 'the stored draft survives the failure');
    } finally {
      await simulatorControl('DELETE', '/_sim/faults');
    }
  });

  it('keeps a draft across closing and reopening the panel', async () => {
    const sessionId = await newSession('History: draft');
    const panel = await openPanel(sessionId);
    await panel.receive({ type: 'draft', text: 'half a thought' });
    panel.dispose();
    assert.equal(api.history.get(sessionId), undefined);
    assert.equal(panel.following, false, 'closing the panel stops following');
    const inits: string[] = [];
    const sub = api.history.onDidOpen((reopened) => subscriptions.push(reopened.onDidPost((m) => m.type === 'init' && inits.push(m.draft))));
    try {
      const reopened = await openPanel(sessionId);
      assert.notEqual(reopened, panel);
      await waitFor('the webview to be initialised', () => inits.length > 0, { timeout: TURN_TIMEOUT });
      assert.equal(inits[0], 'half a thought');
    } finally {
      sub.dispose();
    }
  });

  it('approves a tool call the session waits on', async function () {
    const sessionId = await newSession('History: confirm');
    const panel = await openPanel(sessionId);
    await waitFor('the stream to be live', () => panel.connection === 'live', { timeout: TURN_TIMEOUT });
    const before = panel.transcript.length;
    assert.equal((await act(panel, { type: 'send', requestId: 'c-1', text: 'Rebuild from scratch #confirm' })).ok, true);
    await turnEnded(panel, before, 'requires_action');
    const [pending] = panel.transcript.pendingActions();
    assert.ok(pending, 'a pending action is offered');
    assert.equal(pending.kind, 'confirm');
    await webviewShowsWaitingCalls(1, 'the webview to offer Allow / Deny', { timeout: TURN_TIMEOUT });
    if (bridgeAvailable()) {
      await browser.query(`.action[data-action-id="${pending.eventId}"] button[data-action="allow"]`, { timeout: 15_000 });
      await browser.click(`.action[data-action-id="${pending.eventId}"] button[data-action="allow"]`);
    } else {
      assert.equal((await act(panel, { type: 'confirm', requestId: 'c-2', toolUseId: pending.eventId, result: 'allow' })).ok, true);
    }
    await turnEnded(panel, before, 'end_turn');
    const confirmation = eventsOf(panel, 'user.tool_confirmation').find((event) => (event as { tool_use_id?: string }).tool_use_id === pending.eventId);
    assert.equal((confirmation as { result?: string } | undefined)?.result, 'allow');
    assert.ok(panel.transcript.answers(pending.eventId).some((event) => event.type === 'agent.tool_result'), 'the tool ran');
    assert.deepEqual(panel.transcript.pendingActions(), []);
    await webviewShowsWaitingCalls(0, 'the webview to drop the action', { timeout: TURN_TIMEOUT });
  });

  it('denies a tool call with a reason', async () => {
    const sessionId = await newSession('History: deny');
    const panel = await openPanel(sessionId);
    await waitFor('the stream to be live', () => panel.connection === 'live', { timeout: TURN_TIMEOUT });
    const before = panel.transcript.length;
    await act(panel, { type: 'send', requestId: 'd-1', text: 'Rebuild #confirm' });
    await turnEnded(panel, before, 'requires_action');
    const [pending] = panel.transcript.pendingActions();
    assert.equal((await act(panel, { type: 'confirm', requestId: 'd-2', toolUseId: pending.eventId, result: 'deny', denyMessage: 'not on a Friday' })).ok, true);
    await turnEnded(panel, before, 'end_turn');
    const denial = eventsOf(panel, 'user.tool_confirmation').at(-1) as { result?: string; deny_message?: string };
    assert.equal(denial.result, 'deny');
    assert.equal(denial.deny_message, 'not on a Friday');
    assert.ok(panel.transcript.events.slice(before).some((event) => text(event).includes('not on a Friday')), 'the agent saw the reason');
  });

  it('answers a custom tool call with a result', async () => {
    const sessionId = await newSession('History: custom tool');
    const panel = await openPanel(sessionId);
    await waitFor('the stream to be live', () => panel.connection === 'live', { timeout: TURN_TIMEOUT });
    const before = panel.transcript.length;
    await act(panel, { type: 'send', requestId: 'x-1', text: 'Where is my order? #custom' });
    await turnEnded(panel, before, 'requires_action');
    const [pending] = panel.transcript.pendingActions();
    assert.equal(pending?.kind, 'custom');
    assert.equal((await act(panel, { type: 'toolResult', requestId: 'x-2', tool: 'custom', toolUseId: pending.eventId, text: 'Order 1234 shipped Tuesday', isError: false })).ok, true);
    await turnEnded(panel, before, 'end_turn');
    assert.ok(
      eventsOf(panel, 'agent.message').some((event) => text(event).includes('Order 1234 shipped Tuesday')),
      'the agent used the custom tool result',
    );
  });

  it('answers a tool call for a self-hosted runner with its output (user.tool_result)', async () => {
    const agents = await api.services.client.agents.list({ limit: 20 }).toArray();
    const environments = await api.services.client.environments.list({ limit: 20 }).toArray();
    // An agent whose bash runs without asking, in an environment where the user's runner executes it.
    const agent = agents.find((candidate) => candidate.name === 'Docs writer' && !candidate.archived_at);
    const selfHosted = environments.find((candidate) => candidate.config.type === 'self_hosted' && !candidate.archived_at);
    assert.ok(agent && selfHosted, 'the simulator seeds "Docs writer" and a self-hosted environment');
    const session = await api.services.client.sessions.create({ agent: agent.id, environment_id: selfHosted.id, title: 'History: self-hosted tool' });
    const panel = await openPanel(session.id);
    await waitFor('the stream to be live', () => panel.connection === 'live', { timeout: TURN_TIMEOUT });
    const before = panel.transcript.length;
    await act(panel, { type: 'send', requestId: 'c-1', text: 'Run the tests' });
    await turnEnded(panel, before, 'requires_action');
    const [pending] = panel.transcript.pendingActions();
    assert.equal(pending?.kind, 'client', 'a self-hosted tool call asks for its output, not for Allow / Deny');
    assert.equal((await act(panel, { type: 'toolResult', requestId: 'c-2', tool: 'client', toolUseId: pending.eventId, text: '42 passing', isError: false })).ok, true);
    await turnEnded(panel, before, 'end_turn');
    const answer = eventsOf(panel, 'user.tool_result').at(-1) as { tool_use_id?: string; content?: { text?: string }[] } | undefined;
    assert.equal(answer?.tool_use_id, pending.eventId);
    assert.equal(answer?.content?.[0]?.text, '42 passing');
    assert.ok(eventsOf(panel, 'agent.message').some((event) => text(event).includes('42 passing')), 'the agent used the output');
    await webviewShowsWaitingCalls(0, 'the webview to drop the form', { timeout: TURN_TIMEOUT });
  });

  it('interrupts a running turn', async () => {
    const sessionId = await newSession('History: interrupt');
    const panel = await openPanel(sessionId);
    await waitFor('the stream to be live', () => panel.connection === 'live', { timeout: TURN_TIMEOUT });
    const before = panel.transcript.length;
    await act(panel, { type: 'send', requestId: 'i-1', text: 'Rebuild #confirm' });
    await turnEnded(panel, before, 'requires_action');
    assert.equal((await act(panel, { type: 'interrupt', requestId: 'i-2' })).ok, true);
    await waitFor('the interrupt to be recorded', () => eventsOf(panel, 'user.interrupt').length === 1, { timeout: TURN_TIMEOUT });
    await turnEnded(panel, before + 1, 'end_turn');
    assert.deepEqual(panel.transcript.pendingActions(), []);
  });

  it('in a multiagent session, Interrupt asks: the whole session or one working subagent (or nothing)', async () => {
    const client = api.services.client;
    const lead = (await client.agents.list({ limit: 100 }).toArray()).find((agent) => agent.name === 'Team lead' && agent.multiagent);
    assert.ok(lead, 'the simulator seeds a coordinator agent');
    const sessionId = (await client.sessions.create({ agent: lead.id, environment_id: cloudEnvironmentId, title: 'History: team interrupt' })).id;
    await client.sessions.events.send(sessionId, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'update the docs #team' }] }] });
    await waitFor('the team turn to end', async () => (await client.sessions.retrieve(sessionId)).status === 'idle' && (await client.sessions.threads.list(sessionId).toArray()).length === 3, { timeout: TURN_TIMEOUT });
    const [, docs, second] = await client.sessions.threads.list(sessionId).toArray();
    await setThreadStatus(sessionId, docs.id, 'running');
    await setThreadStatus(sessionId, second.id, 'running');
    const panel = await openPanel(sessionId);
    await settled(panel);
    await waitFor('the panel to know the session', () => panel.session?.status === 'running', { timeout: TURN_TIMEOUT });
    const original = api.history.dialogs;
    const offered: string[][] = [];
    const choose = (label: string | undefined) => {
      api.history.dialogs = { ...original, pick: async (choices) => (offered.push(choices.map((c) => c.label)), choices.find((c) => c.label === label)) };
    };
    const interrupts = async () => (await client.sessions.events.list(sessionId, { types: ['user.interrupt'] }).toArray()).map((e) => (e.type === 'user.interrupt' ? e.session_thread_id ?? 'session' : ''));
    try {
      choose(undefined);
      assert.deepEqual(await act(panel, { type: 'interrupt', requestId: 'ti-1' }), { ok: false, error: 'cancelled' });
      assert.deepEqual(await interrupts(), [], 'nothing sent when the user chooses nothing');
      assert.deepEqual(offered[0], ['The whole session', 'The thread of Docs writer', 'The thread of Team lead']);
      choose('The thread of Docs writer');
      assert.equal((await act(panel, { type: 'interrupt', requestId: 'ti-2' })).ok, true);
      assert.deepEqual(await interrupts(), [docs.id]);
      await waitFor('the chosen thread to stop', async () => (await client.sessions.threads.retrieve(sessionId, docs.id)).status === 'idle');
      assert.equal((await client.sessions.threads.retrieve(sessionId, second.id)).status, 'running', 'the other subagent goes on');
      choose('The whole session');
      assert.equal((await act(panel, { type: 'interrupt', requestId: 'ti-3' })).ok, true);
      assert.deepEqual(offered[2], ['The whole session', 'The thread of Team lead'], 'only the subagents still at work are offered');
      assert.deepEqual(await interrupts(), [docs.id, 'session']);
    } finally {
      api.history.dialogs = original;
      await setThreadStatus(sessionId, second.id, 'idle').catch(() => undefined);
    }
  });

  it('reconnects after the stream drops, without losing or repeating events', async () => {
    const sessionId = await newSession('History: stream drop');
    // Drops are decided when a stream opens: the panel's first stream and its first reconnect drop.
    await simulatorControl('POST', '/_sim/faults', { dropStream: { afterEvents: 4, count: 2, path: `/v1/sessions/${sessionId}/events/stream` } });
    try {
      const panel = await openPanel(sessionId);
      const states: string[] = [];
      const watch = panel.onDidPost((message) => message.type === 'connection' && states.push(message.state));
      await waitFor('the stream to be live', () => panel.connection === 'live', { timeout: TURN_TIMEOUT });
      const before = panel.transcript.length;
      await act(panel, { type: 'send', requestId: 's-1', text: 'Run the tests' });
      await turnEnded(panel, before);
      watch.dispose();
      assert.ok(states.includes('reconnecting'), `the indicator showed reconnecting (saw ${states.join(', ')})`);
      await waitFor('live again', () => panel.connection === 'live', { timeout: TURN_TIMEOUT });
      const ids = panel.transcript.events.map((event) => event.id);
      assert.equal(new Set(ids).size, ids.length, 'no event twice');
      const server = await api.services.client.sessions.events.list(sessionId, { limit: 100 }).toArray();
      assert.deepEqual(ids, server.map((event) => event.id), 'the same events as the server, in order');
      await settled(panel, 'the webview to show every event');
    } finally {
      await simulatorControl('DELETE', '/_sim/faults');
    }
  });

  it('renders every kind of event and hostile content as text', async function () {
    const sessionId = await newSession('<img src=x onerror=alert(1)> title');
    const hostile = [
      { type: 'agent.message', content: [{ type: 'text', text: 'Look: <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>' }] },
      { type: 'agent.tool_use', name: '</script><script>alert(4)</script>', input: { command: '<img src=x onerror=alert(5)>' } },
      { type: 'session.updated', title: '<b onmouseover=alert(6)>t</b>', metadata: { '<script>': 'javascript:alert(7)' } },
      { type: 'agent.hologram_beam', payload: '<script>alert(8)</script>' },
      { type: 'session.error', error: { type: 'unknown_error', message: '<svg onload=alert(9)>', retry_status: { type: 'retrying' } } },
    ];
    await simulatorControl('POST', `/_sim/sessions/${sessionId}/events`, { events: hostile });
    const panel = await openPanel(sessionId);
    await settled(panel);
    const types: string[] = panel.transcript.events.map((event) => event.type);
    assert.ok(types.includes('agent.hologram_beam'), 'the unknown event type is kept');
    await webviewShowsTranscript(panel, 'every event to reach the webview', { timeout: TURN_TIMEOUT });
    if (!bridgeAvailable()) return;
    const message = panel.transcript.events.find((event) => event.type === 'agent.message')!;
    const row = await browser.query(`.row[data-event-id="${message.id}"] .markdown`, { hasText: '<script>alert(1)</script>' });
    assert.ok(row.isWebview, 'found inside the webview');
    const tags = (row.html.match(/<[a-z][^>]*>/gi) ?? []).map((tag) => tag.replace(/"[^"]*"/g, '""')).join('');
    assert.ok(!/<script/i.test(row.html), `no script element: ${row.html}`);
    assert.ok(!/\son[a-z]+\s*=/i.test(tags), `no event handler attribute: ${row.html}`);
    assert.ok(!/href="\s*javascript:/i.test(row.html), `no javascript: link: ${row.html}`);
    assert.match(row.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    const unknown = panel.transcript.events.find((event) => (event.type as string) === 'agent.hologram_beam')!;
    const unknownRow = await browser.query(`.row[data-event-id="${unknown.id}"]`, { hasText: 'agent.hologram_beam' });
    assert.ok(!/<script/i.test(unknownRow.html));
    await browser.screenshot('history-hostile');
  });

  it('loads no remote image until the user chooses one (or its host), then the CSP allows just that, for the session', async () => {
    const sessionId = await newSession('History: images');
    // A loopback address: the runner's browser makes no request off this machine (and none succeeds here).
    const cat = 'https://127.0.0.1:9/cat.png';
    const tracker = 'https://tracker.example/pixel.png?who=you';
    await simulatorControl('POST', `/_sim/sessions/${sessionId}/events`, { events: [{ type: 'agent.message', content: [{ type: 'text', text: `A cat ![cat](${cat}) and ![](${tracker})` }] }] });
    let panel = await openPanel(sessionId);
    await settled(panel);
    const imgSrc = () => {
      const csp = (/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(panel.panel.webview.html)?.[1] ?? '').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      return /img-src ([^;]*)/.exec(csp)?.[1] ?? '';
    };
    assert.ok(!/https:/.test(imgSrc().replace(panel.panel.webview.cspSource, '')), `no remote image in the CSP: ${imgSrc()}`);
    const message = eventsOf(panel, 'agent.message').at(-1)!;
    if (bridgeAvailable()) {
      const placeholder = await browser.query(`.row[data-event-id="${message.id}"] .image-placeholder`, { hasText: '127.0.0.1:9' });
      assert.match(placeholder.text, /Load image/);
      const markdown = await browser.query(`.row[data-event-id="${message.id}"] .markdown`);
      assert.ok(!/<img/i.test(markdown.html), markdown.html);
    }

    // "Load image": the panel reloads its webview with a CSP that names that image, and comes back to it.
    const reloaded = new Promise<void>((resolve) => {
      const subscription = panel.onDidReceive((received) => received.type === 'ready' && (subscription.dispose(), resolve()));
    });
    await panel.receive({ type: 'loadImage', url: cat, reveal: message.id });
    await reloaded;
    await webviewShowsTranscript(panel, 'the webview to show the history again', { timeout: TURN_TIMEOUT });
    assert.ok(imgSrc().includes(' https://127.0.0.1:9/cat.png'), imgSrc());
    assert.ok(!imgSrc().includes('tracker.example'), imgSrc());
    if (bridgeAvailable()) {
      const image = await browser.query(`.row[data-event-id="${message.id}"] img`);
      assert.match(image.html, /src="https:\/\/127\.0\.0\.1:9\/cat\.png"/);
      await browser.query(`.row[data-event-id="${message.id}"] .image-placeholder`, { hasText: 'tracker.example' });
    }
    // Remembered for the session: a panel opened again has the same CSP.
    panel.dispose();
    panel = await openPanel(sessionId);
    await settled(panel);
    assert.ok(imgSrc().includes(' https://127.0.0.1:9/cat.png') && !imgSrc().includes('tracker.example'), imgSrc());
    // Not a remote https image: dropped, the CSP unchanged.
    const before = panel.panel.webview.html;
    await panel.receive({ type: 'loadImagesFrom', origin: 'http://tracker.example' });
    await panel.receive({ type: 'loadImage', url: 'javascript:alert(1)' });
    assert.equal(panel.panel.webview.html, before);
    assert.equal(panel.droppedMessages, 2);
  });

  it('takes from the webview only what fits the panel: answers to waiting tool uses, bounded text; logs each kind of refusal once', async () => {
    const sessionId = await newSession('History: webview messages');
    const panel = await openPanel(sessionId);
    await waitFor('the stream to be live', () => panel.connection === 'live', { timeout: TURN_TIMEOUT });
    const before = panel.transcript.length;
    await act(panel, { type: 'send', requestId: 'w-1', text: 'Rebuild #confirm' });
    await turnEnded(panel, before, 'requires_action');
    const [pending] = panel.transcript.pendingActions();
    const sent = () => api.services.client.sessions.events.list(sessionId, { limit: 100 }).toArray().then((all) => all.filter((event) => event.type === 'user.tool_confirmation').length);
    const confirmationsBefore = await sent();

    // A confirmation for a tool use that is not waiting, or a result where a confirmation is awaited: refused, nothing sent.
    for (const [i, toolUseId] of ['sevt_not_waiting', 'sevt_also_not_waiting'].entries()) {
      const answer = await act(panel, { type: 'confirm', requestId: `w-c${i}`, toolUseId, result: 'allow' });
      assert.deepEqual(answer, { ok: false, error: 'That tool call is not waiting for this answer any more' });
    }
    const wrongKind = await act(panel, { type: 'toolResult', requestId: 'w-r', tool: 'custom', toolUseId: pending.eventId, text: 'x', isError: false });
    assert.equal(wrongKind.ok, false);
    // Text over the bounds, and what is not a message at all.
    await vscode.env.clipboard.writeText('clipboard before');
    await panel.receive({ type: 'copy', text: 'x'.repeat(16 * 1024 * 1024 + 1) });
    assert.equal(await vscode.env.clipboard.readText(), 'clipboard before');
    await panel.receive({ type: 'log', level: 'error', message: 'y'.repeat(5_000) });
    await panel.receive({ type: 'eval', code: 'alert(1)' });
    await panel.receive('not even an object');
    assert.equal(panel.droppedMessages, 7);
    assert.equal(await sent(), confirmationsBefore, 'nothing was sent for the refused answers');
    // Each kind of refusal is logged once.
    const marker = `webview-checks-${Date.now()}`;
    api.services.log.info(marker);
    await waitFor('the log to be written', () => loggedLines(api.services.context.logUri, new RegExp(marker)) > 0, { timeout: 10_000 });
    assert.equal(loggedLines(api.services.context.logUri, new RegExp(`History ${sessionId}: dropped a tool confirmation`)), 1);
    assert.equal(loggedLines(api.services.context.logUri, new RegExp(`History ${sessionId}: dropped a "copy" of`)), 1);

    // The real answer still goes through.
    assert.equal((await act(panel, { type: 'confirm', requestId: 'w-ok', toolUseId: pending.eventId, result: 'allow' })).ok, true);
    await turnEnded(panel, before, 'end_turn');
  });

  it('exports the transcript as Markdown and as JSON through the save dialog', async () => {
    const sessionId = await newSession('History: export');
    await simulatorControl('POST', `/_sim/sessions/${sessionId}/turns`, { prompt: 'Summarise the repo', ending: 'end_turn' });
    const panel = await openPanel(sessionId);
    await settled(panel);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-export-'));
    const original = api.history.dialogs;
    try {
      for (const name of ['transcript.md', 'transcript.json']) {
        const target = vscode.Uri.file(path.join(dir, name));
        api.history.dialogs = { ...original, showSaveDialog: async () => target };
        const notices: string[] = [];
        const watch = panel.onDidPost((m) => m.type === 'notice' && notices.push(m.text));
        await panel.receive({ type: 'export' });
        watch.dispose();
        assert.match(notices.join(' '), /Exported \d+ events/);
        const written = fs.readFileSync(target.fsPath, 'utf8');
        if (name.endsWith('.md')) {
          assert.match(written, /^# History: export\n/);
          assert.match(written, /Summarise the repo/);
        } else {
          const parsed = JSON.parse(written) as { session: { id: string }; events: SessionEvent[] };
          assert.equal(parsed.session.id, sessionId);
          assert.equal(parsed.events.length, panel.transcript.length);
        }
      }
    } finally {
      api.history.dialogs = original;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sums up each tool\'s calls, failures and durations as the session\'s events imply, and follows new ones', async () => {
    const sessionId = await newSession('History: tools');
    await simulatorControl('POST', `/_sim/sessions/${sessionId}/turns`, { prompt: 'Run the tests', ending: 'end_turn' });
    const panel = await openPanel(sessionId);
    const posted: ToolStatView[][] = [];
    const watch = panel.onDidPost((m) => m.type === 'tools' && posted.push(m.tools));
    try {
      await settled(panel);
      // Figured here from the API's events, independently of the panel.
      const expected = async () => {
        const events = await api.services.client.sessions.events.list(sessionId).toArray();
        const uses = events.filter((e) => e.type === 'agent.tool_use');
        const results = events.filter((e) => e.type === 'agent.tool_result');
        const names = [...new Set(uses.map((u) => String(u.name)))];
        return names.map((name) => {
          const mine = uses.filter((u) => String(u.name) === name);
          const answered = mine.map((u) => results.find((r) => r.tool_use_id === u.id)).filter((r) => r !== undefined);
          return { name, calls: mine.length, failures: answered.filter((r) => r.is_error).length };
        });
      };
      const shown = () => (posted.at(-1) ?? []).map(({ name, calls, failures }) => ({ name, calls, failures }));
      const first = await expected();
      assert.ok(first.length > 0 && first[0].calls > 0, `the turn called a tool: ${JSON.stringify(first)}`);
      await waitFor('the Tools tab figures', async () => JSON.stringify(shown()) === JSON.stringify(first));
      assert.ok(posted.at(-1)!.every((tool) => tool.median !== '' && tool.longest !== ''), `every call has a result and a duration: ${JSON.stringify(posted.at(-1))}`);
      // A live turn adds calls: the figures follow.
      await simulatorControl('POST', `/_sim/sessions/${sessionId}/turns`, { prompt: 'Run them again', ending: 'end_turn' });
      const second = await expected();
      assert.ok(second[0].calls > first[0].calls);
      await waitFor('the Tools tab figures to count the new calls', async () => JSON.stringify(shown()) === JSON.stringify(second), { timeout: 10_000 });
    } finally {
      watch.dispose();
    }
  });

  it('opens an event as JSON in a read-only editor beside the panel, from the row\'s JSON button', async () => {
    const sessionId = await newSession('History: event JSON');
    await simulatorControl('POST', `/_sim/sessions/${sessionId}/turns`, { prompt: 'Show me one event', ending: 'end_turn' });
    const panel = await openPanel(sessionId);
    await settled(panel);
    const listed = await api.services.client.sessions.events.list(sessionId).toArray();
    const message = listed.find((event) => event.type === 'agent.message');
    assert.ok(message, 'the turn has an agent message');
    await panel.receive({ type: 'openEventJson', eventId: message.id });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor shows the JSON');
    try {
      assert.equal(editor.document.uri.scheme, 'managed-agents-event');
      assert.equal(editor.document.languageId, 'json');
      assert.deepEqual(JSON.parse(editor.document.getText()), JSON.parse(JSON.stringify(message)), 'the event as the API lists it');
      // Read-only: what the user types goes nowhere.
      const before = editor.document.getText();
      await vscode.commands.executeCommand('type', { text: 'typed ' });
      assert.equal(editor.document.getText(), before, 'typing does not change the event');
      assert.equal(editor.document.isDirty, false);
      // An id the panel does not hold opens nothing.
      await panel.receive({ type: 'openEventJson', eventId: 'sevt_not_loaded' });
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('the inspector of a #team session: its threads and resources as the API lists them, loaded when asked, followed on thread status events', async () => {
    const client = api.services.client;
    const lead = (await client.agents.list({ limit: 100 }).toArray()).find((agent) => agent.name === 'Team lead' && agent.multiagent);
    assert.ok(lead, 'the simulator seeds a coordinator agent');
    const file = await client.files.upload({ data: Buffer.from('# Notes\n'), filename: 'notes.md' });
    const sessionId = (await client.sessions.create({ agent: lead.id, environment_id: cloudEnvironmentId, title: 'History: inspector', resources: [{ type: 'file', file_id: file.id, mount_path: '/mnt/session/uploads/notes.md' }] })).id;
    await client.sessions.events.send(sessionId, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'update the docs #team' }] }] });
    await waitFor('the team turn to end', async () => (await client.sessions.retrieve(sessionId)).status === 'idle' && (await client.sessions.threads.list(sessionId).toArray()).length === 3, { timeout: TURN_TIMEOUT });
    const panel = await openPanel(sessionId);
    const views: InspectorView[] = [];
    const watch = panel.onDidPost((message) => message.type === 'inspector' && views.push(message.inspector));
    try {
      await settled(panel);
      await waitFor('the panel to know the session', () => panel.session !== null, { timeout: TURN_TIMEOUT });
      assert.ok(views.length > 0 && views.every((view) => view.threads.state === 'notLoaded' && view.resources.state === 'notLoaded'), 'nothing loaded before the inspector opens');
      await panel.receive({ type: 'inspect' });
      const loaded = () => views.findLast((view) => view.session !== null && view.threads.state === 'loaded' && view.resources.state === 'loaded');
      const view = await waitFor('the inspector to have the threads and the resources', loaded, { timeout: TURN_TIMEOUT });
      const threads = await client.sessions.threads.list(sessionId).toArray();
      const resources = await client.sessions.resources.list(sessionId).toArray();
      assert.ok(view.threads.state === 'loaded' && view.resources.state === 'loaded');
      assert.deepEqual(
        view.threads.items.map((thread) => [thread.id, thread.agentName, thread.primary, thread.status]),
        threads.map((thread) => [thread.id, threadName(thread), thread.parent_thread_id === null, thread.status]),
      );
      assert.deepEqual(view.threads.items.map((thread) => thread.agentName), ['Team lead', 'Docs writer', 'Team lead']);
      assert.deepEqual(
        view.resources.items.map((resource) => [resource.id, resource.type, resource.name, resource.mountPath]),
        resources.map((resource) => [resource.type === 'memory_store' ? resource.memory_store_id : resource.id, resource.type, resource.type === 'file' ? resource.file_id : resource.type === 'github_repository' ? resource.url : resource.name, resource.mount_path]),
      );
      assert.equal(view.resources.items.length, 1);
      assert.equal(view.session?.agent.name, 'Team lead');
      assert.equal(view.session?.agent.multiagent, lead.multiagent?.type);
      // A subagent starts again elsewhere: its session.thread_status_running reloads the threads.
      const docs = threads[1];
      await setThreadStatus(sessionId, docs.id, 'running');
      try {
        await waitFor('the Threads tab to show the subagent running', () => {
          const latest = loaded();
          return latest?.threads.state === 'loaded' && latest.threads.items.find((thread) => thread.id === docs.id)?.status === 'running';
        }, { timeout: TURN_TIMEOUT });
      } finally {
        await setThreadStatus(sessionId, docs.id, 'idle');
      }
    } finally {
      watch.dispose();
    }
  });

  it('the inspector of a #team session: its Tools tab has each tool\'s calls, failures, median and longest time as the API\'s events imply; its Events tab gets any event\'s JSON from the panel', async () => {
    const client = api.services.client;
    const lead = (await client.agents.list({ limit: 100 }).toArray()).find((agent) => agent.name === 'Team lead' && agent.multiagent);
    assert.ok(lead, 'the simulator seeds a coordinator agent');
    const sessionId = (await client.sessions.create({ agent: lead.id, environment_id: cloudEnvironmentId, title: 'History: inspector tools' })).id;
    await client.sessions.events.send(sessionId, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'update the docs #team' }] }] });
    await waitFor('the team turn to end', async () => (await client.sessions.retrieve(sessionId)).status === 'idle' && (await client.sessions.threads.list(sessionId).toArray()).length === 3, { timeout: TURN_TIMEOUT });
    // The subagents' tool calls are in their threads' events; the coordinator's own turns add calls to the session's.
    await simulatorControl('POST', `/_sim/sessions/${sessionId}/turns`, { prompt: 'Run the tests', ending: 'end_turn' });
    await simulatorControl('POST', `/_sim/sessions/${sessionId}/turns`, { prompt: 'Run them again', ending: 'end_turn' });
    const panel = await openPanel(sessionId);
    const figures: ToolStatView[][] = [];
    const answers: { eventId: string; event: EventJsonView | null }[] = [];
    const watch = panel.onDidPost((message) => {
      if (message.type === 'tools') figures.push(message.tools);
      if (message.type === 'eventJson') answers.push(message);
    });
    try {
      await settled(panel);
      // Figured here from the API's event list, independently of the panel: per tool name, its calls, the
      // failed results, and the time from each call to its (first) result.
      const events = await client.sessions.events.list(sessionId).toArray();
      const byName = new Map<string, { calls: number; failures: number; ms: number[] }>();
      for (const use of events) {
        if (use.type !== 'agent.tool_use') continue;
        const tool = byName.get(use.name) ?? { calls: 0, failures: 0, ms: [] };
        byName.set(use.name, tool);
        tool.calls++;
        const result = events.find((event): event is Extract<SessionEvent, { type: 'agent.tool_result' }> => event.type === 'agent.tool_result' && event.tool_use_id === use.id);
        if (!result) continue;
        if (result.is_error) tool.failures++;
        tool.ms.push(Date.parse(result.processed_at) - Date.parse(use.processed_at));
      }
      const middle = (ms: number[]) => {
        const sorted = [...ms].sort((a, b) => a - b);
        const half = Math.floor(sorted.length / 2);
        return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
      };
      const expected = [...byName]
        .map(([name, tool]) => ({ name, calls: tool.calls, failures: tool.failures, median: tool.ms.length ? formatDuration(middle(tool.ms) / 1000) : '', longest: tool.ms.length ? formatDuration(Math.max(...tool.ms) / 1000) : '' }))
        .sort((a, b) => a.name.localeCompare(b.name));
      assert.ok(expected.some((tool) => tool.calls >= 2 && tool.median !== '' && tool.longest !== ''), `the coordinator called a tool twice, with results: ${JSON.stringify(expected)}`);
      const shown = () => [...(figures.at(-1) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
      await waitFor('the Tools tab to have the figures the events imply', () => JSON.stringify(shown()) === JSON.stringify(expected), { timeout: TURN_TIMEOUT });
      if (bridgeAvailable()) {
        // The webview's Tools tab shows the same figures, a row per tool.
        await browser.click('[data-action="toggle-inspector"]');
        await browser.click('#inspector-tab-tools');
        const rowText = (cells: readonly (string | number)[]) => cells.join(' ').replace(/\s+/g, ' ').trim();
        const wanted = shown().map((tool) => rowText([tool.name, tool.calls, tool.failures, tool.median || '–', tool.longest || '–'])).sort();
        await waitFor('the webview\'s Tools tab to show the figures', async () => {
          const rows = await browser.queryAll('#inspector-panel-tools tbody tr', { timeout: 2_000 });
          return JSON.stringify(rows.map((row) => rowText([row])).sort()) === JSON.stringify(wanted);
        });
      }
      // The Events tab asks for an event by id: the panel answers with its JSON as the API lists it, or null.
      const call = events.find((event) => event.type === 'agent.tool_use')!;
      await panel.receive({ type: 'inspectEvent', eventId: call.id });
      const answer = await waitFor('the event\'s JSON', () => answers.find((each) => each.eventId === call.id));
      assert.ok(answer.event, 'the panel holds the event');
      assert.deepEqual(JSON.parse(answer.event.json), JSON.parse(JSON.stringify(call)));
      assert.equal(answer.event.totalChars, answer.event.json.length, 'a small event is sent whole');
      assert.equal(answer.event.eventType, 'agent.tool_use');
      await panel.receive({ type: 'inspectEvent', eventId: 'sevt_not_loaded' });
      assert.equal((await waitFor('the answer for an unknown event', () => answers.find((each) => each.eventId === 'sevt_not_loaded'))).event, null);
      // Copy takes the whole event from the panel.
      await vscode.env.clipboard.writeText('');
      await panel.receive({ type: 'copyEventJson', eventId: call.id });
      assert.deepEqual(JSON.parse(await vscode.env.clipboard.readText()), JSON.parse(JSON.stringify(call)));
      if (bridgeAvailable()) {
        // In the webview, the tab follows the row that gets the focus (here a click on the coordinator's last message).
        const message = events.findLast((event) => event.type === 'agent.message' && !(event as { session_thread_id?: string | null }).session_thread_id)!;
        await browser.click('#inspector-tab-events');
        await browser.click(`.row[data-event-id="${message.id}"] .markdown`);
        await waitFor('the Events tab to show the message\'s JSON', async () => (await browser.queryAll('#inspector-panel-events .inspector-json', { timeout: 2_000 }))[0]?.includes(`"id": "${message.id}"`) === true);
        await browser.click('[data-action="toggle-inspector"]');
      }
    } finally {
      watch.dispose();
    }
  });

  it('the inspector says why the resources could not be loaded, Retry (inspect again) loads them, and they are listed again when files are attached', async () => {
    const sessionId = await newSession('History: inspector retry');
    const panel = await openPanel(sessionId);
    const views: InspectorView[] = [];
    const watch = panel.onDidPost((message) => message.type === 'inspector' && views.push(message.inspector));
    await simulatorControl('POST', '/_sim/faults', { errors: [{ status: 403, count: 1, method: 'GET', path: `/v1/sessions/${sessionId}/resources`, message: 'No access to <b>resources</b>' }] });
    try {
      await settled(panel, 'the history to load', false);
      await panel.receive({ type: 'inspect' });
      const failed = await waitFor('the resources to fail', () => views.findLast((view) => view.resources.state === 'failed'), { timeout: TURN_TIMEOUT });
      assert.ok(failed.resources.state === 'failed' && failed.resources.error.includes('No access to <b>resources</b>'), JSON.stringify(failed.resources));
      await waitFor('the threads to load all the same', () => views.at(-1)?.threads.state === 'loaded', { timeout: TURN_TIMEOUT });
      await panel.receive({ type: 'inspect' });
      const loaded = await waitFor('the resources to load on Retry', () => views.findLast((view) => view.resources.state === 'loaded'), { timeout: TURN_TIMEOUT });
      assert.deepEqual(loaded.resources, { state: 'loaded', items: [] });
      // A file attached (the Attach commands say so through SessionFiles): the list is loaded again.
      const file = await api.services.client.files.upload({ data: Buffer.from('notes'), filename: 'notes.md' });
      const mounted = await api.services.client.sessions.resources.add(sessionId, { type: 'file', file_id: file.id, mount_path: '/mnt/session/uploads/later.md' });
      api.sessions.files.didChange(sessionId);
      const after = await waitFor('the attached file in the inspector', () => views.findLast((view) => view.resources.state === 'loaded' && view.resources.items.length === 1), { timeout: TURN_TIMEOUT });
      assert.deepEqual(after.resources.state === 'loaded' && after.resources.items.map((resource) => [resource.id, resource.mountPath]), [[mounted.id, '/mnt/session/uploads/later.md']]);
    } finally {
      watch.dispose();
      await simulatorControl('DELETE', '/_sim/faults');
    }
  });

  it('restores a panel from its saved state after a reload', async () => {
    const sessionId = await newSession('History: restore');
    const webviewPanel = vscode.window.createWebviewPanel(HISTORY_VIEW_TYPE, 'restoring', vscode.ViewColumn.Active, { enableScripts: true });
    await api.history.deserializeWebviewPanel(webviewPanel, { sessionId, draft: 'restored draft' });
    const panel = api.history.get(sessionId);
    assert.ok(panel, 'the panel is registered for its session');
    assert.equal(api.history.drafts.get(sessionId), 'restored draft');
    // A brand-new session has no events: the webview says so once the (empty) history is in.
    await settled(panel, 'the restored webview to show the (empty) history', false);
    // A state without a session id is not restorable: the panel is closed.
    const orphan = vscode.window.createWebviewPanel(HISTORY_VIEW_TYPE, 'orphan', vscode.ViewColumn.Active, {});
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the workbench show it before it goes away
    let closed = false;
    orphan.onDidDispose(() => (closed = true));
    await api.history.deserializeWebviewPanel(orphan, undefined);
    assert.equal(closed, true);
  });
});

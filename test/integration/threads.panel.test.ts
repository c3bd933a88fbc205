// Thread lanes and a thread's own transcript in the real history panel, against a #team session of the
// simulator (the seeded coordinator "Team lead" starts two subagent threads): the lanes are the threads
// the API lists; a chosen lane shows the thread's events as the API lists them and follows its stream
// live; a thread message's other side is found in the other thread; Back shows the session again.
import * as assert from 'node:assert/strict';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { SessionEvent } from '../../src/api';
import type { HistoryPanel } from '../../src/history/historyPanel';
import type { HostMessage, LanesView } from '../../src/webview/protocol';
import { threadName } from '../../src/sessions/sessionState';
import { bridgeAvailable, browser } from './helpers/bridge';
import { requireEnv } from './helpers/env';
import { extensionWithAgent } from './helpers/fixtures';
import { webviewShowsTranscript } from './helpers/historyWebview';
import { openPanel } from './helpers/panel';
import { openStreams, setThreadStatus } from './helpers/simulator';
import { waitFor } from './helpers/wait';

const TURN_TIMEOUT = 20_000;

describe('Thread lanes in the history panel', function () {
  this.timeout(90_000);
  let api: ManagedAgentsExtensionApi;
  let environmentId: string;

  before(async () => {
    requireEnv('simulatorUrl', 'MANAGED_AGENTS_TEST_SIMULATOR_URL');
    const started = await extensionWithAgent();
    api = started.api;
    environmentId = started.environment.id;
  });

  afterEach(async () => {
    for (const panel of api?.history.all ?? []) panel.dispose();
    await waitFor('the closed panels to close their streams', async () => (await openStreams()) === 0, { timeout: 5_000 });
  });

  /** A session of the seeded coordinator after one #team turn: the primary thread and two subagents. */
  async function teamSession(title: string): Promise<string> {
    const client = api.services.client;
    const lead = (await client.agents.list({ limit: 100 }).toArray()).find((agent) => agent.name === 'Team lead' && agent.multiagent);
    assert.ok(lead, 'the simulator seeds a coordinator agent');
    const sessionId = (await client.sessions.create({ agent: lead.id, environment_id: environmentId, title })).id;
    await client.sessions.events.send(sessionId, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'update the docs #team' }] }] });
    // Idle with its two subagents idle too: the turn has run (right after the send, the session is still idle with its primary thread alone).
    await waitFor('the team turn to end', async () => {
      const threads = await client.sessions.threads.list(sessionId).toArray();
      return threads.length === 3 && threads.every((thread) => thread.status === 'idle') && (await client.sessions.retrieve(sessionId)).status === 'idle';
    }, { timeout: TURN_TIMEOUT });
    return sessionId;
  }

  /** The webview shows the viewed thread's rows: its banner, and every row of its transcript. */
  async function webviewShowsThread(panel: HistoryPanel, name: string): Promise<void> {
    if (!bridgeAvailable()) return;
    await browser.query('.thread-banner:not([hidden]) .thread-banner-text', { hasText: `The thread of ${name}`, timeout: TURN_TIMEOUT });
    const events = panel.shownTranscript.events;
    await browser.query(`.list .row[data-event-id="${events[events.length - 1].id}"][aria-setsize="${events.length}"]`, { timeout: TURN_TIMEOUT });
  }

  it("lays out the API's threads as lanes; a lane shows its thread's own events, live; the other side of a message is found; Back shows the session", async () => {
    const client = api.services.client;
    const sessionId = await teamSession('Threads: lanes');
    const threads = await client.sessions.threads.list(sessionId).toArray();
    assert.equal(threads.length, 3);
    const panel = await openPanel(sessionId);
    const posted: HostMessage[] = [];
    const watch = panel.onDidPost((message) => posted.push(message));
    const lastLanes = () => posted.findLast((message): message is Extract<HostMessage, { type: 'lanes' }> => message.type === 'lanes')?.lanes;
    try {
      await waitFor('the history and the stream', () => panel.historyComplete && panel.connection === 'live', { timeout: TURN_TIMEOUT });
      await webviewShowsTranscript(panel, 'the session transcript', { timeout: TURN_TIMEOUT });
      const lanes: LanesView = await waitFor('the lanes', () => (lastLanes()?.lanes.length === 3 ? lastLanes() : undefined), { timeout: TURN_TIMEOUT });
      // The coordinator's lane, then each subagent's as the API lists them, with the state the API gives.
      assert.deepEqual(
        lanes.lanes.map((lane) => [lane.threadId, lane.name, lane.state]),
        threads.map((thread) => [thread.parent_thread_id === null ? null : thread.id, threadName(thread), thread.status]),
      );
      assert.ok(lanes.lanes.slice(1).every((lane) => lane.spans.some((span) => span.state === 'working' && span.end !== null)), 'each subagent worked once');
      assert.notEqual(lanes.end, null, 'nothing works any more: the lanes end');
      if (bridgeAvailable()) {
        // The webview's lanes: its own frame is the one that shows the subagent (other panels' frames may linger).
        const shown = await browser.query('.lanes-list', { hasText: 'Docs writer', timeout: TURN_TIMEOUT });
        assert.deepEqual(shown.text.split('\n').filter((line) => /^(Team lead|Docs writer)$/.test(line.trim())).map((line) => line.trim()), ['Team lead', 'Docs writer', 'Team lead']);
      }

      // A subagent's lane: its own events, as the API lists them.
      const docs = threads[1];
      await panel.receive({ type: 'openThread', threadId: docs.id });
      const own = await client.sessions.threads.events.list(sessionId, docs.id).toArray();
      await waitFor("the thread's events", () => panel.viewedThread?.id === docs.id && panel.shownTranscript.length === own.length, { timeout: TURN_TIMEOUT });
      assert.deepEqual(panel.shownTranscript.events.map((event) => event.id), own.map((event) => event.id));
      assert.equal(panel.transcript.events.some((event) => own.some((mine) => mine.id === event.id && event.type === 'agent.tool_use')), false, "the thread's tool calls are not in the session's transcript");
      await webviewShowsThread(panel, threadName(docs));
      // The Tools tab counts the thread's own calls, as its events list them.
      const calls = own.filter((event) => event.type === 'agent.tool_use');
      assert.ok(calls.length > 0, 'the subagent called a tool');
      const tools = await waitFor("the thread's tool figures", () => posted.findLast((message) => message.type === 'tools'), { timeout: TURN_TIMEOUT });
      assert.deepEqual(
        tools.type === 'tools' && tools.tools.map((tool) => [tool.name, tool.calls]),
        [...new Set(calls.map((call) => (call.type === 'agent.tool_use' ? call.name : '')))].map((name) => [name, calls.filter((call) => call.type === 'agent.tool_use' && call.name === name).length]),
      );

      // Live: the subagent runs again; its stream brings its own status event, and its lane says working.
      await setThreadStatus(sessionId, docs.id, 'running');
      try {
        await waitFor('the thread to stream its status', () => panel.shownTranscript.length > own.length && panel.shownTranscript.events.at(-1)?.type === 'session.status_running', { timeout: TURN_TIMEOUT });
        await waitFor('its lane to say working', () => lastLanes()?.lanes.find((lane) => lane.threadId === docs.id)?.state === 'working', { timeout: TURN_TIMEOUT });
        await webviewShowsThread(panel, threadName(docs));
      } finally {
        await setThreadStatus(sessionId, docs.id, 'idle');
      }

      // The other side of the task the subagent received: the coordinator's message sent to it, in the session.
      const sessionEvents = await client.sessions.events.list(sessionId).toArray();
      const task = sessionEvents.find((event): event is Extract<SessionEvent, { type: 'agent.thread_message_sent' }> => event.type === 'agent.thread_message_sent' && event.to_session_thread_id === docs.id);
      const received = own.find((event) => event.type === 'agent.thread_message_received');
      assert.ok(task && received, 'a task sent to the subagent, and received by it');
      const swapped = posted.length;
      await panel.receive({ type: 'openCounterpart', eventId: received.id });
      await waitFor('the session again', () => panel.viewedThread === undefined, { timeout: TURN_TIMEOUT });
      assert.deepEqual(posted.slice(swapped).find((message) => message.type === 'transcript'), { type: 'transcript', reveal: task.id });
      await webviewShowsTranscript(panel, 'the session transcript again', { timeout: TURN_TIMEOUT, atBottom: false });

      // And back: from the coordinator's message to the row that received it in the subagent's thread.
      const before = posted.length;
      await panel.receive({ type: 'openCounterpart', eventId: task.id });
      await waitFor('the reveal in the thread', () => posted.slice(before).some((message) => message.type === 'reveal' && message.eventId === received.id), { timeout: TURN_TIMEOUT });
      assert.equal(panel.viewedThread?.id, docs.id);

      // Back to the session (the Back button, or the coordinator's lane).
      await panel.receive({ type: 'openThread', threadId: null });
      assert.equal(panel.viewedThread, undefined);
      await webviewShowsTranscript(panel, 'the session transcript after Back', { timeout: TURN_TIMEOUT, atBottom: false });
    } finally {
      watch.dispose();
    }
  });

  it('shows no lanes for a single agent, and a thread that cannot be read says why', async () => {
    const client = api.services.client;
    const started = await extensionWithAgent();
    const sessionId = (await client.sessions.create({ agent: started.agent.id, environment_id: environmentId, title: 'Threads: single agent' })).id;
    await client.sessions.events.send(sessionId, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'hello' }] }] });
    await waitFor('the turn to end', async () => (await client.sessions.retrieve(sessionId)).status === 'idle', { timeout: TURN_TIMEOUT });
    const panel = await openPanel(sessionId);
    const posted: HostMessage[] = [];
    const watch = panel.onDidPost((message) => posted.push(message));
    try {
      await waitFor('the history and the stream', () => panel.historyComplete && panel.connection === 'live' && panel.transcript.length > 0, { timeout: TURN_TIMEOUT });
      await webviewShowsTranscript(panel, 'the session transcript', { timeout: TURN_TIMEOUT });
      assert.equal(posted.some((message) => message.type === 'lanes'), false, 'no lanes for a single agent');
      // The lanes section is in the page, hidden.
      if (bridgeAvailable()) await browser.query('section.lanes[hidden]', { timeout: 5_000 });
      // A thread id the API does not know: the panel says it could not follow it, and Back still works.
      await panel.receive({ type: 'openThread', threadId: 'sthr_nope' });
      const offline = await waitFor('the thread to fail', () => posted.findLast((message) => message.type === 'connection' && message.state === 'offline'), { timeout: TURN_TIMEOUT });
      assert.ok(offline.type === 'connection' && /not.?found|404/i.test(offline.detail ?? ''), JSON.stringify(offline));
      await panel.receive({ type: 'openThread', threadId: null });
      await waitFor('the session live again', () => posted.at(-1)?.type === 'connection' && (posted.at(-1) as { state: string }).state === 'live', { timeout: TURN_TIMEOUT });
    } finally {
      watch.dispose();
    }
  });
});

// Creates and sends whose answer is lost: the simulator acts, then cuts the connection. The request is
// never repeated (one POST in the simulator's log, one session, one message), and the UI finds out and
// says what happened: the session was created (and is revealed and opened), the message arrived, or
// it did not (and the text waits to be sent again).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Agent, Environment, SessionEvent } from '../../src/api';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { SessionDialogs } from '../../src/sessions/sessionDialogs';
import type { YamlCommandOutcome } from '../../src/yaml/editor/bodyCommands';
import type { SimulatorHandle } from '../simulator';
import { closeAllEditors, openYaml } from './fixtures/yaml/harness';
import { collectMessages, count, report, resetBaseUrl, startOwnSimulator } from './reliability.support';
import { extensionApi, toolsetAgentAndCloudEnvironment } from './helpers/fixtures';
import { act, openPanel } from './helpers/panel';
import { waitFor } from './helpers/wait';

const posts = (sim: SimulatorHandle, since: number, path: string) => sim.requests.slice(since).filter((r) => r.method === 'POST' && r.path === path);
const texts = (events: readonly { type: string }[], text: string) =>
  (events as SessionEvent[]).filter((e) => e.type === 'user.message' && e.content.some((block) => block.type === 'text' && block.text === text));

describe('Reliability: lost answers to create and send', function () {
  this.timeout(120_000);
  let api: ManagedAgentsExtensionApi;
  let sim: SimulatorHandle;
  let agent: Agent;
  let environment: Environment;
  let originalDialogs: SessionDialogs;
  const rounds = count(1, 5);

  before(async () => {
    api = await extensionApi();
    sim = await startOwnSimulator(api);
    ({ agent, environment } = await toolsetAgentAndCloudEnvironment(api.services.client));
    originalDialogs = { ...api.sessions.dialogs };
  });
  afterEach(async () => {
    sim.faults.clear();
    Object.assign(api.sessions.dialogs, originalDialogs);
    for (const panel of api.history.all) panel.dispose();
    await closeAllEditors();
  });
  after(async () => {
    if (api) await resetBaseUrl(api);
    await sim?.close();
  });

  it(`Create Session from YAML, answer lost after the server acted: one session, revealed and opened, and said so (x${rounds})`, async () => {
    for (let round = 0; round < rounds; round++) {
      const title = `lost create ${round} ${Date.now()}`;
      const { document } = await openYaml(`# managed-agents: create\nagent: ${agent.id}\nenvironment_id: ${environment.id}\ntitle: ${title}\nmetadata:\n  team: qa\n`);
      const shown = collectMessages(api);
      sim.faults.set({ actThenDrop: { method: 'POST', path: '/v1/sessions', count: 1 } });
      const before = sim.requests.length;
      const outcome = await vscode.commands.executeCommand<YamlCommandOutcome>('managedAgents.createSessionFromYaml', document.uri);
      shown.dispose();
      assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
      assert.ok(outcome.status === 'sent');
      assert.match(outcome.note ?? '', new RegExp(`^The connection dropped after the request was sent; the session was created: "${title}" \\(sesn_\\w+\\)\\.$`));
      assert.equal(posts(sim, before, '/v1/sessions').length, 1, 'the create was sent once');
      const sessions = (await api.services.client.sessions.list({ limit: 100 }).toArray()).filter((s) => s.title === title);
      assert.equal(sessions.length, 1, 'exactly one session was created');
      assert.equal(outcome.sessionId, sessions[0].id);
      assert.equal(sessions[0].metadata.team, 'qa', "the user's metadata is kept");
      assert.ok(api.sessions.store.get(outcome.sessionId), 'revealed in the sidebar');
      await waitFor('its history to open', () => api.history.get(outcome.sessionId));
      assert.ok(shown.messages.some((m) => m.severity === 'info' && m.text === outcome.note), 'the notification says what happened');
      assert.equal(document.getText().includes('vscode_request_id'), false, 'the buffer is unchanged');
      await closeAllEditors();
    }
    report('lost creates reconciled in the editor (1 session each)', rounds, 'integration');
  });

  it('Create Session from YAML, failed before acting: no session, "was not created: try again", sent once', async () => {
    const title = `not created ${Date.now()}`;
    const { document } = await openYaml(`# managed-agents: create\nagent: ${agent.id}\nenvironment_id: ${environment.id}\ntitle: ${title}\n`);
    const shown = collectMessages(api);
    sim.faults.set({ errors: [{ status: 500, method: 'POST', path: '/v1/sessions', count: 1 }] });
    const before = sim.requests.length;
    const outcome = await vscode.commands.executeCommand<YamlCommandOutcome>('managedAgents.createSessionFromYaml', document.uri);
    shown.dispose();
    assert.deepEqual(outcome, {
      status: 'failed',
      message: 'The API failed (500) after the request was sent; the session was not created: try again.',
      reconciled: 'notCreated',
    });
    assert.equal(posts(sim, before, '/v1/sessions').length, 1);
    assert.equal((await api.services.client.sessions.list({ limit: 100 }).toArray()).filter((s) => s.title === title).length, 0);
    assert.ok(shown.messages.some((m) => m.severity === 'error' && m.text === outcome.message));
  });

  it(`Send Message, answer lost after the server acted: the message is there once, and said so (x${rounds})`, async () => {
    const session = sim.createSession({ agent: agent.id, environment_id: environment.id, title: 'lost send (command)' });
    await api.sessions.store.refresh();
    for (let round = 0; round < rounds; round++) {
      await sim.waitForStatus(session.id, 'idle');
      const text = `arrives despite the drop ${round}`;
      const shown = collectMessages(api);
      sim.faults.set({ actThenDrop: { method: 'POST', path: '/v1/sessions/*/events', count: 1 } });
      const before = sim.requests.length;
      const sent = await vscode.commands.executeCommand<boolean>('managedAgents.sendMessage', session.id, text);
      shown.dispose();
      assert.equal(sent, true);
      assert.equal(posts(sim, before, `/v1/sessions/${session.id}/events`).length, 1, 'sent once');
      assert.equal(texts(sim.events(session.id), text).length + texts(await api.services.client.sessions.events.list(session.id, { limit: 1000 }).toArray(), text).length, 2, 'in the session exactly once');
      assert.ok(shown.messages.some((m) => m.severity === 'info' && m.text === 'The connection dropped after the request was sent; the message arrived.'), JSON.stringify(shown.messages));
    }
  });

  it('Send Message, failed before acting: not sent twice, the text is offered again with the reason', async () => {
    const session = sim.createSession({ agent: agent.id, environment_id: environment.id, title: 'lost send (not arrived)' });
    await api.sessions.store.refresh();
    const asked: { draft: string | undefined; problem: string | undefined }[] = [];
    api.sessions.dialogs.askMessage = async (_session, draft, problem) => {
      asked.push({ draft, problem });
      return asked.length === 1 ? 'please arrive' : undefined;
    };
    sim.faults.set({ errors: [{ status: 500, method: 'POST', path: '/v1/sessions/*/events', count: 1 }] });
    const before = sim.requests.length;
    assert.equal(await vscode.commands.executeCommand<boolean>('managedAgents.sendMessage', session.id), false);
    assert.equal(posts(sim, before, `/v1/sessions/${session.id}/events`).length, 1);
    assert.equal(asked.length, 2);
    assert.equal(asked[1].draft, 'please arrive', 'the unsent text is in the box again');
    assert.equal(asked[1].problem, 'The API failed (500) after the request was sent; the message did not arrive: try again.');
    assert.equal(texts(sim.events(session.id), 'please arrive').length, 0);
  });

  it('the history panel: a reply whose answer is lost arrives once and is shown once; one that failed keeps its draft', async () => {
    const session = sim.createSession({ agent: agent.id, environment_id: environment.id, title: 'lost send (panel)' });
    const panel = await openPanel(session.id);
    assert.ok(panel);
    await waitFor('live', () => panel.connection === 'live' && panel.historyComplete, { timeout: 15_000 });
    const notices: string[] = [];
    const watch = panel.onDidPost((m) => m.type === 'notice' && notices.push(m.text));

    await panel.receive({ type: 'draft', text: 'lost but arrived' });
    sim.faults.set({ actThenDrop: { method: 'POST', path: '/v1/sessions/*/events', count: 1 } });
    let before = sim.requests.length;
    assert.deepEqual(await act(panel, { type: 'send', requestId: 'lost-1', text: 'lost but arrived' }), { ok: true, error: undefined });
    assert.equal(posts(sim, before, `/v1/sessions/${session.id}/events`).length, 1);
    assert.ok(notices.includes('The connection dropped after the request was sent; the message arrived.'), notices.join('\n'));
    assert.equal(api.history.drafts.get(session.id), '', 'the draft is cleared: it arrived');
    await sim.waitForStatus(session.id, 'idle');
    await waitFor('the turn to stream in', () => panel.transcript.events.some((e) => e.type === 'session.status_idle' && texts(panel.transcript.events, 'lost but arrived').length === 1), { timeout: 15_000 });
    assert.equal(texts(panel.transcript.events, 'lost but arrived').length, 1, 'shown once, although it was both reconciled and streamed');
    assert.equal(texts(sim.events(session.id), 'lost but arrived').length, 1, 'in the session once');

    await panel.receive({ type: 'draft', text: 'this one failed' });
    sim.faults.set({ errors: [{ status: 500, method: 'POST', path: '/v1/sessions/*/events', count: 1 }] });
    before = sim.requests.length;
    const failed = await act(panel, { type: 'send', requestId: 'lost-2', text: 'this one failed' });
    assert.deepEqual(failed, { ok: false, error: 'The API failed (500) after the request was sent; the message did not arrive: try again' });
    assert.equal(posts(sim, before, `/v1/sessions/${session.id}/events`).length, 1);
    assert.equal(api.history.drafts.get(session.id), 'this one failed', 'the draft stays for the next try');
    watch.dispose();
  });

  it('Send Events from YAML, answer lost after the server acted: sent once, reported as arrived', async () => {
    const session = sim.createSession({ agent: agent.id, environment_id: environment.id, title: 'lost send (yaml)' });
    await api.sessions.store.refresh();
    const { document } = await openYaml(`# managed-agents: send ${session.id}\nevents:\n  - type: user.message\n    content:\n      - type: text\n        text: yaml lost send\n`);
    sim.faults.set({ actThenDrop: { method: 'POST', path: '/v1/sessions/*/events', count: 1 } });
    const before = sim.requests.length;
    const outcome = await vscode.commands.executeCommand<YamlCommandOutcome>('managedAgents.sendEventsFromYaml', document.uri);
    assert.equal(outcome.status, 'sent');
    assert.equal(outcome.status === 'sent' && outcome.note, 'The connection dropped after the request was sent; the 1 event arrived.');
    assert.equal(posts(sim, before, `/v1/sessions/${session.id}/events`).length, 1);
    assert.equal(texts(sim.events(session.id), 'yaml lost send').length, 1);
  });
});

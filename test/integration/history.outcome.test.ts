// Defining an outcome and steering a reply from the Session history panel, in a real extension host
// against the simulator: what the webview posts goes out through the panel, and the API's event list
// then holds the events in the order the API demands. A rubric from a workspace file is uploaded
// through the Files API and named by its file_id. A model that takes no mid-conversation system
// message refuses the steer, and the panel answers with the API's reason (the webview keeps the text).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { SessionEvent } from '../../src/api';
import type { HistoryPanel } from '../../src/history/historyPanel';
import type { HostMessage } from '../../src/webview/protocol';
import { bridgeAvailable, browser } from './helpers/bridge';
import { requireEnv } from './helpers/env';
import { extensionWithAgent } from './helpers/fixtures';
import { act, openPanel } from './helpers/panel';
import { openStreams } from './helpers/simulator';
import { waitFor } from './helpers/wait';

const TURN_TIMEOUT = 20_000;

let api: ManagedAgentsExtensionApi;
let agentId: string;
let environmentId: string;

/** A session of the test agent; `model` overrides the agent's (the simulator's agents run claude-sonnet-4-6 and older). */
async function newSession(title: string, model?: string): Promise<string> {
  const agent = model ? { type: 'agent_with_overrides' as const, id: agentId, model } : agentId;
  return (await api.services.client.sessions.create({ agent, environment_id: environmentId, title })).id;
}

/** The session's events as the API lists them, oldest first. */
async function listed(sessionId: string): Promise<SessionEvent[]> {
  return api.services.client.sessions.events.list(sessionId, { limit: 1000, order: 'asc' }).toArray();
}

const textOf = (event: SessionEvent | undefined) => ((event as { content?: { text?: string }[] } | undefined)?.content ?? []).map((block) => block.text ?? '').join('');

async function livePanel(sessionId: string): Promise<HistoryPanel> {
  const panel = await openPanel(sessionId);
  await waitFor('the panel to be live', () => panel.historyComplete && panel.connection === 'live', { timeout: TURN_TIMEOUT });
  return panel;
}

describe('Session history panel: outcomes and steering', function () {
  this.timeout(60_000);

  before(async () => {
    requireEnv('simulatorUrl', 'MANAGED_AGENTS_TEST_SIMULATOR_URL');
    const started = await extensionWithAgent();
    api = started.api;
    agentId = started.agent.id;
    environmentId = started.environment.id;
  });

  afterEach(async () => {
    for (const panel of api?.history.all ?? []) panel.dispose();
    await waitFor('the closed panels to close their streams', async () => (await openStreams()) === 0, { timeout: 5_000 });
  });

  it('defines an outcome from the panel: the API lists the user.define_outcome with the rubric and the cycles given', async () => {
    const sessionId = await newSession('Outcome: from the panel');
    const panel = await livePanel(sessionId);
    if (bridgeAvailable()) {
      // The form is there for the user: the button opens it in the real webview.
      await browser.click('button[data-action="toggle-outcome"]');
      await browser.query('#outcome-form:not([hidden]) #outcome-description');
    }
    const answer = await act(panel, { type: 'defineOutcome', requestId: 'outcome-1', description: 'A release note for v2', rubric: '- Names every breaking change', maxIterations: '5' });
    assert.deepEqual(answer, { ok: true, error: undefined });
    const defined = (await listed(sessionId)).filter((event) => event.type === 'user.define_outcome');
    assert.equal(defined.length, 1, 'one outcome in the API\'s event list');
    const outcome = defined[0] as SessionEvent & { description?: string; rubric?: { type: string; content?: string }; max_iterations?: number; outcome_id?: string };
    assert.equal(outcome.description, 'A release note for v2');
    assert.deepEqual(outcome.rubric, { type: 'text', content: '- Names every breaking change' });
    assert.equal(outcome.max_iterations, 5);
    assert.match(outcome.outcome_id ?? '', /^outc_/);
    await waitFor('the outcome in the panel\'s transcript', () => panel.transcript.events.some((event) => event.id === outcome.id), { timeout: TURN_TIMEOUT });
  });

  it('leaves the cycles to the API when none is given, and answers an outcome the API would refuse with what to fix, sending nothing', async () => {
    const sessionId = await newSession('Outcome: defaults and refusals');
    const panel = await livePanel(sessionId);
    const refused = await act(panel, { type: 'defineOutcome', requestId: 'outcome-bad', description: 'Ship it', rubric: '', maxIterations: '21' });
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? '', /Write the rubric/);
    assert.match(refused.error ?? '', /from 1 to 20/);
    assert.equal((await listed(sessionId)).filter((event) => event.type === 'user.define_outcome').length, 0, 'nothing was sent');

    assert.deepEqual(await act(panel, { type: 'defineOutcome', requestId: 'outcome-default', description: 'Ship it', rubric: 'CI green', maxIterations: '' }), { ok: true, error: undefined });
    const [outcome] = (await listed(sessionId)).filter((event) => event.type === 'user.define_outcome');
    assert.equal((outcome as { max_iterations?: number }).max_iterations, 3, 'the API\'s default');
  });

  it('a rubric from a workspace file: the host asks which, uploads it through the Files API when the outcome is sent, and sends its file_id', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-'));
    const file = path.join(folder, 'release-rubric.md');
    fs.writeFileSync(file, '# Release note rubric\n- Names every breaking change\n');
    const sessionId = await newSession('Outcome: rubric file');
    const panel = await livePanel(sessionId);
    const original = api.history.dialogs;
    const asked: vscode.OpenDialogOptions[] = [];
    api.history.dialogs = { ...original, pickFiles: async (options) => (asked.push(options), [vscode.Uri.file(file)]) };
    try {
      const chosen = new Promise<Extract<HostMessage, { type: 'rubricFile' }>>((resolve) => {
        const subscription = panel.onDidPost((message) => message.type === 'rubricFile' && (subscription.dispose(), resolve(message)));
      });
      await panel.receive({ type: 'pickRubricFile' });
      const { token, name } = await chosen;
      assert.equal(asked.length, 1, 'the open dialog was shown once');
      assert.match(name, /release-rubric\.md$/);
      const filesBefore = (await api.services.client.files.list({ limit: 1000 }).toArray()).length;

      const unknown = await act(panel, { type: 'defineOutcome', requestId: 'file-unknown', description: 'Release note', rubric: '', maxIterations: '', rubricFile: 'not-a-token' });
      assert.equal(unknown.ok, false);
      assert.match(unknown.error ?? '', /no longer knows that rubric file: choose it again/);

      const answer = await act(panel, { type: 'defineOutcome', requestId: 'file-1', description: 'Release note', rubric: '', maxIterations: '', rubricFile: token });
      assert.deepEqual(answer, { ok: true, error: undefined });
      const files = await api.services.client.files.list({ limit: 1000 }).toArray();
      assert.equal(files.length, filesBefore + 1, 'one upload');
      const [outcome] = (await listed(sessionId)).filter((event) => event.type === 'user.define_outcome');
      const rubric = (outcome as { rubric?: { type: string; file_id?: string } }).rubric;
      assert.equal(rubric?.type, 'file');
      const uploaded = files.find((candidate) => candidate.id === rubric?.file_id);
      assert.ok(uploaded, `the outcome names the upload: ${JSON.stringify(rubric)}`);
      assert.equal(uploaded.filename, 'release-rubric.md');
    } finally {
      api.history.dialogs = original;
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('sends a reply with a steer as user.message then system.message in one request, on a model that accepts it', async () => {
    const sessionId = await newSession('Steer: accepted', 'claude-opus-4-8');
    const panel = await livePanel(sessionId);
    const before = (await listed(sessionId)).length;
    const answer = await act(panel, { type: 'send', requestId: 'steer-1', text: 'Summarise the diff.', steer: 'Answer in French from now on.' });
    assert.deepEqual(answer, { ok: true, error: undefined });
    const sent = (await listed(sessionId)).slice(before).filter((event) => event.type === 'user.message' || event.type === 'system.message');
    assert.deepEqual(
      sent.map((event) => [event.type, textOf(event)]),
      [
        ['user.message', 'Summarise the diff.'],
        ['system.message', 'Answer in French from now on.'],
      ],
    );
  });

  it('answers with the API\'s reason when the session\'s model takes no steer, sending neither the reply nor the note, and keeps the draft', async () => {
    const sessionId = await newSession('Steer: refused', 'claude-sonnet-4-6');
    const panel = await livePanel(sessionId);
    await panel.receive({ type: 'draft', text: 'Summarise the diff.' });
    const answer = await act(panel, { type: 'send', requestId: 'steer-2', text: 'Summarise the diff.', steer: 'Answer in French.' });
    assert.equal(answer.ok, false);
    assert.match(answer.error ?? '', /system\.message is not supported on model claude-sonnet-4-6/);
    const types = (await listed(sessionId)).map((event) => event.type);
    assert.ok(!types.includes('user.message') && !types.includes('system.message'), `nothing of the request was queued: ${types.join(', ')}`);
    assert.equal(api.history.drafts.get(sessionId), 'Summarise the diff.', 'the stored draft survives the refusal');

    // Without the note the same reply goes through.
    assert.deepEqual(await act(panel, { type: 'send', requestId: 'steer-3', text: 'Summarise the diff.' }), { ok: true, error: undefined });
  });
});

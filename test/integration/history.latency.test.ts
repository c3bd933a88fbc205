// A long session over a slow link, in the real extension host and its webview: with the simulator's
// latency fault at 100 ms, the newest event of a 10,000-event session is painted from the newest page
// alone; scrolling up then loads older pages, one at a time, down to the oldest event, and the panel
// ends equal to the server's history, event by event: no duplicate, no gap, same order. An export
// asks for the rest of the history first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SessionEvent } from '../../src/api';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { SimulatorHandle } from '../simulator';
import { browser, skipWithoutBridge } from './helpers/bridge';
import { openPanel } from './helpers/panel';
import { webviewShowsTranscript } from './helpers/historyWebview';
import { waitFor } from './helpers/wait';
import { resetBaseUrl, startOwnSimulator } from './reliability.support';
import { extensionApi, toolsetAgentAndCloudEnvironment } from './helpers/fixtures';

const EVENTS = 10_000;
const LATENCY_MS = 100;
const TRANSCRIPT = 'main.scroller[aria-label="Transcript"]';

describe('History over a 100 ms link', function () {
  this.timeout(240_000);
  let api: ManagedAgentsExtensionApi;
  let sim: SimulatorHandle;

  before(async () => {
    api = await extensionApi();
    sim = await startOwnSimulator(api);
  });
  after(async () => {
    for (const panel of api?.history.all ?? []) panel.dispose();
    sim?.faults.clear();
    if (api) await resetBaseUrl(api);
    await sim?.close();
  });

  it(`paints the newest of ${EVENTS.toLocaleString('en-US')} events first, then scrolls up to the oldest with no duplicate and no gap`, async function () {
    skipWithoutBridge(this);
    const { agent, environment } = await toolsetAgentAndCloudEnvironment(api.services.client);
    const session = sim.createSession({ agent: agent.id, environment_id: environment.id, title: 'latency: a long session' });
    sim.appendEvent(session.id, { type: 'session.status_running' });
    for (let n = 0; n < EVENTS - 2; n++) sim.appendEvent(session.id, { type: 'agent.message', content: [{ type: 'text', text: `Part ${n + 1} of the long answer.` }] });
    sim.appendEvent(session.id, { type: 'session.status_idle', stop_reason: { type: 'end_turn' } });
    const server = JSON.parse(JSON.stringify(sim.events(session.id))) as SessionEvent[];
    assert.equal(server.length, EVENTS);
    sim.faults.set({ latencyMs: LATENCY_MS });

    const panel = await openPanel(session.id);
    assert.ok(panel);
    await waitFor('the newest page, joined with the live stream', () => panel.historyComplete && panel.connection === 'live', { timeout: 30_000 });
    assert.equal(panel.transcript.length, 100, 'the newest page, and nothing older yet');
    assert.equal(panel.hasOlder, true);
    assert.deepEqual(panel.transcript.events, server.slice(-100));
    // The newest event is painted in the webview, at the bottom of the transcript.
    const newest = server[server.length - 1];
    await browser.query(`.row[data-event-id="${newest.id}"]`, { timeout: 20_000 });
    await webviewShowsTranscript(panel, 'the webview to hold the newest page', { timeout: 10_000 });

    // Scrolling to the top loads the next older page. A page that arrives keeps the rows on screen where
    // they are, so the reader scrolls up again, and again, down to the start of the session.
    const firstRequest = sim.requests.length;
    const scrolled = await browser.scroll(TRANSCRIPT, 0, { until: '.older', untilText: 'Start of the session', timeout: 150_000 });
    assert.ok(scrolled.reached, `the start of the session was reached (${scrolled.scrolls} scrolls)`);
    assert.ok(scrolled.scrolls >= EVENTS / 100 - 1, `a scroll up for each page (${scrolled.scrolls})`);
    assert.equal(panel.hasOlder, false);
    // (The sidebar's look-up of why the session stopped asks for one event; the panel asks for pages of 100.)
    const pageRequests = sim.requests.slice(firstRequest).filter((r) => r.path === `/v1/sessions/${session.id}/events` && r.query.includes('order=desc') && r.query.includes('limit=100'));
    assert.equal(pageRequests.length, EVENTS / 100 - 1, 'a page at a time, each asked for once');
    assert.ok(pageRequests.every((r) => r.status === 200));
    await webviewShowsTranscript(panel, 'the webview to hold every event', { timeout: 20_000, atBottom: false });
    const ids = panel.transcript.events.map((event) => event.id);
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    for (let i = 0; i < EVENTS; i++) assert.deepEqual(panel.transcript.events[i], server[i], `event ${i} of the panel (${server[i].type} ${server[i].id})`);
    // The oldest event is painted once scrolled to the very top, with the start of the session above it.
    await browser.scroll(TRANSCRIPT, 0);
    await browser.query(`.row[data-event-id="${server[0].id}"]`, { timeout: 20_000 });
    await browser.query('.older', { hasText: 'Start of the session', timeout: 10_000 });
    panel.dispose();
  });

  it('exports the whole history: the older pages are loaded first', async () => {
    sim.faults.clear();
    const { agent, environment } = await toolsetAgentAndCloudEnvironment(api.services.client);
    const session = sim.createSession({ agent: agent.id, environment_id: environment.id, title: 'latency: export' });
    for (let n = 0; n < 349; n++) sim.appendEvent(session.id, { type: 'agent.message', content: [{ type: 'text', text: `Line ${n}` }] });
    sim.appendEvent(session.id, { type: 'session.status_idle', stop_reason: { type: 'end_turn' } });
    const panel = await openPanel(session.id);
    assert.ok(panel);
    await waitFor('the newest page', () => panel.historyComplete && panel.connection === 'live', { timeout: 20_000 });
    assert.equal(panel.transcript.length, 100);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-export-'));
    try {
      const target = vscode.Uri.file(path.join(dir, 'all.json'));
      assert.ok(await panel.exportTranscript(target));
      const written = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as { events: SessionEvent[] };
      assert.deepEqual(written.events.map((event) => event.id), sim.events(session.id).map((event) => event.id), 'every event, in order');
      assert.equal(panel.hasOlder, false);
      await webviewShowsTranscript(panel, 'the webview to hold every event', { timeout: 10_000 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      panel.dispose();
    }
  });
});

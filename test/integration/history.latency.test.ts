// A long session over a slow link, in the real extension host and its webview: with the simulator's
// latency fault at 100 ms, the newest event of a 10,000-event session is painted from the newest page
// alone; scrolling up then loads older pages, one at a time, down to the oldest event, and the panel
// ends equal to the server's history, event by event: no duplicate, no gap, same order.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionEvent } from '../../src/api';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { HistoryPanel } from '../../src/history/historyPanel';
import type { SimulatorHandle } from '../simulator';
import { browser, skipWithoutBridge } from './helpers/bridge';
import { waitFor } from './helpers/wait';
import { apiFixtures, reliabilityApi, resetBaseUrl, startOwnSimulator } from './reliability.support';

const EVENTS = 10_000;
const LATENCY_MS = 100;
const TRANSCRIPT = 'main.scroller[aria-label="Transcript"]';

describe('History over a 100 ms link', function () {
  this.timeout(240_000);
  let api: ManagedAgentsExtensionApi;
  let sim: SimulatorHandle;

  before(async () => {
    api = await reliabilityApi();
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
    const { agent, environment } = await apiFixtures(api);
    const session = sim.createSession({ agent, environment_id: environment, title: 'latency: a long session' });
    sim.appendEvent(session.id, { type: 'session.status_running' });
    for (let n = 0; n < EVENTS - 2; n++) sim.appendEvent(session.id, { type: 'agent.message', content: [{ type: 'text', text: `Part ${n + 1} of the long answer.` }] });
    sim.appendEvent(session.id, { type: 'session.status_idle', stop_reason: { type: 'end_turn' } });
    const server = JSON.parse(JSON.stringify(sim.events(session.id))) as SessionEvent[];
    assert.equal(server.length, EVENTS);
    sim.faults.set({ latencyMs: LATENCY_MS });

    const panel = await vscode.commands.executeCommand<HistoryPanel>('managedAgents.openHistory', session.id);
    assert.ok(panel);
    await waitFor('the newest page, joined with the live stream', () => panel.historyComplete && panel.connection === 'live', { timeout: 30_000 });
    assert.equal(panel.transcript.length, 100, 'the newest page, and nothing older yet');
    assert.equal(panel.hasOlder, true);
    assert.deepEqual(panel.transcript.events, server.slice(-100));
    // The newest event is painted in the webview, at the bottom of the transcript.
    const newest = server[server.length - 1];
    await browser.query(`.row[data-event-id="${newest.id}"]`, { timeout: 20_000 });
    await waitFor('the webview to report the newest page', () => panel.rendered?.eventCount === 100 && panel.rendered.lastEventId === newest.id, { timeout: 10_000 });

    // Scrolling to the top loads the next older page; again and again, down to the oldest event. (The
    // webview first draws what it was sent: a page arriving while the reader is at the top keeps the
    // rows on screen where they are, so the reader scrolls up again.)
    const firstRequest = sim.requests.length;
    let scrolls = 0;
    while (panel.hasOlder) {
      await waitFor('the webview to draw every page so far', () => panel.rendered?.eventCount === panel.transcript.length, { timeout: 20_000 });
      const before = panel.transcript.length;
      await browser.scroll(TRANSCRIPT, 0);
      await waitFor(`an older page (scroll ${++scrolls})`, () => panel.transcript.length > before, { timeout: 20_000 });
    }
    // (The sidebar's look-up of why the session stopped asks for one event; the panel asks for pages of 100.)
    const pageRequests = sim.requests.slice(firstRequest).filter((r) => r.path === `/v1/sessions/${session.id}/events` && r.query.includes('order=desc') && r.query.includes('limit=100'));
    assert.equal(pageRequests.length, EVENTS / 100 - 1, 'a page at a time, each asked for once');
    assert.ok(pageRequests.every((r) => r.status === 200));
    await waitFor('the webview to hold every event', () => panel.rendered?.eventCount === EVENTS, { timeout: 20_000 });
    const ids = panel.transcript.events.map((event) => event.id);
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    for (let i = 0; i < EVENTS; i++) assert.deepEqual(panel.transcript.events[i], server[i], `event ${i} of the panel (${server[i].type} ${server[i].id})`);
    // The oldest event is painted once scrolled to the very top, with the start of the session above it.
    await browser.scroll(TRANSCRIPT, 0);
    await browser.query(`.row[data-event-id="${server[0].id}"]`, { timeout: 20_000 });
    await browser.query('.older', { hasText: 'Start of the session', timeout: 10_000 });
    panel.dispose();
  });
});

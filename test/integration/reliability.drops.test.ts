// Forced stream drops at random points (mid-event too) while long turns run: the history panel's
// transcript, and the webview's rows rebuilt from every patch the panel posted, end equal to the
// server's history event by event: none lost, none twice, same order, same content (each row the
// view of the server's event).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { HostMessage } from '../../src/webview/protocol';
import type { SimulatorHandle } from '../simulator';
import { count, report, resetBaseUrl, rng, startOwnSimulator } from './reliability.support';
import { extensionApi, toolsetAgentAndCloudEnvironment } from './helpers/fixtures';
import { openPanel } from './helpers/panel';
import { describeEvent, withDefaults, type EventView } from '../../src/webview/eventView';
import { webviewShowsTranscript } from './helpers/historyWebview';
import { waitFor } from './helpers/wait';

/** The rows the webview holds, rebuilt from the messages it was sent as the webview does (init clears; patches prepend, update in place, append). */
class WebviewModel {
  rows: EventView[] = [];
  apply(message: HostMessage): void {
    if (message.type === 'init') this.rows = [];
    if (message.type !== 'patch') return;
    if (message.prepend) this.rows = [...message.prepend.map(withDefaults), ...this.rows];
    for (const { index, row } of message.update ?? []) {
      assert.ok(index >= 0 && index < this.rows.length, `an update of row ${index} of ${this.rows.length}`);
      this.rows[index] = withDefaults(row);
    }
    if (message.append) this.rows.push(...message.append.map(withDefaults));
  }
}

describe('Reliability: stream drops during long turns', function () {
  const drops = count(20, 100);
  this.timeout(count(90_000, 900_000));
  let api: ManagedAgentsExtensionApi;
  let sim: SimulatorHandle;

  before(async () => {
    api = await extensionApi();
    sim = await startOwnSimulator(api, { stepDelayMs: 1 });
  });
  after(async () => {
    for (const panel of api?.history.all ?? []) panel.dispose();
    if (api) await resetBaseUrl(api);
    await sim?.close();
  });

  it(`survives ${drops} forced drops: the panel and its webview end equal to the server, event by event`, async () => {
    const { agent, environment } = await toolsetAgentAndCloudEnvironment(api.services.client);
    const session = sim.createSession({ agent: agent.id, environment_id: environment.id, title: `drops ${Date.now()}` });
    const random = rng(drops * 7919);
    const streamPath = `/v1/sessions/${session.id}/events/stream`;
    const nextDrop = () => ({ afterEvents: 1 + Math.floor(random() * 40), midEvent: random() < 0.5, count: 1, path: streamPath });
    sim.faults.set({ dropStream: nextDrop() });

    let seen = 0;
    const model = new WebviewModel();
    const subscriptions: vscode.Disposable[] = [];
    const panel = await openPanel(session.id);
    assert.ok(panel);
    subscriptions.push(
      panel.onDidPost((message) => {
        model.apply(message);
        // A drop the follower noticed: it reports the error and when it reconnects. Arm the next one now,
        // before that reconnect opens a stream (the simulator decides drops when a stream opens).
        if (message.type === 'connection' && message.state === 'reconnecting' && message.retryInMs !== undefined) {
          seen++;
          sim.faults.set({ dropStream: seen < drops ? nextDrop() : null });
        }
      }),
    );
    try {
      // One long turn at a time, each started while the panel is live, so the armed drop lands inside it.
      let turns = 0;
      let maxLagMs = 0;
      let tick = Date.now();
      const lag = setInterval(() => {
        maxLagMs = Math.max(maxLagMs, Date.now() - tick - 50);
        tick = Date.now();
      }, 50);
      const deadline = Date.now() + count(80_000, 850_000);
      try {
        while (seen < drops) {
          assert.ok(Date.now() < deadline, `only ${seen} of ${drops} drops happened in time`);
          if (panel.connection === 'live' && sim.getSession(session.id).status === 'idle') {
            sim.sendEvents(session.id, [{ type: 'user.message', content: [{ type: 'text', text: `#long=${40 + Math.floor(random() * 80)} turn ${++turns}` }] }]);
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        clearInterval(lag);
      }
      sim.faults.set({ dropStream: null });
      await sim.waitForStatus(session.id, 'idle', { timeoutMs: 30_000 });
      const server = await api.services.client.sessions.events.list(session.id, { limit: 1000 }).toArray();
      assert.deepEqual(server, sim.events(session.id), 'the API list is the simulator history');
      await waitFor(
        `the panel to show all ${server.length} events`,
        () => panel.connection === 'live' && panel.transcript.length === server.length && model.rows.length === server.length,
        { timeout: 30_000 },
      );
      await webviewShowsTranscript(panel, `the webview to show all ${server.length} events`, { timeout: 30_000 });

      const ids = panel.transcript.events.map((event) => event.id);
      assert.equal(new Set(ids).size, ids.length, 'no event twice in the panel');
      for (let i = 0; i < server.length; i++) {
        assert.deepEqual(panel.transcript.events[i], server[i], `event ${i} of the panel (${server[i].type} ${server[i].id})`);
        assert.deepEqual(model.rows[i], describeEvent(server[i], panel.transcript), `event ${i} as sent to the webview`);
      }
      assert.ok(seen >= drops, `${seen} drops`);
      const dropped = sim.requests.filter((r) => r.path === streamPath && r.fault?.startsWith('drop-stream'));
      assert.ok(dropped.length >= drops, `the simulator dropped ${dropped.length} streams`);
      report('stream drops survived', seen, 'integration');
      report('events compared (0 lost, 0 duplicated, in order)', server.length, 'integration');
      report('long turns during the drops', turns, 'integration');
      report('extension host: longest event-loop stall during the drops (ms)', maxLagMs, 'integration');
      assert.ok(maxLagMs < 2_000, `the extension host stalled for ${maxLagMs} ms`);
    } finally {
      for (const subscription of subscriptions) subscription.dispose();
      panel.dispose();
    }
  });
});

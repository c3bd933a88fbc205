// Storms of 429 / 529 / 500 answers with retry-after, against the sidebar (polling fast because a
// session runs) and an open history panel at once: no error notification, a calm "retrying" state in
// both, the request rate under the bound the retry policies allow (never a tight loop), and both
// recover by themselves when the storm ends.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { HostMessage } from '../../src/webview/protocol';
import type { SimulatorHandle } from '../simulator';
import { collectMessages, count, peakRate, report, resetBaseUrl, startOwnSimulator } from './reliability.support';
import { extensionApi, toolsetAgentAndCloudEnvironment } from './helpers/fixtures';
import { openPanel } from './helpers/panel';
import { waitFor } from './helpers/wait';

describe('Reliability: retry storms', function () {
  const stormMs = count(8_000, 90_000);
  this.timeout(stormMs + 150_000);
  let api: ManagedAgentsExtensionApi;
  let sim: SimulatorHandle;
  const config = () => vscode.workspace.getConfiguration('managedAgents');

  before(async () => {
    api = await extensionApi();
    sim = await startOwnSimulator(api);
    await config().update('refresh.activeSeconds', 1, vscode.ConfigurationTarget.Global);
    await config().update('refresh.idleSeconds', 5, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    sim?.faults.clear();
    for (const panel of api?.history.all ?? []) panel.dispose();
    await config().update('refresh.activeSeconds', undefined, vscode.ConfigurationTarget.Global);
    await config().update('refresh.idleSeconds', undefined, vscode.ConfigurationTarget.Global);
    const store = api?.sessions.store;
    store?.setViewVisible(api.sessions.view.treeView.visible);
    store?.setWindowFocused(vscode.window.state.focused);
    if (api) await resetBaseUrl(api);
    await sim?.close();
  });

  it('the sidebar and a history panel ride a mixed 429 / 529 / 500 storm calmly, under the bound, and recover by themselves', async () => {
    const sessions = api.sessions;
    const store = sessions.store;
    const { agent, environment } = await toolsetAgentAndCloudEnvironment(api.services.client);
    const running = sim.createSession({ agent: agent.id, environment_id: environment.id, title: 'storm: running' });
    sim.setStatus(running.id, 'running');
    const watched = sim.createSession({ agent: agent.id, environment_id: environment.id, title: 'storm: watched' });
    await store.refresh();
    assert.equal(store.state.load, 'loaded');
    assert.ok(store.get(running.id), 'the running session is listed');
    // Poll as the visible view in a focused window does (at 1 s, as a session runs).
    store.setViewVisible(true);
    store.setWindowFocused(true);

    const panel = await openPanel(watched.id);
    assert.ok(panel);
    await waitFor('the panel to be live', () => panel.connection === 'live' && panel.header !== null, { timeout: 15_000 });
    const posted: HostMessage[] = [];
    const watch = panel.onDidPost((message) => posted.push(message));
    const shown = collectMessages(api);

    const statuses = [429, 529, 500];
    let turn = 0;
    const storm = (status: number) => sim.faults.set({ errors: [{ status, count: -1, retryAfterSeconds: 1, message: `storm ${status}` }] });
    const stormStart = Date.now();
    const firstRequest = sim.requests.length;
    storm(statuses[0]);
    const rotate = setInterval(() => storm(statuses[++turn % statuses.length]), 1_000);
    const states = new Set<string>();
    try {
      // Mid-storm the user presses the panel's Refresh: it loads everything again, header included.
      setTimeout(() => void panel.receive({ type: 'refresh' }), 1_500);
      while (Date.now() - stormStart < stormMs) {
        states.add(`${store.state.load}/${store.state.retrying}/${panel.connection}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // During the storm: calm states, the last sessions still shown.
      assert.equal(store.state.load, 'error');
      assert.equal(store.state.retrying, true, 'the sidebar says it is retrying');
      assert.equal(store.state.stale, true);
      assert.ok(store.get(running.id) && store.get(watched.id), 'the last known sessions stay');
      assert.match(
        String(sessions.view.treeView.message),
        /^(The API is rate limiting requests: retrying|The API is overloaded: retrying|Could not load sessions: storm 500 \(500 api_error\)\. The API had an internal error: .* Retrying) (in \d+ s|now)\. Showing the sessions from /,
      );
      assert.notEqual(panel.connection, 'offline', 'the panel is reconnecting, not offline');
    } finally {
      clearInterval(rotate);
      sim.faults.clear();
    }
    const stormRequests = sim.requests.slice(firstRequest).filter((r) => Date.parse(r.time) <= stormStart + stormMs);
    const stormEnd = Date.now();

    // After the storm: both recover by themselves (within the sidebar's current back-off).
    const backoff = Math.max(0, (store.state.nextRetryAt ?? Date.now()) - Date.now());
    await waitFor('the sidebar to load again by itself', () => store.state.load === 'loaded', { timeout: backoff + 20_000 });
    assert.equal(sessions.view.treeView.message, undefined);
    await waitFor('the panel to be live again', () => panel.connection === 'live', { timeout: 20_000 });
    await waitFor('the panel to load the session details again', () => posted.some((m) => m.type === 'notice' && m.text === 'The session details are loaded again.'), { timeout: 60_000 });
    assert.equal(panel.header?.title, 'storm: watched');
    watch.dispose();
    shown.dispose();

    const errorsShown = shown.messages.filter((m) => m.severity === 'error');
    assert.deepEqual(errorsShown, [], 'no error notification');
    const panelErrors = posted.filter((m) => m.type === 'notice' && m.level === 'error');
    assert.deepEqual(panelErrors, [], 'no error notice in the panel');
    assert.ok(posted.some((m) => m.type === 'connection' && m.state === 'reconnecting'), 'the panel showed "reconnecting"');
    assert.ok(
      posted.some((m) => m.type === 'notice' && m.level === 'info' && /^The session details could not be loaded yet; retrying in \d+ s\./.test(m.text)),
      'the panel said calmly that it retries the details',
    );
    assert.ok(stormRequests.every((r) => statuses.includes(r.status)), 'every request in the storm was refused');

    // The bound: three request chains (sidebar refresh, panel stream, panel header), each waiting at
    // least the 1 s retry-after between attempts, so at most 3 requests a second; and far fewer with back-off.
    const minutes = stormMs / 60_000;
    const perMinute = Math.round(stormRequests.length / minutes);
    const peakPerSecond = peakRate(stormRequests.map((r) => Date.parse(r.time)), 1_000);
    const peakPer10s = peakRate(stormRequests.map((r) => Date.parse(r.time)), 10_000);
    assert.ok(peakPerSecond <= 6, `at most 6 requests in any second (saw ${peakPerSecond})`);
    assert.ok(peakPer10s <= 30, `at most 30 requests in any 10 s (saw ${peakPer10s})`);
    assert.ok(perMinute <= 180, `${perMinute} requests a minute`);
    report('storm: duration (s)', stormMs / 1000, 'integration');
    report('storm: requests a minute (bound 180)', perMinute, 'integration');
    report('storm: peak requests in 1 s / 10 s', `${peakPerSecond} / ${peakPer10s}`, 'integration');
    report('storm: error notifications', errorsShown.length, 'integration');
    report('storm: recovered after (ms)', Date.now() - stormEnd, 'integration');
    panel.dispose();
  });
});

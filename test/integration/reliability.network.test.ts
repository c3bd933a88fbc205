// The network failing under the extension: a closed port, a name that does not resolve, TLS to a
// plain-http port, a proxy answering with web pages. Each gives one clear message; the sidebar keeps
// its last sessions, marked stale; a history panel waits, reconnecting; nothing crashes, and all is
// well again once the setting points back. Then a slow server: commands still answer at once, and
// closing the panel cancels its requests and leaves no socket or timer behind.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import { activeResources, closedPort, collectMessages, loopbackServer, report, resetBaseUrl, useBaseUrl, type LoopbackServer } from './reliability.support';
import { extensionApi, toolsetAgentAndCloudEnvironment } from './helpers/fixtures';
import { simulatorControl } from './helpers/simulator';
import { openPanel } from './helpers/panel';
import { waitFor } from './helpers/wait';


interface SimRequest {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  time: string;
}

describe('Reliability: network failures', function () {
  this.timeout(90_000);
  let api: ManagedAgentsExtensionApi;
  const servers: LoopbackServer[] = [];
  let originalConfirm: ManagedAgentsExtensionApi['services']['guard']['confirm'];

  before(async () => {
    api = await extensionApi();
    originalConfirm = api.services.guard.confirm;
    await resetBaseUrl(api);
  });
  afterEach(async () => {
    for (const panel of api.history.all) panel.dispose();
    for (const server of servers.splice(0)) await server.close();
    await resetBaseUrl(api);
    api.services.guard.confirm = originalConfirm;
    await api.services.guard.reset();
    await simulatorControl('DELETE', '/_sim/faults');
  });

  it('closed port, DNS failure, TLS failure and an HTML proxy: one clear message each, stale sessions kept, nothing crashes', async () => {
    const sessions = api.sessions;
    const store = sessions.store;
    const tls = await loopbackServer((_req, res) => res.end('plain http'));
    const proxy = await loopbackServer((req, res) => {
      res.writeHead(req.url?.startsWith('/v1/sessions?') ? 200 : 502, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><title>Sign in to the proxy</title></head><body><form>Password</form></body></html>');
    });
    servers.push(tls, proxy);
    const port = await closedPort();
    // http://nonexistent.invalid is plain http to another host: the user agrees to send the key there.
    api.services.guard.confirm = async () => true;
    const cases: [string, string, RegExp][] = [
      ['closed port', `http://127.0.0.1:${port}`, new RegExp(`^Could not connect to 127\\.0\\.0\\.1:${port}: the connection was refused\\. Check the "managedAgents\\.baseUrl" setting and that the server is running\\.$`)],
      ['DNS failure', 'http://nonexistent.invalid', /^Could not resolve nonexistent\.invalid \(DNS lookup failed\)\. Check your network connection and the "managedAgents\.baseUrl" setting\.$/],
      ['TLS failure', `https://127.0.0.1:${tls.port}`, new RegExp(`^A secure connection to 127\\.0\\.0\\.1:${tls.port} could not be made \\([A-Z_]+\\)\\. Check the "managedAgents\\.baseUrl" setting and any proxy that intercepts TLS\\.$`)],
      ['HTML proxy', proxy.url, new RegExp(`^127\\.0\\.0\\.1:${proxy.port} answered with a web page( \\(HTTP 502\\))? instead of the API's JSON\\. A proxy, captive portal or wrong "managedAgents\\.baseUrl" is the likely cause\\.$`)],
    ];
    const { agent, environment } = await toolsetAgentAndCloudEnvironment(api.services.client);
    const watched = await api.services.client.sessions.create({ agent: agent.id, environment_id: environment.id, title: 'network: watched' });
    for (const [name, url, message] of cases) {
      await store.refresh();
      assert.equal(store.state.load, 'loaded', `${name}: loaded from the simulator first`);
      const known = store.sessions.map((entry) => entry.session.id);
      assert.ok(known.includes(watched.id));
      const panel = await openPanel(watched.id);
      assert.ok(panel);
      await waitFor(`${name}: the panel to be live`, () => panel.connection === 'live', { timeout: 15_000 });
      const shown = collectMessages(api);
      const posted: string[] = [];
      const watch = panel.onDidPost((m) => m.type === 'connection' && m.detail && posted.push(m.detail));

      await useBaseUrl(api, url);
      await waitFor(`${name}: the refresh to fail`, () => store.state.load === 'error' && !store.state.loading, { timeout: 20_000 });
      // What a person reads above the tree: the API's account of the failure, the editor's advice after it.
      const above = sessions.view.treeView.message ?? '';
      assert.ok(above.startsWith('Could not load sessions: '), `${name}: shown above the tree: ${above}`);
      const sentence = above.slice('Could not load sessions: '.length);
      assert.match(sentence, message, `${name}: the message`);
      assert.ok(sentence.startsWith((store.state.error as Error).message), `${name}: the error's own account comes first`);
      assert.equal(store.state.stale, true, `${name}: marked stale`);
      assert.deepEqual(store.sessions.map((entry) => entry.session.id), known, `${name}: the last known sessions stay`);
      const top = await sessions.view.tree.getChildren();
      assert.equal(top[0].kind, 'message', `${name}: the tree says it could not refresh`);
      assert.ok(top.some((node) => node.kind === 'session'), `${name}: and still shows the sessions`);
      await waitFor(`${name}: the panel to wait, reconnecting`, () => panel.connection === 'reconnecting' && posted.some((detail) => message.test(detail)), { timeout: 20_000 });
      assert.equal(shown.messages.length, 0, `${name}: no notification from background work: ${JSON.stringify(shown.messages)}`);

      // Refresh from the palette with the view hidden: exactly one notification, the same sentence.
      if (!sessions.view.treeView.visible) {
        await vscode.commands.executeCommand('managedAgents.refresh');
        assert.deepEqual(shown.messages.map((m) => m.text), [`Could not refresh sessions: ${sentence}`], `${name}: one notification`);
      }
      shown.dispose();
      watch.dispose();

      await resetBaseUrl(api);
      await waitFor(`${name}: the sidebar to recover`, () => store.state.load === 'loaded', { timeout: 20_000 });
      await waitFor(`${name}: the panel to recover`, () => panel.connection === 'live', { timeout: 20_000 });
      panel.dispose();
      report(`network: ${name}`, 'one message, stale kept, recovered', 'integration');
    }
  });

  it('a slow server: commands answer at once, closing the panel cancels its requests, no socket or timer is left', async () => {
    const { agent, environment } = await toolsetAgentAndCloudEnvironment(api.services.client);
    const session = await api.services.client.sessions.create({ agent: agent.id, environment_id: environment.id, title: 'network: slow' });
    // Settle, then count what the extension host holds.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const baseline = activeResources();
    await simulatorControl('DELETE', '/_sim/requests');
    await simulatorControl('POST', '/_sim/faults', { latencyMs: 4_000 });

    const opened = Date.now();
    const panel = await openPanel(session.id);
    assert.ok(panel);
    // Commands answer while the panel's requests wait.
    let slowest = 0;
    for (const command of ['managedAgents.showVersion', 'managedAgents.groupSessionsBy']) {
      const started = Date.now();
      await vscode.commands.executeCommand(command, 'none');
      slowest = Math.max(slowest, Date.now() - started);
    }
    assert.ok(slowest < 1_000, `commands answered in ${slowest} ms`);
    let lag = 0;
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 50));
      lag = Math.max(lag, Date.now() - started - 50);
    }
    assert.ok(lag < 200, `the extension host is responsive (timer lag ${lag} ms)`);
    const inFlight = async () => ((await simulatorControl('GET', '/_sim/requests')) as { data: SimRequest[] }).data.filter((r) => r.path.includes(session.id));
    await waitFor('the panel to have requests in flight', async () => (await inFlight()).filter((r) => r.status === 0).length >= 2, { timeout: 3_000 });
    panel.dispose();
    const closed = Date.now();
    assert.ok(closed - opened < 3_500, 'closed before the slow answers');
    await waitFor(
      "the panel's requests to end on the server before their answers",
      async () => {
        const mine = await inFlight();
        return mine.length >= 2 && mine.every((r) => r.status === 0 && r.durationMs > 0 && r.durationMs < 3_900) ? mine : false;
      },
      { timeout: 3_000 },
    );
    const cancelled = (await inFlight()).length;
    await simulatorControl('DELETE', '/_sim/faults');
    const left = await waitFor(
      'the sockets and timers of the panel to be gone',
      () => {
        const now = activeResources();
        const extra = (kind: string) => (now[kind] ?? 0) - (baseline[kind] ?? 0);
        return extra('TCPSocketWrap') <= 0 && extra('Timeout') <= 0 ? now : false;
      },
      { timeout: 10_000, interval: 250 },
    );
    report('slow server: panel requests cancelled on close', cancelled, 'integration');
    report('slow server: sockets / timers left after close', `${(left.TCPSocketWrap ?? 0) - (baseline.TCPSocketWrap ?? 0)} / ${(left.Timeout ?? 0) - (baseline.Timeout ?? 0)}`, 'integration');
    report('slow server: slowest command (ms)', slowest, 'integration');
  });
});

// Behind a proxy, in the real extension host: VS Code's `http.proxy` in the user settings (code-server
// windows are remote, and http.proxy is an application setting, read from the user's settings). The
// API's host name resolves only through the proxy, a real one written with Node's http on 127.0.0.1.
// The sidebar lists sessions and a history panel follows a live turn through it, the setting taking
// effect without a reload; a proxy that wants credentials gets one message that names it and the
// settings to check, and the sidebar keeps its sessions, marked stale; http.noProxy and
// http.proxySupport "off" send requests direct.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import { startSimulator, type SimulatorHandle } from '../simulator';
import { startTestProxy, type TestProxy } from '../unit/helpers/proxy-server';
import { resetBaseUrl, useBaseUrl } from './reliability.support';
import { extensionApi, toolsetAgentAndCloudEnvironment } from './helpers/fixtures';
import { openPanel } from './helpers/panel';
import { webviewShowsTranscript } from './helpers/historyWebview';
import { waitFor } from './helpers/wait';

const HOST = 'api.managed-agents.test';

describe('Network: through the proxy in http.proxy', function () {
  this.timeout(120_000);
  let api: ManagedAgentsExtensionApi;
  let sim: SimulatorHandle;
  let proxy: TestProxy;
  let base: string;
  let originalConfirm: ManagedAgentsExtensionApi['services']['guard']['confirm'];
  const http = () => vscode.workspace.getConfiguration('http');

  before(async () => {
    api = await extensionApi();
    sim = await startSimulator({ stepDelayMs: 2, heartbeatMs: 1_000 });
    proxy = await startTestProxy({ hosts: { [HOST]: sim.port } });
    base = `http://${HOST}:${sim.port}`;
    // Plain http to a host that is not this machine: the user agrees to send the key there.
    originalConfirm = api.services.guard.confirm;
    api.services.guard.confirm = async () => true;
  });
  after(async () => {
    for (const panel of api?.history.all ?? []) panel.dispose();
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    if (api) {
      api.services.guard.confirm = originalConfirm;
      await api.services.guard.reset();
      await resetBaseUrl(api);
    }
    await proxy?.close();
    await sim?.close();
  });

  it('lists the sessions and follows a live turn through the proxy, taken from the user settings without a reload', async () => {
    const sessions = api.sessions;
    const store = sessions.store;
    await useBaseUrl(api, base);
    await store.refresh();
    assert.equal(store.state.load, 'error', 'without the proxy the API cannot be reached');
    assert.match((store.state.error as Error).message, /^Could not resolve api\.managed-agents\.test/);

    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    assert.equal(http().inspect<string>('proxy')?.globalValue, proxy.url, 'in the user settings');
    await waitFor('the client to take http.proxy', () => api.services.client.describeRoute() === `proxy ${proxy.url} (from http.proxy)`, { timeout: 10_000 });
    // The change alone refreshes the sidebar.
    await waitFor('the sidebar to list the sessions through the proxy', () => store.state.load === 'loaded' && store.sessions.length > 0, { timeout: 20_000 });
    assert.equal(sessions.view.treeView.message, undefined);
    assert.ok(proxy.seen.some((seen) => seen.kind === 'forward' && seen.target.startsWith(`${base}/v1/sessions?`)), 'the list went through the proxy');

    const { agent, environment } = await toolsetAgentAndCloudEnvironment(api.services.client);
    const session = await api.services.client.sessions.create({ agent: agent.id, environment_id: environment.id, title: 'through the proxy' });
    await store.refresh();
    assert.ok(store.get(session.id), 'the new session is listed');
    const panel = await openPanel(session.id);
    assert.ok(panel);
    await waitFor('the panel to be live', () => panel.connection === 'live' && panel.historyComplete, { timeout: 20_000 });
    await panel.receive({ type: 'send', requestId: 'proxy-1', text: 'Hello through the proxy' });
    await waitFor(
      'the turn to stream in through the proxy',
      () => panel.transcript.events.some((event) => event.type === 'user.message') && panel.transcript.events.at(-1)?.type === 'session.status_idle',
      { timeout: 30_000 },
    );
    await webviewShowsTranscript(panel, 'the webview to hold every event', { timeout: 10_000 });
    assert.deepEqual(
      panel.transcript.events.map((event) => event.id),
      sim.events(session.id).map((event) => event.id),
      'the panel shows the server history, in order',
    );
    assert.ok(
      proxy.seen.some((seen) => seen.kind === 'forward' && seen.target.startsWith(`${base}/v1/sessions/${session.id}/events/stream`)),
      'the live stream went through the proxy',
    );
    assert.equal(typeof api.services.client.streamThreadId, 'number', 'on the stream thread');
    panel.dispose();
  });

  it('a proxy that wants credentials: one message naming it and the settings to check, the sessions kept and marked stale', async () => {
    const sessions = api.sessions;
    const store = sessions.store;
    await store.refresh();
    assert.equal(store.state.load, 'loaded');
    const listed = store.sessions.length;
    proxy.behaviour.credentials = 'alice:s3cret';
    await store.refresh();
    assert.equal(store.state.load, 'error');
    assert.equal(store.state.stale, true, 'the last sessions are kept, marked stale');
    assert.equal(store.state.retrying, false, 'credentials are not something waiting fixes');
    assert.equal(store.sessions.length, listed);
    assert.equal(
      sessions.view.treeView.message,
      `Could not load sessions: The request to ${HOST}:${sim.port} was refused by the proxy ${proxy.url} (from http.proxy): it asks for credentials (407 Proxy Authentication Required) and was given none. Check the credentials in "http.proxy" (http://user:password@host:port) or set "http.proxyAuthorization".`,
    );

    // Credentials in http.proxy: accepted, and shown nowhere.
    await http().update('proxy', proxy.urlWith('alice:s3cret'), vscode.ConfigurationTarget.Global);
    await waitFor('the sidebar to load again through the proxy', () => store.state.load === 'loaded', { timeout: 20_000 });
    assert.equal(api.services.client.describeRoute(), `proxy http://***@127.0.0.1:${proxy.port} (from http.proxy)`);
    assert.equal(proxy.seen.at(-1)?.authorization, `Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    proxy.behaviour.credentials = undefined;
  });

  it('http.noProxy and http.proxySupport "off" send requests direct', async () => {
    const client = api.services.client;
    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', ['.managed-agents.test'], vscode.ConfigurationTarget.Global);
    try {
      await waitFor('http.noProxy to apply', () => client.describeRoute() === 'direct (http.noProxy matched .managed-agents.test)', { timeout: 10_000 });
      await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
      await waitFor('the proxy again', () => client.describeRoute() === `proxy ${proxy.url} (from http.proxy)`, { timeout: 10_000 });
      await http().update('proxySupport', 'off', vscode.ConfigurationTarget.Global);
      await waitFor('http.proxySupport off to apply', () => client.describeRoute() === 'direct (proxy support is off)', { timeout: 10_000 });
      const seen = proxy.seen.length;
      await assert.rejects(client.sessions.list({ limit: 1 }).firstPage(), /Could not resolve api\.managed-agents\.test/);
      assert.equal(proxy.seen.length, seen, 'nothing went through the proxy');
    } finally {
      await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
      await http().update('proxySupport', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

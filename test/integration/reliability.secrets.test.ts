// The API key lives in SecretStorage only. With a distinctive key (set through the Set API Key
// command, against a simulator of this suite that accepts only it), the extension does real work —
// sidebar, history panel, replies, YAML create, Send Message — and fails in every way it can (a
// rejected key, a refused connection, a server that echoes the Authorization header). Then the key
// is looked for everywhere it must not be: the log files (the output channel's and the extension
// host's, and a trace-level request log, which shows headers), workspace and global state, every
// message to and from the webview (its saved state included), the webview's HTML, an exported
// transcript and every error message. Found: 0 times.
// And a plain-http base URL to another machine, or a base URL a folder's settings put in place of the
// user's own, gets no request with the key until the user agrees.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { KeyWithheldError, ManagedAgentsClient } from '../../src/api';
import { logRequest } from '../../src/shared/log';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { YamlCommandOutcome } from '../../src/yaml/editor/bodyCommands';
import { startSimulator, type SimulatorHandle } from '../simulator';
import { closeAllEditors, openYaml } from './fixtures/yaml/harness';
import { openPanel } from './helpers/panel';
import { webviewShowsTranscript } from './helpers/historyWebview';
import { waitFor } from './helpers/wait';
import { requireEnv } from './helpers/env';
import { filesUnder, sessionLogsFolder } from './helpers/logs';
import { closedPort, collectMessages, loopbackServer, report, resetBaseUrl, useBaseUrl } from './reliability.support';
import { extensionApi, toolsetAgentAndCloudEnvironment } from './helpers/fixtures';

const KEY = `sk-ant-api03-RELIABILITY-${crypto.randomBytes(16).toString('hex')}-SECRET`;
const WRONG_KEY = `sk-ant-api03-REJECTED-${crypto.randomBytes(16).toString('hex')}-SECRET`;
const KEYS = [KEY, WRONG_KEY];

/** A stand-in for the output channel at trace level, keeping every line. */
function traceLog(lines: string[]): vscode.LogOutputChannel {
  const keep = (line: string) => void lines.push(line);
  return { logLevel: vscode.LogLevel.Trace, trace: keep, debug: keep, info: keep, warn: keep, error: keep } as unknown as vscode.LogOutputChannel;
}

function occurrences(text: string): number {
  return KEYS.reduce((sum, key) => sum + text.split(key).length - 1, 0);
}

describe('Reliability: the API key stays secret', function () {
  this.timeout(120_000);
  let api: ManagedAgentsExtensionApi;
  let original: string | undefined;
  let originalConfirm: ManagedAgentsExtensionApi['services']['guard']['confirm'];

  before(async () => {
    api = await extensionApi();
    originalConfirm = api.services.guard.confirm;
    original = await api.services.keyStore.get();
  });
  after(async () => {
    for (const panel of api?.history.all ?? []) panel.dispose();
    await closeAllEditors();
    if (!api) return;
    api.services.guard.confirm = originalConfirm;
    await api.services.guard.reset();
    if (original) await api.services.keyStore.set(original);
    await resetBaseUrl(api);
    await api.sessions.store.refresh();
  });

  it('is found 0 times in logs, state, webview messages, exports and error messages after real work and every kind of failure', async () => {
    const sim: SimulatorHandle = await startSimulator({ apiKey: KEY, stepDelayMs: 2 });
    const shown = collectMessages(api);
    const webview: unknown[] = [];
    const errors: string[] = [];
    const subscriptions: vscode.Disposable[] = [
      api.history.onDidOpen((panel) => {
        webview.push(panel.panel.webview.html);
        subscriptions.push(panel.onDidPost((message) => webview.push(message)), panel.onDidReceive((message) => webview.push(message)));
      }),
    ];
    const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-export-'));
    try {
      await useBaseUrl(api, sim.url);
      // The key goes in through the command, as a person would (checked against the API first).
      assert.equal(await vscode.commands.executeCommand<boolean>('managedAgents.setApiKey', KEY), true);
      assert.equal(await api.services.context.secrets.get('managedAgents.apiKey'), KEY, 'the key is in SecretStorage');
      const store = api.sessions.store;
      await store.refresh();
      assert.equal(store.state.load, 'loaded', String(store.state.error));

      // Real work.
      const { agent, environment } = await toolsetAgentAndCloudEnvironment(api.services.client);
      const created = await vscode.commands.executeCommand<YamlCommandOutcome>(
        'managedAgents.createSessionFromYaml',
        (await openYaml(`# managed-agents: create\nagent: ${agent.id}\nenvironment_id: ${environment.id}\ntitle: secrets\n`)).document.uri,
      );
      assert.equal(created.status, 'sent');
      const sessionId = created.status === 'sent' ? created.sessionId : '';
      const panel = await waitFor('the history to open', () => api.history.get(sessionId));
      await waitFor('live', () => panel.connection === 'live' && panel.historyComplete, { timeout: 15_000 });
      await webviewShowsTranscript(panel, 'the webview to show the history', { timeout: 15_000 });
      await panel.receive({ type: 'draft', text: 'a draft' });
      await panel.receive({ type: 'send', requestId: 's-1', text: 'hello' });
      await sim.waitForStatus(sessionId, 'idle');
      assert.equal(await vscode.commands.executeCommand<boolean>('managedAgents.sendMessage', sessionId, 'again'), true);
      await sim.waitForStatus(sessionId, 'idle');
      await waitFor('the turns in the panel', () => panel.transcript.events.filter((e) => e.type === 'session.status_idle').length >= 2, { timeout: 15_000 });
      const exported = await panel.exportTranscript(vscode.Uri.file(path.join(exportDir, 'transcript.json')));
      assert.ok(exported);
      await panel.exportTranscript(vscode.Uri.file(path.join(exportDir, 'transcript.md')));
      assert.ok(sim.requests.filter((r) => r.status === 200).length > 10, 'the key was used, and accepted');

      // Every kind of failure. A rejected key:
      assert.equal(await vscode.commands.executeCommand<boolean>('managedAgents.setApiKey', WRONG_KEY), false);
      await api.services.keyStore.set(WRONG_KEY);
      await store.refresh();
      assert.equal(store.state.load, 'noKey');
      errors.push(String(store.state.error), (store.state.error as Error).message);
      const panelFailure = await new Promise<string>((resolve) => {
        const sub = panel.onDidPost((m) => m.type === 'result' && m.requestId === 's-2' && (sub.dispose(), resolve(m.error ?? '')));
        void panel.receive({ type: 'send', requestId: 's-2', text: 'with the wrong key' });
      });
      errors.push(panelFailure);
      // A refused connection, and a server that echoes the Authorization header in its errors:
      await api.services.keyStore.set(KEY);
      await useBaseUrl(api, `http://127.0.0.1:${await closedPort()}`);
      await store.refresh();
      errors.push((store.state.error as Error).message);
      const echo = await loopbackServer((req, res) => {
        res.writeHead(req.url?.includes('/stream') ? 200 : 401, { 'content-type': req.url?.includes('/stream') ? 'text/event-stream' : 'application/json' });
        const said = String(req.headers.authorization);
        res.end(req.url?.includes('/stream') ? `event: error\ndata: {"type":"error","error":{"type":"api_error","message":"saw ${said}"}}\n\n` : JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `bad key: ${said}` } }));
      });
      try {
        await useBaseUrl(api, echo.url);
        await store.refresh();
        errors.push((store.state.error as Error).message);
        const outcome = await vscode.commands.executeCommand<YamlCommandOutcome>('managedAgents.createSessionFromYaml', (await openYaml(`agent: ${agent.id}\nenvironment_id: ${environment.id}\n`)).document.uri);
        errors.push(JSON.stringify(outcome));
        assert.ok(echo.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`), 'the echo server did get the key');
      } finally {
        await echo.close();
      }
      for (const p of api.history.all) errors.push(p.connectionDetail ?? '');

      // A trace-level log of a real request (what "Developer: Set Log Level… Trace" would write) shows its headers, redacted.
      const traced: string[] = [];
      const probe = new ManagedAgentsClient({ baseURL: sim.url, apiKey: () => KEY, onRequest: (entry) => logRequest(traceLog(traced), entry) });
      await probe.sessions.list({ limit: 1 }).firstPage();
      await probe.close();
      assert.ok(traced.some((line) => line.includes('"authorization":"[redacted]"')), `headers logged, redacted: ${traced.join('\n')}`);
      errors.push(...traced);

      // Now look for it. The output channel writes its log file asynchronously: wait for a marker.
      const marker = `secrets-marker-${crypto.randomBytes(6).toString('hex')}`;
      api.services.log.info(marker);
      const logsFolder = sessionLogsFolder(api.services.context.logUri);
      const logFiles = await waitFor('the output channel to reach its log file', () => {
        const files = filesUnder(logsFolder);
        return files.some((file) => fs.readFileSync(file, 'utf8').includes(marker)) ? files : false;
      }, { timeout: 15_000 });
      const found: Record<string, number> = {};
      const count = (where: string, text: string) => (found[where] = (found[where] ?? 0) + occurrences(text));
      for (const file of logFiles) count(`log ${path.relative(logsFolder, file)}`, fs.readFileSync(file, 'utf8'));
      assert.ok(logFiles.some((file) => /exthost/i.test(file)), `the extension host's own log is among ${logFiles.length} files`);
      for (const [name, memento] of [['workspaceState', api.services.context.workspaceState], ['globalState', api.services.context.globalState]] as const) {
        for (const key of memento.keys()) count(`${name} ${key}`, `${key} ${JSON.stringify(memento.get(key))}`);
      }
      count('webview messages and HTML', JSON.stringify(webview));
      assert.ok(webview.some((m) => (m as { type?: string }).type === 'ready'), "the webview's saved state (sent with `ready`) is included");
      for (const file of filesUnder(exportDir)) count(`export ${path.basename(file)}`, fs.readFileSync(file, 'utf8'));
      count('error messages', errors.join('\n'));
      count('notifications', JSON.stringify(shown.messages));
      count('settings', JSON.stringify(vscode.workspace.getConfiguration('managedAgents')));
      const total = Object.values(found).reduce((a, b) => a + b, 0);
      assert.deepEqual(Object.entries(found).filter(([, n]) => n > 0), [], 'the key was found');
      assert.ok(errors.some((e) => /bad key: Bearer \[redacted\]/.test(e)), `the echoed key was redacted, not dropped: ${errors.join('\n')}`);
      assert.ok(shown.messages.length > 0 && errors.length >= 6, 'failures were produced and checked');
      report('key occurrences found (logs, state, webview, exports, errors)', total, 'integration');
      report('places searched for the key', Object.keys(found).length, 'integration');
    } finally {
      shown.dispose();
      for (const subscription of subscriptions) subscription.dispose();
      fs.rmSync(exportDir, { recursive: true, force: true });
      await sim.close();
    }
  });

  it("a base URL from the folder's settings: a modal names the host and the folder's settings, nothing is sent until the user agrees, remembered per address", async () => {
    const shown: { message: string; detail: string; button: string }[] = [];
    let answer = false;
    api.services.guard.confirm = originalConfirm; // the real question, through the real modal
    const originalModal = api.services.guard.showModal;
    api.services.guard.showModal = async (message, detail, button) => {
      shown.push({ message, detail, button });
      return answer ? button : undefined;
    };
    await api.services.guard.reset();
    const store = api.sessions.store;
    const own = requireEnv('simulatorUrl', 'MANAGED_AGENTS_TEST_SIMULATOR_URL').replace(/\/$/, '');
    const server = await loopbackServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [], next_page: null }));
    });
    const config = () => vscode.workspace.getConfiguration('managedAgents');
    try {
      // As a cloned repository's .vscode/settings.json would: the user's own setting stays the runner's simulator.
      await config().update('baseUrl', server.url, vscode.ConfigurationTarget.Workspace);
      await waitFor('the client to follow the folder setting', () => api.services.client.baseUrl === server.url, { timeout: 5_000 });
      assert.equal(config().inspect<string>('baseUrl')?.globalValue?.replace(/\/$/, ''), own, "the runner's machine setting is the user's own");
      await store.refresh();
      const error = store.state.error as Error & { reason?: string };
      assert.equal(error?.name, 'KeyWithheldError', String(error));
      assert.equal(error.reason, 'workspace');
      assert.equal(server.requests.length, 0, 'nothing was sent before the user agreed');
      const host = new URL(server.url).host;
      assert.equal(shown.length, 1, 'asked once');
      assert.equal(shown[0].message, `This folder's settings send your API key to ${host}. Allow it?`);
      assert.match(shown[0].detail, new RegExp(`"managedAgents\\.baseUrl" is ${server.url.replace(/\./g, '\\.')} in \\.vscode/settings\\.json, instead of your own ${own.replace(/\./g, '\\.')}`));
      assert.equal(shown[0].button, `Send to ${host}`);
      await store.refresh();
      assert.equal(shown.length, 1, 'a refusal is remembered until the settings change');
      assert.equal(server.requests.length, 0);

      answer = true;
      api.services.guard.settingsChanged();
      await store.refresh();
      assert.equal(store.state.load, 'loaded', String(store.state.error));
      assert.equal(shown.length, 2);
      assert.ok(server.requests.length >= 1 && server.requests.every((r) => /^Bearer /.test(String(r.headers.authorization))));
      assert.deepEqual(api.services.guard.allowedOrigins(), [server.url], 'remembered for that address');
      api.services.guard.settingsChanged();
      await store.refresh();
      assert.equal(shown.length, 2, 'not asked again for the same address');

      // The user's own address is never asked about (the runner's simulator takes another key than this suite's).
      await resetBaseUrl(api);
      await store.refresh();
      assert.notEqual((store.state.error as Error | undefined)?.name, 'KeyWithheldError', String(store.state.error));
      assert.equal(shown.length, 2, "the user's own base URL is not asked about");
      report("folder base URL: requests before / after the user's answer", `0 / ${String(server.requests.length)}`, 'integration');
    } finally {
      api.services.guard.showModal = originalModal;
      await resetBaseUrl(api);
      await server.close();
      await api.services.guard.reset();
    }
  });

  it('says in the log when the workspace id comes from the workspace', async () => {
    const config = () => vscode.workspace.getConfiguration('managedAgents');
    const id = `wrkspc_${crypto.randomBytes(6).toString('hex')}`;
    const logsFolder = sessionLogsFolder(api.services.context.logUri);
    try {
      await config().update('workspaceId', id, vscode.ConfigurationTarget.Workspace);
      await waitFor('the log line', () => filesUnder(logsFolder).some((file) => fs.readFileSync(file, 'utf8').includes(`"managedAgents.workspaceId" comes from this folder's settings (.vscode/settings.json): ${id} is sent as anthropic-workspace-id`)), { timeout: 15_000 });
    } finally {
      await config().update('workspaceId', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a plain-http base URL to another host: no request until the user agrees, then remembered for that host', async () => {
    const asked: string[] = [];
    let answer = false;
    api.services.guard.confirm = async (origin) => {
      asked.push(origin);
      return answer;
    };
    await api.services.guard.reset();
    const store = api.sessions.store;

    // An address that cannot be reached anyway: the refusal comes before any attempt (a DNS error otherwise).
    await useBaseUrl(api, 'http://example.invalid');
    await store.refresh();
    assert.ok(store.state.error instanceof KeyWithheldError || (store.state.error as Error)?.name === 'KeyWithheldError', String(store.state.error));
    assert.match((store.state.error as Error).message, /^The API key was not sent to http:\/\/example\.invalid: it is not an https URL/);
    assert.deepEqual(asked, ['http://example.invalid']);
    await store.refresh();
    assert.deepEqual(asked, ['http://example.invalid'], 'a refusal is remembered: background refreshes do not ask again');
    const panel = await openPanel('sesn_any');
    await waitFor('the panel to stop, offline', () => panel?.connection === 'offline', { timeout: 10_000 });
    assert.match(String(panel?.connectionDetail), /The API key was not sent/);
    panel?.dispose();

    // "Send anyway" is remembered per address until Forget takes it back.
    answer = true;
    api.services.guard.settingsChanged();
    await store.refresh();
    assert.deepEqual(api.services.guard.allowedOrigins(), ['http://example.invalid']);
    assert.deepEqual(await vscode.commands.executeCommand<string[]>('managedAgents.forgetInsecureHosts', ['http://example.invalid', 'http://never-allowed.invalid']), ['http://example.invalid']);
    assert.deepEqual(api.services.guard.allowedOrigins(), []);
    answer = false;
    await store.refresh();
    assert.equal(asked.length, 3, 'asked again after Forget');
    await api.services.guard.reset();

    // A real server on a non-loopback address of this machine, when there is one.
    const address = Object.values(os.networkInterfaces()).flat().find((candidate) => candidate && candidate.family === 'IPv4' && !candidate.internal)?.address;
    if (!address) return report('insecure host guard (no non-loopback interface to test against)', 'decision only', 'integration');
    const server = await loopbackServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [], next_page: null }));
    }, address);
    try {
      asked.length = 0;
      await useBaseUrl(api, server.url);
      await store.refresh();
      assert.deepEqual(asked, [server.url], 'asked about the address');
      assert.equal(server.requests.length, 0, 'nothing reached the server before the user agreed');
      answer = true;
      api.services.guard.settingsChanged(); // as when the setting is saved again: ask again
      await store.refresh();
      assert.equal(store.state.load, 'loaded', String(store.state.error));
      assert.equal(server.requests.length, 1);
      assert.match(String(server.requests[0].headers.authorization), /^Bearer /);
      assert.deepEqual(api.services.guard.allowedOrigins(), [server.url], 'remembered per host');
      api.services.guard.settingsChanged();
      await store.refresh();
      assert.equal(asked.length, 2, 'not asked again for the same host');
      // Taking the answer back: the next request asks again, and a "Cancel" then sends nothing.
      assert.deepEqual(await vscode.commands.executeCommand<string[]>('managedAgents.forgetInsecureHosts', [server.url]), [server.url]);
      assert.deepEqual(api.services.guard.allowedOrigins(), []);
      answer = false;
      const before = server.requests.length;
      await store.refresh();
      assert.equal(asked.length, 3, 'asked again after Forget');
      assert.equal(server.requests.length, before, 'nothing sent after Forget and Cancel');
      assert.deepEqual(await vscode.commands.executeCommand<string[]>('managedAgents.forgetInsecureHosts', [server.url]), [], 'nothing left to forget');
      report('insecure host guard: requests before / after "Send anyway"', `0 / ${String(server.requests.length)}`, 'integration');
    } finally {
      await server.close();
    }
  });
});

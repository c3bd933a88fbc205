// Hostile input in the editor. (1) A sample of certainly invalid create / update / send bodies run
// through the real commands: each is refused with a located problem and not one request is sent.
// (2) A hostile, broken API (a loopback server): sessions of the wrong shape, items without ids,
// unknown event types, junk in the stream, a giant event, script payloads in every field, a cut-off
// list. The sidebar and the history panel show what they can (unknown events as JSON rows), escape
// every payload, say what is wrong, and never crash.
import * as assert from 'node:assert/strict';
import type http from 'node:http';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { HostMessage } from '../../src/webview/protocol';
import type { BodyKind } from '../../src/yaml/bodies';
import type { YamlCommandOutcome } from '../../src/yaml/editor/bodyCommands';
import type { SimulatorHandle } from '../simulator';
import { certainlyInvalid } from '../unit/reliability/yamlBodies';
import { closeAllEditors, openYaml } from './fixtures/yaml/harness';
import { bridgeAvailable, browser } from './helpers/bridge';
import { openPanel } from './helpers/panel';
import { webviewShowsTranscript } from './helpers/historyWebview';
import { waitFor } from './helpers/wait';
import { count, loopbackServer, report, resetBaseUrl, rng, startOwnSimulator, useBaseUrl, type LoopbackServer } from './reliability.support';
import { extensionApi, toolsetAgentAndCloudEnvironment } from './helpers/fixtures';

const COMMAND: Record<BodyKind, string> = {
  create: 'managedAgents.createSessionFromYaml',
  send: 'managedAgents.sendEventsFromYaml',
  update: 'managedAgents.applySessionUpdate',
};

const run = (n: number) => `window.__pwned=${n};document.title='PWNED'`;
const XSS = (field: string, n: number) => `XF-${field} <img src=x onerror="${run(n)}"><script>${run(n)}</script>[x](javascript:${run(n)})`;

describe('Reliability: hostile input in the editor', function () {
  this.timeout(120_000);
  let api: ManagedAgentsExtensionApi;

  before(async () => {
    api = await extensionApi();
  });
  after(async () => {
    for (const panel of api?.history.all ?? []) panel.dispose();
    await closeAllEditors();
    if (api) await resetBaseUrl(api);
  });

  describe('invalid bodies through the real commands', () => {
    let sim: SimulatorHandle;
    before(async () => {
      sim = await startOwnSimulator(api);
    });
    after(async () => {
      await closeAllEditors();
      await resetBaseUrl(api);
      await sim?.close();
    });

    it(`refuses ${count(30, 300)} certainly invalid bodies with a located problem, sending nothing`, async () => {
      const { agent, environment } = await toolsetAgentAndCloudEnvironment(api.services.client);
      const session = sim.createSession({ agent: agent.id, environment_id: environment.id, title: 'hostile yaml target' });
      const random = rng(4242);
      const n = count(30, 300);
      const kinds: BodyKind[] = ['create', 'send', 'update'];
      const before = sim.requests.length;
      const outcomes: string[] = [];
      for (let i = 0; i < n; i++) {
        const kind = kinds[i % 3];
        const header = kind === 'create' ? '# managed-agents: create\n' : `# managed-agents: ${kind} ${session.id}\n`;
        const text = header + certainlyInvalid(kind, random);
        const { document } = await openYaml(text);
        const outcome = await vscode.commands.executeCommand<YamlCommandOutcome>(COMMAND[kind], document.uri);
        assert.equal(outcome.status, 'invalid', `case ${i} (${kind}) was not refused: ${JSON.stringify(outcome)}\n${text}`);
        assert.ok(outcome.status === 'invalid');
        const range = outcome.problem.range;
        assert.ok(range.line < document.lineCount && range.endLine < document.lineCount, `case ${i}: the problem is inside the document`);
        assert.ok(range.character <= document.lineAt(range.line).text.length + 1);
        const located = `Nothing was sent: ${path.posix.basename(document.uri.path)}:${range.line + 1}:${range.character + 1} `;
        assert.equal(outcome.message.slice(0, located.length), located);
        outcomes.push(outcome.problem.code ?? '');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      const writes = sim.requests.slice(before).filter((r) => r.method !== 'GET');
      assert.deepEqual(writes, [], 'no request was sent for an invalid body');
      report('invalid bodies run through the commands, requests sent', `${n}, ${writes.length}`, 'integration');
    });
  });

  describe('a hostile, broken API', () => {
    let server: LoopbackServer;
    let mode: 'hostile' | 'cut-off' = 'hostile';
    const big = 'B'.repeat(2 * 1024 * 1024);
    let n = 0;
    const payload = (field: string) => XSS(field, ++n);
    const session = {
      id: 'sesn_hostile',
      type: 'session',
      title: payload('title'),
      status: 'idle',
      archived_at: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:01Z',
      environment_id: 'env_hostile',
      metadata: { [payload('metadata-key')]: payload('metadata-value'), number: 12 },
      agent: { id: 'agent_hostile', name: payload('agent-name'), version: 1, model: { id: payload('model') } },
      usage: { input_tokens: 'many', list_cost: { amount: '<b>', currency: payload('currency') } },
      stats: 'none',
    };
    const apiError = payload('api-error');
    const weird = { id: 'sesn_weird', title: 12345, status: 'floating', agent: null, metadata: 'x', created_at: 7, usage: [] };
    const events = [
      { id: 'ev1', type: 'user.message', content: [{ type: 'text', text: payload('user-message') }], processed_at: '2026-01-01T00:00:02Z' },
      { id: 'ev2', type: 'agent.tool_use', name: payload('tool-name'), input: { file_path: payload('file-name'), command: payload('command') }, processed_at: '2026-01-01T00:00:03Z' },
      { id: 'ev3', type: 'agent.hologram_beam', payload: payload('unknown-event'), processed_at: '2026-01-01T00:00:04Z' },
      { id: 'ev4', type: 'session.error', error: { type: 'unknown_error', message: payload('error-message'), retry_status: { type: 'terminal' } }, processed_at: '2026-01-01T00:00:05Z' },
      { id: 'ev5', type: 'agent.message', content: 'not a list', processed_at: '2026-01-01T00:00:06Z' },
      { id: 'ev6', type: 'agent.message', content: [{ type: 'text', text: big }], processed_at: '2026-01-01T00:00:07Z' },
      { title: 'no id' },
      'junk',
    ];
    // A tool result of 200,000 backtick runs, the longest 40: Markdown export must fence it, not fail.
    const runs = Array.from({ length: 200_000 }, (_v, i) => '`'.repeat(1 + (i % 7))).join('x') + `x${'`'.repeat(40)}`;
    const backticks = { ...session, id: 'sesn_backticks', title: 'backticks' };
    const backtickEvents = [
      { id: 'bt1', type: 'agent.tool_use', name: 'bash', input: { command: 'cat runs.txt' }, processed_at: '2026-01-01T00:00:02Z' },
      { id: 'bt2', type: 'agent.tool_result', tool_use_id: 'bt1', content: [{ type: 'text', text: runs }], processed_at: '2026-01-01T00:00:03Z' },
    ];
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_hostile' });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (req.method === 'POST') return json(400, { type: 'error', error: { type: 'invalid_request_error', message: apiError } });
      if (url.pathname === '/v1/sessions') {
        if (mode === 'cut-off') return json(200, JSON.stringify({ data: [session] }).slice(0, 40));
        return json(200, { data: [session, weird, { no: 'id' }, null, 'sesn_x'], next_page: { evil: true } });
      }
      if (url.pathname === `/v1/sessions/${session.id}`) return json(200, session);
      if (url.pathname === `/v1/sessions/${backticks.id}`) return json(200, backticks);
      if (url.pathname === `/v1/sessions/${backticks.id}/events`) return json(200, { data: backtickEvents, next_page: null });
      if (url.pathname === `/v1/sessions/${backticks.id}/events/stream`) return void res.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
      if (url.pathname === '/v1/environments/env_hostile') return json(200, '{"id":"env_hostile","name":"trunc');
      if (url.pathname === `/v1/sessions/${session.id}/events`) return json(200, { data: events, next_page: null });
      if (url.pathname === `/v1/sessions/${session.id}/events/stream`) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`data: {"id":"ev7","type":"agent.teleport","where":${JSON.stringify(payload('stream-unknown'))},"processed_at":"2026-01-01T00:00:08Z"}\n\n`);
        res.write('data: 42\n\ndata: {"type":"agent.message"}\n\n: keep-alive\n\n');
        return; // stays open
      }
      json(404, { type: 'error', error: { type: 'not_found_error', message: payload('not-found') } });
    };

    before(async () => {
      server = await loopbackServer(handler);
      await api.sessions.store.updateOptions({ groupBy: 'none', statuses: [], agent: undefined, includeArchived: false });
      await useBaseUrl(api, server.url);
    });
    after(async () => {
      for (const panel of api.history.all) panel.dispose();
      await resetBaseUrl(api);
      await server?.close();
    });

    it('the sidebar lists what it can, escapes every payload, and survives junk', async () => {
      const sessions = api.sessions;
      await sessions.store.refresh();
      assert.equal(sessions.store.state.load, 'loaded', String(sessions.store.state.error));
      assert.deepEqual(sessions.store.sessions.map((entry) => entry.session.id), ['sesn_hostile', 'sesn_weird'], 'items without an id are skipped');
      for (const groupBy of ['none', 'status', 'agent'] as const) {
        await vscode.commands.executeCommand('managedAgents.groupSessionsBy', groupBy);
        const stack = [...(await sessions.view.tree.getChildren())];
        while (stack.length) {
          const node = stack.pop()!;
          const item = sessions.view.tree.getTreeItem(node);
          const tooltip = item.tooltip;
          if (tooltip && typeof tooltip !== 'string') {
            assert.equal(tooltip.isTrusted ?? false, false, 'the tooltip runs no commands');
            assert.equal(tooltip.supportHtml ?? false, false, 'the tooltip renders no HTML');
            assert.ok(!/(^|[^\\])(<img|<script|\]\(javascript:)/i.test(tooltip.value), `the tooltip escapes the payloads: ${tooltip.value}`);
          }
          if (node.kind === 'group') stack.push(...(await sessions.view.tree.getChildren(node)));
        }
      }
      const row = sessions.view.tree.getTreeItem(sessions.view.tree.nodeForSession('sesn_weird')!);
      assert.equal(row.label, 'sesn_weird', 'a title of the wrong type falls back to the id');
      await vscode.commands.executeCommand('managedAgents.groupSessionsBy', 'none');
    });

    it('the history panel shows every event (unknown ones as JSON), passes payloads as text, and says what failed', async () => {
      const posted: HostMessage[] = [];
      const subscription = api.history.onDidOpen((opened) => opened.onDidPost((message) => posted.push(message)));
      const panel = await openPanel(session.id);
      subscription.dispose();
      assert.ok(panel);
      const webviewErrors: string[] = [];
      const watch = panel.onDidReceive((message) => message.type === 'log' && message.level === 'error' && webviewErrors.push(message.message));
      await waitFor('every usable event in the panel', () => panel.transcript.length === 7 && panel.header !== null, { timeout: 20_000 });
      await webviewShowsTranscript(panel, 'every usable event in the webview');
      assert.deepEqual(panel.transcript.events.map((e) => e.id), ['ev1', 'ev2', 'ev3', 'ev4', 'ev5', 'ev6', 'ev7']);
      assert.equal(panel.header?.title, session.title, 'the hostile title reaches the header as text');
      assert.equal(panel.header?.environment, 'env_hostile', 'a cut-off environment falls back to its id');
      assert.equal(panel.connection, 'live');
      // Sending fails with a hostile API message: the webview gets it as an error string.
      await panel.receive({ type: 'send', requestId: 'x-1', text: 'hello' });
      await waitFor('the send to fail', () => posted.some((m) => m.type === 'result' && m.requestId === 'x-1'));
      const result = posted.find((m) => m.type === 'result' && m.requestId === 'x-1');
      assert.ok(result && result.type === 'result' && !result.ok && result.error?.includes('XF-api-error <img src=x'), JSON.stringify(result));
      assert.deepEqual(webviewErrors, [], 'the webview reported no errors');
      if (bridgeAvailable()) {
        for (const id of ['ev7']) {
          const row = await browser.query(`.row[data-event-id="${id}"]`, { timeout: 15_000 });
          assert.match(row.text, /agent\.(hologram_beam|teleport)/, 'an unknown event is a JSON row');
        }
        for (const selector of ['header', '.list']) {
          const found = await browser.query(selector, { timeout: 15_000 });
          const tags = (found.html.match(/<[a-z][^>]*>/gi) ?? []).join('');
          assert.ok(!/<(script|img|iframe|svg)\b/i.test(tags), `no live element in ${selector}`);
          assert.ok(!/\son[a-z]+\s*=/i.test(tags.replace(/"[^"]*"/g, '""')), `no event handler in ${selector}`);
          assert.ok(!/href="\s*javascript:/i.test(found.html));
        }
      }
      watch.dispose();
      panel.dispose();
      report('hostile API in the editor: payload fields, crashes', `${n}, 0`, 'integration');
    });

    it('exports a tool result of 200,000 backtick runs as Markdown and as JSON (no export fails on content)', async () => {
      const panel = await openPanel(backticks.id);
      assert.ok(panel);
      const notices: string[] = [];
      const watch = panel.onDidPost((message) => message.type === 'notice' && notices.push(`${message.level}: ${message.text}`));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtick-export-'));
      try {
        await waitFor('the history in the panel', () => panel.transcript.length === 2 && panel.historyComplete, { timeout: 20_000 });
        const markdown = await panel.exportTranscript(vscode.Uri.file(path.join(dir, 'transcript.md')));
        assert.ok(markdown, `the Markdown export was written: ${notices.join('; ')}`);
        const text = fs.readFileSync(markdown.fsPath, 'utf8');
        assert.ok(text.includes(`${'`'.repeat(41)}text\n${runs}\n${'`'.repeat(41)}`), 'the result is fenced one backtick longer than its longest run');
        const json = await panel.exportTranscript(vscode.Uri.file(path.join(dir, 'transcript.json')));
        assert.ok(json, `the JSON export was written: ${notices.join('; ')}`);
        const exported = JSON.parse(fs.readFileSync(json.fsPath, 'utf8')) as { events: { content?: { text: string }[] }[] };
        assert.equal(exported.events[1].content?.[0].text, runs);
        assert.deepEqual(notices.filter((notice) => notice.startsWith('error')), []);
        report('export of 200,000 backtick runs: Markdown and JSON written', `${(fs.statSync(markdown.fsPath).size / 1024).toFixed(0)} KiB, ${(fs.statSync(json.fsPath).size / 1024).toFixed(0)} KiB`, 'integration');
      } finally {
        watch.dispose();
        panel.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a cut-off list: the sidebar says so, keeps what it had, marked stale', async () => {
      const sessions = api.sessions;
      await sessions.store.refresh();
      assert.equal(sessions.store.state.load, 'loaded');
      mode = 'cut-off';
      try {
        await sessions.store.refresh();
        assert.equal(sessions.store.state.load, 'error');
        assert.match(String(sessions.view.treeView.message), /^Could not load sessions: The response from 127\.0\.0\.1:\d+ was cut off or is not valid JSON \(40 bytes\)\. Try again\./);
        assert.equal(sessions.store.state.stale, true);
        assert.equal(sessions.store.sessions.length, 2);
      } finally {
        mode = 'hostile';
      }
    });
  });
});

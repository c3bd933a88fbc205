// The history panel's work on the extension host's thread, per event, in plain Node: the real
// HistoryPanel (out/src/history/historyPanel.js) with the vscode stub, its API calls left out (the
// follow and the header load do nothing), and a stand-in webview whose postMessage serializes each
// message with JSON.stringify, as VS Code's extension host does. Events go in the way the follower
// hands them over (`accept`), and the panel's flush turns them into its messages. Measured in CPU time
// (process.cpuUsage), which other processes on a busy machine do not inflate:
//   load: a history of `events` events, then the flush that sends it (as the panel does when it opens)
//   live: `live` events after it, each followed by its own flush (as the live stream does)
//   node panelHost.mjs '{"events":10000,"live":1000,"runs":7,"warmup":3}'   -> one JSON line
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mixedEvents, SESSION_ID } from '../lib/fixtures.mjs';
import { useVscodeStub } from '../lib/vscode-stub-hook.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD = process.env.BENCH_BUILD_DIR || ROOT;
useVscodeStub();
const require = createRequire(path.join(ROOT, 'package.json'));
const vscode = require('vscode');
const { HistoryPanel } = require(path.join(BUILD, 'out/src/history/historyPanel.js'));
const { DraftStore } = require(path.join(BUILD, 'out/src/history/drafts.js'));
const { ImageAllowances } = require(path.join(BUILD, 'out/src/history/imageAllowances.js'));
const opts = { events: 10_000, live: 1000, runs: 7, warmup: 3, ...JSON.parse(process.argv[2] ?? '{}') };

// The API is not part of this measure: nothing is fetched.
HistoryPanel.prototype.follow = async () => undefined;
HistoryPanel.prototype.loadHeader = async () => undefined;

function openPanel() {
  const sent = { messages: 0, bytes: 0 };
  const webview = {
    options: {},
    html: '',
    cspSource: 'vscode-resource:',
    asWebviewUri: (uri) => uri,
    onDidReceiveMessage: () => ({ dispose() {} }),
    postMessage: (message) => {
      sent.messages++;
      sent.bytes += JSON.stringify(message).length;
      return Promise.resolve(true);
    },
  };
  const webviewPanel = { webview, title: '', onDidDispose: () => ({ dispose() {} }), reveal() {}, dispose() {} };
  const memento = { get: () => undefined, update: async () => undefined, keys: () => [] };
  const settings = { current: { baseUrl: 'https://api.anthropic.com', consoleUrl: 'https://platform.claude.com' }, onDidChange: () => ({ dispose() {} }) };
  const services = { context: { extensionUri: vscode.Uri.file(BUILD), workspaceState: memento }, log: { info() {}, warn() {}, error() {} }, settings };
  const opener = { open: async () => false };
  const panel = new HistoryPanel(services, SESSION_ID, webviewPanel, new DraftStore(memento), { showSaveDialog: async () => undefined, confirm: async () => false }, new ImageAllowances(), undefined, opener);
  return { panel, sent };
}

/** Runs the flush now (its timer would run it 30 ms later). */
function flush(panel) {
  clearTimeout(panel.flushTimer);
  panel.flushTimer = undefined;
  panel.flush();
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function oneRun(history, live) {
  const { panel, sent } = openPanel();
  await panel.receive({ type: 'ready' });
  let t = cpuMs();
  for (const event of history) panel.accept({ kind: 'event', event, place: 'newest', update: false });
  panel.accept({ kind: 'page', place: 'newest', count: history.length, hasOlder: false });
  panel.accept({ kind: 'connection', state: 'live' });
  flush(panel);
  const loadMs = cpuMs() - t;
  const loadBytes = sent.bytes;
  t = cpuMs();
  for (const event of live) {
    panel.accept({ kind: 'event', event, place: 'live', update: false });
    flush(panel);
  }
  const liveMs = cpuMs() - t;
  const result = { loadMs, loadBytes, liveMs, liveBytes: sent.bytes - loadBytes, messages: sent.messages, transcript: panel.transcript.length };
  panel.dispose();
  return result;
}

const history = mixedEvents(opts.events);
const live = mixedEvents(opts.live, opts.events);
const runs = [];
for (let i = 0; i < opts.warmup + opts.runs; i++) {
  const result = await oneRun(history, live);
  if (result.transcript !== opts.events + opts.live) throw new Error(`the panel holds ${result.transcript} events, not ${opts.events + opts.live}`);
  if (i >= opts.warmup) runs.push(result);
}
process.stdout.write(`${JSON.stringify({ runs, node: process.version })}\n`);
process.exit(0);

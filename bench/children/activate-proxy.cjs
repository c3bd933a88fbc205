// A PROXY for activation, in plain Node with the vscode stub (bench/lib/vscode-stub.cjs): the time to
// load dist/extension.js (parse + compile + top-level code) and to call activate(fakeContext). It
// says where activation time goes; the real figure is the extension host's (activation.mjs).
//   <node> activate-proxy.cjs  -> one JSON line { requireMs, activateMs, error? }
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const ROOT = process.env.BENCH_BUILD_DIR || path.resolve(__dirname, '../..');
const STUB = path.join(__dirname, '../lib/vscode-stub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? STUB : resolve.call(this, request, ...rest); };
const vscode = require(STUB);

const memento = () => { const m = new Map(); return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => void m.set(k, v), keys: () => [...m.keys()], setKeysForSync() {} }; };
const secretsChanged = new vscode.EventEmitter();
const context = {
  subscriptions: [],
  extensionMode: vscode.ExtensionMode.Production,
  extension: { id: 'managed-agents-tools.managed-agents', packageJSON: require(path.join(ROOT, 'package.json')), extensionUri: vscode.Uri.file(ROOT) },
  extensionUri: vscode.Uri.file(ROOT), extensionPath: ROOT, asAbsolutePath: (p) => path.join(ROOT, p),
  secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: secretsChanged.event },
  workspaceState: memento(), globalState: memento(),
  storageUri: undefined, globalStorageUri: vscode.Uri.file('/tmp/bench-global'), logUri: vscode.Uri.file('/tmp/bench-log'),
};
const out = {};
try {
  let t = performance.now();
  const extension = require(path.join(ROOT, 'dist/extension.js'));
  out.requireMs = performance.now() - t;
  t = performance.now();
  extension.activate(context);
  out.activateMs = performance.now() - t;
  for (const d of context.subscriptions) try { d.dispose?.(); } catch { /* stubbed */ }
} catch (error) {
  out.error = String(error && error.message || error).slice(0, 300);
}
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(0);

// Loaded by VS Code's extension host as `extensionTestsPath` (the @vscode/test-electron `run()`
// contract) by bench/children/activation.mjs. Activates the extension under development, timing the
// activate() call from inside the host, then opens Developer: Show Running Extensions so the runner
// can read the host's own figure from the workbench, and waits for the runner to say it has read it.
// Files (MANAGED_AGENTS_BENCH_DIR): result.json (written by this probe), read.flag (by the runner).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const vscode = require('vscode');

const EXTENSION_ID = 'managed-agents-tools.managed-agents';

exports.run = async function run() {
  const dir = process.env.MANAGED_AGENTS_BENCH_DIR;
  const out = { host: 'code-server', vscodeVersion: vscode.version, node: process.version, hostUptimeMs: performance.now() };
  try {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
    out.activeBefore = extension.isActive;
    // Activate when the host is past its own start-up, as when the user opens the view later.
    const settleMs = Number(process.env.MANAGED_AGENTS_BENCH_SETTLE_MS || 0);
    if (settleMs) await new Promise((r) => setTimeout(r, settleMs));
    const builtinsBefore = new Set(process.moduleLoadList);
    const t0 = performance.now();
    await extension.activate();
    out.apiActivateMs = performance.now() - t0;
    out.settleMs = settleMs;
    // Node built-ins that activation loaded first (e.g. http2 via undici's client-h2).
    out.builtinsLoaded = process.moduleLoadList.filter((m) => !builtinsBefore.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13));
    await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
  } catch (error) {
    out.error = String((error && error.stack) || error);
  }
  fs.writeFileSync(path.join(dir, 'result.json'), JSON.stringify(out, null, 2));
  for (let i = 0; i < 300 && !fs.existsSync(path.join(dir, 'read.flag')); i++) await new Promise((r) => setTimeout(r, 100));
};

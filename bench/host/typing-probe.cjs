// Loaded by VS Code's extension host as `extensionTestsPath` by bench/children/typing.mjs. Opens a 2 MB
// YAML request body, lets the host settle, then types into it as a person would (the workbench's own
// `type` command, one character at a time) while the host's one thread is watched: a timer that fires
// every millisecond measures each stretch between its ticks, in the thread's CPU time
// (process.threadCpuUsage, which other processes on a busy machine do not inflate) and in wall-clock
// time (Node's event-loop delay monitor). The longest stretch is the longest task that ran there
// while typing, ours or not. Files (MANAGED_AGENTS_BENCH_DIR): result.json (written by this probe).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { monitorEventLoopDelay, performance } = require('node:perf_hooks');
const vscode = require('vscode');

const EXTENSION_ID = 'managed-agents-tools.managed-agents';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.run = async function run() {
  const dir = process.env.MANAGED_AGENTS_BENCH_DIR;
  const chars = Number(process.env.MANAGED_AGENTS_BENCH_BODY_CHARS || 2 * 1024 * 1024);
  const keys = Number(process.env.MANAGED_AGENTS_BENCH_KEYS || 60);
  const keyIntervalMs = Number(process.env.MANAGED_AGENTS_BENCH_KEY_MS || 60);
  const out = { vscodeVersion: vscode.version, node: process.version, chars, keys, keyIntervalMs };
  try {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
    const api = await extension.activate();
    const { bigCreateBody } = require(path.join(process.env.BENCH_BUILD_DIR, 'out/test/unit/yaml/bigBody.js'));
    const file = path.join(dir, 'big.session.yaml');
    fs.writeFileSync(file, bigCreateBody(chars));
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    // Opening is not typing: let the host sync the document and check it first.
    await sleep(4000);
    const checksBefore = api?.yaml?.diagnostics?.checks;
    if (api?.yaml?.diagnostics) api.yaml.diagnostics.longestCheckMs = 0;
    const lengthBefore = document.getText().length;
    const histogram = monitorEventLoopDelay({ resolution: 2 });
    histogram.enable();
    // The longest task in CPU time: the thread's CPU use between two ticks of a 1 ms timer.
    let sampling = true;
    let longestCpuMs = 0;
    let lastCpu = process.threadCpuUsage();
    const sample = () => {
      const cpu = process.threadCpuUsage();
      longestCpuMs = Math.max(longestCpuMs, (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000);
      lastCpu = cpu;
      if (sampling) setTimeout(sample, 1);
    };
    setTimeout(sample, 1);
    const elu = performance.eventLoopUtilization();
    const started = performance.now();
    await vscode.commands.executeCommand('type', { text: '\n# ' });
    for (let i = 0; i < keys; i++) {
      await vscode.commands.executeCommand('type', { text: String.fromCharCode(97 + (i % 26)) });
      await sleep(keyIntervalMs);
    }
    // The debounced check after the last key falls in the window too.
    await sleep(2500);
    histogram.disable();
    sampling = false;
    out.longestTaskCpuMs = longestCpuMs;
    out.typedChars = document.getText().length - lengthBefore;
    out.windowMs = performance.now() - started;
    out.longestTaskMs = histogram.max / 1e6;
    out.p99DelayMs = histogram.percentile(99) / 1e6;
    out.meanDelayMs = histogram.mean / 1e6;
    out.eventLoopUtilization = performance.eventLoopUtilization(elu).utilization;
    if (checksBefore !== undefined) {
      out.checks = api.yaml.diagnostics.checks - checksBefore;
      out.longestCheckMs = api.yaml.diagnostics.longestCheckMs;
    }
    out.diagnostics = vscode.languages.getDiagnostics(document.uri).slice(0, 3).map((d) => d.message.slice(0, 120));
    if (out.typedChars < keys) throw new Error(`only ${out.typedChars} characters reached the document: the editor did not have the focus`);
  } catch (error) {
    out.error = String((error && error.stack) || error);
  }
  fs.writeFileSync(path.join(dir, 'result.json'), JSON.stringify(out, null, 2));
};

#!/usr/bin/env node
// `npm test`: build, compile, lint, then every test layer — unit (mocha in Node), integration (mocha inside a
// real VS Code extension host), e2e (a real browser driving the workbench), package (the .vsix a user
// installs, installed into code-server and opened) — with each layer's counts and
// ONE final line "N passed, N failed" over all layers. Exit code 0 only if everything ran and passed.
// A step or layer that could not run counts as one failure (so the last line never hides it).
//
//   node test/run-all.mjs [--skip e2e,integration,package]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import util from 'node:util';
import { REQUIREMENTS, ensureSystemPackages } from './runner/lib/system-packages.mjs';
import { REPO_ROOT, TEST_RESULTS_DIR, readJsonIfPresent } from './runner/lib/util.mjs';

const color = process.stdout.isTTY;

// Only as a program: mocha without a "spec" in .mocharc.json loads ./test/*.{js,cjs,mjs}, this file included,
// which must not start a nested `npm test`.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

async function main() {
  const { values: opt } = util.parseArgs({ options: { skip: { type: 'string', default: '' } } });
  const skip = new Set(opt.skip.split(',').map((s) => s.trim()).filter(Boolean));
  const layers = []; // { name, passed, failed, pending, note }

  // Ctrl+C: the children get the same SIGINT from the terminal and clean up; we only report.
  process.on('SIGINT', () => { console.log('\n[test] interrupted'); });

  // 1. Build and compile. A TypeScript error fails the run, but tsc still emits, so the layers run anyway.
  banner('build (node esbuild.mjs)');
  const build = await run(process.execPath, ['esbuild.mjs']);
  if (build.code !== 0) layers.push({ name: 'build', passed: 0, failed: 1, pending: 0, note: `esbuild failed (exit ${build.code})` });

  banner('compile (scripts/compile.mjs: tsc -p tsconfig.json into an empty out/)');
  const tsc = await run(process.execPath, ['scripts/compile.mjs']);
  if (tsc.code !== 0) layers.push({ name: 'compile', passed: 0, failed: 1, pending: 0, note: `tsc reported errors (exit ${tsc.code})` });

  // Lint: both type checks, ESLint (typescript-eslint) and the shape of src/ (dependency-cruiser).
  banner('lint (npm run lint)');
  const lint = await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'lint']);
  if (lint.code !== 0) layers.push({ name: 'lint', passed: 0, failed: 1, pending: 0, note: `npm run lint reported problems (exit ${lint.code})` });

  // The system packages every browser-backed layer needs, installed once up front, so that the unit
  // layer's Chromium tests run instead of being skipped on a fresh machine.
  if (!(skip.has('integration') && skip.has('e2e') && skip.has('package'))) {
    banner('system packages');
    try {
      ensureSystemPackages(Object.keys(REQUIREMENTS));
      console.log('[test] system packages present');
    } catch (error) {
      layers.push({ name: 'system', passed: 0, failed: 1, pending: 0, note: String(error.message ?? error).split('\n')[0] });
    }
  }

  // 2. Unit tests: mocha with the repo's .mocharc.json; counts parsed from the spec reporter's summary.
  if (!skip.has('unit')) {
    banner('unit (mocha)');
    const mochaBin = path.join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const summaryLine = /^\s*\d+ passing \(/m; // mocha's summary: "N passing (2s)"
    const unit = await run(process.execPath, [mochaBin, ...(color ? ['--color'] : [])], { capture: true, exitAfter: summaryLine });
    const plain = unit.output.replace(/\x1b\[[0-9;]*m/g, '');
    const count = (word) => Number(plain.match(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'm'))?.[1] ?? 0);
    const sawSummary = /^\s*\d+ (passing|failing|pending)\b/m.test(plain);
    if (!sawSummary) layers.push({ name: 'unit', passed: 0, failed: 1, pending: 0, note: `mocha ended (exit ${unit.code}) without a summary` });
    else if (unit.hung) {
      layers.push({ name: 'unit', passed: count('passing'), failed: count('failing') + 1, pending: count('pending'),
        note: 'mocha did not exit 15 s after its summary: a test leaves a server, socket or timer open (counted as a failure)' });
    } else {
      const failed = Math.max(count('failing'), unit.code === 0 ? 0 : 1);
      layers.push({ name: 'unit', passed: count('passing'), failed, pending: count('pending'), failures: mochaFailures(plain) });
    }
  }

  // 3, 4 and 5. Integration (VS Code extension host), e2e (browser) and package (the .vsix built, checked,
  // installed into code-server and opened); each runner writes its counts as JSON.
  for (const [name, script, summaryFile] of [
    ['integration', 'test/runner/run-integration.mjs', 'integration.json'],
    ['e2e', 'test/e2e/run-e2e.mjs', 'e2e.json'],
    ['package', 'test/package/run-package.mjs', 'package-layer.json'],
  ]) {
    if (skip.has(name)) continue;
    banner(`${name} (${script})`);
    const result = await run(process.execPath, [script]);
    const counts = readJsonIfPresent(path.join(TEST_RESULTS_DIR, summaryFile));
    if (!counts || counts.error && counts.passed + counts.failed === 0) {
      layers.push({ name, passed: 0, failed: 1, pending: 0, note: `could not run (exit ${result.code}${counts?.error ? `: ${counts.error.split('\n')[0]}` : ''})` });
    } else {
      const failed = Math.max(counts.failed, result.code === 0 ? 0 : 1);
      layers.push({ name, passed: counts.passed, failed, pending: counts.pending ?? 0, note: counts.error, failures: counts.failures });
    }
  }

  // CI keeps only the tail of the log, so what failed is repeated here, next to the counts.
  const failures = layers.flatMap((l) => (l.failures ?? []).map((f) => ({ layer: l.name, ...f })));
  if (failures.length > 0) {
    banner('failures');
    for (const f of failures.slice(0, 20)) {
      console.log(`${f.layer}: ${f.title}`);
      for (const line of String(f.message ?? '').split('\n').slice(0, 6)) console.log(`    ${line}`);
    }
    if (failures.length > 20) console.log(`... and ${failures.length - 20} more`);
  }

  banner('summary');
  for (const l of layers) {
    console.log(`${l.name.padEnd(12)} ${l.passed} passed, ${l.failed} failed${l.pending ? `, ${l.pending} pending` : ''}${l.note ? `  (${l.note})` : ''}`);
  }
  for (const name of skip) console.log(`${name.padEnd(12)} skipped (--skip)`);
  const passed = layers.reduce((n, l) => n + l.passed, 0);
  const failed = layers.reduce((n, l) => n + l.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

/**
 * The failures mocha's spec reporter printed after "N failing": each "1) suite\n  title:\n  Error..." block
 * as { title, message }.
 */
export function mochaFailures(plain) {
  const start = plain.search(/^\s*\d+ failing\b/m);
  if (start < 0) return [];
  const blocks = plain.slice(start).split(/^\s{2}(?=\d+\) )/m).slice(1);
  return blocks.map((block) => {
    const lines = block.split('\n').map((line) => line.trim()).filter(Boolean);
    const titleEnd = lines.findIndex((line) => line.endsWith(':'));
    const titleLines = titleEnd < 0 ? lines.slice(0, 1) : lines.slice(0, titleEnd + 1);
    return {
      title: titleLines.join(' ').replace(/^\d+\) /, '').replace(/:$/, ''),
      message: lines.slice(titleLines.length).filter((line) => !line.startsWith('at ')).join('\n'),
    };
  });
}

/**
 * Run a command with inherited stdin, streaming its output while keeping a copy. With `exitAfter`, a child
 * still running `graceMs` after its output matched `exitAfter` is stopped (mocha waits for open handles).
 */
function run(command, args, { capture = false, exitAfter, graceMs = 15000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['inherit', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'] });
    let output = '';
    let hung = false;
    let hangTimer;
    const watch = () => {
      if (exitAfter && !hangTimer && exitAfter.test(output.replace(/\x1b\[[0-9;]*m/g, ''))) {
        hangTimer = setTimeout(() => { hung = true; child.kill('SIGTERM'); }, graceMs);
      }
    };
    if (capture) {
      child.stdout.on('data', (d) => { output += d; process.stdout.write(d); watch(); });
      child.stderr.on('data', (d) => { output += d; process.stderr.write(d); watch(); });
    }
    child.on('error', (e) => resolve({ code: 127, output: String(e) }));
    child.on('close', (code, signal) => {
      clearTimeout(hangTimer);
      resolve({ code: code ?? (signal ? 128 : 1), output, hung });
    });
  });
}

function banner(title) {
  console.log(`\n${color ? '\x1b[1m' : ''}=== ${title} ===${color ? '\x1b[0m' : ''}`);
}

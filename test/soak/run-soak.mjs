#!/usr/bin/env node
// `npm run test:soak`: the reliability suites at full counts (MANAGED_AGENTS_SOAK=1) — 100 stream
// drops, 90 s storms, 100,000 fuzzed bodies, 300 invalid bodies through the commands, more lost
// creates and sends — then one table of the figures they report. `npm test` runs the same suites
// with small counts.
//
//   node test/soak/run-soak.mjs [--skip-build] [--skip unit|integration]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { REPO_ROOT, TEST_RESULTS_DIR } from '../runner/lib/util.mjs';

const { values: opt } = util.parseArgs({ options: { 'skip-build': { type: 'boolean', default: false }, skip: { type: 'string', default: '' } } });
const skip = new Set(opt.skip.split(',').filter(Boolean));
const reportFile = path.join(TEST_RESULTS_DIR, 'reliability-soak.jsonl');
fs.mkdirSync(TEST_RESULTS_DIR, { recursive: true });
fs.rmSync(reportFile, { force: true });
const env = { ...process.env, MANAGED_AGENTS_SOAK: '1', MANAGED_AGENTS_RELIABILITY_REPORT: reportFile };

function run(title, command, args) {
  console.log(`\n[soak] ${title}: ${[path.basename(command), ...args].join(' ')}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: 'inherit' });
    child.on('error', () => resolve({ title, code: 127, seconds: 0 }));
    child.on('close', (code, signal) => resolve({ title, code: code ?? (signal ? 128 : 1), seconds: Math.round((Date.now() - started) / 1000) }));
  });
}

const steps = [];
if (!opt['skip-build']) {
  steps.push(await run('build', process.execPath, ['esbuild.mjs']));
  steps.push(await run('compile', process.execPath, ['scripts/compile.mjs']));
}
if (!skip.has('unit')) {
  const files = fs.readdirSync(path.join(REPO_ROOT, 'out', 'test', 'unit', 'reliability')).filter((f) => f.endsWith('.test.js')).map((f) => path.join('out', 'test', 'unit', 'reliability', f));
  steps.push(await run('unit (reliability, full counts)', process.execPath, [path.join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--timeout', '0', '--enable-source-maps', ...files]));
}
if (!skip.has('integration')) {
  steps.push(await run('integration (Reliability suites, full counts)', process.execPath, ['test/runner/run-integration.mjs', '--grep', 'Reliability', '--timeout', '2400']));
}

const figures = fs.existsSync(reportFile)
  ? fs.readFileSync(reportFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
  : [];
console.log('\n[soak] figures');
const width = Math.max(10, ...figures.map((f) => f.name.length));
for (const f of figures) console.log(`  ${f.layer.padEnd(11)} ${f.name.padEnd(width)}  ${f.value}`);
console.log('\n[soak] steps');
for (const step of steps) console.log(`  ${step.title.padEnd(48)} ${step.code === 0 ? 'passed' : `FAILED (exit ${step.code})`}  ${step.seconds} s`);
fs.writeFileSync(path.join(TEST_RESULTS_DIR, 'reliability-soak.json'), JSON.stringify({ steps, figures }, null, 2) + '\n');
const failed = steps.filter((step) => step.code !== 0).length;
console.log(failed ? `\n[soak] ${failed} step(s) failed` : '\n[soak] all passed');
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// The README's pictures: copies the chosen e2e screenshots from test-results/screenshots/ into
// docs/images/ (committed), after optionally producing them.
//
//   node scripts/screenshots.mjs [--run] [--demo] [--max-kb <n>]
//
//   --run    run the e2e layer first (`node test/e2e/run-e2e.mjs --build`), which writes the screenshots
//   --demo   check `npm run demo` end to end and take demo.png: start `node scripts/demo.mjs` in its own
//            process group, open the URL it prints in Chromium, check that the side bar lists the
//            simulator's sample sessions, open a session's history, take the picture, then send SIGINT
//            (what Ctrl+C does) and check that the demo exits 0 and leaves no process behind
//   --max-kb fail when docs/images/ ends up larger than this (default 1536: the inspector's twelve pictures, four tabs in three themes, came to about 470 KiB)
//
// Exit codes: 0 done; 1 a check failed or a screenshot is missing.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import util from 'node:util';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');
const IMAGES_DIR = path.join(REPO_ROOT, 'docs', 'images');

/** test-results/screenshots/<name>.png -> docs/images/<name>.png, and what each must show. */
const CHOSEN = {
  sidebar: 'the Sessions side bar: every status with its icon (e2e 1-sidebar)',
  'history-dark': 'the session history panel after a reply, dark theme (e2e 3-history)',
  'history-light': 'the same panel in a light theme (e2e 3-history)',
  'history-high-contrast': 'the same panel in high contrast (e2e 3-history)',
  'inspector-session-dark': "the inspector's Session tab: the agent snapshot, environment, resources, budget, dark (e2e 3-history)",
  'inspector-session-light': "the inspector's Session tab: the agent snapshot, environment, resources, budget, light (e2e 3-history)",
  'inspector-session-high-contrast': "the inspector's Session tab: the agent snapshot, environment, resources, budget, high contrast (e2e 3-history)",
  'inspector-tools-dark': "the inspector's Tools tab: each tool's calls, failures, median and longest time, dark (e2e 3-history)",
  'inspector-tools-light': "the inspector's Tools tab: each tool's calls, failures, median and longest time, light (e2e 3-history)",
  'inspector-tools-high-contrast': "the inspector's Tools tab: each tool's calls, failures, median and longest time, high contrast (e2e 3-history)",
  'inspector-threads-dark': "the inspector's Threads tab: each thread's agent, status and usage, dark (e2e 3-history)",
  'inspector-threads-light': "the inspector's Threads tab: each thread's agent, status and usage, light (e2e 3-history)",
  'inspector-threads-high-contrast': "the inspector's Threads tab: each thread's agent, status and usage, high contrast (e2e 3-history)",
  'inspector-events-dark': "the inspector's Events tab: a tool call's raw JSON with Copy and Open in Editor, dark (e2e 3-history)",
  'inspector-events-light': "the inspector's Events tab: a tool call's raw JSON with Copy and Open in Editor, light (e2e 3-history)",
  'inspector-events-high-contrast': "the inspector's Events tab: a tool call's raw JSON with Copy and Open in Editor, high contrast (e2e 3-history)",
  'yaml-diagnostics': 'a create body with two mistakes squiggled and listed in Problems (e2e 5-yaml)',
  files: "a session's Files row: an attached file and the two the agent wrote (e2e 10-files)",
  'files-attach': 'Attach to Session… from the Explorer, asking for the mount path (e2e 10-files)',
  'files-diff': "Compare with Workspace File: the workspace's report beside the agent's (e2e 10-files)",
  'threads-dark': "a #team session's thread lanes, with a subagent's own transcript shown, dark theme (e2e 11-threads)",
  'threads-light': 'the same in a light theme (e2e 11-threads)',
  'threads-high-contrast': 'the same in high contrast (e2e 11-threads)',
  demo: 'the whole workbench as `npm run demo` shows it (--demo)',
};

const { values: opt } = util.parseArgs({
  options: {
    run: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    'max-kb': { type: 'string', default: '1536' },
  },
});

const log = (message) => console.log(`[screenshots] ${message}`);
let failed = false;
const fail = (message) => {
  failed = true;
  console.error(`[screenshots] FAIL: ${message}`);
};

if (opt.run) {
  // A spec that fails leaves no picture: never copy an older one instead.
  for (const name of Object.keys(CHOSEN)) if (name !== 'demo') fs.rmSync(path.join(SCREENSHOTS_DIR, `${name}.png`), { force: true });
  log('running the e2e layer (node test/e2e/run-e2e.mjs --build)');
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'test', 'e2e', 'run-e2e.mjs'), '--build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail(`the e2e layer exited with ${result.status ?? result.signal}; its screenshots may be missing or stale`);
}
if (opt.demo) {
  fs.rmSync(path.join(SCREENSHOTS_DIR, 'demo.png'), { force: true });
  try {
    await checkDemo();
  } catch (e) {
    fail(`demo: ${e?.message || e}`);
  }
}

fs.mkdirSync(IMAGES_DIR, { recursive: true });
let total = 0;
for (const [name, what] of Object.entries(CHOSEN)) {
  const from = path.join(SCREENSHOTS_DIR, `${name}.png`);
  const to = path.join(IMAGES_DIR, `${name}.png`);
  if (!fs.existsSync(from)) {
    if (fs.existsSync(to)) log(`kept docs/images/${name}.png (no new ${path.relative(REPO_ROOT, from)}; run with ${name === 'demo' ? '--demo' : '--run'})`);
    else fail(`${path.relative(REPO_ROOT, from)} is missing: ${what}`);
    if (fs.existsSync(to)) total += fs.statSync(to).size;
    continue;
  }
  fs.copyFileSync(from, to);
  const { size } = fs.statSync(to);
  total += size;
  log(`docs/images/${name}.png  ${(size / 1024).toFixed(0)} KiB  ${what}`);
}
log(`docs/images/ total ${(total / 1024).toFixed(0)} KiB`);
if (total > Number(opt['max-kb']) * 1024) fail(`docs/images/ is larger than ${opt['max-kb']} KiB`);
process.exit(failed ? 1 : 0);

// ---- the demo ---------------------------------------------------------------------------------------

async function checkDemo() {
  const { launchChromium } = await import('../test/runner/lib/browser.mjs');
  const { Workbench } = await import('../test/e2e/helpers.mjs');

  log('starting `node scripts/demo.mjs` in its own process group');
  const demo = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'demo.mjs')], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  demo.stdout.on('data', (chunk) => { output += chunk; });
  demo.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => demo.on('exit', (code, signal) => resolve({ code, signal })));
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'managed-agents-screenshots-'));
  let browser;
  let groups = new Set([demo.pid]);
  try {
    const url = await waitForOutput(() => /Open:\s+(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output)?.[1], exited, 300000, () => output);
    log(`demo printed ${url}`);

    const launched = await launchChromium({ tmpDir });
    browser = launched.browser;
    const { page } = launched;
    const workbench = new Workbench(page);
    await page.goto(url);
    await workbench.ready();
    await workbench.setColorTheme('Dark 2026');
    await workbench.openSessionsView();
    for (const title of ['Refactor auth module', 'Nightly data refresh', 'Clean rebuild', 'Fix flaky greet test', 'Migrate CI to GitHub Actions']) {
      await workbench.sessionRow(title).waitFor({ timeout: 20000 });
    }
    log('the side bar lists the simulator\'s sample sessions');
    await workbench.resizeSidebar(400);
    await workbench.clickRowAction('Clean rebuild', 'Open History');
    const frame = await workbench.historyFrame('Clean rebuild');
    await frame.locator('.actions:not([hidden]) [data-action="allow"]').waitFor({ timeout: 15000 });
    await workbench.dismiss();
    await workbench.screenshot('demo');
    log('took test-results/screenshots/demo.png');
    groups = processGroupsUnder(demo.pid);
  } finally {
    await browser?.close().catch(() => {});
    fs.rmSync(tmpDir, { recursive: true, force: true });
    // Ctrl+C in a terminal: SIGINT to the foreground process group, i.e. the demo's.
    log(`SIGINT to the demo (process group ${demo.pid}); its processes were in groups ${[...groups].join(', ')}`);
    try { process.kill(-demo.pid, 'SIGINT'); } catch { /* gone already */ }
  }
  const result = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(undefined), 30000))]);
  if (!result) {
    for (const group of groups) try { process.kill(-group, 'SIGKILL'); } catch { /* gone */ }
    throw new Error('the demo did not exit within 30 s of SIGINT');
  }
  if (result.code !== 0) throw new Error(`the demo exited with ${result.code ?? result.signal} after SIGINT:\n${output.slice(-2000)}`);
  // Give the watchdog a moment to notice, then nothing from any of those groups may be left.
  const left = await waitForOutput(() => (leftovers(groups).length === 0 ? 'none' : undefined), undefined, 10000, () => '').catch(() => undefined);
  if (!left) throw new Error(`processes left after the demo stopped:\n${leftovers(groups).join('\n')}`);
  log('the demo exited 0 on SIGINT and left no process behind');
}

/** Polls `probe` every 200 ms until it returns a value; fails early when `exited` settles first. */
async function waitForOutput(probe, exited, timeoutMs, describe) {
  let gone;
  exited?.then((r) => { gone = r; });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (gone) throw new Error(`the demo exited (${gone.code ?? gone.signal}) early:\n${describe().slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms${describe() ? `; output so far:\n${describe().slice(-2000)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `ps` rows: pid, pgid, ppid, command. */
function processTable() {
  const out = spawnSync('ps', ['-eo', 'pid=,pgid=,ppid=,args='], { encoding: 'utf8' }).stdout ?? '';
  return out.split('\n').filter(Boolean).map((line) => {
    const [pid, pgid, ppid, ...args] = line.trim().split(/\s+/);
    return { pid: Number(pid), pgid: Number(pgid), ppid: Number(ppid), args: args.join(' ') };
  });
}

/** The process groups of `root` and all its descendants (code-server runs in a group of its own). */
function processGroupsUnder(root) {
  const table = processTable();
  const groups = new Set([root]);
  const pids = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table) {
      if (pids.has(p.ppid) && !pids.has(p.pid)) {
        pids.add(p.pid);
        groups.add(p.pgid);
        grew = true;
      }
    }
  }
  return groups;
}

function leftovers(groups) {
  return processTable().filter((p) => groups.has(p.pgid)).map((p) => `${p.pid} (group ${p.pgid}) ${p.args.slice(0, 160)}`);
}

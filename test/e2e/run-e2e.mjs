#!/usr/bin/env node
// End-to-end tests: Debian's Chromium (playwright-core) drives the VS Code workbench served by code-server
// with this repo loaded as the extension under development and pointed at the API simulator, as a user
// would see it. Specs are test/e2e/specs/*.spec.mjs, each exporting (default) one spec or an array:
//
//   export default { name: 'what the user does and sees', timeout?: ms, skip?: 'why', async run({ workbench, page, simulator, workspace }) {} }
//
// `workbench` is a Workbench (test/e2e/helpers.mjs): runCommand(title), notification(text), find(selector)
// across webview frames, text(selector), screenshot(name). Specs share one page, in file order; after a
// failure the page is reloaded so the next spec starts clean.
//
//   node test/e2e/run-e2e.mjs [--build] [--grep <regex>] [--keep] [--verbose]   (--build: esbuild + tsc first)
// Writes test-results/e2e.json ({ passed, failed, pending, failures }); screenshots go to
// test-results/screenshots/. Exit codes: 0 all passed; 1 a spec failed; 3 harness error; 130 interrupted.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';
import { launchChromium } from '../runner/lib/browser.mjs';
import { buildProject } from '../runner/lib/build.mjs';
import { startDevWorkbench } from '../runner/lib/dev-workbench.mjs';
import { ensureCodeServer } from '../runner/lib/install-code-server.mjs';
import { REPO_ROOT, TEST_RESULTS_DIR, elapsed, makeLogger, safeFileName, runnerLifecycle } from '../runner/lib/util.mjs';
import { Workbench } from './helpers.mjs';

const log = makeLogger('e2e');
const SPECS_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'specs');
const { values: opt } = util.parseArgs({
  options: {
    build: { type: 'boolean', default: false },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    summary: { type: 'string', default: path.join(TEST_RESULTS_DIR, 'e2e.json') },
  },
});

// User settings of the e2e workbench: no automatic refresh of the sessions list, so only the specs'
// actions (Refresh...) change it.
const E2E_SETTINGS = {
  'managedAgents.refresh.activeSeconds': 3600,
  'managedAgents.refresh.idleSeconds': 3600,
};
// Screenshots use this theme on every machine. It is picked with "Preferences: Color Theme" after each
// load: this workbench starts in Light 2026 whatever `workbench.colorTheme` says in the user settings.
const E2E_THEME = 'Dark 2026';

const results = { passed: 0, failed: 0, pending: 0, failures: [] };
const { cleanup, finish } = runnerLifecycle({ summaryPath: opt.summary, log, results });

try {
  fs.rmSync(opt.summary, { force: true });
  if (opt.build) buildProject();
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing; run `npm run build` first');
  const specs = await loadSpecs();
  if (!specs.length) throw new Error(`no specs${opt.grep ? ` matching /${opt.grep}/` : ''} in ${path.relative(REPO_ROOT, SPECS_DIR)}`);

  const install = await ensureCodeServer({ withChromium: true });
  const stack = await startDevWorkbench({ install, cleanup, keep: opt.keep, simulatorOptions: { stepDelayMs: 5 }, settings: E2E_SETTINGS });
  log.info(`simulator ${stack.simulator.url}, code-server ${stack.server.baseUrl}, workbench ${stack.url}`);

  const { browser, page, nonLoopbackOrigins } = await launchChromium({ tmpDir: stack.server.dirs.browserTmp });
  cleanup.add('chromium', () => browser.close());
  cleanup.add('loopback check', () => {
    if (nonLoopbackOrigins.size) log.warn(`the browser tried non-loopback requests to ${[...nonLoopbackOrigins].join(', ')}`);
  });
  if (opt.verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text().slice(0, 300)}`));
  page.on('crash', () => finish(3, 'the browser page crashed'));

  const workbench = new Workbench(page);
  const openWorkbench = async () => {
    await page.goto(stack.url);
    await workbench.ready();
    await workbench.setColorTheme(E2E_THEME);
  };
  await openWorkbench();
  log.info(`workbench ready after ${elapsed()}; running ${specs.length} spec(s)`);

  for (const spec of specs) {
    if (spec.skip) {
      results.pending++;
      console.log(`  - ${spec.name} (skipped: ${spec.skip})`);
      continue;
    }
    const t0 = Date.now();
    try {
      await withTimeout(spec.run({ workbench, page, simulator: stack.simulator, workspace: stack.server.workspace }), spec.timeout ?? 60000, spec.name);
      results.passed++;
      console.log(`  ✔ ${spec.name} (${Date.now() - t0} ms)`);
      await workbench.dismiss();
    } catch (e) {
      results.failed++;
      const message = e?.message || String(e);
      results.failures.push({ title: spec.name, message });
      const shot = await workbench.screenshot(`e2e-failure-${safeFileName(spec.name)}`).catch(() => undefined);
      console.log(`  ✘ ${spec.name} (${Date.now() - t0} ms)\n      ${message.split('\n').join('\n      ')}${shot ? `\n      screenshot: ${path.relative(REPO_ROOT, shot)}` : ''}`);
      await workbench.discardEditors().catch((err) => log.warn(`could not close the editors: ${err.message}`));
      await openWorkbench().catch((err) => log.warn(`could not reload the workbench: ${err.message}`));
    }
  }
  const summary = `${results.passed} passed, ${results.failed} failed, ${results.pending} pending`;
  await finish(results.failed ? 1 : 0, results.failed ? `FAIL: ${summary}` : `PASS: ${summary}`);
} catch (e) {
  await finish(3, `harness error: ${e?.message || e}`);
}

async function loadSpecs() {
  const files = fs.readdirSync(SPECS_DIR).filter((f) => f.endsWith('.spec.mjs')).sort();
  const specs = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(path.join(SPECS_DIR, file)).href);
    for (const spec of [mod.default].flat()) {
      if (!spec || typeof spec.run !== 'function' || !spec.name) throw new Error(`${file}: export default { name, run } (or an array of them)`);
      if (!opt.grep || new RegExp(opt.grep).test(spec.name)) specs.push({ ...spec, file });
    }
  }
  return specs;
}

function withTimeout(promise, ms, name) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`"${name}" timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

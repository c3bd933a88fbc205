#!/usr/bin/env node
// The package layer: what a user installs. Builds the .vsix the way `npm run package` does
// (scripts/package.mjs: production build + `vsce package --no-dependencies`), checks what is in it,
// installs it into a throwaway code-server with `code-server --install-extension`, and opens the
// workbench in Chromium with no extension under development: the installed extension must activate in
// Production mode, show its Sessions view (the "Set API Key" welcome, since an installed extension never
// takes a key from the environment), take a key, list the simulator's sessions, open a history webview
// and show its walkthrough with the pictures from the package.
//
//   node test/package/run-package.mjs [--keep] [--verbose] [--no-workbench]
//
// Writes test-results/package-layer.json ({ passed, failed, pending, failures }); screenshots go to
// test-results/screenshots/package-*.png. Exit codes: 0 all passed; 1 a check failed; 3 harness error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { buildPackage, kib, readVsixEntry } from '../../scripts/package.mjs';
import { exactly, Workbench } from '../e2e/helpers.mjs';
import { launchChromium } from '../runner/lib/browser.mjs';
import { startCodeServer } from '../runner/lib/code-server.mjs';
import { ensureCodeServer } from '../runner/lib/install-code-server.mjs';
import { startSimulator } from '../runner/lib/simulator.mjs';
import { REPO_ROOT, TEST_RESULTS_DIR, makeLogger, runnerLifecycle } from '../runner/lib/util.mjs';

const log = makeLogger('package');
const { values: opt } = util.parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'no-workbench': { type: 'boolean', default: false },
    summary: { type: 'string', default: path.join(TEST_RESULTS_DIR, 'package-layer.json') },
  },
});

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
/** The .vsix may not be larger than this. */
const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/**
 * Everything the .vsix may hold, as exact paths or patterns; anything else fails the layer. The
 * `extension/` files are the .vscodeignore allow-list (vsce renames README, CHANGELOG and LICENSE).
 */
const ALLOWED = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/media/dist/webview.js',
  'extension/media/dist/codicon.css',
  'extension/media/dist/codicon.ttf',
  'extension/media/history.css',
  'extension/media/icon.png',
  /^extension\/media\/icons\/[\w-]+\.svg$/,
  /^extension\/media\/walkthrough\/[\w-]+\.png$/,
  /^extension\/schemas\/[\w-]+\.schema\.json$/,
];
/** Why a file must never be packaged (reported with the offending path). */
const FORBIDDEN = [
  [/^extension\/src\//, 'TypeScript sources'],
  [/^extension\/(test|out|bench|scripts|docs)\//, 'tests, build output or repository tooling'],
  [/(^|\/)node_modules\//, 'node_modules (everything is bundled)'],
  [/\.map$/, 'a sourcemap'],
  [/(^|\/)\.cache\//, 'the test cache'],
  [/\.ts$/, 'TypeScript'],
  [/(^|\/)\.[^/]+$/, 'a dotfile'],
];

const results = { passed: 0, failed: 0, pending: 0, failures: [] };
const { cleanup, finish } = runnerLifecycle({ summaryPath: opt.summary, log, results });

/** Run one named check; a failure is counted and reported, and the next check runs. */
async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.passed++;
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
    return true;
  } catch (e) {
    results.failed++;
    const message = e?.message || String(e);
    results.failures.push({ title: name, message });
    console.log(`  ✘ ${name} (${Date.now() - t0} ms)\n      ${message.split('\n').join('\n      ')}`);
    return false;
  }
}

function skip(name, why) {
  results.pending++;
  console.log(`  - ${name} (skipped: ${why})`);
}

try {
  fs.rmSync(opt.summary, { force: true });
  const outDir = path.join(TEST_RESULTS_DIR, 'package');
  fs.mkdirSync(outDir, { recursive: true });
  const vsixPath = path.join(outDir, `${manifest.name}-${manifest.version}.vsix`);
  let built;

  // ---- the package itself ---------------------------------------------------------------------------
  const packaged = await check('npm run package builds the .vsix (production build, vsce package --no-dependencies)', async () => {
    assert(!manifest.scripts?.['vscode:prepublish'], 'package.json has a vscode:prepublish script: vsce would run a second build of its own');
    assert(manifest.scripts?.package === 'node scripts/package.mjs', `"package" script is ${JSON.stringify(manifest.scripts?.package)}, expected "node scripts/package.mjs"`);
    built = buildPackage({ out: vsixPath, log: (line) => log.info(line) });
  });

  if (packaged) {
    const paths = built.files.map((f) => f.path);
    await check(`the .vsix holds only the allowed files (${paths.length})`, () => {
      const problems = [];
      for (const p of paths) {
        const forbidden = FORBIDDEN.find(([re]) => re.test(p));
        if (forbidden) problems.push(`${p}: ${forbidden[1]}`);
        else if (!ALLOWED.some((a) => (typeof a === 'string' ? a === p : a.test(p)))) problems.push(`${p}: not in the allow-list`);
      }
      assert(problems.length === 0, `unexpected files in the package:\n${problems.join('\n')}`);
    });

    await check('the .vsix holds every file the manifest and the extension use', () => {
      const needed = new Set([
        'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt',
        `extension/${path.posix.normalize(manifest.main)}`, 'extension/media/dist/webview.js', 'extension/media/history.css',
        // The history webview's icons (copied from @vscode/codicons by esbuild.mjs).
        'extension/media/dist/codicon.css', 'extension/media/dist/codicon.ttf',
        `extension/${manifest.icon}`,
      ]);
      for (const container of manifest.contributes.viewsContainers.activitybar) needed.add(`extension/${container.icon}`);
      for (const views of Object.values(manifest.contributes.views)) for (const view of views) if (view.icon) needed.add(`extension/${view.icon}`);
      for (const entry of manifest.contributes.yamlValidation ?? []) needed.add(`extension/${path.posix.normalize(entry.url)}`);
      for (const walkthrough of manifest.contributes.walkthroughs ?? []) {
        for (const step of walkthrough.steps) for (const media of Object.values(step.media ?? {})) if (/\.(png|jpe?g|gif|svg|md)$/.test(String(media))) needed.add(`extension/${media}`);
      }
      const missing = [...needed].filter((p) => !paths.includes(p));
      assert(missing.length === 0, `missing from the package: ${missing.join(', ')}`);
    });

    await check(`the .vsix is small (${kib(built.bytes)}; limit ${kib(MAX_VSIX_BYTES)})`, () => {
      assert(built.bytes <= MAX_VSIX_BYTES, `${kib(built.bytes)} is above ${kib(MAX_VSIX_BYTES)}; largest files: ${
        [...built.files].sort((a, b) => b.bytes - a.bytes).slice(0, 5).map((f) => `${f.path} ${kib(f.bytes)}`).join(', ')}`);
    });

    await check('the packaged code is the production build: minified, without sourcemaps', async () => {
      for (const file of ['extension/dist/extension.js', 'extension/media/dist/webview.js']) {
        const text = (await readVsixEntry(vsixPath, file)).toString('utf8');
        assert(!/sourceMappingURL/.test(text), `${file} points at a sourcemap`);
        // esbuild's minified output keeps a few line breaks (inside template literals); the development
        // build has an indented line per statement.
        const lines = text.split('\n');
        const indented = lines.filter((line) => /^ {2,}\S/.test(line)).length;
        assert(indented < lines.length / 4, `${file}: ${indented} of ${lines.length} lines are indented; not the minified production build`);
      }
      const packagedManifest = JSON.parse((await readVsixEntry(vsixPath, 'extension/package.json')).toString('utf8'));
      assert.equal(packagedManifest.version, manifest.version);
      assert(!packagedManifest.scripts?.['vscode:prepublish'], 'the packaged manifest has vscode:prepublish');
    });

    await check('the packaged README links to absolute URLs (vsce rewrote the relative ones from `repository`)', async () => {
      const readme = (await readVsixEntry(vsixPath, 'extension/readme.md')).toString('utf8');
      const links = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]).filter((l) => !l.startsWith('#'));
      const relative = links.filter((l) => !/^(https?|mailto|command):/.test(l));
      assert(relative.length === 0, `relative links left in the packaged README: ${relative.join(', ')}`);
      const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
      assert(images.length > 0 && images.every((l) => l.startsWith('https://')), `README images: ${images.join(', ')}`);
      assert(!/\[#\d+\]\(https:\/\/github\.com/.test(readme), 'vsce turned a "#1234" in the README into an issue link');
    });
  } else {
    skip('package contents', 'the package was not built');
  }

  // ---- installed into code-server and opened in the workbench ----------------------------------------
  if (!packaged) skip('install and open the installed extension', 'the package was not built');
  else if (opt['no-workbench']) skip('install and open the installed extension', '--no-workbench');
  else await installedExtensionChecks(vsixPath);

  const summary = `${results.passed} passed, ${results.failed} failed, ${results.pending} pending`;
  await finish(results.failed ? 1 : 0, results.failed ? `FAIL: ${summary}` : `PASS: ${summary}`);
} catch (e) {
  await finish(3, `harness error: ${e?.stack || e}`);
}

async function installedExtensionChecks(vsixPath) {
  const install = await ensureCodeServer({ withChromium: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'managed-agents-package-'));
  cleanup.add('scratch folder', () => (opt.keep ? log.info(`kept ${scratch}`) : fs.rmSync(scratch, { recursive: true, force: true })));
  const extensionsDir = path.join(scratch, 'extensions');
  const cli = (args) => {
    const result = spawnSync(install.nodeBin, [install.entry, ...args, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(scratch, 'user-data')], {
      cwd: scratch,
      encoding: 'utf8',
      // Nothing under $HOME: code-server writes its config and logs under the XDG folders.
      env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(scratch, 'xdg'), XDG_DATA_HOME: path.join(scratch, 'xdg'), XDG_CACHE_HOME: path.join(scratch, 'xdg'), XDG_STATE_HOME: path.join(scratch, 'xdg') },
      timeout: 60000,
    });
    return { code: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  };

  let installedDir;
  const installed = await check('code-server --install-extension installs the .vsix', () => {
    const result = cli(['--install-extension', vsixPath]);
    assert(result.code === 0 && /successfully installed/.test(result.output), `exit ${result.code}:\n${result.output.slice(-1500)}`);
    const listed = cli(['--list-extensions', '--show-versions']);
    assert(listed.output.includes(`${EXTENSION_ID}@${manifest.version}`), `--list-extensions does not list ${EXTENSION_ID}@${manifest.version}:\n${listed.output}`);
    installedDir = path.join(extensionsDir, `${EXTENSION_ID}-${manifest.version}`);
    assert(fs.existsSync(path.join(installedDir, 'dist', 'extension.js')), `no dist/extension.js in ${installedDir}`);
  });
  if (!installed) return skip('the installed extension in the workbench', 'the install failed');

  const simulator = await startSimulator({ stepDelayMs: 5 });
  cleanup.add('simulator', () => simulator.close());
  const server = await startCodeServer({
    install,
    keep: opt.keep,
    smokeTestDriver: false, // a user's workbench: toasts show, no extension tests
    // The extension found in the extensions folder at startup, as installed above (a copy of its folder),
    // and another extension that asks it for its API.
    installExtensions: [installedDir, path.join(REPO_ROOT, 'test', 'package', 'exports-probe')],
    machineSettings: { 'managedAgents.baseUrl': simulator.url },
    settings: { 'managedAgents.refresh.activeSeconds': 3600, 'managedAgents.refresh.idleSeconds': 3600 },
    // An installed extension runs in Production mode and ignores this; set to nothing all the same.
    env: { MANAGED_AGENTS_API_KEY: '' },
    runDirPrefix: 'managed-agents-package-',
  });
  cleanup.add('code-server', () => server.close());
  const { browser, page } = await launchChromium({ tmpDir: server.dirs.browserTmp });
  cleanup.add('chromium', () => browser.close());
  if (opt.verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text().slice(0, 300)}`));
  const workbench = new Workbench(page);
  const shot = (name) => workbench.screenshot(`package-${name}`).catch(() => undefined);

  const opened = await check('the workbench opens with the extension installed, not under development', async () => {
    await page.goto(`${server.baseUrl}/?folder=${encodeURIComponent(server.workspace)}`);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60000 });
    const title = await page.title();
    assert(!title.includes('Extension Development Host'), `the window is an Extension Development Host: ${title}`);
  });
  if (!opened) {
    await shot('failure-open');
    return skip('the installed extension in the workbench', 'the workbench did not open');
  }

  await check('it activates: the Managed Agents view shows the "Set API Key" welcome (no key from the environment in Production mode)', async () => {
    const icon = page.locator('.activitybar .action-item', { has: page.locator('a.action-label[aria-label="Managed Agents"]') });
    await icon.waitFor({ timeout: 30000 });
    await icon.click();
    // The welcome content depends on managedAgents.noKey, a context key only the running extension sets.
    const button = workbench.sidebar.locator('.welcome-view-content .monaco-button', { hasText: 'Set API Key' });
    await button.waitFor({ timeout: 30000 }).catch(async (e) => { await shot('failure-welcome'); throw e; });
    await shot('welcome');
  });

  await check('Set API Key (from the welcome button) takes the simulator key and the sessions list loads', async () => {
    await workbench.sidebar.locator('.welcome-view-content .monaco-button', { hasText: 'Set API Key' }).click();
    await workbench.quickInput.waitFor({ state: 'visible', timeout: 10000 });
    await workbench.quickInput.fill(simulator.apiKey);
    await page.keyboard.press('Enter');
    await workbench.sessionRow('Fix flaky greet test').waitFor({ timeout: 20000 }).catch(async (e) => { await shot('failure-sessions'); throw e; });
    const labels = await workbench.sessionRows();
    assert(labels.some((l) => /^Refactor auth module, Repo maintainer · [\w ]+, Running$/.test(l)), `rows: ${JSON.stringify(labels)}`);
  });

  await check('activate() hands another extension nothing privileged: only its version (no services, key store or key guard)', async () => {
    await workbench.dismiss();
    await workbench.runCommand('Exports Probe: Show Managed Agents Exports');
    assert.match(await workbench.notification('Managed Agents exports'), /Managed Agents exports: \[version\]/);
  });

  await check('Show Extension Version shows the packaged version', async () => {
    await workbench.runCommand('Managed Agents: Show Extension Version');
    assert.match(await workbench.notification('Claude Managed Agents'), new RegExp(`Claude Managed Agents ${manifest.version.replace(/\./g, '\\.')}`));
  });

  await check('a session\'s history opens in the webview from the packaged media/dist/webview.js, with the packaged codicon font', async () => {
    await workbench.dismiss();
    await workbench.sessionRow('Fix flaky greet test').click();
    const frame = await workbench.historyFrame('Fix flaky greet test', { timeout: 20000 });
    await frame.locator('.list .row[data-type="user.message"]').first().waitFor({ timeout: 10000 });
    // The row icons need media/dist/codicon.css and codicon.ttf, loaded under the webview's CSP.
    await frame.waitForFunction(() => [...document.fonts].some((face) => face.family.replace(/["']/g, '') === 'codicon' && face.status === 'loaded'), undefined, { timeout: 10000 })
      .catch(async () => { throw new Error(`the codicon font did not load: ${JSON.stringify(await frame.evaluate(() => [...document.fonts].map((face) => `${face.family} ${face.status}`)))}`); });
  });

  await check('the walkthrough opens with its steps and the pictures from the package', async () => {
    const walkthrough = manifest.contributes.walkthroughs[0];
    await workbench.runCommand('Welcome: Open Walkthrough...');
    await workbench.pick(exactly(walkthrough.title), { filter: walkthrough.title });
    const page0 = page.locator('.gettingStartedContainer');
    for (const step of walkthrough.steps) await page0.locator('.getting-started-step', { hasText: step.title }).first().waitFor({ timeout: 15000 });
    // The first step is open: its picture is loaded from the installed extension.
    const image = page0.locator('.getting-started-media img').first();
    await image.waitFor({ timeout: 15000 });
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await image.elementHandle(), { timeout: 15000 })
      .catch(async () => { throw new Error(`the step picture did not load: ${await image.evaluate((img) => img.currentSrc || img.getAttribute('srcset'))}`); });
    await shot('walkthrough');
  });
}

#!/usr/bin/env node
// Runs the same integration suite in desktop VS Code (Electron) through @vscode/test-electron, for
// machines that can download VS Code (developer laptops, CI with internet; Linux needs a display, e.g.
// `xvfb-run -a npm run test:electron`). Offline machines use test/runner/run-integration.mjs instead.
//
//   node test/runner/run-electron.mjs [--build] [--vscode-version <stable|insiders|1.100.0>] [--grep <regex>]
//
// The simulator, settings and environment follow the same contract as the code-server runner, minus the
// browser bridge (tests that need it are skipped). VS Code is cached in .vscode-test/.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { buildProject } from './lib/build.mjs';
import { startSimulator } from './lib/simulator.mjs';
import { CleanupStack, PROBE_EXTENSION_DIR, REPO_ROOT, TEST_RESULTS_DIR, makeLogger, onTerminationSignal, readJsonIfPresent, writeJson } from './lib/util.mjs';

const log = makeLogger('electron');
const { downloadAndUnzipVSCode, runTests } = createRequire(path.join(REPO_ROOT, 'package.json'))('@vscode/test-electron');

const { values: opt } = util.parseArgs({
  options: {
    'vscode-version': { type: 'string', default: process.env.VSCODE_TEST_VERSION || 'stable' },
    build: { type: 'boolean', default: false },
    grep: { type: 'string' },
    summary: { type: 'string', default: path.join(TEST_RESULTS_DIR, 'electron.json') },
  },
});

const cleanup = new CleanupStack();
const exit = async (code, message) => {
  (code === 0 ? log.info : log.error)(message);
  await cleanup.run();
  process.exit(code);
};
onTerminationSignal((signal) => exit(130, `interrupted by ${signal}`));

try {
  const testsPath = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
  if (opt.build) buildProject();
  for (const [file, how] of [[path.join(REPO_ROOT, 'dist', 'extension.js'), 'npm run build'], [testsPath, 'npx tsc -p tsconfig.json']]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing; run \`${how}\` first`);
  }

  // Download first, separately, so an offline machine fails in seconds with a clear message.
  let vscodeExecutablePath;
  try {
    log.info(`getting VS Code ${opt['vscode-version']} (cached in .vscode-test/)`);
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version: opt['vscode-version'],
      cachePath: path.join(REPO_ROOT, '.vscode-test'),
      timeout: 15000,
    });
  } catch (e) {
    await exit(3, `could not download VS Code ${opt['vscode-version']}: ${e?.message || e}\n` +
      'This machine cannot reach update.code.visualstudio.com. Use `npm run test:integration` (code-server, ' +
      'installed from the npm registry) instead, or set VSCODE_TEST_VERSION to a version already in .vscode-test/.');
  }

  const simulator = await startSimulator();
  cleanup.add('simulator', () => simulator.close());
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'managed-agents-electron-'));
  cleanup.add('run folder', () => fs.rmSync(runDir, { recursive: true, force: true }));
  const userData = path.join(runDir, 'user-data');
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(workspace);
  // Desktop windows are local, so the machine-overridable managedAgents.baseUrl works in user settings.
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'managedAgents.baseUrl': simulator.url,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
  }, null, 2));

  const resultsFile = path.join(TEST_RESULTS_DIR, 'electron-host-results.json');
  fs.rmSync(resultsFile, { force: true });
  let exitCode = 0;
  try {
    await runTests({
      vscodeExecutablePath,
      // Desktop VS Code takes several development paths; the probe gives tests a SecretStorage.
      extensionDevelopmentPath: [REPO_ROOT, PROBE_EXTENSION_DIR],
      extensionTestsPath: testsPath,
      extensionTestsEnv: {
        MANAGED_AGENTS_API_KEY: simulator.apiKey,
        MANAGED_AGENTS_TEST_SIMULATOR_URL: simulator.url,
        MANAGED_AGENTS_TEST_RESULTS: resultsFile,
        MANAGED_AGENTS_TEST_HOST: 'electron',
        ...(opt.grep ? { MANAGED_AGENTS_TEST_GREP: opt.grep } : {}),
      },
      launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', path.join(runDir, 'extensions'),
        '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (e) {
    exitCode = 1;
    log.error(`VS Code test run failed: ${e?.message || e}`);
  }
  const results = readJsonIfPresent(resultsFile) ?? { passed: 0, failed: 1, pending: 0, failures: [{ title: 'run', message: 'no results written' }] };
  writeJson(opt.summary, results);
  const summary = `${results.passed} passed, ${results.failed} failed, ${results.pending} pending`;
  await exit(exitCode || results.failed ? 1 : 0, `${exitCode || results.failed ? 'FAIL' : 'PASS'}: ${summary}`);
} catch (e) {
  await exit(3, `harness error: ${e?.message || e}`);
}

#!/usr/bin/env node
// Runs the integration suite (out/test/integration/index.js, the @vscode/test-electron `run()` contract)
// inside a real VS Code: code-server's Node extension host, with the workbench in headless Chromium.
//
//   node test/runner/run-integration.mjs [--build] [--grep <regex>] [--timeout <s>=300] [--keep] [--verbose]
//
// --build first runs esbuild and tsc (else dist/extension.js and out/ must be current); installs
// code-server into .cache/ on first use. Writes test-results/integration.json ({ passed, failed, pending, failures }).
// Exit codes: 0 all passed; 1 tests failed; 2 timeout; 3 harness error; 130 interrupted.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { launchChromium } from './lib/browser.mjs';
import { buildProject } from './lib/build.mjs';
import { startBridge, screenshotPage } from './lib/bridge-host.mjs';
import { startCodeServer, WORKBENCH_NOISE } from './lib/code-server.mjs';
import { ensureCodeServer } from './lib/install-code-server.mjs';
import { startSimulator } from './lib/simulator.mjs';
import {
  PROBE_EXTENSION_DIR, REPO_ROOT, TEST_RESULTS_DIR, elapsed, findFiles, makeLogger, readJsonIfPresent, runnerLifecycle, sleep,
} from './lib/util.mjs';

const log = makeLogger('integration');
process.stdout.on('error', () => { /* EPIPE (piped into head): keep going, still clean up */ });

const { values: opt } = util.parseArgs({
  options: {
    build: { type: 'boolean', default: false },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'tests-path': { type: 'string', default: path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js') },
    summary: { type: 'string', default: path.join(TEST_RESULTS_DIR, 'integration.json') },
  },
});
const testsPath = path.resolve(opt['tests-path']);
const timeoutMs = Number(opt.timeout) * 1000;

const { cleanup, finish } = runnerLifecycle({ summaryPath: opt.summary, log });

try {
  fs.rmSync(opt.summary, { force: true });
  if (opt.build) buildProject();
  for (const [file, how] of [[path.join(REPO_ROOT, 'dist', 'extension.js'), 'npm run build'], [testsPath, 'npx tsc -p tsconfig.json']]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing; run \`${how}\` first`);
  }
  const install = await ensureCodeServer({ withChromium: true });

  const simulator = await startSimulator({ stepDelayMs: 5 }); // scripted turns at test pace
  cleanup.add('simulator', () => simulator.close());
  log.info(`simulator on ${simulator.url}`);

  const resultsFile = path.join(TEST_RESULTS_DIR, 'integration-host-results.json');
  fs.rmSync(resultsFile, { force: true });
  const server = await startCodeServer({
    install,
    keep: opt.keep,
    machineSettings: { 'managedAgents.baseUrl': simulator.url }, // machine-overridable: remote settings
    installExtensions: [PROBE_EXTENSION_DIR], // gives in-host tests an ExtensionContext (SecretStorage)
  });
  cleanup.add('code-server', () => server.close());
  server.onExit((code, signal) => finish(3, `code-server exited early (code ${code}, signal ${signal}); see ${server.serverLogFile}`));
  log.info(`code-server on ${server.baseUrl} (run folder ${server.runDir})`);

  // The contract with the extension and the in-host tests (see test/runner/README.md).
  const extensionEnvironment = {
    MANAGED_AGENTS_API_KEY: simulator.apiKey,
    MANAGED_AGENTS_TEST_SIMULATOR_URL: simulator.url,
    MANAGED_AGENTS_TEST_RESULTS: resultsFile,
    MANAGED_AGENTS_TEST_BRIDGE: server.dirs.bridge,
    MANAGED_AGENTS_TEST_HOST: 'code-server',
    ...(opt.grep ? { MANAGED_AGENTS_TEST_GREP: opt.grep } : {}),
    ...(process.stdout.isTTY ? { MANAGED_AGENTS_TEST_COLOR: '1' } : {}),
  };

  const { browser, page, nonLoopbackOrigins } = await launchChromium({ tmpDir: server.dirs.browserTmp });
  cleanup.add('chromium', () => browser.close());
  cleanup.add('loopback check', () => {
    if (nonLoopbackOrigins.size) log.warn(`the browser tried non-loopback requests to ${[...nonLoopbackOrigins].join(', ')}`);
  });

  // In extension-test mode the workbench forwards every extension-host console line (mocha's reporter
  // included) to window.codeAutomationLog, and calls window.codeAutomationExit(code) when run() settles.
  const workbenchLog = fs.createWriteStream(path.join(server.runDir, 'workbench-log.txt'));
  cleanup.add('workbench log', () => workbenchLog.end());
  let resolveExit;
  const runSettled = new Promise((resolve) => { resolveExit = resolve; });
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const line = Array.isArray(args) ? util.format(...args) : String(args);
    workbenchLog.write(`${elapsed()} [${level}] ${line}\n`);
    if (opt.verbose || !WORKBENCH_NOISE.some((re) => re.test(line))) {
      process.stdout.write((level === 'error' || level === 'warn' ? `[host ${level}] ` : '') + line + '\n');
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  page.on('crash', () => finish(3, 'the browser page crashed'));

  const bridge = startBridge({ page, dir: server.dirs.bridge, log: opt.verbose ? log.info : () => {} });
  cleanup.add('bridge', () => bridge.stop());

  const url = server.workbenchUrl({ extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: testsPath, extensionEnvironment });
  if (opt.verbose) log.info(url);
  log.info(`opening the workbench after ${elapsed()}`);
  await page.goto(url);
  const exitCode = await Promise.race([runSettled, sleep(timeoutMs).then(() => 'timeout')]);

  const hostResults = readJsonIfPresent(resultsFile);
  if (exitCode === 'timeout') {
    const shot = await screenshotPage(page, 'integration-timeout').catch(() => undefined);
    for (const f of findFiles(path.join(server.dirs.userData, 'logs'), /remoteexthost\.log$/)) {
      console.log(`--- ${f} (last lines)\n${fs.readFileSync(f, 'utf8').split('\n').slice(-15).join('\n')}`);
    }
    server.keep = true;
    await finish(2, `TIMEOUT: the suite did not finish within ${opt.timeout} s${shot ? `; screenshot ${shot}` : ''}`,
      { ...(hostResults ?? { passed: 0, failed: 0, pending: 0, failures: [] }), error: 'timeout' });
  } else if (!hostResults) {
    await finish(exitCode === 0 ? 3 : 1, `the suite ended (exit ${exitCode}) without writing results; is ${path.relative(REPO_ROOT, testsPath)} the integration entry?`);
  } else {
    const summary = `${hostResults.passed} passed, ${hostResults.failed} failed, ${hostResults.pending} pending`;
    if (exitCode === 0 && hostResults.failed === 0 && hostResults.passed > 0) await finish(0, `PASS: ${summary}`, hostResults);
    else await finish(1, `FAIL: ${summary}${hostResults.error ? ` (${hostResults.error})` : ''}`, { ...hostResults, failed: Math.max(hostResults.failed, 1) });
  }
} catch (e) {
  await finish(3, `harness error: ${e?.message || e}`);
}

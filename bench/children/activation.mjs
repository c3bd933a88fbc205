// Activation time of the extension in the real extension host: code-server (test/runner's start-up
// code, imported) with the workbench in headless Chromium. Every run is a fresh page, so a fresh
// extension host. bench/host/activation-probe.cjs activates the extension (timing activate() from
// inside the host) and opens "Developer: Show Running Extensions", where the workbench shows the
// host's own activation figure for the extension (codeLoadingTime + activateCallTime, in ms).
//   node activation.mjs '{"runs":5,"warmup":1}'  -> one JSON line
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../test/runner/lib/browser.mjs';
import { startCodeServer } from '../../test/runner/lib/code-server.mjs';
import { ensureCodeServer } from '../../test/runner/lib/install-code-server.mjs';
import { CleanupStack, REPO_ROOT, onTerminationSignal, sleep } from '../../test/runner/lib/util.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROBE = path.join(HERE, '../host/activation-probe.cjs');
const EXTENSION_ID = 'managed-agents-tools.managed-agents';
const opts = { runs: 5, warmup: 1, settleMs: 2000, timeoutMs: 120_000, ...JSON.parse(process.argv[2] ?? '{}') };
const log = (m) => process.stderr.write(`[activation] ${m}\n`);

async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const cleanup = new CleanupStack();
onTerminationSignal(async () => { await cleanup.run(); process.exit(130); });
try {
  const install = await ensureCodeServer({ withChromium: true });
  const server = await startCodeServer({ install, runDirPrefix: 'managed-agents-bench-' });
  cleanup.add('code-server', () => server.close());
  log(`code-server on ${server.baseUrl}`);
  const { browser, context } = await launchChromium({ tmpDir: server.dirs.browserTmp });
  cleanup.add('chromium', () => browser.close());
  const runs = [];
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const started = Date.now();
    const dir = path.join(server.runDir, `activation-${i}`);
    fs.mkdirSync(dir, { recursive: true });
    const page = await context.newPage();
    const url = server.workbenchUrl({ extensionDevelopmentPath: process.env.BENCH_BUILD_DIR || REPO_ROOT, extensionTestsPath: PROBE, extensionEnvironment: { MANAGED_AGENTS_BENCH_DIR: dir, MANAGED_AGENTS_BENCH_SETTLE_MS: String(opts.settleMs) } });
    await page.goto(url, { waitUntil: 'commit' });
    const resultFile = path.join(dir, 'result.json');
    await waitFor('the probe in the extension host', () => fs.existsSync(resultFile), opts.timeoutMs);
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    if (result.error) throw new Error(`probe: ${result.error}`);
    // The host's own figure, as the Running Extensions editor renders it ("Activation: 23ms").
    const shown = await waitFor('our row in Running Extensions', async () => {
      const rows = await page.locator('.runtime-extensions-editor .extension').evaluateAll((els) => els.map((el) => ({
        name: el.querySelector('.name')?.textContent ?? '', time: el.querySelector('.activation-time')?.textContent ?? '',
      }))).catch(() => []);
      const row = rows.find((r) => r.name.toLowerCase() === EXTENSION_ID || r.name === 'Claude Managed Agents');
      return row && /\d+ms/.test(row.time) ? row : undefined;
    }, 30_000);
    result.hostActivationMs = Number(/(\d+(?:\.\d+)?)ms/.exec(shown.time)[1]);
    result.hostActivationText = shown.time;
    fs.writeFileSync(path.join(dir, 'read.flag'), '1');
    await page.close();
    log(`run ${i}${i < opts.warmup ? ' (warm-up)' : ''}: host "${shown.time}", activate() ${result.apiActivateMs.toFixed(1)} ms, host up ${Math.round(result.hostUptimeMs)} ms, page ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (i >= opts.warmup) runs.push(result);
  }
  process.stdout.write(JSON.stringify({ runs }) + '\n');
} finally {
  await cleanup.run();
}

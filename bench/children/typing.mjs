// Typing in a 2 MB YAML body in the real extension host: code-server (test/runner's start-up code,
// imported) with the workbench in headless Chromium. Every run is a fresh page, so a fresh extension
// host; bench/host/typing-probe.cjs opens the body, types into it and reports the longest task on
// the host's thread (Node's event-loop delay monitor) while it did.
//   node typing.mjs '{"runs":3,"warmup":1}'  -> one JSON line
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../test/runner/lib/browser.mjs';
import { startCodeServer } from '../../test/runner/lib/code-server.mjs';
import { ensureCodeServer } from '../../test/runner/lib/install-code-server.mjs';
import { CleanupStack, REPO_ROOT, onTerminationSignal, sleep } from '../../test/runner/lib/util.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROBE = path.join(HERE, '../host/typing-probe.cjs');
/**
 * VS Code's built-in merge-conflict extension reads the whole buffer on every change to look for
 * conflict markers (on 2 MB: a copy per keystroke, and the garbage collection after it), and the
 * remote host looks for new ports every few seconds (reading /proc, spawning). That is their cost, not
 * ours, and it is what the figure would mostly show: both are off here.
 */
const SETTINGS = { 'merge-conflict.codeLens.enabled': false, 'merge-conflict.decorators.enabled': false, 'remote.autoForwardPorts': false, 'remote.autoForwardPortsSource': 'output' };
const opts = { runs: 3, warmup: 1, chars: 2 * 1024 * 1024, keys: 60, keyMs: 60, timeoutMs: 180_000, settings: SETTINGS, ...JSON.parse(process.argv[2] ?? '{}') };
const log = (m) => process.stderr.write(`[typing] ${m}\n`);
const build = process.env.BENCH_BUILD_DIR || REPO_ROOT;

const cleanup = new CleanupStack();
onTerminationSignal(async () => { await cleanup.run(); process.exit(130); });
try {
  const install = await ensureCodeServer({ withChromium: true });
  const server = await startCodeServer({ install, settings: opts.settings, runDirPrefix: 'managed-agents-bench-' });
  cleanup.add('code-server', () => server.close());
  const { browser, context } = await launchChromium({ tmpDir: server.dirs.browserTmp });
  cleanup.add('chromium', () => browser.close());
  const runs = [];
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const dir = path.join(server.runDir, `typing-${i}`);
    fs.mkdirSync(dir, { recursive: true });
    const page = await context.newPage();
    const url = server.workbenchUrl({
      extensionDevelopmentPath: build,
      extensionTestsPath: PROBE,
      extensionEnvironment: {
        MANAGED_AGENTS_BENCH_DIR: dir, BENCH_BUILD_DIR: build,
        MANAGED_AGENTS_BENCH_BODY_CHARS: String(opts.chars), MANAGED_AGENTS_BENCH_KEYS: String(opts.keys), MANAGED_AGENTS_BENCH_KEY_MS: String(opts.keyMs),
      },
    });
    await page.goto(url, { waitUntil: 'commit' });
    const resultFile = path.join(dir, 'result.json');
    const deadline = Date.now() + opts.timeoutMs;
    while (!fs.existsSync(resultFile)) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the typing probe');
      await sleep(200);
    }
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    await page.close();
    if (result.error) throw new Error(`probe: ${result.error}`);
    log(`run ${i}${i < opts.warmup ? ' (warm-up)' : ''}: longest task ${result.longestTaskCpuMs.toFixed(1)} ms CPU, ${result.longestTaskMs.toFixed(1)} ms wall-clock, p99 delay ${result.p99DelayMs.toFixed(1)} ms, ${result.typedChars} chars typed, ${result.checks ?? '?'} checks, longest ${result.longestCheckMs?.toFixed(2) ?? '?'} ms`);
    if (i >= opts.warmup) runs.push(result);
  }
  process.stdout.write(JSON.stringify({ runs }) + '\n');
} finally {
  await cleanup.run();
}

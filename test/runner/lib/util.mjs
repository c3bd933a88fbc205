// Small shared helpers for the test runners, the e2e runner and the demo script.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TEST_RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
export const SCREENSHOTS_DIR = path.join(TEST_RESULTS_DIR, 'screenshots');
/** Test-only extension loaded next to ours so in-host tests get an ExtensionContext (SecretStorage). */
export const PROBE_EXTENSION_DIR = path.join(REPO_ROOT, 'test', 'integration', 'probe-extension');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const started = Date.now();
export const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

/** Logger with a fixed prefix, so harness lines stand out from test output. */
export function makeLogger(prefix) {
  return {
    info: (msg) => console.log(`[${prefix}] ${msg}`),
    warn: (msg) => console.warn(`[${prefix}] warning: ${msg}`),
    error: (msg) => console.error(`[${prefix}] ERROR: ${msg}`),
  };
}

/** A free TCP port on 127.0.0.1 (the OS picks it; there is a tiny race until the caller binds it). */
export function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Recursively list files under dir whose path matches re. */
export function findFiles(dir, re, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) findFiles(p, re, out);
    else if (re.test(p)) out.push(p);
  }
  return out;
}

/** Turn a free-form name into a safe file name (for screenshots). */
export function safeFileName(name) {
  return String(name).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'unnamed';
}

export function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

export function readJsonIfPresent(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Run fn once on the first of SIGINT/SIGTERM/SIGHUP, so Ctrl+C still cleans up child process groups.
 * Returns a function that removes the handlers.
 */
export function onTerminationSignal(fn) {
  const handler = (signal) => fn(signal);
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, handler);
  return () => { for (const s of signals) process.off(s, handler); };
}

/** Cleanup steps run in reverse order of registration; each step runs once and its errors are ignored. */
export class CleanupStack {
  #steps = [];
  #running;
  add(label, fn) { this.#steps.push({ label, fn }); }
  run() {
    this.#running ??= (async () => {
      while (this.#steps.length) {
        const { label, fn } = this.#steps.pop();
        try { await fn(); } catch (e) { console.warn(`[cleanup] ${label}: ${e?.message || e}`); }
      }
    })();
    return this.#running;
  }
}

/**
 * The end of a runner's life, shared by the integration, e2e and package runners: one `finish()` that
 * writes the counts file run-all.mjs reads (with the error when the layer could not run), logs, runs
 * the cleanup stack and exits; Ctrl+C and uncaught errors end up there too.
 * @param {{ summaryPath: string, log: ReturnType<typeof makeLogger>, results?: object }} options
 */
export function runnerLifecycle({ summaryPath, log, results }) {
  const cleanup = new CleanupStack();
  const empty = { passed: 0, failed: 0, pending: 0, failures: [] };
  let finished = false;
  async function finish(exitCode, message, summary) {
    if (finished) return;
    finished = true;
    const ran = exitCode === 0 || exitCode === 1;
    writeJson(summaryPath, summary ?? (ran && results ? results : { ...(results ?? empty), error: message }));
    (exitCode === 0 ? log.info : log.error)(`${message} (after ${elapsed()})`);
    await cleanup.run();
    process.exit(exitCode);
  }
  onTerminationSignal((signal) => finish(130, `interrupted by ${signal}`));
  process.on('uncaughtException', (e) => finish(3, `harness error: ${e?.stack || e}`));
  process.on('unhandledRejection', (e) => finish(3, `harness error: ${e?.stack || e}`));
  return { cleanup, finish };
}

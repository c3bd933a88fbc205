// History webview render benchmark: the production bundle (media/dist/webview.js + media/history.css)
// under the panel's real HTML and CSP (src/history/html.ts), in headless Chromium, with a stand-in for
// acquireVsCodeApi. The host's protocol messages are made by the panel's own TranscriptRows
// (src/history/transcriptRows.ts) before the clock starts, and posted into the page exactly as the
// panel posts them (`init`, then `patch` messages of EVENT_CHUNK_SIZE rows; one flush per live event);
// all timing is taken inside the page with performance.now(), so Playwright round trips never count.
//
//   node webview.mjs '{"events":10000,"live":1000,"runs":5,"warmup":1,"threads":0,"grouped":false}'   -> one JSON line
//   (grouped: the transcript grouped by model request, as the filter bar's toggle left it in the saved state)
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../../test/runner/lib/browser.mjs';
import { mixedEvents, multiagentEvents, SESSION_ID } from '../lib/fixtures.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD = process.env.BENCH_BUILD_DIR || ROOT;
const MEDIA = path.join(BUILD, 'media');
const require = createRequire(path.join(ROOT, 'package.json'));
const { chromium } = require('playwright-core');
const { historyHtml } = require(path.join(BUILD, 'out/src/history/html.js'));
const { TranscriptRows } = require(path.join(BUILD, 'out/src/history/transcriptRows.js'));
const { LANE_EVENT_TYPES, threadLanes } = require(path.join(BUILD, 'out/src/history/threadLanes.js'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const opts = { events: 10_000, live: 1000, runs: 5, warmup: 1, ...JSON.parse(process.argv[2] ?? '{}') };

const header = {
  id: SESSION_ID, title: 'Fix the flaky greet test', status: 'running', archived: false, agentName: 'Repo maintainer', agentVersion: 3,
  model: 'claude-sonnet-4-6', environment: 'python-data-analysis', tokens: '12.3k in · 4.1k out', cost: '$0.42', activeTime: '3m 12s', createdAt: '2026-11-21T10:00:00Z',
};

function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = `http://127.0.0.1:${server.address().port}`;
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(historyHtml({ cspSource: origin, nonce: 'benchNonce0123456789', scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/history.css`, codiconUri: `${origin}/dist/codicon.css`, title: header.title }));
      return;
    }
    const file = path.join(MEDIA, path.normalize(url.pathname));
    if (!file.startsWith(MEDIA + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : file.endsWith('.ttf') ? 'font/ttf' : 'text/javascript' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- in-page harness (installed before the webview script runs; not subject to the page's CSP) ----
function installHarness(grouped) {
  const w = window;
  w.__posted = [];
  if (grouped) w.__state = { sessionId: '', groupByRequest: true };
  w.acquireVsCodeApi = () => ({ postMessage: (m) => w.__posted.push({ t: performance.now(), m }), getState: () => w.__state, setState: (s) => (w.__state = s) });
  // Main-thread time spent in the webview's own callbacks (message handler, animation frames, resize
  // observer), so that the cost of an append can be told apart from waiting for the next frame.
  w.__busy = 0;
  const timed = (fn) => function (...args) { const t = performance.now(); try { return fn.apply(this, args); } finally { w.__busy += performance.now() - t; } };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf(timed(cb));
  const addListener = window.addEventListener.bind(window);
  window.addEventListener = (type, listener, options) => addListener(type, type === 'message' && typeof listener === 'function' ? timed(listener) : listener, options);
  const RO = window.ResizeObserver;
  window.ResizeObserver = class extends RO { constructor(cb) { super(timed(cb)); } };
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(performance.now()); c.port2.postMessage(0); }));
  /** Resolves with the time of the paint that follows the frame in which `probe()` first became true (checked on DOM mutations). */
  const paintedWhen = (target, probe) => new Promise((resolve) => {
    let seen = 0;
    const check = () => {
      if (seen || !probe()) return;
      seen = performance.now();
      mo.disconnect();
      // The mutation happened during this frame's rendering steps; a message posted now runs after its paint.
      const c = new MessageChannel();
      c.port1.onmessage = () => resolve({ dom: seen, paint: performance.now() });
      c.port2.postMessage(0);
    };
    const mo = new MutationObserver(check);
    mo.observe(target, { childList: true, subtree: true });
    check();
  });
  w.__bench = {
    /** Posts init + history chunks; measures last screen, settle, scroll and input responsiveness. */
    /** Posts the messages (the clock starts now) and returns at once; `finish()` gives the figures. */
    start(messages, lastId) {
      this.pending = this.load(messages, lastId);
      return true;
    },
    finish() {
      return this.pending;
    },
    async load(messages, lastId) {
      const list = document.querySelector('.list');
      const scroller = document.querySelector('.scroller');
      const draft = document.querySelector('textarea.draft');
      let input = 0;
      draft.addEventListener('input', () => { if (!input) input = performance.now(); }, { once: true });
      const busy0 = w.__busy;
      const t0 = performance.now();
      w.__t0 = t0;
      const shown = paintedWhen(list, () => Boolean(list.querySelector(`[data-event-id="${CSS.escape(lastId)}"]`)));
      for (const m of messages) window.postMessage(m, '*');
      const last = await shown;
      const busyToLastScreen = w.__busy - busy0;
      const bottomVisible = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop <= 24;
      // Usable 1: scroll three screens up; the rows there must be in the DOM and painted.
      const s0 = performance.now();
      scroller.scrollTop = Math.max(0, scroller.scrollTop - 3 * scroller.clientHeight);
      const box = scroller.getBoundingClientRect();
      const rowAt = () => { const el = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2); return Boolean(el && el.closest('.row')); };
      const scrolled = await paintedWhen(list, rowAt);
      // Back to the bottom, as the user left it.
      document.querySelector('[data-action="jump-latest"]')?.click();
      // Wait for the keypress sent from outside right after the data (it queues behind the messages).
      for (let i = 0; i < 100 && !input; i++) await new Promise((r) => setTimeout(r, 20));
      return {
        lastDomMs: last.dom - t0, lastScreenMs: last.paint - t0, bottomVisible,
        scrollMs: scrolled.paint - s0, usableScrollMs: scrolled.paint - t0, inputMs: input ? input - t0 : null,
        busyToLastScreenMs: busyToLastScreen,
        domRows: list.querySelectorAll('.row').length, domNodes: document.getElementsByTagName('*').length,
      };
    },
    /**
     * Appends events one by one at random phases of the frame (each `{ id, messages }`: the event and what
     * the panel posts for it); arrival -> row in the DOM, and -> painted.
     */
    async live(appends, seed) {
      const list = document.querySelector('.list');
      let x = seed >>> 0;
      const random = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 4294967296);
      const dom = [], paint = [], work = [];
      for (const { id, messages } of appends) {
        await new Promise((r) => setTimeout(r, Math.floor(random() * 20)));
        const selector = `[data-event-id="${CSS.escape(id)}"]`;
        const shown = paintedWhen(list, () => Boolean(list.querySelector(selector)));
        const b = w.__busy;
        const t = performance.now();
        for (const m of messages) window.postMessage(m, '*');
        const r = await shown;
        dom.push(r.dom - t);
        paint.push(r.paint - t);
        work.push(w.__busy - b);
      }
      // The frame period, to read the latencies against.
      const frames = [];
      let prev = await new Promise((r) => raf(r));
      for (let i = 0; i < 60; i++) { const now = await new Promise((r) => raf(r)); frames.push(now - prev); prev = now; }
      frames.sort((a, b) => a - b);
      return { dom, paint, work, framePeriodMs: frames[30], domRows: list.querySelectorAll('.row').length, domNodes: document.getElementsByTagName('*').length };
    },
  };
}

async function oneRun(browser, url, history, live, measureLive) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e.message)));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
  await page.addInitScript(installHarness, opts.grouped === true);
  await page.goto(url);
  await page.waitForFunction(() => window.__posted.some((p) => p.m.type === 'ready'));
  // What the panel posts: the history as one flush, then a flush for each live event.
  const rows = new TranscriptRows();
  for (const event of history) rows.accept(event);
  // A multiagent session's lanes come before its rows, and again after each thread status (as the panel posts them).
  const lanes = () => {
    const view = threadLanes(rows.transcript.events, header.agentName);
    return view ? [{ type: 'lanes', lanes: view }] : [];
  };
  const messages = [{ type: 'init', sessionId: SESSION_ID, draft: '', header }, ...lanes(), ...rows.takePatches(true), { type: 'connection', state: 'live' }];
  const appends = live.map((event) => {
    rows.accept(event);
    return { id: event.id, messages: [...(LANE_EVENT_TYPES.has(event.type) ? lanes() : []), ...rows.takePatches(true)] };
  });
  await page.evaluate((m) => { window.__messages = m; }, messages); // data in the page before the clock starts
  await page.focus('textarea.draft');
  await page.evaluate((lastId) => window.__bench.start(window.__messages, lastId), history.at(-1).id);
  await page.keyboard.type('x'); // a real key event, sent right after the data (one CDP round trip later)
  const load = await page.evaluate(() => window.__bench.finish());
  let liveResult;
  if (measureLive) {
    await page.evaluate((e) => { window.__live = e; }, appends);
    liveResult = await page.evaluate((seed) => window.__bench.live(window.__live, seed), 12345);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await context.close();
  if (errors.length) throw new Error(`errors in the page: ${errors.slice(0, 3).join(' | ')}`);
  return { load, live: liveResult, heapUsedMB: heap.usedSize / 1048576 };
}

const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  const url = `http://127.0.0.1:${server.address().port}/`;
  // threads > 0: a multiagent session's primary thread, with the coordinator's delegation to its threads.
  const history = opts.threads ? multiagentEvents(opts.events, opts.threads) : mixedEvents(opts.events);
  const live = opts.threads ? multiagentEvents(opts.live, opts.threads, opts.events) : mixedEvents(opts.live, opts.events);
  const runs = [];
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const result = await oneRun(browser, url, history, live, true);
    if (i >= opts.warmup) runs.push(result);
  }
  process.stdout.write(JSON.stringify({ runs, browserVersion: browser.version(), chromiumArgs: CHROMIUM_ARGS, viewport: '1200x800' }) + '\n');
} finally {
  await browser.close();
  server.close();
}

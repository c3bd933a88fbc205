// Debian's Chromium driven by playwright-core (never `playwright install`), kept on loopback, plus helpers
// to find elements across the workbench's nested frames (webviews: workbench > iframe.webview > active-frame).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureSystemPackages, chromiumPath } from './system-packages.mjs';
import { REPO_ROOT } from './util.mjs';

const { chromium } = createRequire(path.join(REPO_ROOT, 'package.json'))('playwright-core');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
  // Chromium still resolves Google hosts with background networking off: send everything that is not
  // loopback to a dead loopback proxy and refuse DNS for everything but 127.0.0.1.
  '--proxy-server=http://127.0.0.1:9', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/**
 * @param {{ tmpDir: string, viewport?: { width: number, height: number } }} o
 *   tmpDir: where Playwright puts the browser profile (inside the run folder, so a crash leaves nothing in /tmp)
 */
export async function launchChromium({ tmpDir, viewport = { width: 1400, height: 900 } }) {
  ensureSystemPackages(['chromium']);
  fs.mkdirSync(tmpDir, { recursive: true });
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = tmpDir; // Playwright creates its profile folder with os.tmpdir()
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // our own cleanup runs instead
      args: CHROMIUM_ARGS,
      // Chromium's crash-report database and caches go under tmpDir instead of ~/.config and ~/.cache.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmpDir, 'config'), XDG_CACHE_HOME: path.join(tmpDir, 'cache') },
    });
  } finally {
    if (previousTmp === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = previousTmp;
  }
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const nonLoopbackOrigins = new Set(); // reported at the end: the browser should only talk to loopback
  context.on('request', (request) => {
    const url = new URL(request.url());
    // *.vscode-resource.vscode-cdn.net: webview resources, answered by the webview's service worker.
    if (/^(https?|wss?):$/.test(url.protocol) && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) &&
        !url.hostname.endsWith('.vscode-resource.vscode-cdn.net')) {
      nonLoopbackOrigins.add(url.origin);
    }
  });
  return { browser, context, page, nonLoopbackOrigins };
}

/**
 * The first frame (workbench or any nested webview frame) in which `selector` matches, optionally an
 * element whose text contains `hasText`. Polls until `timeout` ms.
 * @returns {Promise<{ frame: import('playwright-core').Frame, element: import('playwright-core').ElementHandle }>}
 */
export async function findFrameWithSelector(page, selector, { timeout = 15000, hasText } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      const locator = hasText === undefined ? frame.locator(selector) : frame.locator(selector, { hasText });
      // count() answers at once (no auto-wait); frames can detach meanwhile, hence the catch.
      const element = (await locator.count().catch(() => 0)) > 0
        ? await locator.first().elementHandle({ timeout: 2000 }).catch(() => null)
        : null;
      if (element) return { frame, element };
    }
    if (Date.now() > deadline) {
      throw new Error(`no frame contains ${selector}${hasText === undefined ? '' : ` with text "${hasText}"`} after ${timeout} ms`);
    }
    await page.waitForTimeout(200);
  }
}

/** Describe where an element was found (for error messages and bridge answers). */
export function describeFrame(frame) {
  return { frameName: frame.name(), frameUrl: frame.url().slice(0, 200), isWebview: frame.url().includes('/webview/') };
}

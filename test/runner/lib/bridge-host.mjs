// Runner side of the file bridge: tests in the extension host cannot reach the browser, so they drop
// `<id>.req.json` files ({ action, params }) into a folder (MANAGED_AGENTS_TEST_BRIDGE); the runner
// performs the action with Playwright and answers with `<id>.res.json` ({ ok, result } | { ok, error }).
// The client is test/integration/helpers/bridge.ts. Actions:
//   screenshot { name }                          full workbench -> test-results/screenshots/<name>.png
//   query      { selector, hasText?, timeout?, screenshot? }   first match in any frame (webviews too):
//              -> { text, html, frameName, frameUrl, isWebview, screenshot? }
//   queryAll   { selector, timeout? }            -> { texts: string[], ...frame }   (all matches in that frame)
//   click      { selector, hasText?, timeout? }  click the first match (in whichever frame holds it)
//   press      { key }                           keyboard press in the workbench (e.g. "Escape")
//   scroll     { selector, top, until?, untilText?, timeout? }   set the first match's scrollTop (a webview's
//              list, as a reader scrolls it); with `until`, keep scrolling back there every frame until an
//              element matching it (with that text) appears in the same document, or `timeout` passes
//              -> { scrollTop, scrollHeight, clientHeight, scrolls, reached } one frame later
import fs from 'node:fs';
import path from 'node:path';
import { describeFrame, findFrameWithSelector } from './browser.mjs';
import { SCREENSHOTS_DIR, safeFileName } from './util.mjs';

export function startBridge({ page, dir, log = () => {} }) {
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const requests = fs.readdirSync(dir).filter((f) => f.endsWith('.req.json')).sort();
      for (const file of requests) {
        const id = file.slice(0, -'.req.json'.length);
        let response;
        try {
          const { action, params = {} } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
          fs.rmSync(path.join(dir, file));
          log(`bridge: ${action} ${JSON.stringify(params)}`);
          response = { ok: true, result: await performAction(page, action, params) };
        } catch (e) {
          fs.rmSync(path.join(dir, file), { force: true });
          response = { ok: false, error: String(e?.message || e) };
        }
        const tmp = path.join(dir, `${id}.tmp`);
        fs.writeFileSync(tmp, JSON.stringify(response));
        fs.renameSync(tmp, path.join(dir, `${id}.res.json`)); // atomic: the client never reads half a file
      }
    } catch { /* folder gone during shutdown */ } finally {
      busy = false;
    }
  }, 100);
  return { stop: () => clearInterval(timer) };
}

export async function screenshotPage(page, name) {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${safeFileName(name)}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function performAction(page, action, params) {
  switch (action) {
    case 'screenshot':
      return { path: await screenshotPage(page, params.name || 'screenshot') };
    case 'query': {
      const { frame, element } = await findFrameWithSelector(page, params.selector, params);
      const result = {
        text: (await element.innerText()).trim(),
        html: (await element.evaluate((e) => e.outerHTML)).slice(0, 20000),
        ...describeFrame(frame),
      };
      if (params.screenshot) {
        await page.waitForTimeout(300); // let a webview finish painting
        result.screenshot = await screenshotPage(page, params.screenshot);
      }
      return result;
    }
    case 'queryAll': {
      const { frame } = await findFrameWithSelector(page, params.selector, params);
      return { texts: (await frame.locator(params.selector).allInnerTexts()).map((t) => t.trim()), ...describeFrame(frame) };
    }
    case 'click': {
      const { frame, element } = await findFrameWithSelector(page, params.selector, params);
      await element.click();
      return describeFrame(frame);
    }
    case 'press':
      await page.keyboard.press(params.key);
      return {};
    case 'scroll': {
      const { frame, element } = await findFrameWithSelector(page, params.selector, params);
      const result = await element.evaluate(
        (e, { top, until, untilText, timeoutMs }) =>
          new Promise((resolve) => {
            const started = performance.now();
            let scrolls = 0;
            const reached = () => !until || [...e.ownerDocument.querySelectorAll(until)].some((n) => !untilText || (n.textContent ?? '').includes(untilText));
            const step = () => {
              if (Math.abs(e.scrollTop - top) >= 1) {
                e.scrollTop = top;
                scrolls++;
              }
              requestAnimationFrame(() => {
                if (reached() || performance.now() - started > timeoutMs) resolve({ scrollTop: e.scrollTop, scrollHeight: e.scrollHeight, clientHeight: e.clientHeight, scrolls, reached: reached() });
                else step();
              });
            };
            step();
          }),
        { top: Number(params.top) || 0, until: params.until, untilText: params.untilText, timeoutMs: Math.max(0, (params.timeout ?? 15_000) - 1_000) },
      );
      return { ...result, ...describeFrame(frame) };
    }
    default:
      throw new Error(`unknown bridge action "${action}"`);
  }
}

// The history webview's real bundle in headless Chromium, as the panel serves it (same HTML and CSP),
// with a stubbed `acquireVsCodeApi` that records what the webview posts. Shared by the browser tests.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { historyHtml } from '../../../src/history/html';
import type { ImageAllowance } from '../../../src/webview/links';
import type { HostMessage } from '../../../src/webview/protocol';

// The page's globals, read inside page.evaluate callbacks.
declare const window: Record<string, unknown> & {
  postMessage(message: unknown, target: string): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
};

const ROOT = path.resolve(__dirname, '../../../..');
const MEDIA = path.join(ROOT, 'media');
const BUNDLE = path.join(MEDIA, 'dist', 'webview.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CONTENT_TYPES: Record<string, string> = { '.css': 'text/css', '.js': 'text/javascript', '.ttf': 'font/ttf', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** The part of playwright-core's Page the tests use (playwright-core ships no types for a `require`). */
export interface Page {
  evaluate<T>(fn: string | ((arg: never) => T), arg?: unknown): Promise<T>;
  waitForFunction(fn: string | ((arg: never) => unknown), arg?: unknown, options?: { timeout?: number }): Promise<unknown>;
  goto(url: string): Promise<unknown>;
  addInitScript<A>(fn: (arg: A) => void, arg?: A): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  press(selector: string, key: string): Promise<void>;
  click(selector: string): Promise<void>;
  check(selector: string): Promise<void>;
  waitForTimeout(ms: number): Promise<void>;
  reload(): Promise<unknown>;
  route(url: string | RegExp, handler: (route: { request(): { url(): string }; fulfill(response: { status?: number; contentType?: string; body?: Buffer | string }): Promise<void> }) => void): Promise<void>;
  mouse: { move(x: number, y: number): Promise<void>; wheel(dx: number, dy: number): Promise<void> };
  on(event: string, listener: (arg: { type?: () => string; text?: () => string; message?: string; dismiss?: () => Promise<void> }) => void): void;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

export interface WebviewPage {
  page: Page;
  /** Uncaught errors and console errors (CSP violations included), in order. */
  pageErrors: string[];
  /** Messages of dialogs the page tried to open (each dismissed). */
  dialogs: string[];
  /** Posts a host message to the webview, as the extension host would; resolves once the webview handled it. */
  send(message: HostMessage): Promise<unknown>;
  /** Serves the panel's HTML again with a CSP for these images and reloads it, as the panel does when the user loads one; resolves on `ready`. */
  reload(images: ImageAllowance): Promise<void>;
  close(): Promise<void>;
}

/** False when Chromium or the built webview bundle is missing (the browser tests then skip). */
export function webviewPageAvailable(): boolean {
  return fs.existsSync(CHROMIUM) && fs.existsSync(BUNDLE);
}

/**
 * Serves the panel's HTML and media/ on loopback and opens it; resolves once the webview said `ready`.
 * `keepState`: what the webview saves with setState survives `reload`, as VS Code keeps it.
 */
export async function openWebviewPage(title: string, options: { beforeOpen?: (page: Page) => Promise<void>; keepState?: boolean } = {}): Promise<WebviewPage> {
  let images: ImageAllowance | undefined;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(historyHtml({ cspSource: origin, nonce: 'test-nonce', scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/history.css`, codiconUri: `${origin}/dist/codicon.css`, title, images }));
      return;
    }
    const file = path.join(MEDIA, path.normalize(url.pathname));
    if (!file.startsWith(MEDIA) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as { chromium: { launch(o: object): Promise<Browser> } };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error.message)));
  page.on('console', (message) => {
    const text = message.text?.() ?? '';
    if (message.type?.() === 'error' && !/Failed to load resource/.test(text)) pageErrors.push(text);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message ?? 'dialog');
    void dialog.dismiss?.();
  });
  await page.addInitScript((keepState: boolean) => {
    const w = window as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: unknown; sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void } };
    w.__posted = [];
    // With keepState the page's sessionStorage, which outlives a reload, holds a copy of the state.
    const saved = keepState ? w.sessionStorage.getItem('__state') : null;
    if (saved) w.__state = JSON.parse(saved);
    const setState = (s: unknown) => {
      w.__state = s;
      if (keepState) w.sessionStorage.setItem('__state', JSON.stringify(s));
    };
    w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__posted.push(m), getState: () => w.__state, setState });
  }, options.keepState === true);
  await options.beforeOpen?.(page);
  const ready = () => page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await ready();
  return {
    page,
    pageErrors,
    dialogs,
    // Resolves once the page has handled the message: a second message posted after it (messages to a
    // window arrive in order) is heard only after the webview's own listener ran for the first.
    send: (message) =>
      page.evaluate(
        (m: never) =>
          new Promise((resolve) => {
            const token = `handled-${Math.random()}`;
            const heard = (e: { data: unknown }) => {
              if (e.data !== token) return;
              window.removeEventListener('message', heard);
              resolve(true);
            };
            window.addEventListener('message', heard);
            window.postMessage(m, '*');
            window.postMessage(token, '*');
          }),
        message,
      ),
    reload: async (next) => {
      images = next;
      await page.reload();
      await ready();
    },
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

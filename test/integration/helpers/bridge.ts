// Client side of the runner's file bridge (test/runner/lib/bridge-host.mjs): lets a test in the extension
// host ask the runner for browser-side actions (screenshots, reading or clicking inside webviews).
// Available only under the code-server runner; tests that need it should call skipWithoutBridge(this).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testEnv } from './env';
import { delay } from './wait';

export interface FrameInfo {
  frameName: string;
  frameUrl: string;
  /** True when the match is inside a webview's frame. */
  isWebview: boolean;
}
export interface QueryResult extends FrameInfo {
  text: string;
  html: string;
  screenshot?: string;
}
export interface QueryOptions {
  /** Only elements whose text contains this. */
  hasText?: string;
  /** How long the runner keeps looking, in ms (default 15000). */
  timeout?: number;
}

export function bridgeAvailable(): boolean {
  return Boolean(testEnv.bridgeDir);
}

/** Marks the current test pending when there is no browser bridge (e.g. under @vscode/test-electron). */
export function skipWithoutBridge(context: Mocha.Context): void {
  if (!bridgeAvailable()) context.skip();
}

async function request<T>(action: string, params: object, timeoutMs: number): Promise<T> {
  const dir = testEnv.bridgeDir;
  if (!dir) throw new Error('no browser bridge: MANAGED_AGENTS_TEST_BRIDGE is not set (only the code-server runner has one)');
  const id = `${Date.now()}-${crypto.randomBytes(4).toString('hex')}`;
  const tmp = path.join(dir, `${id}.tmp-req`);
  fs.writeFileSync(tmp, JSON.stringify({ action, params }));
  fs.renameSync(tmp, path.join(dir, `${id}.req.json`)); // the runner never sees half a request
  const responseFile = path.join(dir, `${id}.res.json`);
  const deadline = Date.now() + timeoutMs + 5_000; // the runner's own timeout comes first
  while (!fs.existsSync(responseFile)) {
    if (Date.now() > deadline) throw new Error(`browser bridge: no answer to ${action} within ${timeoutMs} ms`);
    await delay(50);
  }
  const response = JSON.parse(fs.readFileSync(responseFile, 'utf8')) as { ok: boolean; result?: T; error?: string };
  fs.rmSync(responseFile, { force: true });
  if (!response.ok) throw new Error(`browser bridge: ${action} failed: ${response.error}`);
  return response.result as T;
}

export const browser = {
  /** Screenshot of the whole workbench into test-results/screenshots/<name>.png; returns the path. */
  async screenshot(name: string): Promise<string> {
    return (await request<{ path: string }>('screenshot', { name }, 15_000)).path;
  },
  /** First element matching `selector` in the workbench or any webview frame. */
  query(selector: string, options: QueryOptions & { screenshot?: string } = {}): Promise<QueryResult> {
    return request<QueryResult>('query', { selector, ...options }, options.timeout ?? 15_000);
  },
  /** Inner texts of all elements matching `selector` (in the first frame that has any). */
  async queryAll(selector: string, options: QueryOptions = {}): Promise<string[]> {
    return (await request<{ texts: string[] }>('queryAll', { selector, ...options }, options.timeout ?? 15_000)).texts;
  },
  /** Clicks the first element matching `selector` (webviews included). */
  click(selector: string, options: QueryOptions = {}): Promise<FrameInfo> {
    return request<FrameInfo>('click', { selector, ...options }, options.timeout ?? 15_000);
  },
  /**
   * Sets the scroll position of the first element matching `selector` (webviews included), as a reader
   * scrolling it; with `until`, keeps scrolling back there every frame until an element matching `until`
   * (containing `untilText`) appears in the same document.
   */
  scroll(
    selector: string,
    top: number,
    options: QueryOptions & { until?: string; untilText?: string } = {},
  ): Promise<FrameInfo & { scrollTop: number; scrollHeight: number; clientHeight: number; scrolls: number; reached: boolean }> {
    return request('scroll', { selector, top, ...options }, options.timeout ?? 15_000);
  },
  /** Presses a key in the workbench, e.g. "Escape". */
  async press(key: string): Promise<void> {
    await request('press', { key }, 10_000);
  },
};

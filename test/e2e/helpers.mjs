// Helpers for e2e specs: drive the VS Code workbench in Chromium the way a user does (mouse and keyboard
// on the real workbench; nothing calls the extension's API), and watch the simulator from the outside.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeFrame, findFrameWithSelector } from '../runner/lib/browser.mjs';
import { screenshotPage } from '../runner/lib/bridge-host.mjs';
import { SCREENSHOTS_DIR, safeFileName } from '../runner/lib/util.mjs';

/** `new RegExp` matching exactly `text` (for labels that are prefixes of other labels). */
export function exactly(text) {
  return new RegExp(`^\\s*${String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  /** Wait until the workbench is up with our extension under development loaded. */
  async ready({ timeout = 60000 } = {}) {
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
    // The title says so only when the workbench really runs an extension under development.
    await this.page.locator('.window-title', { hasText: '[Extension Development Host]' }).first()
      .waitFor({ timeout: 15000 })
      .catch(() => { throw new Error('the workbench is up but not as an Extension Development Host (extension not loaded)'); });
    // Our view container's icon is in the activity bar once the workbench has registered the installed
    // extensions. Before that, "Preferences: Color Theme" opens a picker with no themes that stays
    // empty (1 start in 3 here when it was opened as soon as the title showed; never once after this).
    await this.page.locator('.activitybar a.action-label[aria-label="Managed Agents"]').waitFor({ timeout });
  }

  // ---- quick input (command palette, quick picks) --------------------------------------------------

  get quickInput() {
    return this.page.locator('.quick-input-widget input');
  }

  /** What the quick input shows (visible or not, its text, its first rows) and which element has focus, for a failure's message; with a screenshot. */
  async quickInputState() {
    const shot = await screenshotPage(this.page, 'e2e-quick-input').catch(() => undefined);
    const state = await this.page.evaluate(() => {
      const widget = document.querySelector('.quick-input-widget');
      const input = widget?.querySelector('input');
      const rows = [...(widget?.querySelectorAll('.monaco-list-row .label-name') ?? [])].slice(0, 5).map((e) => e.textContent?.trim());
      const active = document.activeElement;
      return {
        visible: Boolean(widget && getComputedStyle(widget).display !== 'none'),
        value: input?.value,
        rows,
        focus: active ? `${active.tagName.toLowerCase()}${active.className ? `.${String(active.className).split(' ').join('.')}` : ''}` : 'none',
      };
    }).catch((error) => ({ error: String(error) }));
    return `${JSON.stringify(state)}${shot ? `; screenshot ${shot}` : ''}`;
  }

  /** The rows of the open quick input whose label is exactly `label` (or matches a RegExp). */
  quickPickRow(label) {
    const text = label instanceof RegExp ? label : exactly(label);
    return this.page.locator('.quick-input-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: text }) });
  }

  /**
   * Run a command from the palette as a user would: F1, type the title, then click the entry with exactly
   * that title (not Enter: fuzzy matching may rank another entry first, and the list may still re-sort).
   * Retries while the extension host is still registering contributions.
   */
  async runCommand(title, { timeout = 30000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.page.keyboard.press('F1');
      await this.quickInput.waitFor({ state: 'visible', timeout: 10000 });
      const row = this.quickPickRow(title).first();
      try {
        // The palette closes when something else takes the focus (a webview that just opened): try again.
        await this.quickInput.fill(`>${title}`, { timeout: 5000 });
        await row.waitFor({ state: 'visible', timeout: 5000 });
        await row.click({ timeout: 5000 });
        return;
      } catch {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline) throw new Error(`the command palette has no entry "${title}" after ${timeout} ms`);
      }
    }
  }

  /**
   * In the open quick pick: type `filter` (optional), wait for an entry matching `label` (string = label
   * contains it, RegExp = label matches) and click it. (A click, not arrows + Enter: lists that load
   * asynchronously reset the focus when their items arrive.) Returns the row's text.
   */
  async pick(label, { filter, timeout = 15000 } = {}) {
    await this.quickInput.waitFor({ state: 'visible', timeout });
    if (filter !== undefined) await this.quickInput.fill(filter);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) }).first();
    await row.waitFor({ state: 'visible', timeout });
    const text = (await row.innerText()).trim();
    await row.click();
    // Accepted: the quick input closes, or shows the next step (another list) in its place.
    await Promise.race([
      this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout }),
      row.waitFor({ state: 'detached', timeout }),
    ]).catch(() => {});
    return text;
  }

  /** Preferences: Color Theme, then the theme by its label ("Light 2026", "Dark High Contrast"...). */
  async setColorTheme(label) {
    await this.runCommand('Preferences: Color Theme');
    // The theme list replaces the palette: type only once it is there.
    await this.quickPickRow(/^\s*(Light|Dark) 2026\s*$/).first().waitFor({ timeout: 15000 }).catch(async (error) => {
      // Say what was on screen, not only the timeout.
      throw new Error(`the theme list did not show after "Preferences: Color Theme": ${await this.quickInputState()} (${error.message.split('\n')[0]})`);
    });
    await this.pick(exactly(label), { filter: label });
  }

  // ---- the Managed Agents side bar ------------------------------------------------------------------

  get sidebar() {
    return this.page.locator('[id="workbench.parts.sidebar"]');
  }

  /** Click the Managed Agents icon in the activity bar (unless its view is already showing) and wait for rows. */
  async openSessionsView({ timeout = 20000 } = {}) {
    const icon = this.page.locator('.activitybar .action-item', { has: this.page.locator('a.action-label[aria-label="Managed Agents"]') });
    await icon.waitFor({ timeout });
    const showing = await icon.evaluate((e) => e.classList.contains('checked')) && await this.sidebar.isVisible();
    if (!showing) await icon.click();
    await this.sidebar.locator('.monaco-list-row .custom-view-tree-node-item').first().waitFor({ timeout });
  }

  /** The sessions tree row whose label is exactly `label` (or matches a RegExp). */
  sessionRow(label) {
    const text = label instanceof RegExp ? label : exactly(label);
    return this.sidebar.locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: text }) });
  }

  /** `aria-label`s of all rows in the sessions tree ("title, Status, description"). */
  async sessionRows() {
    return this.sidebar.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  }

  /** The codicon classes of a row's icon, e.g. ["codicon-sync", "codicon-modifier-spin"]. */
  async rowIcon(label) {
    const cls = await this.sessionRow(label).locator('.custom-view-tree-node-item-icon').getAttribute('class', { timeout: 10000 });
    return cls.split(/\s+/).filter((c) => c.startsWith('codicon-'));
  }

  /** Click a button in the view's title bar by its tooltip ("Refresh Sessions", "Show Archived Sessions"...). */
  async clickViewAction(label) {
    // While the view has the focus, an action with a keybinding there says it: "Refresh Sessions (Ctrl+Alt+R)".
    await this.sidebar.locator(`.action-label[aria-label="${label}"]:visible, .action-label[aria-label^="${label} ("]:visible`).first().click();
  }

  /** Hover a row and click one of its inline actions ("Open History"...). */
  async clickRowAction(rowLabel, action) {
    const row = this.sessionRow(rowLabel);
    await row.hover();
    await row.locator(`.action-label[aria-label="${action}"]`).click();
  }

  /** Right-click a row: the enabled entries of its context menu, in order; the menu is closed again. */
  async contextMenu(rowLabel) {
    await this.sessionRow(rowLabel).click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 10000 });
    const items = await menu.locator('.action-item:not(.disabled) .action-label').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()).filter(Boolean));
    await this.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached', timeout: 5000 });
    return items;
  }

  /**
   * Click an entry of the open context menu. A menu entry takes no click in its first 100 ms (VS Code
   * keeps the right-click's own release from choosing an entry): a click it ignored leaves the menu
   * open, so the entry is clicked until the menu closes.
   */
  async chooseInMenu(label, { timeout = 10000 } = {}) {
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout });
    const entry = menu.locator('.action-item:not(.disabled) .action-label', { hasText: exactly(label) });
    for (const deadline = Date.now() + timeout; ; ) {
      await entry.click({ timeout: 2000 }).catch(() => undefined);
      if (await menu.waitFor({ state: 'detached', timeout: 500 }).then(() => true, () => false)) return;
      if (Date.now() > deadline) throw new Error(`the context menu entry "${label}" took no click in ${timeout} ms`);
    }
  }

  /** Drag the sash between the side bar and the editor so the side bar is `width` px wide. */
  async resizeSidebar(width) {
    const box = await this.sidebar.boundingBox();
    if (!box || Math.abs(box.width - width) < 4) return;
    const y = box.y + box.height / 2;
    const x = box.x + box.width + 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width + 2, y, { steps: 5 });
    await this.page.mouse.up();
  }

  // ---- webviews -------------------------------------------------------------------------------------

  /** First element matching `selector` in the workbench or any webview (nested iframes), with its frame. */
  async find(selector, { timeout = 15000, hasText } = {}) {
    const { frame, element } = await findFrameWithSelector(this.page, selector, { timeout, hasText });
    return { frame, element, ...describeFrame(frame) };
  }

  /** Inner text of the first element matching `selector` in any frame (webviews included). */
  async text(selector, options) {
    const { element } = await this.find(selector, options);
    return (await element.innerText()).trim();
  }

  /**
   * The inner frame of the session history webview whose header shows `title` (workbench > iframe.webview >
   * active-frame), once its transcript has rows.
   * @returns {Promise<import('playwright-core').Frame>}
   */
  async historyFrame(title, { timeout = 20000 } = {}) {
    const { frame } = await this.find('h1.session-title', { hasText: title, timeout });
    await frame.locator('.list .row').first().waitFor({ timeout });
    return frame;
  }

  // ---- notifications and pictures -------------------------------------------------------------------

  /** Text of the first notification toast containing `text`. */
  async notification(text, { timeout = 15000 } = {}) {
    const toast = this.page.locator('.notification-toast', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout });
    return (await toast.innerText()).trim();
  }

  /**
   * Screenshot into test-results/screenshots/<name>.png: the whole workbench, or `clip`
   * ({ x, y, width, height } in page pixels), or the union of `locators`' boxes plus `padding`.
   */
  async screenshot(name, { clip, locators, padding = 0 } = {}) {
    if (!clip && !locators) return screenshotPage(this.page, name);
    if (locators) {
      const boxes = (await Promise.all(locators.map((l) => l.boundingBox()))).filter(Boolean);
      if (!boxes.length) throw new Error(`screenshot ${name}: nothing to frame`);
      const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - padding);
      const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - padding);
      clip = { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) + padding - x, height: Math.max(...boxes.map((b) => b.y + b.height)) + padding - y };
    }
    const viewport = this.page.viewportSize();
    if (viewport) {
      clip = { ...clip, width: Math.min(clip.width, viewport.width - clip.x), height: Math.min(clip.height, viewport.height - clip.y) };
    }
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    const file = path.join(SCREENSHOTS_DIR, `${safeFileName(name)}.png`);
    await this.page.screenshot({ path: file, clip });
    return file;
  }

  /** Close palettes, menus and toasts left open by a spec, and move the mouse off any hover. */
  /**
   * Closes every editor, discarding unsaved changes ("Don't Save" when VS Code asks). A dirty buffer
   * left by a failed spec would otherwise come back after a reload and stop the next spec at the dialog.
   */
  async discardEditors() {
    await this.runCommand('View: Close All Editors');
    const dialog = this.page.locator('.monaco-dialog-box');
    const tab = this.page.locator('.editor-group-container .tab').first();
    await this.page.waitForFunction(() => !document.querySelector('.editor-group-container .tab') || document.querySelector('.monaco-dialog-box'), null, { timeout: 10000 });
    if (await dialog.count()) await dialog.locator('.monaco-button', { hasText: "Don't Save" }).click();
    await tab.waitFor({ state: 'detached', timeout: 10000 });
  }

  /**
   * Types `lines` into the focused editor, each followed by Enter: it waits for the editor to show a
   * line before pressing Enter, and for the cursor to reach the next line before typing on. Typed in
   * one burst, far faster than anyone types, an Enter was now and then lost in the whole e2e run (the
   * line ran on into the next); each step now waits for the editor to catch up, and says which Enter
   * did not land.
   */
  async typeLines(editor, lines) {
    const cursor = this.page.locator('.statusbar-item[id="status.editor.selection"]');
    for (const line of lines) {
      await this.page.keyboard.type(line);
      await editor.locator('.view-line', { hasText: line }).first().waitFor({ timeout: 10000 });
      const lineNumber = Number(/Ln (\d+)/.exec(await cursor.innerText())?.[1]);
      await this.page.keyboard.press('Enter');
      await cursor
        .filter({ hasText: new RegExp(`^Ln ${lineNumber + 1}, Col \\d+`) })
        .waitFor({ timeout: 10000 })
        .catch(async () => {
          throw new Error(`Enter after "${line}" did not move the cursor to line ${lineNumber + 1}: the status bar says "${await cursor.innerText()}"`);
        });
    }
  }

  async dismiss() {
    for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
    const viewport = this.page.viewportSize();
    if (viewport) await this.page.mouse.move(viewport.width - 5, viewport.height / 2);
  }

  // ---- keyboard only ----------------------------------------------------------------------------------

  /**
   * Run a command from the palette with the keyboard only: F1, type the title, move the list focus to
   * the entry with exactly that title (Down arrow), Enter.
   */
  async runCommandByKeyboard(title, { timeout = 30000 } = {}) {
    const deadline = Date.now() + timeout;
    const focusedLabel = () => this.page.locator('.quick-input-widget .monaco-list-row.focused .label-name').first().innerText({ timeout: 2000 }).catch(() => '');
    for (;;) {
      await this.page.keyboard.press('F1');
      await this.quickInput.waitFor({ state: 'visible', timeout: 10000 });
      await this.page.keyboard.type(`${title}`);
      try {
        await this.quickPickRow(title).first().waitFor({ state: 'visible', timeout: 5000 });
        for (let i = 0; i < 10 && !exactly(title).test(await focusedLabel()); i++) await this.page.keyboard.press('ArrowDown');
        if (!exactly(title).test(await focusedLabel())) throw new Error(`the palette does not focus "${title}"`);
        await this.page.keyboard.press('Enter');
        return;
      } catch (e) {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline) throw new Error(`could not run "${title}" with the keyboard: ${e.message}`);
      }
    }
  }

  /**
   * With the keyboard only: "Focus on Sessions View" from the palette until the sessions tree has the
   * focus (the first time the view opens in a window, VS Code shows it but focuses nothing while the
   * tree is being created; the same command again focuses the list), then Home and Down to the row
   * whose name starts with `title`. Returns the names of the rows passed on the way.
   */
  async arrowToSessionRow(title) {
    const treeFocused = () => this.page.waitForFunction(() => Boolean(document.activeElement?.closest('[id="workbench.parts.sidebar"] .monaco-list')), null, { timeout: 3000 }).then(() => true, () => false);
    for (let attempt = 1; ; attempt++) {
      await this.runCommandByKeyboard('Managed Agents: Focus on Sessions View');
      if (await treeFocused()) break;
      if (attempt === 3) throw new Error('Focus on Sessions View did not focus the sessions tree');
    }
    await this.sessionRow(title).waitFor({ timeout: 15000 });
    await this.page.keyboard.press('Home');
    const passed = [];
    for (let i = 0; i < 30 && !(await this.focusedSessionRow()).startsWith(`${title},`); i++) {
      passed.push(await this.focusedSessionRow());
      await this.page.keyboard.press('ArrowDown');
    }
    if (!(await this.focusedSessionRow()).startsWith(`${title},`)) throw new Error(`arrowing never reached "${title}"; rows heard: ${JSON.stringify(passed)}`);
    return passed;
  }

  /** The `aria-label` of the row that has the keyboard focus in the sessions tree ('' if none). */
  async focusedSessionRow() {
    return (await this.sidebar.locator('.monaco-list-row.focused').first().getAttribute('aria-label', { timeout: 2000 }).catch(() => null)) ?? '';
  }

  /**
   * In a webview frame: what has the keyboard focus, as a short description ("textarea.draft",
   * "div.row[session.status_idle]", "button[send]", "body").
   */
  static async describeFocus(frame) {
    return frame.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return 'body';
      const tag = element.tagName.toLowerCase();
      const cls = [...element.classList][0];
      const extra = element.dataset.type ?? element.dataset.action ?? element.dataset.kind;
      return `${tag}${cls ? `.${cls}` : ''}${extra ? `[${extra}]` : ''}`;
    });
  }

  /** Press `key` in the focused frame until `done(focusDescription)` holds; returns the descriptions seen. */
  async pressUntilFocus(frame, key, done, { max = 40 } = {}) {
    const seen = [];
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press(key);
      const focus = await Workbench.describeFocus(frame);
      seen.push(focus);
      if (done(focus)) return seen;
    }
    throw new Error(`${key} x${max} never reached the wanted element; focus went through: ${seen.join(' > ')}`);
  }
}

/**
 * The API simulator seen from outside the extension: its control endpoints (`/_sim/...`, no auth) to
 * arrange data "elsewhere" and read the request log, and its `/v1` API with the run's key to look things up.
 */
export class SimulatorControl {
  /** @param {{ url: string, apiKey: string }} simulator */
  constructor(simulator) {
    this.url = simulator.url;
    this.apiKey = simulator.apiKey;
  }

  async control(method, route, body) {
    const res = await fetch(`${this.url}/_sim${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator ${method} /_sim${route}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  }

  async api(route) {
    const res = await fetch(`${this.url}/v1${route}`, {
      headers: { 'x-api-key': this.apiKey, 'anthropic-version': '2023-06-01', 'anthropic-beta': 'managed-agents-2026-04-01' },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator GET /v1${route}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  /** POST a JSON body to the `/v1` API with the run's key. */
  async post(route, body) {
    const res = await fetch(`${this.url}/v1${route}`, {
      method: 'POST',
      headers: { 'x-api-key': this.apiKey, 'anthropic-version': '2023-06-01', 'anthropic-beta': 'managed-agents-2026-04-01', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator POST /v1${route}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  /** Create a session "elsewhere" for the named agent (and environment, default the first one). */
  async createSession({ agentName, environmentName, ...body }) {
    const [agents, environments] = await Promise.all([this.api('/agents?limit=100'), this.api('/environments?limit=100')]);
    const agent = agents.data.find((a) => a.name === agentName && !a.archived_at);
    if (!agent) throw new Error(`the simulator has no agent "${agentName}"`);
    const environment = environmentName ? environments.data.find((e) => e.name === environmentName) : environments.data[0];
    if (!environment) throw new Error(`the simulator has no environment "${environmentName}"`);
    return this.control('POST', '/sessions', { agent: agent.id, environment_id: environment.id, ...body });
  }

  /** Log raw events on a session (a `session.status_*` event also sets its status). */
  async appendEvents(sessionId, events) {
    return (await this.control('POST', `/sessions/${encodeURIComponent(sessionId)}/events`, { events })).data;
  }

  /** The `/v1` request log: [{ method, path, query, status, time, ... }]. */
  async requests() {
    return (await this.control('GET', '/requests')).data;
  }

  async clearRequests() {
    await this.control('DELETE', '/requests');
  }
}

/** Poll `probe` until it returns a truthy value (returned) or `timeout` ms pass (throws with `what`). */
export async function waitFor(what, probe, { timeout = 10000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export { assert };

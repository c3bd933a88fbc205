// Helpers for e2e specs: drive the VS Code workbench in Chromium the way a user does.
import assert from 'node:assert/strict';
import { describeFrame, findFrameWithSelector } from '../runner/lib/browser.mjs';
import { screenshotPage } from '../runner/lib/bridge-host.mjs';

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
  }

  /**
   * Run a command from the palette as a user would: F1, type the title, Enter on the matching entry.
   * Retries while the extension host is still registering contributions.
   */
  async runCommand(title, { timeout = 30000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill(`>${title}`);
      const focusedRow = this.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title });
      try {
        await focusedRow.waitFor({ state: 'visible', timeout: 5000 });
        await this.page.keyboard.press('Enter');
        return;
      } catch {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline) throw new Error(`the command palette has no entry "${title}" after ${timeout} ms`);
      }
    }
  }

  /** Text of the first notification toast containing `text`. */
  async notification(text, { timeout = 15000 } = {}) {
    const toast = this.page.locator('.notification-toast', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout });
    return (await toast.innerText()).trim();
  }

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

  /** Screenshot of the whole workbench into test-results/screenshots/<name>.png. */
  screenshot(name) {
    return screenshotPage(this.page, name);
  }

  /** Close palettes, menus and toasts left open by a spec. */
  async dismiss() {
    for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
  }
}

export { assert };

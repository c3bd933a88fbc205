// The session history webview: a user opens a session's history from its row, reads the transcript,
// replies in the reply box and watches the agent's answer arrive; then looks at it, and at each tab of its
// inspector, in other color themes.
import { assert } from '../helpers.mjs';

const SESSION = 'Fix flaky greet test';
const THEMES = { dark: 'Dark 2026', light: 'Light 2026', highContrast: 'Dark High Contrast' }; // labels in "Preferences: Color Theme"

export default {
  name: 'history: open from the row, read the transcript, reply and see the answer; the panel and its inspector\'s tabs in dark, light and high contrast',
  timeout: 150000,
  async run({ workbench, page }) {
    await workbench.openSessionsView();
    await workbench.clickRowAction(SESSION, 'Open History');
    await page.locator('.tabs-container .tab.active', { hasText: `History: ${SESSION}` }).waitFor({ timeout: 15000 });
    const frame = await workbench.historyFrame(SESSION);

    // Header: title, status and the agent.
    assert.equal(await frame.locator('h1.session-title').innerText(), SESSION);
    assert.equal((await frame.locator('.header .status').innerText()).trim(), 'idle');
    assert.match(await frame.locator('.header .meta').innerText(), /Agent Repo maintainer v3/);
    // Transcript: the list sticks to the bottom, so the last turn is on screen.
    await frame.locator('.list .row[data-type="user.message"]', { hasText: 'Great, please also add a regression test.' }).waitFor({ timeout: 10000 });
    await frame.locator('.list .row[data-type="agent.message"]', { hasText: 'Added test/greet.regression.test.ts' }).waitFor({ timeout: 10000 });
    assert.equal(await frame.locator('.list .row').last().getAttribute('data-type'), 'session.status_idle');
    const before = eventCount(await frame.locator('.count').innerText());
    assert.ok(before >= 20, `the seeded history has two full turns (${before} events)`);

    // Reply: type in the reply box and press Enter.
    const reply = `Please also run the linter (e2e ${Date.now().toString(36)})`;
    await frame.locator('textarea.draft').click();
    await page.keyboard.type(reply);
    await page.keyboard.press('Enter');
    const sent = frame.locator('.list .row[data-type="user.message"]', { hasText: reply });
    await sent.waitFor({ timeout: 10000 });
    assert.equal(await frame.locator('textarea.draft').inputValue(), '', 'the reply box is cleared once sent');

    // The agent's answer streams in after it: running, a message quoting the reply, a tool call, idle again.
    await frame.waitForFunction((text) => {
      const rows = [...document.querySelectorAll('.list .row:not(.preview)')];
      const at = rows.findIndex((r) => r.dataset.type === 'user.message' && r.textContent.includes(text));
      const after = rows.slice(at + 1).map((r) => r.dataset.type);
      return at >= 0 && after[0] === 'session.status_running' && after.includes('agent.tool_use') &&
        after.includes('agent.message') && after[after.length - 1] === 'session.status_idle';
    }, reply, { timeout: 20000 });
    const answer = await frame.locator('.list .row[data-type="agent.message"]', { hasText: 'Looking into' }).last().innerText();
    assert.ok(answer.includes(reply.slice(0, 30)), `the answer quotes the reply: ${answer}`);
    await frame.locator('.header .status', { hasText: 'idle' }).waitFor({ timeout: 10000 });
    assert.ok(eventCount(await frame.locator('.count').innerText()) > before + 5, 'the new turn added events');

    // A row's context menu (VS Code's own, from the manifest's webview/context) offers a link to that event
    // (not Open in Console: the simulator runs on this machine, and the Console cannot show its sessions).
    await frame.locator('.list .row[data-type="agent.message"]', { hasText: 'Looking into' }).last().click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 10000 });
    const entries = await menu.locator('.action-item:not(.disabled) .action-label').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()).filter(Boolean));
    assert.ok(entries.includes('Copy Link to Event'), `the row's menu: ${JSON.stringify(entries)}`);
    assert.ok(!entries.includes('Open in Console'), `the row's menu: ${JSON.stringify(entries)}`);
    await workbench.chooseInMenu('Copy Link to Event');
    await page.locator('[id="workbench.parts.statusbar"]', { hasText: 'Copied a link to event ' }).waitFor({ timeout: 10000 });

    // Pictures of the panel (the editor area) in three themes. The webview follows the theme (its body class becomes vscode-light...).
    const editorPart = page.locator('[id="workbench.parts.editor"]');
    await workbench.dismiss();
    await workbench.find('body.vscode-dark h1.session-title', { hasText: SESSION, timeout: 10000 });
    await workbench.screenshot('history-dark', { locators: [editorPart] });
    // The Events tab shows the row that last had the focus: the answer's tool call.
    await frame.locator('.list .row[data-type="agent.tool_use"]').last().focus();
    await inspectorPictures(workbench, frame, 'dark');
    try {
      await workbench.setColorTheme(THEMES.light);
      await workbench.find('body.vscode-light h1.session-title', { hasText: SESSION, timeout: 10000 });
      await page.locator('.monaco-workbench.vs').waitFor({ timeout: 10000 });
      await workbench.dismiss();
      await workbench.screenshot('history-light', { locators: [editorPart] });
      await inspectorPictures(workbench, frame, 'light');

      await workbench.setColorTheme(THEMES.highContrast);
      await workbench.find('body.vscode-high-contrast h1.session-title', { hasText: SESSION, timeout: 10000 });
      await workbench.dismiss();
      await workbench.screenshot('history-high-contrast', { locators: [editorPart] });
      await inspectorPictures(workbench, frame, 'high-contrast');
    } finally {
      await workbench.dismiss();
      await workbench.setColorTheme(THEMES.dark);
    }
    await workbench.find('body.vscode-dark h1.session-title', { hasText: SESSION, timeout: 10000 });
  },
};

/** What each inspector tab shows once its content is in (not a loading line). */
const INSPECTOR_TABS = {
  session: '.inspector-fields',
  tools: '.tools-table',
  threads: ':is(.inspector-threads, .inspector-empty, .inspector-error)',
  events: '.inspector-json',
};

/** Opens the inspector, takes a picture of each tab (the header above it included), and closes it. */
async function inspectorPictures(workbench, frame, theme) {
  const toggle = frame.locator('[data-action="toggle-inspector"]');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  for (const [tab, content] of Object.entries(INSPECTOR_TABS)) {
    await frame.locator(`#inspector-tab-${tab}`).click();
    await frame.locator(`#inspector-panel-${tab}:not([hidden]) ${content}`).first().waitFor({ timeout: 15000 });
    await workbench.dismiss();
    await workbench.screenshot(`inspector-${tab}-${theme}`, { locators: [frame.locator('.header'), frame.locator('#inspector')] });
  }
  await frame.locator('#inspector-tab-session').click();
  await toggle.click();
  await frame.locator('#inspector[hidden]').waitFor({ state: 'attached', timeout: 5000 });
}

function eventCount(text) {
  const match = /(\d+) events/.exec(text);
  assert.ok(match, `event count "${text}"`);
  return Number(match[1]);
}

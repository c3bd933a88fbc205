// Keyboard only, and what a screen reader gets: a user focuses the Sessions view from the palette, arrows
// to a session, opens its history with Enter, moves through the panel with Tab and the arrow keys, types
// a reply and sends it, without the mouse. Then the roles, labels and states the panel exposes.
import { Workbench, assert } from '../helpers.mjs';

const SESSION = 'Fix flaky greet test';

export default {
  name: 'keyboard and screen reader: Sessions view -> arrow to a session -> Enter opens its history -> Tab to the reply box -> send; ARIA roles, labels and states',
  timeout: 90000,
  async run({ workbench, page }) {
    await workbench.discardEditors();

    // 1 and 2. The Sessions view from the palette, then the arrows down to the session. Each row says
    // what it shows, its time spelled out, then its status in words.
    const heard = await workbench.arrowToSessionRow(SESSION);
    const label = await workbench.focusedSessionRow();
    assert.match(label, /^Fix flaky greet test, Repo maintainer · (just now|\d+ (minute|hour|day)s? ago), Idle(, stopped: [\w ]+)?$/, label);
    for (const row of heard.filter(Boolean)) assert.doesNotMatch(row, /\b\d+ (min|h|d) ago\b/, `abbreviated time read out: ${row}`);

    // 3. Enter opens its history, and the panel takes the focus.
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: `History: ${SESSION}` }).waitFor({ timeout: 15000 });
    const frame = await workbench.historyFrame(SESSION);
    await frame.waitForFunction(() => document.hasFocus(), null, { timeout: 10000 });
    await frame.locator('.list[aria-busy="false"]').waitFor({ timeout: 10000 });

    // 4. Tab: header buttons, the chips toolbar (one stop), search, the transcript (one row), reply box.
    const path = await workbench.pressUntilFocus(frame, 'Tab', (focus) => focus === 'textarea.draft');
    assert.ok(path.length <= 15, `Tab takes ${path.length} steps to the reply box: ${path.join(' > ')}`);
    assert.equal(path.filter((focus) => focus.startsWith('button.chip')).length, 1, `the chips are one Tab stop: ${path.join(' > ')}`);
    const rowStops = path.filter((focus) => focus.startsWith('div.row'));
    assert.deepEqual(rowStops, ['div.row[session.status_idle]'], `the transcript is one Tab stop, its newest row: ${path.join(' > ')}`);

    // 5. Back into the transcript: arrows move between rows, Enter folds and unfolds, Escape returns to the row.
    await workbench.pressUntilFocus(frame, 'Shift+Tab', (focus) => focus.startsWith('div.row'));
    const rowIndex = () => frame.evaluate(() => Number(document.activeElement?.getAttribute('aria-posinset')));
    const last = await rowIndex();
    await page.keyboard.press('ArrowUp');
    assert.equal(await rowIndex(), last - 1, 'ArrowUp focuses the row above');
    await page.keyboard.press('ArrowDown');
    assert.equal(await rowIndex(), last, 'ArrowDown focuses the row below');
    // Up to a row that folds (a tool call), then Enter toggles it and aria-expanded follows.
    await workbench.pressUntilFocus(frame, 'ArrowUp', (focus) => /^div\.row\[agent\.tool_use\]$/.test(focus));
    const expanded = () => frame.evaluate(() => document.activeElement?.querySelector(':scope > .fold > details > summary')?.getAttribute('aria-expanded'));
    const before = await expanded();
    assert.ok(before === 'true' || before === 'false', `the tool call's summary has aria-expanded (${before})`);
    await page.keyboard.press('Enter');
    await frame.waitForFunction((was) => document.activeElement?.querySelector(':scope > .fold > details > summary')?.getAttribute('aria-expanded') !== was, before, { timeout: 5000 });
    assert.equal(await frame.evaluate(() => String(document.activeElement?.querySelector(':scope > .fold > details')?.open)), await expanded(), 'aria-expanded matches the details');
    await page.keyboard.press('Enter');
    await frame.waitForFunction((was) => document.activeElement?.querySelector(':scope > .fold > details > summary')?.getAttribute('aria-expanded') === was, before, { timeout: 5000 });
    await page.keyboard.press('Tab'); // into the row: its summary
    assert.match(await Workbench.describeFocus(frame), /^summary/);
    await page.keyboard.press('Escape');
    assert.match(await Workbench.describeFocus(frame), /^div\.row\[agent\.tool_use\]$/, 'Escape goes back to the row');
    await page.keyboard.press('End');
    assert.equal(await Workbench.describeFocus(frame), 'div.row[session.status_idle]', 'End focuses the newest row');

    // 6. Tab on to the reply box, type, Enter sends.
    await workbench.pressUntilFocus(frame, 'Tab', (focus) => focus === 'textarea.draft');
    const reply = `Sent with the keyboard only (e2e ${Date.now().toString(36)})`;
    await page.keyboard.type(reply);
    await page.keyboard.press('Enter');
    await frame.locator('.list .row[data-type="user.message"]', { hasText: reply }).waitFor({ timeout: 10000 });
    await frame.locator('.header .status', { hasText: 'idle' }).waitFor({ timeout: 20000 });
    assert.equal(await frame.locator('textarea.draft').inputValue(), '');
    assert.equal(await Workbench.describeFocus(frame), 'textarea.draft', 'the focus stays in the reply box after sending');

    // 7. What assistive technology gets from the panel.
    const aria = await frame.evaluate(() => {
      const one = (selector) => document.querySelector(selector);
      const attrs = (element, names) => Object.fromEntries(names.map((n) => [n, element?.getAttribute(n) ?? null]));
      const rows = [...document.querySelectorAll('.list > .row')];
      const summaries = [...document.querySelectorAll('details > summary')];
      return {
        list: attrs(one('.list'), ['role', 'aria-label', 'aria-busy']),
        rowsWithoutLabel: rows.filter((r) => r.getAttribute('role') !== 'listitem' || !r.getAttribute('aria-label') || !r.getAttribute('aria-posinset') || !r.getAttribute('aria-setsize')).length,
        rowCount: rows.length,
        tabbableRows: rows.filter((r) => r.tabIndex === 0).length,
        summariesOutOfSync: summaries.filter((s) => s.getAttribute('aria-expanded') !== String(s.parentElement.open)).length,
        summaryCount: summaries.length,
        chips: attrs(one('.chips'), ['role', 'aria-label']),
        chipStates: [...document.querySelectorAll('.chip')].map((c) => c.getAttribute('aria-pressed')),
        chipTabStops: [...document.querySelectorAll('.chip')].filter((c) => c.tabIndex === 0).length,
        search: attrs(one('input.search'), ['aria-label']),
        draft: attrs(one('textarea.draft'), ['aria-label', 'aria-describedby']),
        draftHint: document.getElementById('draft-hint')?.textContent ?? null,
        send: attrs(one('button[data-action="send"]'), ['aria-label']),
        status: attrs(one('.header .status'), ['role', 'aria-live']),
        statusGlyphHidden: one('.header .status > [aria-hidden="true"]') !== null,
        connection: attrs(one('.connection-region'), ['role', 'aria-live']),
        connectionText: one('.connection-region')?.textContent ?? null,
        announcer: attrs(one('.sr-only[aria-live]'), ['role', 'aria-live']),
        regions: [...document.querySelectorAll('[role="region"], main, header, section[aria-label]')].map((e) => e.getAttribute('aria-label') ?? e.tagName.toLowerCase()),
        buttonsWithoutName: [...document.querySelectorAll('button')].filter((b) => !(b.getAttribute('aria-label') || b.textContent.trim())).length,
      };
    });
    const what = JSON.stringify(aria, null, 1);
    assert.deepEqual(aria.list, { role: 'list', 'aria-label': 'Session events', 'aria-busy': 'false' }, what);
    assert.ok(aria.rowCount > 10 && aria.rowsWithoutLabel === 0, `every rendered row is a labelled listitem with its place in the list: ${what}`);
    assert.equal(aria.tabbableRows, 1, `one row is the Tab stop: ${what}`);
    assert.ok(aria.summaryCount > 0 && aria.summariesOutOfSync === 0, `every summary's aria-expanded matches its details: ${what}`);
    assert.deepEqual(aria.chips, { role: 'toolbar', 'aria-label': 'Show event kinds' }, what);
    assert.ok(aria.chipStates.length > 5 && aria.chipStates.every((s) => s === 'true' || s === 'false'), what);
    assert.equal(aria.chipTabStops, 1, what);
    assert.equal(aria.search['aria-label'], 'Search events');
    assert.deepEqual(aria.draft, { 'aria-label': 'Reply', 'aria-describedby': 'draft-hint composer-error' }, what);
    assert.match(aria.draftHint ?? '', /Enter sends/);
    assert.equal(aria.send['aria-label'], 'Send reply');
    assert.deepEqual(aria.status, { role: 'status', 'aria-live': 'polite' }, what);
    assert.ok(aria.statusGlyphHidden, 'the status glyph is hidden from screen readers');
    assert.deepEqual(aria.connection, { role: 'status', 'aria-live': 'polite' }, what);
    assert.equal(aria.connectionText, 'Connection: live');
    assert.deepEqual(aria.announcer, { role: 'status', 'aria-live': 'polite' }, what);
    for (const region of ['Filter events', 'Transcript', 'Reply to the agent']) assert.ok(aria.regions.includes(region), `landmark "${region}": ${what}`);
    assert.equal(aria.buttonsWithoutName, 0, `every button has a name: ${what}`);

    // The chips toolbar: arrows move, Space toggles, aria-pressed follows.
    await frame.locator('.chip').first().focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-kind')), 'agent', 'ArrowRight moves to the next chip');
    await page.keyboard.press('Space');
    assert.equal(await frame.locator('.chip[data-kind="agent"]').getAttribute('aria-pressed'), 'false');
    await page.keyboard.press('Space');
    assert.equal(await frame.locator('.chip[data-kind="agent"]').getAttribute('aria-pressed'), 'true');
  },
};

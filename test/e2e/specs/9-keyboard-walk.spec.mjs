// Keyboard only, every control of the history panel: a user opens a session waiting on two tool calls from
// the Sessions view, hides and shows a kind of event, searches, folds a tool call, walks through the
// inspector's tabs (the tool figures, the folded call's JSON, Copy), denies one call with a reason and
// allows the other, replies, and exports the transcript, pressing keys and never the mouse (no click and
// no programmatic focus after the first key).
import fs from 'node:fs';
import { SimulatorControl, assert, waitFor } from '../helpers.mjs';

const TITLE = 'Keyboard walk: deploy the docs';

export default {
  name: 'keyboard only: open the panel, filter, search, fold, walk the inspector, deny with a reason, allow, reply and export, with no mouse',
  timeout: 150000,
  async run({ workbench, page, simulator }) {
    const sim = new SimulatorControl(simulator);
    const session = await sim.createSession({ agentName: 'Repo maintainer', title: TITLE });
    const at = () => new Date().toISOString();
    await sim.appendEvents(session.id, [
      { id: 'kw_user', type: 'user.message', content: [{ type: 'text', text: 'Build the docs and publish them.' }], processed_at: at() },
      { id: 'kw_running', type: 'session.status_running', processed_at: at() },
      { id: 'kw_agent', type: 'agent.message', content: [{ type: 'text', text: 'Building the **docs** first, then publishing.' }], processed_at: at() },
      { id: 'kw_build', type: 'agent.tool_use', name: 'bash', input: { command: 'npm run docs' }, evaluated_permission: 'allow', processed_at: at() },
      { id: 'kw_build_result', type: 'agent.tool_result', tool_use_id: 'kw_build', content: [{ type: 'text', text: 'docs built in 4 s' }], is_error: false, processed_at: at() },
      { id: 'kw_publish', type: 'agent.tool_use', name: 'publish', input: { target: 'production' }, evaluated_permission: 'ask', processed_at: at() },
      { id: 'kw_notify', type: 'agent.tool_use', name: 'notify', input: { channel: '#docs' }, evaluated_permission: 'ask', processed_at: at() },
      { id: 'kw_idle', type: 'session.status_idle', stop_reason: { type: 'requires_action', event_ids: ['kw_publish', 'kw_notify'] }, stop_details: null, processed_at: at() },
    ]);
    await workbench.runCommand('Managed Agents: Refresh Sessions');
    await workbench.discardEditors();

    // 1. The Sessions view from the palette, arrows to the session, Enter opens its history.
    await workbench.arrowToSessionRow(TITLE);
    await page.keyboard.press('Enter');
    const frame = await workbench.historyFrame(TITLE);
    await frame.waitForFunction(() => document.hasFocus(), null, { timeout: 10000 });
    await frame.locator('.actions:not([hidden]) [data-action="allow"]').first().waitFor({ timeout: 10000 });
    const count = () => frame.locator('.count').innerText();
    const total = await count();

    // 2. Filter: Tab to the chips, arrow to "Tools", Space hides the tool calls, Space shows them again.
    await workbench.pressUntilFocus(frame, 'Tab', (focus) => focus.startsWith('button.chip'));
    const focusedKind = () => frame.evaluate(() => document.activeElement?.dataset.kind);
    for (let i = 0; i < 15 && (await focusedKind()) !== 'tool'; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await focusedKind(), 'tool', 'the arrows reach the Tools chip');
    await page.keyboard.press('Space');
    assert.equal(await frame.locator('.chip[data-kind="tool"]').getAttribute('aria-pressed'), 'false');
    await frame.locator('.list .row[data-type="agent.tool_use"]').first().waitFor({ state: 'detached', timeout: 5000 });
    assert.match(await count(), /^\d+ of \d+/, 'the count says some events are hidden');
    await page.keyboard.press('Space');
    await frame.locator('.list .row[data-type="agent.tool_use"]').first().waitFor({ timeout: 5000 });
    assert.equal(await count(), total);

    // 3. Search: Tab to the box, type, the transcript narrows to the matches; cleared, all are back.
    await workbench.pressUntilFocus(frame, 'Tab', (focus) => focus === 'input.search');
    await page.keyboard.type('publish');
    await waitFor('the search to narrow the transcript', async () => /^\d+ of \d+/.test(await count()));
    const shown = await frame.locator('.list .row').evaluateAll((rows) => rows.map((r) => r.textContent.toLowerCase()));
    assert.ok(shown.length > 0 && shown.every((text) => text.includes('publish')), `only matching rows: ${JSON.stringify(shown)}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await waitFor('the search to be cleared', async () => (await count()) === total);

    // 4. Fold: Tab into the transcript, arrow up to the build call, Enter folds it and Enter unfolds it.
    await workbench.pressUntilFocus(frame, 'Tab', (focus) => focus.startsWith('div.row'));
    await workbench.pressUntilFocus(frame, 'ArrowUp', (focus) => focus === 'div.row[agent.tool_use]');
    const expanded = () => frame.evaluate(() => document.activeElement?.querySelector(':scope > .fold > details > summary')?.getAttribute('aria-expanded'));
    const before = await expanded();
    await page.keyboard.press('Enter');
    await waitFor('Enter to fold or unfold the call', async () => (await expanded()) !== before);
    await page.keyboard.press('Enter');
    await waitFor('Enter to put it back', async () => (await expanded()) === before);

    // 4b. The inspector: Shift+Tab up to the header's Inspector, Enter opens it on its selected tab; the
    // arrows move between the tabs, Tab reaches a tab's content; Enter on the Inspector closes it again.
    const chosen = await frame.evaluate(() => document.activeElement.dataset.eventId);
    await workbench.pressUntilFocus(frame, 'Shift+Tab', (focus) => focus.endsWith('[toggle-inspector]'));
    await page.keyboard.press('Enter');
    await frame.locator('#inspector:not([hidden])').waitFor({ timeout: 5000 });
    const focusedTab = () => frame.evaluate(() => (document.activeElement?.getAttribute('role') === 'tab' && document.activeElement.getAttribute('aria-selected') === 'true' ? document.activeElement.id : ''));
    assert.equal(await focusedTab(), 'inspector-tab-session', 'the inspector opens with the focus on its selected tab');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedTab(), 'inspector-tab-tools');
    const toolRows = await frame.locator('#inspector-panel-tools tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
    assert.deepEqual(toolRows.map(([name, calls]) => [name, calls]).sort(), [['bash', '1'], ['notify', '1'], ['publish', '1']], `the Tools tab counts the calls: ${JSON.stringify(toolRows)}`);
    await page.keyboard.press('Tab');
    assert.equal(await frame.evaluate(() => document.activeElement.id), 'inspector-panel-tools', 'Tab goes from the tab to its panel');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('End');
    assert.equal(await focusedTab(), 'inspector-tab-events');
    // The Events tab shows the JSON of the call folded above (the row that last had the focus).
    await frame.locator('#inspector-panel-events .inspector-json', { hasText: `"id": "${chosen}"` }).waitFor({ timeout: 10000 });
    await workbench.pressUntilFocus(frame, 'Tab', (focus) => focus.endsWith('[inspector-copy-json]'), { max: 3 });
    await page.keyboard.press('Enter');
    await frame.locator('#inspector [role="status"]', { hasText: 'Copied the event’s JSON' }).waitFor({ state: 'attached', timeout: 5000 });
    await workbench.pressUntilFocus(frame, 'Shift+Tab', (focus) => focus.endsWith('[toggle-inspector]'), { max: 5 });
    await page.keyboard.press('Enter');
    await frame.locator('#inspector[hidden]').waitFor({ state: 'attached', timeout: 5000 });
    assert.equal(await frame.locator('[data-action="toggle-inspector"]').getAttribute('aria-expanded'), 'false');

    // 5. Deny the publish call with a reason: Tab to its reason box, type, Shift+Tab to Deny, Enter.
    await workbench.pressUntilFocus(frame, 'Tab', (focus) => focus === 'input.deny-reason');
    assert.equal(await frame.evaluate(() => document.activeElement.closest('.action')?.dataset.actionId), 'kw_publish', 'the first reason box is the publish call\'s');
    await page.keyboard.type('Not on a Friday');
    await workbench.pressUntilFocus(frame, 'Shift+Tab', (focus) => focus === 'button.secondary[deny]', { max: 3 });
    await page.keyboard.press('Enter');
    await frame.locator('.action[data-action-id="kw_publish"]').waitFor({ state: 'detached', timeout: 10000 });

    // 6. Allow the notify call: on to its Allow button, Enter.
    await workbench.pressUntilFocus(frame, 'Tab', (focus) => focus === 'button.primary[allow]');
    assert.equal(await frame.evaluate(() => document.activeElement.closest('.action')?.dataset.actionId), 'kw_notify');
    await page.keyboard.press('Enter');
    await frame.locator('.action[data-action-id="kw_notify"]').waitFor({ state: 'detached', timeout: 10000 });
    await waitFor('both answers to reach the API', async () => {
      const events = (await sim.api(`/sessions/${session.id}/events?limit=100`)).data;
      const denied = events.find((e) => e.type === 'user.tool_confirmation' && e.tool_use_id === 'kw_publish');
      const allowed = events.find((e) => e.type === 'user.tool_confirmation' && e.tool_use_id === 'kw_notify');
      return denied?.result === 'deny' && denied.deny_message === 'Not on a Friday' && allowed?.result === 'allow';
    }, { timeout: 15000 });

    // 7. Reply: Tab to the reply box, type, Enter sends.
    await workbench.pressUntilFocus(frame, 'Tab', (focus) => focus === 'textarea.draft');
    const reply = `Thanks, publish on Monday (e2e ${Date.now().toString(36)})`;
    await page.keyboard.type(reply);
    await page.keyboard.press('Enter');
    await frame.locator('.list .row[data-type="user.message"]', { hasText: reply }).waitFor({ timeout: 10000 });

    // 8. Export: Shift+Tab back up to the header's Export, Enter, and Enter again in the save dialog.
    await workbench.pressUntilFocus(frame, 'Shift+Tab', (focus) => focus === 'button.secondary[export]', { max: 60 });
    await page.keyboard.press('Enter');
    await workbench.quickInput.waitFor({ state: 'visible', timeout: 10000 });
    await page.keyboard.press('Enter');
    const notice = frame.locator('.notice', { hasText: 'Exported' });
    await notice.waitFor({ timeout: 15000 });
    const file = /Exported \d+ events to (.+?)(?: \(the newest events were still loading\))?\.$/.exec((await notice.innerText()).trim())?.[1];
    assert.ok(file && fs.existsSync(file), `the transcript was written: ${await notice.innerText()}`);
    assert.match(fs.readFileSync(file, 'utf8'), /Not on a Friday/, 'the export holds the denial and its reason');
  },
};

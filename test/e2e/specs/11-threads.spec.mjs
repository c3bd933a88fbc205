// A multiagent session's threads in the history panel, as a user meets them: the coordinator's team
// at work is laid out as lanes; the keyboard chooses a subagent's lane and the panel shows that
// thread's own events; a received task's link shows the coordinator's side in the session; Back.
// The README's pictures of the lanes (dark, light, high contrast) come from here.
import { SimulatorControl, assert, waitFor } from '../helpers.mjs';

const TITLE = 'Update the docs as a team';
const THEMES = { light: 'Light 2026', highContrast: 'Dark High Contrast', dark: 'Dark 2026' };

export default {
  name: "threads: a #team session's lanes; the keyboard opens a subagent's thread; its task's other side; Back; three themes",
  timeout: 120000,
  async run({ workbench, page, simulator }) {
    const sim = new SimulatorControl(simulator);
    const session = await sim.createSession({ agentName: 'Team lead', title: TITLE });
    await sim.post(`/sessions/${session.id}/events`, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'Update the docs for the new CLI flags #team' }] }] });
    await waitFor('the team turn to end', async () => {
      const [current, threads] = await Promise.all([sim.api(`/sessions/${session.id}`), sim.api(`/sessions/${session.id}/threads`)]);
      return current.status === 'idle' && threads.data.length === 3 && threads.data.every((thread) => thread.status === 'idle');
    }, { timeout: 30000 });
    await workbench.runCommand('Managed Agents: Refresh Sessions');
    await workbench.openSessionsView();
    await workbench.clickRowAction(TITLE, 'Open History');
    const frame = await workbench.historyFrame(TITLE);

    // The lanes: the coordinator first (current: its transcript is the session's), then each subagent.
    const lanes = frame.locator('.lanes .lane');
    await waitFor('three lanes', async () => (await lanes.count()) === 3, { timeout: 15000 });
    const names = await frame.locator('.lanes .lane-name').allInnerTexts();
    assert.deepEqual(names, ['Team lead', 'Docs writer', 'Team lead']);
    assert.equal(await frame.locator('.lane.current .lane-name').innerText(), 'Team lead');
    const bars = await frame.locator('.lanes .lane-track').evaluateAll((tracks) => tracks.map((track) => track.style.backgroundImage));
    assert.ok(bars.length === 3 && bars.every((bar) => bar.includes('var(--tone-info)')), `each thread worked: ${JSON.stringify(bars).slice(0, 300)}`);

    // Keyboard only: the current lane, the arrow to the docs writer's, Enter.
    await frame.locator('.lane.current').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await frame.locator('.lane:focus .lane-name').innerText(), 'Docs writer');
    await page.keyboard.press('Enter');
    await frame.locator('.thread-banner:not([hidden])', { hasText: 'The thread of Docs writer' }).waitFor({ timeout: 15000 });
    await frame.locator('.lane.current .lane-name', { hasText: 'Docs writer' }).waitFor({ timeout: 10000 });
    // Its own events: the task it received, its tool call, its answer to the coordinator.
    const received = frame.locator('.list .row[data-type="agent.thread_message_received"]');
    await received.waitFor({ timeout: 15000 });
    await frame.locator('.list .row[data-type="agent.tool_use"]').first().waitFor({ timeout: 10000 });
    await frame.locator('.list .row[data-type="agent.thread_message_sent"]').waitFor({ timeout: 10000 });

    // Pictures of the lanes with a subagent's thread shown, in three themes.
    const lanesPart = frame.locator('.lanes');
    await workbench.dismiss();
    await workbench.screenshot('threads-dark', { locators: [lanesPart], padding: 2 });
    try {
      await workbench.setColorTheme(THEMES.light);
      await workbench.find('body.vscode-light .thread-banner', { timeout: 10000 });
      await workbench.dismiss();
      await workbench.screenshot('threads-light', { locators: [lanesPart], padding: 2 });
      await workbench.setColorTheme(THEMES.highContrast);
      await workbench.find('body.vscode-high-contrast .thread-banner', { timeout: 10000 });
      await workbench.dismiss();
      await workbench.screenshot('threads-high-contrast', { locators: [lanesPart], padding: 2 });
    } finally {
      await workbench.dismiss();
      await workbench.setColorTheme(THEMES.dark);
    }

    // The received task's other side: the coordinator's message, in the session's transcript.
    await received.locator('[data-action="open-other-side"]').click();
    await frame.locator('.thread-banner[hidden]').waitFor({ state: 'attached', timeout: 15000 });
    const sent = frame.locator('.list .row[data-type="agent.thread_message_sent"]', { hasText: 'Docs writer' });
    await sent.first().waitFor({ timeout: 10000 });
    await waitFor('the coordinator\'s message to have the focus', () => frame.evaluate(() => document.activeElement?.closest?.('.row')?.dataset.type === 'agent.thread_message_sent'), { timeout: 10000 });

    // Back to a subagent and Back again, by keyboard: the lanes are one Tab stop, the banner's Back a button.
    await frame.locator('.lane.current').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await frame.locator('.thread-banner:not([hidden])', { hasText: 'The thread of Team lead' }).waitFor({ timeout: 15000 });
    await frame.locator('[data-action="close-thread"]').focus();
    await page.keyboard.press('Enter');
    await frame.locator('.thread-banner[hidden]').waitFor({ state: 'attached', timeout: 15000 });
    assert.equal(await frame.locator('.lane.current').getAttribute('data-thread'), '');
    await workbench.discardEditors();
  },
};

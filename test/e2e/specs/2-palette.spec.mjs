// The command palette: "Managed Agents: Refresh Sessions" reloads the list (a session created elsewhere
// shows up), and "Managed Agents: Open History" offers the sessions in a quick pick and opens the one picked.
// The e2e runner sets the automatic refresh to an hour, so only the command can bring the new session in.
import { SimulatorControl, assert, waitFor } from '../helpers.mjs';

export default [
  {
    name: 'palette: Refresh Sessions shows a session created elsewhere',
    async run({ workbench, simulator }) {
      const sim = new SimulatorControl(simulator);
      await workbench.openSessionsView();
      await workbench.sessionRow('Fix flaky greet test').waitFor({ timeout: 15000 });

      const title = `Created elsewhere ${Date.now().toString(36)}`;
      await sim.createSession({ agentName: 'Docs writer', title });
      await sim.clearRequests();
      // Nothing refreshes on its own meanwhile (the runner's refresh interval is an hour).
      assert.equal(await workbench.sessionRow(title).count(), 0, 'the new session showed up before Refresh was run');

      await workbench.runCommand('Managed Agents: Refresh Sessions');
      await workbench.sessionRow(title).waitFor({ timeout: 10000 });
      const listed = await waitFor('GET /v1/sessions in the simulator log', async () =>
        (await sim.requests()).find((r) => r.method === 'GET' && r.path === '/v1/sessions'));
      assert.equal(listed.status, 200);
      assert.match((await workbench.sessionRows()).find((l) => l.startsWith(title)), /Idle/);
    },
  },
  {
    name: 'palette: Open History lists the sessions and opens the one picked',
    async run({ workbench, page }) {
      await workbench.runCommand('Managed Agents: Open History');
      // The quick pick lists the sessions with their status; typing filters them.
      await workbench.quickPickRow(/Refactor auth module/).first().waitFor({ timeout: 15000 });
      const rowsText = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
      assert.ok(rowsText.some((t) => /Refactor auth module/.test(t) && /running/.test(t)), `the running session is offered: ${JSON.stringify(rowsText)}`);
      const picked = await workbench.pick(/Where is order #1234\?/, { filter: 'order #1234' });
      assert.match(picked, /idle/);

      const frame = await workbench.historyFrame('Where is order #1234?');
      assert.equal((await frame.locator('.status').innerText()).trim(), 'idle');
      await page.locator('.tabs-container .tab.active', { hasText: 'History: Where is order #1234?' }).waitFor({ timeout: 10000 });
      // The session waits for a custom tool result: the panel asks the user for it.
      await frame.locator('.actions:not([hidden]) [data-action="tool-result"][data-tool="custom"]').waitFor({ timeout: 10000 });
      const user = await frame.locator('.list .row[data-type="user.message"]').first().innerText();
      assert.match(user, /Where is my order #1234\?/);
    },
  },
];

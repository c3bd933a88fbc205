// Session files as a user meets them: right-click a workspace file in the Explorer, Attach to
// Session…, pick the session, confirm the mount path; then the session's Files row lists it beside
// what the agent wrote, each kind of row with its own menu; the file row's Compare with Workspace File
// opens the diff editor. The README's pictures of the attach flow, the Files row and the diff come from here.
import fs from 'node:fs';
import path from 'node:path';
import { SimulatorControl, assert, exactly, waitFor } from '../helpers.mjs';

const TITLE = 'Write the quarterly report';

export default {
  name: 'files: attach a workspace file from the Explorer, see it and the agent\'s files under the session, compare one from its menu',
  timeout: 120000,
  async run({ workbench, page, simulator, workspace }) {
    const sim = new SimulatorControl(simulator);
    fs.writeFileSync(path.join(workspace, 'brief.md'), '# Brief\n\nRevenue by region, with a chart.\n');
    fs.writeFileSync(path.join(workspace, 'report.md'), '# Quarterly report\n\nDraft: numbers to come.\n');
    const session = await sim.createSession({ agentName: 'Repo maintainer', title: TITLE });
    // The agent writes report.md and data.csv (the simulator's #write cue).
    await sim.post(`/sessions/${session.id}/events`, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'Write the quarterly report #write' }] }] });
    await waitFor('the agent to write its files', async () => (await sim.api(`/files?scope_id=${session.id}`)).data.length >= 2, { timeout: 20000 });
    await workbench.runCommand('Managed Agents: Refresh Sessions');

    // 1. Explorer: right-click brief.md, Attach to Session…, the session, the mount path.
    await workbench.runCommand('View: Show Explorer');
    const file = page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: exactly('brief.md') }) });
    await file.waitFor({ timeout: 15000 });
    await file.click({ button: 'right' });
    await workbench.chooseInMenu('Attach to Session…');
    await workbench.pick(TITLE);
    const input = page.locator('.quick-input-widget input');
    await waitFor('the mount path box', async () => (await input.inputValue()) === '/brief.md', { timeout: 10000 });
    assert.match(await page.locator('.quick-input-widget').innerText(), /mnt\/session\/uploads/);
    await workbench.screenshot('files-attach', { locators: [page.locator('.quick-input-widget')], padding: 8 });
    await page.keyboard.press('Enter');
    await workbench.notification(`Attached brief.md`);
    const mounts = (await sim.api(`/sessions/${session.id}/resources`)).data.filter((resource) => resource.type === 'file');
    assert.equal(mounts.length, 1);
    assert.match(mounts[0].mount_path, /brief\.md$/);

    // 2. The Sessions view: the session opens onto Files, Files onto the attached file and the agent's.
    await workbench.openSessionsView();
    const row = workbench.sessionRow(TITLE);
    await row.waitFor({ timeout: 15000 });
    await row.locator('.monaco-tl-twistie').click();
    const filesRow = workbench.sessionRow('Files');
    await filesRow.waitFor({ timeout: 10000 });
    await filesRow.locator('.monaco-tl-twistie').click();
    for (const name of ['brief.md', 'report.md', 'data.csv']) await workbench.sessionRow(name).waitFor({ timeout: 10000 });
    const labels = await workbench.sessionRows();
    assert.ok(labels.some((label) => label.startsWith('Files, 1 attached · 2 written')), JSON.stringify(labels));
    assert.ok(labels.some((label) => label.startsWith('brief.md, attached at /mnt/session/uploads, attached file')), JSON.stringify(labels));
    assert.ok(labels.some((label) => /^report\.md, .*, written by the agent$/.test(label)), JSON.stringify(labels));
    await workbench.screenshot('files', { locators: [workbench.sidebar] });

    // Each kind of row has its own menu, and none of a session's.
    assert.deepEqual(await workbench.contextMenu('report.md'), ['Open File', 'Download to Workspace…', 'Compare with Workspace File']);
    assert.deepEqual(await workbench.contextMenu('brief.md'), ['Remove from Session']);
    assert.deepEqual(await workbench.contextMenu('Files'), ['Attach to Session…', 'Download All Outputs…', 'Refresh Files']);

    // 3. Compare with Workspace File, from the row's menu: the workspace's report.md beside the agent's.
    await workbench.sessionRow('report.md').click({ button: 'right' });
    await workbench.chooseInMenu('Compare with Workspace File');
    const diff = page.locator('.monaco-diff-editor');
    await diff.waitFor({ timeout: 15000 });
    const tab = page.locator('.tabs-container .tab.active');
    await waitFor('the diff tab', async () => /report\.md ↔ report\.md \(the agent's\)/.test(await tab.innerText()), { timeout: 10000 });
    await waitFor("the workspace's draft and the agent's report", async () => {
      // The editor draws spaces as no-break spaces.
      const text = (await diff.innerText()).replace(/\u00a0/g, ' ');
      return text.includes('Draft: numbers to come.') && text.includes('Prompt: Write the quarterly report');
    }, { timeout: 15000 });
    // The picture without the attach notification or a row's hover.
    await workbench.runCommand('Notifications: Clear All Notifications');
    await workbench.dismiss();
    await workbench.screenshot('files-diff');
    await workbench.discardEditors();
  },
};

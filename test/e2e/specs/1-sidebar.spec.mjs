// The Managed Agents side bar: a user opens it from the activity bar and sees the simulator's sample
// sessions, one icon per status, and per-status actions in each row's context menu.
import fs from 'node:fs';
import { assert } from '../helpers.mjs';

// The simulator's built-in sessions (test/simulator/seed.ts) and what their rows must show.
const ROWS = {
  running: { label: 'Refactor auth module', status: 'Running', icon: ['codicon-sync', 'codicon-modifier-spin'] },
  rescheduling: { label: 'Nightly data refresh', status: 'Rescheduling', icon: ['codicon-history'] },
  idle: { label: 'Fix flaky greet test', status: 'Idle', icon: ['codicon-circle-large-outline'] },
  needsInput: { label: 'Clean rebuild', status: 'waiting for your input', icon: ['codicon-bell-dot'] },
  budgetReached: { label: 'Audit dependency licenses', status: 'stopped: budget reached ($0.01 of $0.01 spent)', icon: ['codicon-credit-card'] },
  terminated: { label: 'Migrate CI to GitHub Actions', status: 'Terminated', icon: ['codicon-circle-slash'] },
  archived: { label: 'Old experiment', status: 'archived', icon: ['codicon-archive'] },
};

// Each row's contextValue (src/sessions/sessionState.ts). The context menu a user sees is what the
// manifest's `view/item/context` entries give for it (non-inline groups, VS Code's order), and must
// always include or leave out the entries below.
const CONTEXT_VALUES = {
  running: 'session.running',
  rescheduling: 'session.rescheduling',
  idle: 'session.idle',
  needsInput: 'session.idle.needsAction',
  budgetReached: 'session.idle.budgetReached',
  terminated: 'session.terminated',
  archived: 'session.idle.archived',
};
const MUST = {
  running: { has: ['Open History', 'Send Message to Session…', 'Interrupt Session', 'Archive Session', 'Delete Session…'] },
  rescheduling: { has: ['Interrupt Session', 'Send Message to Session…'] },
  idle: { has: ['Open History', 'Send Message to Session…', 'Archive Session'], not: ['Interrupt Session', 'Raise Session Budget…'] },
  needsInput: { has: ['Send Message to Session…'], not: ['Interrupt Session', 'Raise Session Budget…'] },
  budgetReached: { has: ['Raise Session Budget…', 'Update Session…', 'Archive Session', 'Delete Session…'], not: ['Interrupt Session'] },
  // The simulator runs on this machine: the Claude Console cannot show its sessions, so Open in Console is not offered.
  terminated: { has: ['Open History', 'Copy Session ID', 'Copy Link to Session', 'Delete Session…'], not: ['Open in Console', 'Send Message to Session…', 'Interrupt Session'] },
  archived: { has: ['Open History', 'Delete Session…'], not: ['Archive Session', 'Send Message to Session…', 'Interrupt Session'] },
};

const manifest = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

/** The titles VS Code shows in the context menu of a row with this contextValue, in its order. */
function expectedMenu(contextValue) {
  const titles = new Map(manifest.contributes.commands.map((c) => [c.command, c.title]));
  return manifest.contributes.menus['view/item/context']
    .filter((item) => item.group && !item.group.startsWith('inline'))
    .filter((item) => /view == managedAgents\.sessions/.test(item.when ?? ''))
    // False in this run (the API is the simulator, on this machine).
    .filter((item) => !/(?<!!)managedAgents\.consoleKnowsSessions/.test(item.when ?? ''))
    .filter((item) => {
      const match = /viewItem =~ \/(.+?)\/(\w*)(?:\s|$)/.exec(item.when ?? '');
      const equals = /viewItem == ([\w.-]+)/.exec(item.when ?? '');
      if (equals) return equals[1] === contextValue;
      return !match || new RegExp(match[1], match[2]).test(contextValue);
    })
    .map((item) => {
      const [group, order = '0'] = item.group.split('@');
      return { group, order: Number(order), title: titles.get(item.command) ?? item.command };
    })
    .sort((a, b) => (a.group === b.group ? a.order - b.order : a.group === 'navigation' ? -1 : b.group === 'navigation' ? 1 : a.group < b.group ? -1 : 1))
    .map((item) => item.title);
}

export default {
  name: 'sidebar: the Sessions view shows every status with its icon and per-status context menus',
  async run({ workbench }) {
    await workbench.openSessionsView();
    const { archived, ...unarchived } = ROWS;

    // Archived sessions are hidden until the user asks for them.
    for (const row of Object.values(unarchived)) await workbench.sessionRow(row.label).waitFor({ timeout: 15000 });
    assert.equal(await workbench.sessionRow(archived.label).count(), 0, 'archived sessions are hidden by default');
    await workbench.clickViewAction('Show Archived Sessions');
    try {
      await workbench.sessionRow(archived.label).waitFor({ timeout: 10000 });

      const labels = await workbench.sessionRows();
      for (const [key, row] of Object.entries(ROWS)) {
        const ariaLabel = labels.find((l) => l.startsWith(`${row.label},`));
        assert.ok(ariaLabel, `no row "${row.label}" in ${JSON.stringify(labels)}`);
        assert.ok(ariaLabel.includes(row.status), `row ${key} "${ariaLabel}" should say "${row.status}"`);
        const icon = await workbench.rowIcon(row.label);
        for (const cls of row.icon) assert.ok(icon.includes(cls), `row ${key} "${row.label}" has icon ${icon.join(' ')}, expected ${row.icon.join(' ')}`);
      }
      // Only the running row spins.
      for (const row of Object.values(ROWS).filter((r) => r !== ROWS.running)) {
        assert.ok(!(await workbench.rowIcon(row.label)).includes('codicon-modifier-spin'), `"${row.label}" should not spin`);
      }

      for (const [key, contextValue] of Object.entries(CONTEXT_VALUES)) {
        const menu = await workbench.contextMenu(ROWS[key].label);
        const what = `context menu of the ${key} row "${ROWS[key].label}": ${JSON.stringify(menu)}`;
        assert.deepEqual(menu, expectedMenu(contextValue), what);
        for (const title of MUST[key].has) assert.ok(menu.includes(title), `${what} lacks ${title}`);
        for (const title of MUST[key].not ?? []) assert.ok(!menu.includes(title), `${what} offers ${title}`);
      }

      // The picture: wide enough for the descriptions, no hover, all statuses.
      await workbench.resizeSidebar(440);
      await workbench.dismiss();
      const lastRow = workbench.sidebar.locator('.monaco-list-row').last();
      await lastRow.waitFor();
      const sidebarBox = await workbench.sidebar.boundingBox();
      const rowBox = await lastRow.boundingBox();
      await workbench.screenshot('sidebar', {
        clip: { x: 0, y: sidebarBox.y - 6, width: sidebarBox.x + sidebarBox.width + 6, height: rowBox.y + rowBox.height + 16 - (sidebarBox.y - 6) },
      });
    } finally {
      await workbench.dismiss();
      await workbench.clickViewAction('Hide Archived Sessions').catch(() => {});
    }
    await workbench.sessionRow(archived.label).waitFor({ state: 'detached', timeout: 10000 });
  },
};

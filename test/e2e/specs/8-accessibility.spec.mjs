// axe-core, the field's accessibility checker, on what a user of the extension sees in a real workbench:
// the history of a session with every kind of event (at its top and its bottom, folded and unfolded, and
// each tab of its inspector) and the side bar with our Sessions view, in six color themes (dark, light, high contrast dark and light,
// the Modern and the 2026 ones). Serious or critical findings of ours fail; VS Code's own are listed apart.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SimulatorControl, assert } from '../helpers.mjs';
import { axeFindings, blocking, countByImpact, describeFindings } from '../axe.mjs';
import { REPO_ROOT, TEST_RESULTS_DIR } from '../../runner/lib/util.mjs';

const require = createRequire(import.meta.url);
const TITLE = 'Accessibility: every kind of event';
// Labels in "Preferences: Color Theme", with the body class VS Code gives the webview in each.
export const THEMES = [
  { label: 'Dark 2026', kind: 'vscode-dark' },
  { label: 'Light 2026', kind: 'vscode-light' },
  { label: 'Dark Modern', kind: 'vscode-dark' },
  { label: 'Light Modern', kind: 'vscode-light' },
  { label: 'Dark High Contrast', kind: 'vscode-high-contrast' },
  { label: 'Light High Contrast', kind: 'vscode-high-contrast-light' },
];
// In the side bar our view's body is ours (its rows, labels, descriptions and welcome text), the rest
// (headers, toolbars) VS Code's; in the status bar, our item.

/** Every kind of event three times over (distinct ids), ending in a tool call that waits for the user. */
function everyKindOfEvent() {
  const { ALL_EVENTS } = require(path.join(REPO_ROOT, 'out', 'test', 'unit', 'history', 'fixtures.js'));
  const lived = ALL_EVENTS.filter((e) => e.type !== 'session.status_terminated' && e.type !== 'session.deleted');
  const events = [];
  for (const round of [1, 2, 3]) {
    const rename = (id) => (typeof id === 'string' && id.startsWith('ev_') ? `${id}_${round}` : id);
    for (const event of lived) {
      const copy = JSON.parse(JSON.stringify(event), (key, value) => (key === 'id' || key.endsWith('_id') || key === 'event_ids' ? (Array.isArray(value) ? value.map(rename) : rename(value)) : value));
      events.push(copy);
    }
  }
  // Agent Markdown with what a message can hold: a link in a sentence, inline code, a list, a quote, a
  // table, a remote image (not loaded: a placeholder with buttons).
  const markdown = [
    'The failure is in [the greet test](https://example.com/ci/runs/42) of `test/greet.test.ts`; see the log.',
    '', '- first: `npm ci`', '- then: `npm test`', '', '> Flaky since the clock change.', '',
    '| step | time |', '| --- | --- |', '| install | 12 s |', '', '![build chart](https://example.com/chart.png)',
  ].join('\n');
  events.push({ id: 'ev_markdown', type: 'agent.message', content: [{ type: 'text', text: markdown }], processed_at: new Date().toISOString() });
  events.push({ id: 'ev_wait', type: 'agent.tool_use', name: 'bash', input: { command: 'rm -rf build && npm run build' }, evaluated_permission: 'ask', processed_at: new Date().toISOString() });
  events.push({ id: 'ev_wait_idle', type: 'session.status_idle', stop_reason: { type: 'requires_action', event_ids: ['ev_wait'] }, stop_details: null, processed_at: new Date().toISOString() });
  return events;
}

export default {
  name: 'accessibility: axe finds nothing serious of ours in the history (top, bottom, folded, unfolded, the inspector tabs) or the side bar, in six themes',
  timeout: 300000,
  async run({ workbench, page, simulator }) {
    const sim = new SimulatorControl(simulator);
    const session = await sim.createSession({ agentName: 'Repo maintainer', title: TITLE });
    await sim.appendEvents(session.id, everyKindOfEvent());

    await workbench.runCommand('Managed Agents: Refresh Sessions');
    await workbench.openSessionsView();
    await workbench.sessionRow(TITLE).waitFor({ timeout: 15000 });
    await workbench.clickRowAction(TITLE, 'Open History');
    await workbench.historyFrame(TITLE);
    const report = [];
    const ours = [];
    try {
      for (const theme of THEMES) {
        await workbench.setColorTheme(theme.label);
        await workbench.dismiss();
        const { frame } = await workbench.find(`body.${theme.kind} h1.session-title`, { hasText: TITLE, timeout: 15000 });
        await frame.locator('.actions:not([hidden]) [data-action="allow"]').waitFor({ timeout: 15000 });
        for (const [where, state] of [['bottom', 'unfolded'], ['bottom', 'folded'], ['top', 'folded'], ['top', 'unfolded']]) {
          await frame.evaluate(({ where, state }) => {
            for (const details of document.querySelectorAll('details')) details.open = state === 'unfolded';
            const scroller = document.querySelector('.scroller');
            scroller.scrollTop = where === 'top' ? 0 : scroller.scrollHeight;
          }, { where, state });
          await frame.waitForTimeout(300); // the list renders the rows now in view on the next frame
          const findings = await axeFindings(frame);
          report.push({ theme: theme.label, part: `history, ${where}, ${state}`, ours: findings, vscode: [] });
          ours.push(...blocking(findings).map((f) => ({ ...f, where: `${theme.label}, history ${where} ${state}` })));
        }
        // The inspector, each of its tabs with its content in (the Events tab with the first row's JSON).
        await frame.locator('[data-action="toggle-inspector"]').click();
        await frame.evaluate(() => document.querySelector('.list .row[data-event-id]')?.focus());
        for (const [tab, content] of [['session', '.inspector-fields'], ['tools', '.tools-table'], ['threads', ':is(.inspector-threads, .inspector-empty, .inspector-error)'], ['events', '.inspector-json']]) {
          await frame.locator(`#inspector-tab-${tab}`).click();
          await frame.locator(`#inspector-panel-${tab}:not([hidden]) ${content}`).first().waitFor({ timeout: 15000 });
          await frame.evaluate(() => {
            for (const details of document.querySelectorAll('#inspector details')) details.open = true;
          });
          const findings = await axeFindings(frame);
          report.push({ theme: theme.label, part: `history, inspector ${tab}`, ours: findings, vscode: [] });
          ours.push(...blocking(findings).map((f) => ({ ...f, where: `${theme.label}, history inspector ${tab} tab` })));
        }
        await frame.locator('#inspector-tab-session').click();
        await frame.locator('[data-action="toggle-inspector"]').click();
        await frame.locator('#inspector[hidden]').waitFor({ state: 'attached', timeout: 5000 });
        const outlines = await focusOutlines(workbench, page, frame);
        const faint = outlines.filter((o) => !(o.ratio >= 3 && o.width >= 1));
        report.push({ theme: theme.label, part: 'history, focus outlines', ours: [], vscode: [], outlines });
        if (faint.length) ours.push({ rule: 'focus-outline-contrast', impact: 'serious', where: theme.label, target: faint.map((o) => o.focus).join(', '), summary: JSON.stringify(faint), html: '' });
        for (const [part, region, oursSelector] of [
          ['side bar', '[id="workbench.parts.sidebar"]', '[id="workbench.parts.sidebar"] .pane-body'],
          ['status bar', '[id="workbench.parts.statusbar"]', '[id$="managedAgents.sessionsStatus"]'],
        ]) {
          const findings = await workbenchFindings(page, region, oursSelector);
          report.push({ theme: theme.label, part, ...findings });
          ours.push(...blocking(findings.ours).map((f) => ({ ...f, where: `${theme.label}, ${part}` })));
        }
      }
    } finally {
      fs.mkdirSync(TEST_RESULTS_DIR, { recursive: true });
      fs.writeFileSync(path.join(TEST_RESULTS_DIR, 'axe.json'), JSON.stringify(report, null, 1));
      console.log(report.map((r) => `      ${r.theme.padEnd(20)} ${r.part.padEnd(26)} ${r.outlines ? `${r.outlines.length} stops, lowest ${Math.min(...r.outlines.map((o) => o.ratio))}:1` : `ours ${JSON.stringify(countByImpact(r.ours))}  VS Code's ${JSON.stringify(countByImpact(r.vscode))}`}`).join('\n'));
      await workbench.dismiss();
      await workbench.setColorTheme('Dark 2026');
    }
    // What the side-bar rule above relies on, for every row: the name starts with the label, then the description.
    const rows = await page.locator('[id="workbench.parts.sidebar"] .pane-body .monaco-list-row').evaluateAll((elements) => elements.map((row) => ({
      name: row.getAttribute('aria-label') ?? '',
      label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
    })));
    assert.ok(rows.length >= 5, `the Sessions view shows rows (${rows.length})`);
    for (const row of rows) assert.ok(row.name.startsWith(`${row.label}, ${row.description}`), `the row's name starts with what it shows: ${JSON.stringify(row)}`);
    assert.equal(ours.length, 0, `serious or critical axe findings of ours:\n${ours.map((f) => `${f.where}:\n${describeFindings([f])}`).join('\n')}`);
  },
};

/**
 * axe over a part of the workbench, split into what is ours (inside `oursSelector`) and VS Code's.
 * One finding moves to VS Code's side: a tree row's name-mismatch where the name starts with the row's
 * label and holds its description word for word. axe reads the row's text as "Refactor auth moduleRepo
 * maintainer", because VS Code renders the label and the description in adjacent spans with no space
 * between them (its own views' rows get the same finding); the words are in our name, in order.
 */
async function workbenchFindings(page, region, oursSelector) {
  await page.locator(region).first().waitFor({ timeout: 10000 });
  const findings = await axeFindings(page, { scope: region });
  const verdicts = await page.evaluate(({ findings, oursSelector }) => findings.map(({ target, rule }) => {
    const element = document.querySelector(target);
    if (!element?.closest(oursSelector)) return 'vscode';
    if (rule !== 'label-content-name-mismatch' || !element.matches('.monaco-list-row')) return 'ours';
    const name = element.getAttribute('aria-label') ?? '';
    const label = element.querySelector('.label-name')?.textContent?.trim() ?? '';
    const description = element.querySelector('.label-description')?.textContent?.trim() ?? '';
    return label && name.startsWith(label) && name.includes(description) ? 'vscode' : 'ours';
  }), { findings, oursSelector });
  return { ours: findings.filter((_, i) => verdicts[i] === 'ours'), vscode: findings.filter((_, i) => verdicts[i] === 'vscode') };
}

/**
 * Tab through the panel from its first control to the reply box and, at each stop, the focus outline's
 * colour against what is behind it (WCAG 2.2's focus appearance asks 3:1) and its width.
 */
async function focusOutlines(workbench, page, frame) {
  await frame.locator('.header button').first().focus();
  const stops = [];
  for (let i = 0; i < 30; i++) {
    const stop = await frame.evaluate(() => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      const rgba = (text) => (text.match(/[\d.]+/g) ?? []).map(Number);
      const opaque = (text) => { const c = rgba(text); return c.length >= 3 && (c.length < 4 || c[3] > 0.5); };
      const offset = parseFloat(style.outlineOffset) || 0;
      let behind = offset < 0 ? element : element.parentElement;
      while (behind && !opaque(getComputedStyle(behind).backgroundColor)) behind = behind.parentElement;
      const background = rgba(getComputedStyle(behind ?? document.body).backgroundColor);
      const luminance = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }).reduce((sum, v, k) => sum + v * [0.2126, 0.7152, 0.0722][k], 0);
      const [hi, lo] = [luminance(rgba(style.outlineColor)), luminance(background)].sort((a, b) => b - a);
      const tag = element.tagName.toLowerCase();
      const name = element.dataset.action ?? element.dataset.kind ?? element.dataset.type ?? [...element.classList][0] ?? '';
      return { focus: `${tag}${name ? `[${name}]` : ''}`, visible: element.matches(':focus-visible'), width: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth), color: style.outlineColor, ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100 };
    });
    stops.push(stop);
    if (stop.focus.startsWith('textarea')) break;
    await page.keyboard.press('Tab');
  }
  return stops.filter((s) => s.visible);
}

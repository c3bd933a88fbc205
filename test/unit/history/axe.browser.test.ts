// axe-core (WCAG 2.x A and AA rules) on the built history webview in Chromium: every kind of event, live
// previews, a waiting tool call, a notice; folded and unfolded. And the check itself: a control put back
// inside a summary is found. The themes are checked in the real workbench (test/e2e/specs/8-accessibility).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { SessionEvent } from '../../../src/api';
import type { SessionHeader } from '../../../src/webview/protocol';
import { HostFeed } from '../helpers/hostFeed';
import { openWebviewPage, webviewPageAvailable, type Page, type WebviewPage } from '../helpers/webviewPage';
import { ALL_EVENTS, HEADER } from './fixtures';

// Browser globals for the callbacks run in the page (this file compiles without the DOM library).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Finding {
  rule: string;
  impact: string;
  target: string;
}

const header: SessionHeader = { ...HEADER, id: 'sesn_axe', title: 'Every kind of event', status: 'idle', agentName: 'Repo maintainer', budget: '' };

const at = '2026-11-21T11:00:00.000Z';
const EVENTS: SessionEvent[] = [
  ...ALL_EVENTS.filter((event) => event.type !== 'session.status_terminated' && event.type !== 'session.deleted'),
  { id: 'ev_links', type: 'agent.message', content: [{ type: 'text', text: 'See [the CI run](https://example.com/ci) for `npm test`.\n\n| step | time |\n| --- | --- |\n| install | 12 s |\n\n![chart](https://example.com/chart.png)' }], processed_at: at },
  { id: 'ev_waiting', type: 'agent.tool_use', name: 'deploy', input: { target: 'prod' }, evaluated_permission: 'ask', processed_at: at },
  { id: 'ev_idle_waiting', type: 'session.status_idle', stop_reason: { type: 'requires_action', event_ids: ['ev_waiting'] }, stop_details: null, processed_at: at },
];

describe('history webview under axe-core in Chromium', function () {
  this.timeout(60_000);
  let view: WebviewPage | undefined;
  let page: Page;

  /** Serious and critical violations in the page now. */
  async function seriousFindings(): Promise<Finding[]> {
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
      await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    }
    const findings = await page.evaluate(async (tags: never) => {
      const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.flatMap((v: { id: string; impact: string; nodes: { impact?: string; target: string[] }[] }) =>
        v.nodes.map((n) => ({ rule: v.id, impact: n.impact ?? v.impact, target: n.target.join(' ') })),
      );
    }, WCAG_TAGS);
    return (findings as Finding[]).filter((f) => f.impact === 'serious' || f.impact === 'critical');
  }

  /** Folds or unfolds every part, then waits for the list to lay out again (it re-renders rows that change height). */
  const setFolded = (folded: boolean) =>
    page.evaluate(async (closed: never) => {
      for (const details of document.querySelectorAll('details')) details.open = !closed;
      for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => window.requestAnimationFrame(resolve));
    }, folded);

  before(async function () {
    if (!webviewPageAvailable()) return this.skip();
    view = await openWebviewPage(header.title ?? '');
    page = view.page;
    const opened = view;
    const host = new HostFeed((message) => opened.send(message));
    await host.init({ type: 'init', sessionId: header.id, draft: '', header });
    await host.events(EVENTS, true);
    await host.previews([{ id: 'p_think', eventType: 'agent.thinking', text: 'hmm' }, { id: 'p_agent', eventType: 'agent.message', text: 'so far' }]);
    await view.send({ type: 'connection', state: 'offline', detail: 'HTTP 503' });
    await view.send({ type: 'tools', tools: [{ name: 'bash', calls: 3, failures: 1, median: '3s', longest: '4s' }, { name: 'github · create_issue', calls: 1, failures: 0, median: '', longest: '' }] });
    await page.waitForFunction(
      (count: number) => document.querySelector('.count')?.textContent === `${count} events` && document.querySelectorAll('.actions:not([hidden]) [data-action="allow"]').length === 1,
      EVENTS.length,
      { timeout: 20_000 },
    );
  });

  after(async () => {
    await view?.close();
  });

  it('finds nothing serious with every row unfolded, previews writing and a tool call waiting', async () => {
    await setFolded(false);
    assert.deepEqual(await seriousFindings(), []);
  });

  it('finds nothing serious with every row folded', async () => {
    await setFolded(true);
    assert.deepEqual(await seriousFindings(), []);
  });

  it('finds a button put back inside a summary (nested-interactive), so the check can fail', async () => {
    await setFolded(false);
    const planted = await page.evaluate(() => {
      const summary = document.querySelector('.row summary');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Copy';
      summary.appendChild(button);
      return summary.closest('.row').dataset.eventId;
    });
    try {
      const findings = await seriousFindings();
      const stillThere = await page.evaluate(() => document.querySelector('.row summary > button') !== null);
      assert.ok(stillThere, `the planted button is still in the row ${planted} (the list did not re-render it meanwhile)`);
      assert.ok(findings.some((f) => f.rule === 'nested-interactive'), `nested-interactive on ${planted} among ${JSON.stringify(findings)}`);
    } finally {
      await page.evaluate(() => document.querySelector('.row summary > button')?.remove());
    }
  });
});

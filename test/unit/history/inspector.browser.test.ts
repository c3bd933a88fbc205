// The inspector in the built history webview (media/dist/webview.js) in headless Chromium: the header's
// button opens it and asks the host to load, its tabs follow the ARIA tabs pattern from the keyboard,
// it shows what the host sent (hostile text as text), a failed load has a Retry, it comes back open on
// the same tab after a reload, the Tools tab follows the host's figures, the Events tab follows the
// transcript row with the focus (Copy, Open in Editor, a cut JSON said), and axe finds nothing serious
// in any tab. Skipped without Chromium or the bundle.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { SessionEvent } from '../../../src/api';
import { toEventJsonView } from '../../../src/history/inspector';
import type { InspectorView, SessionHeader, ToolStatView, WebviewMessage } from '../../../src/webview/protocol';
import { openWebviewPage, webviewPageAvailable, type Page, type WebviewPage } from '../helpers/webviewPage';
import { HostFeed } from '../helpers/hostFeed';
import { EXAMPLES, HEADER } from './fixtures';

// Browser globals for the callbacks run in the page (this file compiles without the DOM library).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const header: SessionHeader = { ...HEADER, id: 'sesn_inspect', title: 'Inspected session' };

const VIEW: InspectorView = {
  session: {
    id: 'sesn_inspect',
    agent: {
      id: 'agent_lead',
      name: `Team lead ${HOSTILE}`,
      version: 4,
      description: 'Plans the work',
      model: 'claude-opus-4-6 · effort high',
      system: `You lead a team.\n${HOSTILE}`,
      toolsets: [
        { title: 'Built-in tools', defaults: { enabled: true, permission: 'always allow' }, tools: [{ name: 'bash', enabled: true, permission: 'always ask' }, { name: 'write', enabled: false, permission: 'always allow' }] },
        { title: 'Custom tool', tools: [{ name: 'lookup_order', enabled: true, permission: '', description: 'Finds an order' }] },
      ],
      mcpServers: [{ name: 'github', url: 'https://mcp.example.com/github' }],
      skills: [{ id: 'xlsx', type: 'anthropic', version: 'latest' }],
      multiagent: 'coordinator',
    },
    environment: { name: 'Staging', id: 'env_staging' },
    vaultIds: [],
    metadata: [['ticket', HOSTILE]],
    budget: '$0.42 of $5.00 spent',
    budgetReached: false,
    spent: '$0.42',
  },
  resources: {
    state: 'loaded',
    items: [
      { id: 'sres_1', type: 'file', name: 'file_1', mountPath: '/mnt/session/uploads/notes.md', detail: '' },
      { id: 'sres_2', type: 'github_repository', name: 'https://github.com/acme/app', mountPath: `/workspace/${HOSTILE}`, detail: 'branch main' },
    ],
  },
  outcomes: [{ outcomeId: 'out_1', description: 'All tests pass', rubric: 'CI is green', maxIterations: 3, eventId: 'ev_define', evaluations: [{ iteration: 1, result: 'satisfied', explanation: 'CI is green.', eventId: 'ev_end' }] }],
  threads: {
    state: 'loaded',
    items: [
      { id: 'sthr_primary', primary: true, parentId: '', status: 'idle', archived: false, agentName: 'Team lead', agentType: 'agent', agentVersion: 4, model: 'claude-opus-4-6', tokens: '12.3k in · 678 out', cost: '$1.42', activeTime: '1m 15s', createdAt: '2026-11-21T10:00:00Z' },
      { id: 'sthr_docs', primary: false, parentId: 'sthr_primary', status: 'running', archived: false, agentName: `Docs writer ${HOSTILE}`, agentType: 'agent', agentVersion: 2, model: 'claude-haiku-4-5', tokens: '', cost: '', activeTime: '', createdAt: '2026-11-21T10:00:00Z' },
    ],
  },
};

interface Finding {
  rule: string;
  impact: string;
  target: string;
}

describe('the inspector in the history webview in Chromium', function () {
  this.timeout(60_000);
  let view: WebviewPage | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  const posted = () => page.evaluate<WebviewMessage[]>('window.__posted');
  const inspects = async () => (await posted()).filter((message) => message.type === 'inspect').length;
  const dom = <T>(fn: () => T) => page.evaluate<T>(fn);
  /** The tabs as the page has them: which is selected, in the Tab order, and focused; and which panel shows. */
  const tabs = () =>
    dom(() =>
      [...document.querySelectorAll('[role="tab"]')].map((tab: { id: string; tabIndex: number; getAttribute(name: string): string }) => ({
        id: tab.id,
        selected: tab.getAttribute('aria-selected'),
        tabIndex: tab.tabIndex,
        focused: document.activeElement === tab,
        panelShown: !document.getElementById(tab.getAttribute('aria-controls')).hidden,
      })),
    );
  const selectedTab = async () => (await tabs()).filter((tab) => tab.selected === 'true' && tab.tabIndex === 0 && tab.focused && tab.panelShown).map((tab) => tab.id);

  before(async function () {
    if (!webviewPageAvailable()) return this.skip();
    view = await openWebviewPage(header.title ?? '', { keepState: true });
    ({ page, pageErrors } = view);
    await view.send({ type: 'init', sessionId: header.id, draft: '', header });
  });

  after(async () => {
    await view?.close();
  });

  afterEach(() => {
    assert.deepEqual(pageErrors.splice(0), [], 'errors in the page (CSP violations included)');
  });

  it('is closed at first; the header button opens it, says so, asks the host to load and puts the focus on the selected tab', async () => {
    assert.equal(await dom(() => document.getElementById('inspector').hidden), true);
    assert.equal(await inspects(), 0, 'nothing loaded before the inspector is opened');
    await page.click('[data-action="toggle-inspector"]');
    await page.waitForFunction(() => !document.getElementById('inspector').hidden && document.querySelector('[data-action="toggle-inspector"]').getAttribute('aria-expanded') === 'true');
    assert.equal(await inspects(), 1);
    assert.deepEqual(await selectedTab(), ['inspector-tab-session']);
  });

  it('shows what the host sent, the hostile parts as text', async () => {
    await view!.send({ type: 'inspector', inspector: VIEW });
    await page.waitForFunction(() => document.getElementById('inspector-panel-session').textContent.includes('/mnt/session/uploads/notes.md'));
    const shown = await dom(() => {
      const session = document.getElementById('inspector-panel-session');
      const threads = document.getElementById('inspector-panel-threads');
      return {
        text: session.textContent,
        system: session.querySelector('.inspector-system pre').textContent,
        systemFolded: !session.querySelector('.inspector-system').open,
        mountPaths: [...session.querySelectorAll('code')].map((code: { textContent: string }) => code.textContent).filter((text: string) => text.startsWith('/')),
        threadNames: [...threads.querySelectorAll('[data-thread-id] > .inspector-name')].map((name: { textContent: string }) => name.textContent),
        threadText: threads.textContent,
        images: document.querySelectorAll('#inspector img, #inspector script').length,
        eventLinks: [...session.querySelectorAll('[data-action="jump"]')].map((link: { dataset: { target: string } }) => link.dataset.target),
      };
    });
    for (const expected of [`Team lead ${HOSTILE} v4`, 'claude-opus-4-6 · effort high', 'Built-in toolsAny other: always allow', 'bash (always ask)', 'write (off)', 'lookup_order (answered by your app)', 'github https://mcp.example.com/github', 'xlsx anthropic · version latest', 'Staging', 'env_staging', 'No vault', `ticket${HOSTILE}`, '$0.42 of $5.00 spent', 'All tests pass', 'Iteration 1: satisfied', 'CI is green.', 'branch main']) {
      assert.ok(shown.text.includes(expected), `the Session tab shows ${JSON.stringify(expected)}: ${shown.text}`);
    }
    assert.equal(shown.system, `You lead a team.\n${HOSTILE}`);
    assert.equal(shown.systemFolded, true, 'the system prompt is folded');
    assert.deepEqual(shown.mountPaths, ['/mnt/session/uploads/notes.md', `/workspace/${HOSTILE}`]);
    assert.deepEqual(shown.threadNames, ['Team lead', `Docs writer ${HOSTILE}`]);
    for (const expected of ['primary · idle', 'subagent · running', '12.3k in · 678 out', '$1.42', '1m 15s', 'sthr_docs']) assert.ok(shown.threadText.includes(expected), `the Threads tab shows ${JSON.stringify(expected)}`);
    assert.equal(shown.images, 0, 'no element made of the text');
    assert.deepEqual(shown.eventLinks, ['ev_define', 'ev_end'], 'the outcome and its evaluation link to their events');
  });

  it('goes to the event of an outcome in the transcript from its Show button', async () => {
    await new HostFeed((message) => view!.send(message)).events([EXAMPLES['user.message'], EXAMPLES['user.define_outcome'], EXAMPLES['agent.message']], true);
    await view!.send({ type: 'inspector', inspector: { ...VIEW, outcomes: [{ ...VIEW.outcomes[0], eventId: EXAMPLES['user.define_outcome'].id }] } });
    await page.waitForFunction((id: string) => document.querySelector(`#inspector-panel-session [data-target="${id}"]`) !== null, EXAMPLES['user.define_outcome'].id);
    await page.click(`#inspector-panel-session [data-target="${EXAMPLES['user.define_outcome'].id}"]`);
    await page.waitForFunction((id: string) => document.activeElement?.closest('.row')?.dataset.eventId === id, EXAMPLES['user.define_outcome'].id);
  });

  it('moves between the tabs with the arrows, Home and End, the selected one alone in the Tab order', async () => {
    await page.evaluate(() => document.getElementById('inspector-tab-session').focus());
    const press = async (key: string, expected: string) => {
      await page.press(':focus', key);
      assert.deepEqual(await selectedTab(), [expected], `after ${key}`);
      assert.equal((await tabs()).filter((tab) => tab.tabIndex === 0).length, 1, 'one tab in the Tab order');
    };
    await press('ArrowRight', 'inspector-tab-tools');
    await press('ArrowRight', 'inspector-tab-threads');
    await press('ArrowRight', 'inspector-tab-events');
    await press('ArrowRight', 'inspector-tab-session');
    await press('ArrowLeft', 'inspector-tab-events');
    await press('Home', 'inspector-tab-session');
    await press('End', 'inspector-tab-events');
    await press('ArrowLeft', 'inspector-tab-threads');
    // Tab leaves the tabs for the selected panel.
    await page.press(':focus', 'Tab');
    assert.equal(await dom(() => document.activeElement.id), 'inspector-panel-threads');
  });

  it('says why a load failed, and Retry asks again', async () => {
    await view!.send({ type: 'inspector', inspector: { ...VIEW, threads: { state: 'failed', error: `HTTP 503 ${HOSTILE}` } } });
    await page.waitForFunction(() => document.querySelector('#inspector-panel-threads .inspector-error') !== null);
    assert.equal(await dom(() => document.querySelector('#inspector-panel-threads .inspector-error-reason').textContent), `HTTP 503 ${HOSTILE}`);
    const before = await inspects();
    await page.click('#inspector-panel-threads [data-action="inspector-retry"]');
    await page.waitForFunction((count: number) => window.__posted.filter((m: { type: string }) => m.type === 'inspect').length === count + 1, before);
    await view!.send({ type: 'inspector', inspector: { ...VIEW, threads: { state: 'loading' } } });
    await page.waitForFunction(() => document.querySelector('#inspector-panel-threads .inspector-loading')?.textContent === 'Loading the threads…');
  });

  it('comes back open on the same tab after the panel reloads, and asks the host to load again', async () => {
    assert.deepEqual(await dom(() => ({ open: window.__state.inspectorOpen, tab: window.__state.inspectorTab })), { open: true, tab: 'threads' });
    await view!.reload({ urls: [], origins: [] });
    await view!.send({ type: 'init', sessionId: header.id, draft: '', header });
    await page.waitForFunction(() => window.__posted.some((m: { type: string }) => m.type === 'inspect'));
    const state = await dom(() => ({
      open: !document.getElementById('inspector').hidden,
      expanded: document.querySelector('[data-action="toggle-inspector"]').getAttribute('aria-expanded'),
      selected: document.querySelector('[role="tab"][aria-selected="true"]').id,
      threadsShown: !document.getElementById('inspector-panel-threads').hidden,
    }));
    assert.deepEqual(state, { open: true, expanded: 'true', selected: 'inspector-tab-threads', threadsShown: true });
  });

  it('shows each tool\'s figures in the Tools tab as the host sends them, says when older events are left out, and has no summary above the transcript', async () => {
    await page.evaluate(() => document.getElementById('inspector-tab-threads').focus());
    await page.press(':focus', 'ArrowLeft');
    assert.deepEqual(await selectedTab(), ['inspector-tab-tools']);
    const tools = () =>
      dom(() => {
        const panel = document.getElementById('inspector-panel-tools');
        return {
          line: panel.querySelector('.tools-line')?.textContent ?? panel.querySelector('.inspector-empty')?.textContent,
          note: panel.querySelector('.inspector-note')?.textContent ?? '',
          rows: [...panel.querySelectorAll('tbody tr')].map((row: { children: { textContent: string }[] }) => [...row.children].map((cell) => cell.textContent)),
          headers: [...panel.querySelectorAll('thead th')].map((cell: { textContent: string }) => cell.textContent),
          made: panel.querySelectorAll('img, script').length,
        };
      });
    await view!.send({ type: 'tools', tools: [] });
    assert.equal((await tools()).line, 'No tool calls yet');
    const figures: ToolStatView[] = [
      { name: 'bash', calls: 3, failures: 1, median: '3s', longest: '4s' },
      { name: `github · ${HOSTILE}`, calls: 1, failures: 0, median: '', longest: '' },
    ];
    await view!.send({ type: 'tools', tools: figures });
    assert.deepEqual(await tools(), {
      line: '4 calls, 1 failed',
      note: '',
      rows: [['bash', '3', '1', '3s', '4s'], [`github · ${HOSTILE}`, '1', '0', '–', '–']],
      headers: ['Tool', 'Calls', 'Failed', 'Median', 'Longest'],
      made: 0,
    });
    // Older events not loaded: the figures say they count only what is loaded.
    await view!.send({ type: 'history', history: { hasOlder: true, loading: 'none', loaded: 3 } });
    assert.match((await tools()).note, /Older events are not loaded yet/);
    await view!.send({ type: 'history', history: { hasOlder: false, loading: 'none', loaded: 3 } });
    // A live call: the tab follows.
    await view!.send({ type: 'tools', tools: [{ ...figures[0], calls: 4, median: '3.5s' }, figures[1]] });
    assert.deepEqual((await tools()).rows[0], ['bash', '4', '1', '3.5s', '4s']);
    assert.equal((await tools()).line, '5 calls, 1 failed');
    assert.equal((await tools()).note, '');
    assert.equal(await dom(() => document.querySelectorAll('.tools-region, .tools-summary').length), 0, 'one place for the figures: no summary above the transcript');
  });

  it('shows in the Events tab the raw JSON of the transcript row with the focus, as text, and asks only while the tab shows', async () => {
    const hostile: SessionEvent = { id: 'ev_hostile', type: 'agent.message', content: [{ type: 'text', text: `Look: ${HOSTILE}` }], processed_at: '2026-11-21T10:00:05Z' };
    await new HostFeed((message) => view!.send(message)).events([EXAMPLES['user.message'], EXAMPLES['user.define_outcome'], EXAMPLES['agent.message'], hostile], true);
    const asked = async () => (await posted()).filter((message) => message.type === 'inspectEvent').map((message) => (message as { eventId: string }).eventId);
    // The outcome's Show put the focus on its row before: the tab shows that event once selected.
    assert.deepEqual(await asked(), [], 'nothing asked while the Events tab is not shown');
    await page.evaluate(() => document.getElementById('inspector-tab-tools').focus());
    await page.press(':focus', 'End');
    assert.deepEqual(await selectedTab(), ['inspector-tab-events']);
    await page.waitForFunction((id: string) => window.__posted.some((m: { type: string; eventId?: string }) => m.type === 'inspectEvent' && m.eventId === id), EXAMPLES['user.define_outcome'].id);
    const events = () =>
      dom(() => {
        const panel = document.getElementById('inspector-panel-events');
        const json = panel.querySelector('.inspector-json');
        return {
          text: panel.textContent,
          json: json?.textContent ?? null,
          jsonName: json?.getAttribute('aria-label') ?? null,
          jsonFocusable: json?.tabIndex === 0,
          note: panel.querySelector('.inspector-note')?.textContent ?? '',
          buttons: [...panel.querySelectorAll('button')].map((button: { textContent: string }) => button.textContent),
          made: panel.querySelectorAll('img, script').length,
        };
      });
    assert.match((await events()).text, /Loading the event’s JSON/);
    // The host no longer holds it.
    await view!.send({ type: 'eventJson', eventId: EXAMPLES['user.define_outcome'].id, event: null });
    assert.match((await events()).text, /not loaded in the panel/);
    // Another row gets the focus: the tab follows it, and shows its JSON as text.
    await page.evaluate(() => document.querySelector('.row[data-event-id="ev_hostile"]').focus());
    await page.waitForFunction(() => window.__posted.some((m: { type: string; eventId?: string }) => m.type === 'inspectEvent' && m.eventId === 'ev_hostile'));
    const answer = toEventJsonView(hostile)!;
    // A late answer for an event no longer chosen is not shown.
    await view!.send({ type: 'eventJson', eventId: EXAMPLES['agent.message'].id, event: toEventJsonView(EXAMPLES['agent.message']) });
    assert.equal((await events()).json, null);
    await view!.send({ type: 'eventJson', eventId: 'ev_hostile', event: answer });
    const shown = await events();
    assert.equal(shown.json, JSON.stringify(hostile, undefined, 2));
    assert.ok(shown.json?.includes(HOSTILE));
    assert.equal(shown.made, 0, 'no element made of the JSON');
    assert.equal(shown.jsonName, 'JSON of the agent.message event');
    assert.equal(shown.jsonFocusable, true, 'the JSON can be reached and scrolled from the keyboard');
    assert.deepEqual(shown.buttons, ['Copy', 'Open in Editor', 'Show in Transcript']);
    assert.equal(shown.note, '');
    assert.equal(await dom(() => window.__state.inspectorEventId), 'ev_hostile');
    // From the keyboard: Tab from the tab to its panel, then to Copy; Enter copies the whole event through the host.
    await page.evaluate(() => document.getElementById('inspector-tab-events').focus());
    await page.press(':focus', 'Tab');
    assert.equal(await dom(() => document.activeElement.id), 'inspector-panel-events');
    await page.press(':focus', 'Tab');
    assert.equal(await dom(() => document.activeElement.textContent), 'Copy');
    await page.press(':focus', 'Enter');
    await page.waitForFunction(() => window.__posted.some((m: { type: string; eventId?: string }) => m.type === 'copyEventJson' && m.eventId === 'ev_hostile'));
    assert.equal(await dom(() => document.querySelector('#inspector [role="status"]').textContent), 'Copied the event’s JSON');
    await page.click('#inspector-panel-events [data-action="inspector-open-json"]');
    await page.waitForFunction(() => window.__posted.some((m: { type: string; eventId?: string }) => m.type === 'openEventJson' && m.eventId === 'ev_hostile'));
    // Focus moving within the same row asks nothing more.
    const before = (await asked()).length;
    await page.evaluate(() => document.querySelector('.row[data-event-id="ev_hostile"]').focus());
    assert.equal((await asked()).length, before);
  });

  it('says when the host cut a huge event\'s JSON, pointing to Open in Editor for the whole', async () => {
    await page.evaluate(() => document.querySelector('.row[data-event-id="ev_agent"]').focus());
    await page.waitForFunction(() => window.__posted.some((m: { type: string; eventId?: string }) => m.type === 'inspectEvent' && m.eventId === 'ev_agent'));
    await view!.send({ type: 'eventJson', eventId: 'ev_agent', event: toEventJsonView(EXAMPLES['agent.message'], 40) });
    const shown = await dom(() => ({
      note: document.querySelector('#inspector-panel-events .inspector-note')?.textContent ?? '',
      json: document.querySelector('#inspector-panel-events .inspector-json').textContent,
      name: document.querySelector('#inspector-panel-events .inspector-json').getAttribute('aria-label'),
    }));
    const whole = JSON.stringify(EXAMPLES['agent.message'], undefined, 2);
    assert.equal(shown.json, whole.slice(0, 40));
    assert.equal(shown.note, `Showing the first 40 of ${whole.length.toLocaleString('en-US')} characters. Open in Editor shows the whole event; Copy copies all of it.`);
    assert.equal(shown.name, 'JSON of the agent.message event (its start)');
  });

  it('asks again once the history is in for an event the host did not hold yet (the panel was refreshed)', async () => {
    const asks = () => page.evaluate<number>(() => window.__posted.filter((m: { type: string; eventId?: string }) => m.type === 'inspectEvent' && m.eventId === 'ev_agent').length);
    const before = await asks();
    await view!.send({ type: 'init', sessionId: header.id, draft: '', header });
    assert.equal(await asks(), before + 1, 'the chosen event is asked for again after an init');
    await view!.send({ type: 'eventJson', eventId: 'ev_agent', event: null });
    assert.match(await dom(() => document.getElementById('inspector-panel-events').textContent), /not loaded in the panel/);
    await new HostFeed((message) => view!.send(message)).events([EXAMPLES['user.message'], EXAMPLES['agent.message']], true);
    assert.equal(await asks(), before + 2, 'asked again once the history is in');
    await view!.send({ type: 'eventJson', eventId: 'ev_agent', event: toEventJsonView(EXAMPLES['agent.message']) });
    assert.equal(await dom(() => document.querySelector('#inspector-panel-events .inspector-json').textContent), JSON.stringify(EXAMPLES['agent.message'], undefined, 2));
  });

  it('finds nothing serious under axe in any tab, with the system prompt unfolded', async () => {
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    await view!.send({ type: 'inspector', inspector: { ...VIEW, resources: { state: 'failed', error: 'HTTP 500' } } });
    await page.waitForFunction(() => document.querySelector('#inspector-panel-session .inspector-error') !== null);
    const findings = async (): Promise<Finding[]> => {
      const all = (await page.evaluate(async () => {
        const result = await window.axe.run(document.getElementById('inspector'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
        return result.violations.flatMap((v: { id: string; impact: string; nodes: { impact?: string; target: string[] }[] }) => v.nodes.map((n) => ({ rule: v.id, impact: n.impact ?? v.impact, target: n.target.join(' ') })));
      })) as Finding[];
      return all.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
    };
    await view!.send({ type: 'tools', tools: [{ name: 'bash', calls: 2, failures: 1, median: '1s', longest: '2s' }] });
    for (const tab of ['session', 'tools', 'threads', 'events']) {
      await page.click(`#inspector-tab-${tab}`);
      await page.evaluate(() => {
        for (const details of document.querySelectorAll('#inspector details')) details.open = true;
      });
      assert.deepEqual(await findings(), [], `the ${tab} tab`);
    }
    // The check can fail: a tab without a name is found.
    await page.evaluate(() => document.getElementById('inspector-tab-threads').replaceChildren());
    assert.ok((await findings()).some((finding) => finding.target.includes('inspector-tab-threads')), 'an unnamed tab is a finding');
  });

  it('closes from the same button', async () => {
    await page.click('[data-action="toggle-inspector"]');
    await page.waitForFunction(() => document.getElementById('inspector').hidden && document.querySelector('[data-action="toggle-inspector"]').getAttribute('aria-expanded') === 'false');
    assert.equal(await dom(() => window.__state.inspectorOpen), false);
  });
});

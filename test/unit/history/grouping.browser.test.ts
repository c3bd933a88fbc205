// Grouping the transcript by model request (the filter bar's "Group by model request"): each request
// under a heading that says what it did, folded and unfolded by mouse and keys; live growth, an older
// page, the filter and a reveal into a folded group; axe. The real bundle in headless Chromium.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { SessionEvent } from '../../../src/api';
import type { HostMessage, SessionHeader } from '../../../src/webview/protocol';
import { HostFeed } from '../helpers/hostFeed';
import { openWebviewPage, webviewPageAvailable, type Page, type WebviewPage } from '../helpers/webviewPage';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const header: SessionHeader = {
  id: 'sesn_grouped',
  title: 'Grouped by model request',
  status: 'idle',
  archived: false,
  agentName: 'Bot',
  agentVersion: 1,
  model: 'claude-sonnet-4-6',
  environment: 'Staging',
  tokens: '',
  cost: '',
  activeTime: '',
  createdAt: '2026-01-01T00:00:00Z',
  budget: '',
  budgetReached: false,
};

const t0 = Date.parse('2026-01-01T10:00:00Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const text = (value: string) => [{ type: 'text' as const, text: value }];
const usage = { input_tokens: 1200, output_tokens: 300 };

/** A user message; request 1 thinks and calls bash (answered after its end); request 2 answers; idle. */
const EVENTS: SessionEvent[] = [
  { id: 'u1', type: 'user.message', content: text('Please fix the test.'), processed_at: at(0) },
  { id: 's1', type: 'span.model_request_start', processed_at: at(1) },
  { id: 'th1', type: 'agent.thinking', processed_at: at(2) },
  { id: 'c1', type: 'agent.tool_use', name: 'bash', input: { command: 'npm test' }, processed_at: at(3) },
  { id: 'e1', type: 'span.model_request_end', model_request_start_id: 's1', is_error: false, model_usage: usage, processed_at: at(6) },
  { id: 'r1', type: 'agent.tool_result', tool_use_id: 'c1', content: text('1 failing'), processed_at: at(8) },
  { id: 's2', type: 'span.model_request_start', processed_at: at(9) },
  { id: 'm2', type: 'agent.message', content: text('Fixed it.'), processed_at: at(10) },
  { id: 'e2', type: 'span.model_request_end', model_request_start_id: 's2', is_error: false, model_usage: usage, processed_at: at(12) },
  { id: 'idle', type: 'session.status_idle', stop_reason: { type: 'end_turn' }, stop_details: null, processed_at: at(13) },
] as SessionEvent[];

describe('history webview: grouped by model request', function () {
  this.timeout(60_000);
  let view: WebviewPage | undefined;
  let page: Page;
  let host: HostFeed;

  const send = (message: HostMessage) => view!.send(message);
  const dom = <T>(fn: () => T) => page.evaluate<T>(fn);
  /** The listed rows' event ids in order, heads marked `>` and rows in a group `  `. */
  const listed = () =>
    dom(() =>
      [...document.querySelectorAll('.list > .row')].map((row: { classList: { contains(c: string): boolean }; dataset: { eventId: string } }) =>
        row.classList.contains('group-row') ? `>${row.dataset.eventId}` : row.classList.contains('in-group') ? `  ${row.dataset.eventId}` : row.dataset.eventId,
      ),
    );
  const head = (id: string) =>
    page.evaluate<{ text: string; label: string; expanded: string } | undefined>((eventId: string) => {
      const row = document.querySelector(`.row.group-row[data-event-id="${eventId}"]`);
      return row ? { text: row.textContent, label: row.getAttribute('aria-label'), expanded: row.querySelector('.group-toggle').getAttribute('aria-expanded') } : undefined;
    }, id);
  const focused = () => dom(() => document.activeElement?.dataset?.eventId as string | undefined);
  /** Waits for two frames (a layout pass). */
  const frames = () => dom(() => new Promise((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve))));

  async function load(events: readonly SessionEvent[], grouped: boolean): Promise<void> {
    await host.init({ type: 'init', sessionId: header.id, draft: '', header });
    await host.events(events, true);
    await send({ type: 'history', history: { hasOlder: false, loading: 'none', loaded: events.length } });
    await page.waitForFunction((n: number) => document.querySelector('.count')?.textContent === `${n} events`, events.length);
    const on = await dom(() => document.querySelector('[data-action="toggle-grouping"]').getAttribute('aria-pressed') === 'true');
    if (on !== grouped) await page.click('[data-action="toggle-grouping"]');
    await frames();
  }

  before(async function () {
    if (!webviewPageAvailable()) return this.skip();
    view = await openWebviewPage(header.title ?? '', { keepState: true });
    page = view.page;
    host = new HostFeed(send);
  });

  after(async () => {
    await view?.close();
  });

  afterEach(() => {
    if (view) assert.deepEqual(view.pageErrors.splice(0), [], 'errors in the page');
  });

  it('groups each request under a heading that says what it did, and ungroups again; the choice is kept', async () => {
    await load(EVENTS, false);
    assert.equal(await dom(() => document.querySelector('[data-action="toggle-grouping"]').getAttribute('aria-pressed')), 'false');
    assert.deepEqual(await listed(), ['u1', 's1', 'th1', 'c1', 'e1', 'r1', 's2', 'm2', 'e2', 'idle']);

    await page.click('[data-action="toggle-grouping"]');
    await frames();
    assert.equal(await dom(() => document.querySelector('[data-action="toggle-grouping"]').getAttribute('aria-pressed')), 'true');
    assert.equal(await dom(() => window.__state.groupByRequest), true, 'kept in the webview state');
    // The tool's result goes with its call, in the call's request.
    assert.deepEqual(await listed(), ['u1', '>s1', '  th1', '  c1', '  e1', '  r1', '>s2', '  m2', '  e2', 'idle']);
    const first = (await head('s1'))!;
    assert.match(first.text, /Model request 1/);
    assert.match(first.text, /5s · 1\.2k in · 300 out/);
    assert.match(first.text, /thinking, tool call/);
    assert.equal(first.expanded, 'true');
    assert.match(first.label, /^Model request 1, 5s · 1\.2k in · 300 out: thinking, tool call; 5 events, expanded$/);
    assert.match((await head('s2'))!.text, /Model request 2.*message/);
    assert.equal(await dom(() => document.querySelector('.row[data-event-id="c1"]').getAttribute('aria-level')), '2');
    assert.equal(await dom(() => document.querySelector('.count').textContent), '10 events', 'every event counts once');

    await page.click('[data-action="toggle-grouping"]');
    await frames();
    assert.deepEqual(await listed(), ['u1', 's1', 'th1', 'c1', 'e1', 'r1', 's2', 'm2', 'e2', 'idle']);
    assert.equal(await dom(() => window.__state.groupByRequest), false);
  });

  it('folds and unfolds a group by mouse, and by Enter, Space, Right and Left on its heading', async () => {
    await load(EVENTS, true);
    await page.click('.row[data-event-id="s1"] .group-toggle');
    await frames();
    assert.deepEqual(await listed(), ['u1', '>s1', '>s2', '  m2', '  e2', 'idle']);
    const folded = (await head('s1'))!;
    assert.equal(folded.expanded, 'false');
    assert.match(folded.label, /collapsed$/);
    assert.equal(await dom(() => document.activeElement.classList.contains('group-toggle') && document.activeElement.closest('.row').dataset.eventId), 's1', 'the button keeps the focus');
    assert.equal(await dom(() => document.querySelector('.count').textContent), '10 events', 'folded events still count');

    await page.click('.row[data-event-id="s1"] .group-toggle');
    await frames();
    assert.equal((await head('s1'))!.expanded, 'true');
    assert.deepEqual((await listed()).slice(0, 6), ['u1', '>s1', '  th1', '  c1', '  e1', '  r1']);

    // Keys on the heading row.
    await page.press('.row[data-event-id="s1"]', 'Enter');
    await frames();
    assert.equal((await head('s1'))!.expanded, 'false');
    assert.equal(await focused(), 's1', 'the heading keeps the focus');
    await page.press('.row[data-event-id="s1"]', ' ');
    await frames();
    assert.equal((await head('s1'))!.expanded, 'true');
    await page.press('.row[data-event-id="s1"]', 'ArrowLeft');
    await frames();
    assert.equal((await head('s1'))!.expanded, 'false');
    await page.press('.row[data-event-id="s1"]', 'ArrowLeft');
    await frames();
    assert.equal((await head('s1'))!.expanded, 'false', 'Left on a folded heading leaves it folded');
    await page.press('.row[data-event-id="s1"]', 'ArrowRight');
    await frames();
    assert.equal((await head('s1'))!.expanded, 'true');
    assert.equal(await focused(), 's1');
    // Right on an unfolded heading goes to its first row; Left there goes back to the heading.
    await page.press('.row[data-event-id="s1"]', 'ArrowRight');
    assert.equal(await focused(), 'th1');
    await page.press('.row[data-event-id="th1"]', 'ArrowDown');
    assert.equal(await focused(), 'c1');
    await page.press('.row[data-event-id="c1"]', 'ArrowLeft');
    assert.equal(await focused(), 's1');
  });

  it('a heading the reader unfolds stays where it is on screen, at the bottom of a long transcript too', async () => {
    const earlier = Array.from({ length: 30 }, (_, i) => ({ id: `earlier${i}`, type: 'user.message', content: text(`Earlier message ${i}`), processed_at: at(-100 + i) })) as SessionEvent[];
    await load([...earlier, ...EVENTS], true);
    const top = () => dom(() => document.querySelector('.row[data-event-id="s1"]').getBoundingClientRect().top);
    // Folded at the bottom: the rows below it fill the screen's bottom (nothing is left to keep it up).
    await page.click('.row[data-event-id="s1"] .group-toggle');
    await frames();
    assert.ok(await dom(() => { const s = document.querySelector('.scroller'); return s.scrollHeight - s.clientHeight - s.scrollTop <= 24 && s.scrollTop > 0; }), 'at the bottom of a transcript taller than the screen');
    const before = await top();
    // Unfolded: its rows open below it rather than pushing it up to keep the bottom in view.
    await page.click('.row[data-event-id="s1"] .group-toggle');
    await frames();
    assert.equal((await head('s1'))!.expanded, 'true');
    const after = await top();
    assert.ok(Math.abs(after - before) <= 1, `the heading stays (${before} → ${after})`);
  });

  it('an open request grows live under its heading; a tool result after a status row joins its call', async () => {
    await load(EVENTS, true);
    await host.events([{ id: 'u3', type: 'user.message', content: text('One more thing.'), processed_at: at(20) }, { id: 's3', type: 'span.model_request_start', processed_at: at(21) }] as SessionEvent[], true);
    await frames();
    assert.match((await head('s3'))!.text, /Model request 3.*in progress/);
    await host.events([{ id: 'th3', type: 'agent.thinking', processed_at: at(22) }], true);
    await host.events([{ id: 'c3', type: 'agent.custom_tool_use', name: 'deploy', input: {}, processed_at: at(23) }], true);
    await frames();
    assert.match((await head('s3'))!.text, /thinking, tool call/);
    await host.events(
      [
        { id: 'e3', type: 'span.model_request_end', model_request_start_id: 's3', is_error: false, model_usage: usage, processed_at: at(25) },
        { id: 'idle3', type: 'session.status_idle', stop_reason: { type: 'requires_action', event_ids: ['c3'] }, stop_details: null, processed_at: at(26) },
      ] as SessionEvent[],
      true,
    );
    await host.events([{ id: 'r3', type: 'user.custom_tool_result', custom_tool_use_id: 'c3', content: text('deployed'), processed_at: at(30) }] as SessionEvent[], true);
    await frames();
    assert.deepEqual((await listed()).slice(-7), ['u3', '>s3', '  th3', '  c3', '  e3', '  r3', 'idle3']);
    assert.match((await head('s3'))!.text, /Model request 3.*4s · 1\.2k in · 300 out/);
    assert.equal(await dom(() => document.querySelector('.count').textContent), '17 events');
  });

  it('an older page brings the start of a request whose rows were loaded: they join it, the screen stays', async () => {
    await host.init({ type: 'init', sessionId: header.id, draft: '', header });
    await send({ type: 'history', history: { hasOlder: true, loading: 'none', loaded: 0 } });
    // The newest page starts inside request 1 (its start and thinking are older), and fills the screen.
    const later = Array.from({ length: 24 }, (_, i) => ({ id: `later${i}`, type: 'user.message', content: text(`Later message ${i}`), processed_at: at(100 + i) })) as SessionEvent[];
    await host.events([...EVENTS.slice(3), ...later], true);
    await send({ type: 'history', history: { hasOlder: true, loading: 'none', loaded: EVENTS.length - 3 + later.length } });
    if (!(await dom(() => document.querySelector('[data-action="toggle-grouping"]').getAttribute('aria-pressed') === 'true'))) await page.click('[data-action="toggle-grouping"]');
    await frames();
    await dom(() => (document.querySelector('.scroller').scrollTop = 0));
    await frames();
    assert.deepEqual((await listed()).slice(0, 7), ['c1', 'e1', 'r1', '>s2', '  m2', '  e2', 'idle']);
    assert.match((await head('s2'))!.text, /Model request 1/, 'the first request loaded so far');
    const before = await dom(() => document.querySelector('.row[data-event-id="idle"]').getBoundingClientRect().top);

    await host.older(EVENTS.slice(0, 3));
    await frames();
    assert.deepEqual((await listed()).slice(0, 10), ['u1', '>s1', '  th1', '  c1', '  e1', '  r1', '>s2', '  m2', '  e2', 'idle']);
    assert.match((await head('s2'))!.text, /Model request 2/, 'numbered again');
    assert.equal(await dom(() => document.querySelector('.row[data-event-id="c1"]').dataset.group), 's1');
    const after = await dom(() => document.querySelector('.row[data-event-id="idle"]').getBoundingClientRect().top);
    assert.ok(Math.abs(after - before) <= 1, `the rows on screen stay where they were (${before} → ${after})`);
  });

  it('a group none of whose events pass the filter goes, and comes back with them', async () => {
    await load(EVENTS, true);
    await page.fill('.search', 'fixed it');
    await page.waitForFunction(() => document.querySelector('.count').textContent === '1 of 10');
    assert.deepEqual(await listed(), ['>s2', '  m2']);
    // Only spans: both headings, each with its end.
    await page.fill('.search', '');
    await page.waitForFunction(() => document.querySelector('.count').textContent === '10 events');
    for (const kind of ['user', 'agent', 'thinking', 'tool', 'status']) await page.click(`.chip[data-kind="${kind}"]`);
    await frames();
    assert.deepEqual(await listed(), ['>s1', '  e1', '>s2', '  e2']);
    for (const kind of ['user', 'agent', 'thinking', 'tool', 'status']) await page.click(`.chip[data-kind="${kind}"]`);
    await frames();
    assert.deepEqual(await listed(), ['u1', '>s1', '  th1', '  c1', '  e1', '  r1', '>s2', '  m2', '  e2', 'idle']);
  });

  it("with spans hidden, a live request's heading comes with its first event that passes", async () => {
    await load(EVENTS, true);
    await page.click('.chip[data-kind="span"]');
    await frames();
    await host.events([{ id: 's4', type: 'span.model_request_start', processed_at: at(40) }], true);
    await frames();
    assert.equal((await listed()).at(-1), 'idle', 'a request with nothing shown yet is not listed');
    await host.events([{ id: 'm4', type: 'agent.message', content: text('Live.'), processed_at: at(41) }] as SessionEvent[], true);
    await frames();
    assert.deepEqual((await listed()).slice(-3), ['idle', '>s4', '  m4']);
    assert.equal(await dom(() => document.querySelector('.count').textContent), '7 of 12');
    await page.click('.chip[data-kind="span"]');
    await frames();
  });

  it('shows an event inside a folded group: the group unfolds and the event has the focus', async () => {
    await load(EVENTS, true);
    await page.click('.row[data-event-id="s1"] .group-toggle');
    await frames();
    assert.equal((await head('s1'))!.expanded, 'false');
    await send({ type: 'reveal', eventId: 'c1' });
    await page.waitForFunction(() => document.activeElement?.dataset?.eventId === 'c1');
    assert.equal((await head('s1'))!.expanded, 'true');
    assert.deepEqual((await listed()).slice(0, 6), ['u1', '>s1', '  th1', '  c1', '  e1', '  r1']);
  });

  it('passes axe with groups folded and unfolded', async () => {
    await load(EVENTS, true);
    await page.click('.row[data-event-id="s1"] .group-toggle');
    await frames();
    await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const findings = await page.evaluate(async () => {
      const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
      return result.violations.flatMap((v: { id: string; impact: string; nodes: { target: string[] }[] }) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
    });
    assert.deepEqual(findings, []);
  });

  it('comes back grouped after the panel reloads (the choice is in the webview state)', async () => {
    await load(EVENTS, true);
    await view!.reload({ urls: [], origins: [] });
    assert.equal(await dom(() => document.querySelector('[data-action="toggle-grouping"]').getAttribute('aria-pressed')), 'true');
    await host.init({ type: 'init', sessionId: header.id, draft: '', header });
    await host.events(EVENTS, true);
    await page.waitForFunction(() => document.querySelectorAll('.group-row').length === 2);
    assert.deepEqual(await listed(), ['u1', '>s1', '  th1', '  c1', '  e1', '  r1', '>s2', '  m2', '  e2', 'idle']);
  });
});

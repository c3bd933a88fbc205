// The thread lanes in the built history webview (media/dist/webview.js) in headless Chromium: hidden for
// a single agent; one lane per thread with its bars where its spans fall in time; a lane chosen by mouse
// or keyboard asks the host for that thread; the host's `transcript` message swaps the rows and shows the
// banner, whose Back asks for the session again; the reply box keeps its text; a thread message's
// "other side" link asks the host; axe finds nothing serious. Skipped without Chromium or the bundle.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { LanesView, SessionHeader, WebviewMessage } from '../../../src/webview/protocol';
import type { RowView } from '../../../src/webview/eventView';
import { openWebviewPage, webviewPageAvailable, type Page, type WebviewPage } from '../helpers/webviewPage';
import { HEADER } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const requestAnimationFrame: any;

const HOSTILE = '<img src=x onerror=alert(1)>';
const header: SessionHeader = { ...HEADER, id: 'sesn_lanes', title: 'A team at work', status: 'running' };
const T0 = Date.parse('2026-12-04T10:00:00.000Z');
const s = (seconds: number) => T0 + seconds * 1000;

const LANES: LanesView = {
  start: s(0),
  end: s(100),
  lanes: [
    { threadId: null, name: 'Team lead', role: 'coordinator', state: 'idle', spans: [{ start: s(0), end: s(100), state: 'working' }], summary: 'idle now; worked once, 1m 40s in all' },
    { threadId: 'sthr_docs', name: `Docs writer ${HOSTILE}`, role: 'subagent', state: 'idle', spans: [{ start: s(10), end: s(20), state: 'idle' }, { start: s(20), end: s(70), state: 'working' }, { start: s(70), end: null, state: 'idle' }], summary: 'idle now; worked once, 50s in all' },
    { threadId: 'sthr_review', name: 'Reviewer', role: 'subagent', state: 'waiting', spans: [{ start: s(50), end: s(75), state: 'working' }, { start: s(75), end: null, state: 'waiting' }], summary: 'waiting for you now; worked once, 25s in all' },
  ],
};

const row = (id: string, title: string, extra: Partial<RowView> = {}): RowView => ({ id, type: 'agent.message', kind: 'agent', layout: 'message', time: new Date(s(1)).toISOString(), title, markdown: title, ...extra });

describe('thread lanes in the history webview in Chromium', function () {
  this.timeout(60_000);
  let view: WebviewPage | undefined;
  let page: Page;
  let pageErrors: string[] = [];
  const dom = <T>(fn: () => T) => page.evaluate<T>(fn);
  const posted = () => page.evaluate<WebviewMessage[]>('window.__posted');
  const threadRequests = async () => (await posted()).flatMap((message) => (message.type === 'openThread' ? [message.threadId] : []));

  before(async function () {
    if (!webviewPageAvailable()) return this.skip();
    view = await openWebviewPage(header.title);
    ({ page, pageErrors } = view);
    await view.send({ type: 'init', sessionId: header.id, draft: 'half a reply', header });
    await view.send({ type: 'patch', append: [row('ev_1', 'Session row'), row('ev_sent', 'To Docs writer', { type: 'agent.thread_message_sent', kind: 'thread', links: [{ label: 'Docs writer’s side', eventId: 'ev_sent', otherSide: true }] })], historyComplete: true });
  });

  after(async () => {
    await view?.close();
  });

  afterEach(() => {
    assert.deepEqual(pageErrors.splice(0), [], 'errors in the page (CSP violations included)');
  });

  it('shows no lanes until the host sends some (a single agent has none)', async () => {
    assert.equal(await dom(() => document.querySelector('.lanes').hidden), true);
  });

  it('draws a lane per thread, the coordinator first and current, with bars where the spans fall', async () => {
    await view!.send({ type: 'lanes', lanes: LANES });
    await page.waitForFunction(() => document.querySelectorAll('.lane').length === 3);
    const lanes = await dom(() =>
      [...document.querySelectorAll('.lane')].map((lane: { dataset: { thread: string }; tabIndex: number; getAttribute(n: string): string | null; querySelector(s: string): { textContent: string; style: { backgroundImage: string } } }) => ({
        thread: lane.dataset.thread,
        name: lane.querySelector('.lane-name').textContent,
        current: lane.getAttribute('aria-current'),
        tabIndex: lane.tabIndex,
        bars: lane.querySelector('.lane-track').style.backgroundImage,
        said: lane.querySelector('.sr-only').textContent,
      })),
    );
    assert.deepEqual(
      lanes.map((lane) => [lane.thread, lane.name, lane.current, lane.tabIndex]),
      [
        ['', 'Team lead', 'true', 0],
        ['sthr_docs', `Docs writer ${HOSTILE}`, null, -1],
        ['sthr_review', 'Reviewer', null, -1],
      ],
    );
    // The docs writer's lane: working from 20% to 70% of the time; idle before and after (the thin line).
    assert.equal(
      lanes[1].bars,
      'linear-gradient(to right, transparent 20.000%, var(--tone-info) 20.000%, var(--tone-info) max(70.000%, 20.000% + 2px), transparent max(70.000%, 20.000% + 2px)), ' +
        'linear-gradient(to right, transparent 10.000%, var(--muted) 10.000%, var(--muted) max(20.000%, 10.000% + 2px), transparent max(20.000%, 10.000% + 2px), transparent 70.000%, var(--muted) 70.000%, var(--muted) max(100.000%, 70.000% + 2px), transparent max(100.000%, 70.000% + 2px))',
    );
    assert.match(lanes[2].said, /waiting for you now/);
    assert.equal(await dom(() => document.querySelectorAll('.lanes img').length), 0, 'a name is text');
    // The same lanes later (a thread changed status): drawn once the page is idle.
    await view!.send({ type: 'lanes', lanes: { ...LANES, lanes: LANES.lanes.map((lane) => (lane.threadId === 'sthr_review' ? { ...lane, state: 'idle' } : lane)) } });
    await page.waitForFunction(() => document.querySelector('[data-thread="sthr_review"] .lane-state').textContent === 'idle');
    await view!.send({ type: 'lanes', lanes: LANES });
    await page.waitForFunction(() => document.querySelector('[data-thread="sthr_review"] .lane-state').textContent === 'waiting for you');
  });

  it('moves between lanes with the arrows in one Tab stop, and Enter asks the host for the thread', async () => {
    await page.evaluate(() => document.querySelector('.lane.current').focus());
    await page.press('.lane.current', 'ArrowDown');
    await page.press('[data-thread="sthr_docs"]', 'ArrowDown');
    assert.deepEqual(await dom(() => [document.activeElement.dataset.thread, [...document.querySelectorAll('.lane')].map((lane: { tabIndex: number }) => lane.tabIndex)]), ['sthr_review', [-1, -1, 0]]);
    await page.press('[data-thread="sthr_review"]', 'Home');
    assert.equal(await dom(() => document.activeElement.dataset.thread), '');
    await page.press('.lane[data-thread=""]', 'End');
    await page.press('[data-thread="sthr_review"]', 'Enter');
    await page.waitForFunction(() => window.__posted.some((m: { type: string }) => m.type === 'openThread'));
    assert.deepEqual(await threadRequests(), ['sthr_review']);
    // The current lane asks for nothing.
    await page.click('.lane[data-thread=""]');
    assert.deepEqual(await threadRequests(), ['sthr_review']);
  });

  it("shows the thread's rows when the host swaps the transcript, with a banner whose Back asks for the session; the reply box keeps its text", async () => {
    await page.fill('textarea.draft', 'my unsent reply');
    await view!.send({ type: 'transcript', thread: { id: 'sthr_docs', name: `Docs writer ${HOSTILE}` } });
    await view!.send({ type: 'patch', append: [row('ev_t1', 'Thread row')], historyComplete: true });
    await view!.send({ type: 'lanes', lanes: LANES });
    await page.waitForFunction(() => document.querySelector('.row, .message') && !document.querySelector('.thread-banner').hidden);
    const state = await dom(() => ({
      rows: [...document.querySelectorAll('[data-event-id]')].map((el: { dataset: { eventId: string } }) => el.dataset.eventId),
      banner: document.querySelector('.thread-banner-text').textContent,
      current: document.querySelector('.lane.current').dataset.thread,
      reply: document.querySelector('textarea.draft').value,
    }));
    assert.deepEqual(state.rows, ['ev_t1']);
    // The inspector's Tools tab says whose calls it counts.
    assert.equal(await dom(() => document.querySelector('#inspector-panel-tools .inspector-note').textContent), `The tool calls in the thread of Docs writer ${HOSTILE}.`);
    assert.match(state.banner, /^The thread of Docs writer <img/);
    assert.equal(state.current, 'sthr_docs');
    assert.equal(state.reply, 'my unsent reply');
    await page.click('[data-action="close-thread"]');
    assert.deepEqual(await threadRequests(), ['sthr_review', null]);
    await view!.send({ type: 'transcript' });
    await page.waitForFunction(() => document.querySelector('.thread-banner').hidden && document.querySelector('.lane.current').dataset.thread === '');
    assert.equal(await dom(() => document.querySelector('#inspector-panel-tools .inspector-note').textContent), 'The coordinator’s tool calls; a subagent’s are counted when its lane is chosen.');
  });

  it("asks the host for the other side of a thread message from its link", async () => {
    await view!.send({ type: 'patch', append: [row('ev_sent', 'To Docs writer', { type: 'agent.thread_message_sent', kind: 'thread', links: [{ label: 'Docs writer’s side', eventId: 'ev_sent', otherSide: true }] })], historyComplete: true });
    await page.waitForFunction(() => document.querySelector('[data-action="open-other-side"]'));
    await page.click('[data-action="open-other-side"]');
    await page.waitForFunction(() => window.__posted.some((m: { type: string }) => m.type === 'openCounterpart'));
    assert.deepEqual((await posted()).filter((m) => m.type === 'openCounterpart'), [{ type: 'openCounterpart', eventId: 'ev_sent' }]);
  });

  it('keeps the transcript at its newest row when the lanes appear as the history arrives', async () => {
    const fresh = await openWebviewPage('Sticky');
    try {
      await fresh.send({ type: 'init', sessionId: 'sesn_sticky', draft: '', header });
      // What the panel posts for a long multiagent history, at once: its rows in chunks, then the lanes.
      // The list scrolls to its newest row; the browser reports that scroll a frame later, when the lanes
      // have already made the scroller shorter.
      const rows = Array.from({ length: 1500 }, (_, i) => row(`ev_s${i}`, `message ${i}`));
      const messages = [0, 500, 1000].map((start) => ({ type: 'patch', append: rows.slice(start, start + 500), ...(start === 1000 ? { historyComplete: true } : {}) }));
      await fresh.page.evaluate((posted: unknown[]) => {
        for (const message of posted) window.postMessage(message, '*');
      }, [...messages, { type: 'lanes', lanes: LANES }]);
      await fresh.page.waitForFunction(() => !document.querySelector('.lanes').hidden);
      // Several frames for the list to settle.
      await fresh.page.evaluate(() => new Promise((resolve) => { let n = 0; const tick = () => (++n === 10 ? resolve(null) : requestAnimationFrame(tick)); requestAnimationFrame(tick); }));
      const state = await fresh.page.evaluate(() => { const s = document.querySelector('.scroller'); return { gap: s.scrollHeight - s.clientHeight - s.scrollTop, newest: Boolean(document.querySelector('[data-event-id="ev_s1499"]')) }; });
      assert.ok(state.newest && state.gap < 2, `the newest row is at the bottom: ${JSON.stringify(state)}`);
    } finally {
      await fresh.close();
    }
  });

  it('finds nothing serious under axe in the lanes and the banner', async () => {
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    await view!.send({ type: 'transcript', thread: { id: 'sthr_review', name: 'Reviewer' } });
    await page.waitForFunction(() => !document.querySelector('.thread-banner').hidden);
    const findings = () =>
      page.evaluate(async () => {
        const result = await window.axe.run(document.querySelector('.lanes'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
        return result.violations.flatMap((v: { id: string; impact: string; nodes: { impact?: string; target: string[] }[] }) => v.nodes.filter((n) => ['serious', 'critical'].includes(n.impact ?? v.impact)).map((n) => `${v.id} ${n.target.join(' ')}`));
      });
    assert.deepEqual(await findings(), []);
    // The check can fail: a lane without a name is found.
    await page.evaluate(() => {
      const lane = document.querySelector('.lane');
      lane.replaceChildren();
      lane.removeAttribute('title');
    });
    assert.ok(((await findings()) as string[]).some((finding) => finding.startsWith('button-name')), 'an unnamed lane is a finding');
  });
});

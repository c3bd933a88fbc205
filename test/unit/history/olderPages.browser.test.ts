// The history webview shows the newest events first and loads older pages as the reader scrolls up:
// a page at a time, the screen and the focus staying where they were; a search or filter asks for the
// whole history, which the reader can cancel. The real bundle in headless Chromium.
import assert from 'node:assert/strict';
import type { SessionEvent } from '../../../src/api';
import type { HostMessage, SessionHeader, WebviewMessage } from '../../../src/webview/protocol';
import { HostFeed } from '../helpers/hostFeed';
import { openWebviewPage, webviewPageAvailable, type Page, type WebviewPage } from '../helpers/webviewPage';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const KeyboardEvent: any;

const header: SessionHeader = {
  id: 'sesn_1',
  title: 'Older pages',
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

/** Events `from` (inclusive) to `to` (exclusive): tool calls answered by the next event, messages between. */
function events(from: number, to: number): SessionEvent[] {
  const out: SessionEvent[] = [];
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (let i = from; i < to; i++) {
    const processed_at = new Date(t0 + i * 1000).toISOString();
    if (i % 3 === 1) out.push({ id: `e${i}`, type: 'agent.tool_use', name: `tool${i}`, input: { n: i }, processed_at });
    else if (i % 3 === 2) out.push({ id: `e${i}`, type: 'agent.tool_result', tool_use_id: `e${i - 1}`, content: [{ type: 'text', text: `out ${i}` }], processed_at });
    else out.push({ id: `e${i}`, type: 'agent.message', content: [{ type: 'text', text: `Message ${i}${i % 5 === 0 ? `\n\n${'Some longer text. '.repeat(20)}` : ''}` }], processed_at });
  }
  return out;
}

describe('history webview: newest first, older pages on the way up', function () {
  this.timeout(60_000);
  let view: WebviewPage | undefined;
  let page: Page;
  let host: HostFeed;

  const send = (message: HostMessage) => view!.send(message);
  const posted = () => page.evaluate<WebviewMessage[]>('window.__posted');
  const dom = <T>(fn: () => T) => page.evaluate<T>(fn);
  const loadOlderAsks = async () => (await posted()).filter((m) => m.type === 'loadOlder');

  /** Where a row is on screen: how far below the viewport's top it starts (undefined when not rendered). */
  const rowOffset = (id: string) =>
    page.evaluate<number | undefined>((rowId: string) => {
      const scroller = document.querySelector('.scroller');
      const row = document.querySelector(`.row[data-event-id="${rowId}"]`);
      return row ? row.getBoundingClientRect().top - scroller.getBoundingClientRect().top : undefined;
    }, id);
  /** The first row at the top of the viewport, and how far below the viewport's top it starts. */
  const topRow = () =>
    dom(() => {
      const scroller = document.querySelector('.scroller');
      const top = scroller.getBoundingClientRect().top;
      const row = [...document.querySelectorAll('.row')].find((r: { getBoundingClientRect(): { bottom: number } }) => r.getBoundingClientRect().bottom > top + 1);
      return { id: row.dataset.eventId as string, offset: Math.round(row.getBoundingClientRect().top - top) };
    });

  before(async function () {
    if (!webviewPageAvailable()) return this.skip();
    view = await openWebviewPage(header.title);
    page = view.page;
    host = new HostFeed(send);
  });

  after(async () => {
    await view?.close();
  });

  afterEach(() => {
    if (view) assert.deepEqual(view.pageErrors.splice(0), [], 'errors in the page');
  });

  it('asks for an older page near the top and puts it above without moving the screen or the focus', async () => {
    await host.init({ type: 'init', sessionId: 'sesn_1', draft: '', header });
    await send({ type: 'history', history: { hasOlder: true, loading: 'none', loaded: 0 } });
    await host.events(events(900, 1000), true);
    await send({ type: 'history', history: { hasOlder: true, loading: 'none', loaded: 100 } });
    await send({ type: 'connection', state: 'live' });
    await page.waitForFunction(() => document.querySelectorAll('.row').length > 5);
    assert.equal(await dom(() => document.querySelector('.count').textContent), '100+ events');
    assert.deepEqual(await loadOlderAsks(), [], 'at the bottom, far from the top: nothing asked');

    // Scroll to the top of what is loaded: one page is asked for, once.
    await dom(() => {
      document.querySelector('.scroller').scrollTop = 0;
    });
    await page.waitForFunction(() => window.__posted.some((m: { type: string }) => m.type === 'loadOlder'));
    await page.waitForTimeout(200);
    assert.deepEqual(await loadOlderAsks(), [{ type: 'loadOlder', all: false }]);
    assert.match(await dom(() => document.querySelector('.older').textContent), /Loading older events/);

    // The reader focuses a row near the top; then the page arrives.
    await dom(() => {
      document.querySelector('.scroller').scrollTop = 0;
    });
    await page.waitForTimeout(100);
    const focused = await dom(() => {
      const row = document.querySelector('.row[data-event-id="e903"]');
      row.focus();
      return document.activeElement.dataset.eventId;
    });
    assert.equal(focused, 'e903');
    const before = await rowOffset('e903');
    assert.ok(before !== undefined && before > 0, `e903 is on screen (${before} px)`);
    await host.older(events(800, 900));
    await send({ type: 'history', history: { hasOlder: true, loading: 'none', loaded: 200 } });
    await page.waitForTimeout(300);
    const after = await rowOffset('e903');
    assert.ok(after !== undefined && Math.abs(after - before) <= 1, `the rows on screen did not move (e903: ${before} → ${after} px)`);
    assert.ok(await dom(() => document.querySelector('.row[data-event-id="e899"]') !== null), 'the older page is rendered above');
    assert.equal(await dom(() => document.activeElement.dataset.eventId), 'e903', 'the focus stayed');
    assert.equal(await dom(() => document.querySelector('.count').textContent), '200+ events');

    // The result at the top of the newest page now names its tool call, which came with the older page.
    const firstResult = await dom(() => document.querySelector('.row[data-event-id="e902"]')?.textContent ?? '');
    assert.match(firstResult, /tool901/);

    // Scrolling up through the new page asks for the next one, and the order is the session's.
    await dom(() => {
      document.querySelector('.scroller').scrollTop = 0;
    });
    await page.waitForFunction(() => window.__posted.filter((m: { type: string }) => m.type === 'loadOlder').length === 2);
    await host.older(events(700, 800));
    await send({ type: 'history', history: { hasOlder: false, loading: 'none', loaded: 300 } });
    await page.waitForTimeout(200);
    await dom(() => {
      document.querySelector('.scroller').scrollTop = 0;
    });
    await page.waitForTimeout(300);
    assert.equal((await loadOlderAsks()).length, 2, 'nothing more to ask for');
    assert.match(await dom(() => document.querySelector('.older').textContent), /Start of the session/);
    assert.equal((await topRow()).id, 'e700');
    // Keyboard order follows the session: Down from the first row goes to the next event.
    const next = await dom(() => {
      const row = document.querySelector('.row[data-event-id="e700"]');
      row.focus();
      row.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
      return document.activeElement.dataset.eventId;
    });
    assert.equal(next, 'e701');
  });

  it("never undoes the reader's scroll with a layout that new data scheduled first", async () => {
    await host.init({ type: 'init', sessionId: 'sesn_1', draft: '', header });
    await host.events(events(900, 1000), true);
    await send({ type: 'history', history: { hasOlder: false, loading: 'none', loaded: 100 } });
    await page.waitForFunction(() => document.querySelectorAll('.row').length > 5);
    await page.waitForTimeout(200);
    const after = await page.evaluate<Promise<{ before: number; after: number }>>(
      () =>
        new Promise<{ before: number; after: number }>((resolve) => {
          const scroller = document.querySelector('.scroller');
          const before = scroller.scrollTop;
          // In the next frame the reader scrolls up, just before a layout that a host message scheduled
          // runs (their callbacks run in the order asked for), so before any scroll event.
          window.requestAnimationFrame(() => (scroller.scrollTop = 300));
          window.dispatchEvent(new window.MessageEvent('message', { data: { type: 'history', history: { hasOlder: false, loading: 'none', loaded: 100 } } }));
          window.requestAnimationFrame(() => window.requestAnimationFrame(() => resolve({ before, after: scroller.scrollTop })));
        }),
    );
    assert.ok(after.before > 1000, `started at the bottom (${after.before})`);
    // (The rows drawn there are measured, so the number may move a little; the view must not jump back down.)
    assert.ok(Math.abs(after.after - 300) < 100, `the reader's scroll stays (${after.after})`);
  });

  it('shows a linked event further back: asks for the older history, stops once the page with it is in, focuses it', async () => {
    await host.init({ type: 'init', sessionId: 'sesn_1', draft: '', header });
    await host.events(events(900, 1000), true);
    await send({ type: 'history', history: { hasOlder: true, loading: 'none', loaded: 100 } });
    await page.waitForFunction(() => document.querySelectorAll('.row').length > 5);
    const asked = (await posted()).length;
    await send({ type: 'reveal', eventId: 'e750' });
    await page.waitForFunction((n: number) => window.__posted.slice(n).some((m: { type: string; all?: boolean }) => m.type === 'loadOlder' && m.all), asked);
    await send({ type: 'history', history: { hasOlder: true, loading: 'all', loaded: 100 } });
    // A page without it: nothing yet.
    await host.older(events(800, 900));
    await send({ type: 'history', history: { hasOlder: true, loading: 'all', loaded: 200 } });
    assert.equal((await posted()).slice(asked).filter((m) => m.type === 'cancelOlder').length, 0, 'still looking');
    // The page with it: the rest is not needed, and the row has the focus.
    await host.older(events(700, 800));
    await page.waitForFunction(() => document.activeElement?.dataset?.eventId === 'e750');
    assert.equal((await posted()).slice(asked).filter((m) => m.type === 'cancelOlder').length, 1);
    // A row's context menu names the session and the event.
    const context = await dom(() => ({ row: document.querySelector('.row[data-event-id="e750"]').dataset.vscodeContext, page: document.getElementById('app').dataset.vscodeContext }));
    assert.deepEqual(JSON.parse(context.row), { webviewSection: 'event', eventId: 'e750' });
    assert.deepEqual(JSON.parse(context.page), { sessionId: 'sesn_1' });
  });

  it('says a linked event is not in the session once the whole history is in', async () => {
    await host.init({ type: 'init', sessionId: 'sesn_1', draft: '', header });
    await host.events(events(900, 1000), true);
    await send({ type: 'history', history: { hasOlder: false, loading: 'none', loaded: 100 } });
    await page.waitForFunction(() => document.querySelectorAll('.row').length > 5);
    const asked = (await posted()).length;
    await send({ type: 'reveal', eventId: 'e5' });
    await page.waitForFunction(() => /not in the transcript/.test(document.querySelector('.notice')?.textContent ?? ''));
    assert.equal((await posted()).slice(asked).filter((m) => m.type === 'loadOlder').length, 0, 'nothing older to ask for');
  });

  it('asks for the whole history while a search is on, shows progress and can cancel', async () => {
    await host.init({ type: 'init', sessionId: 'sesn_1', draft: '', header });
    await host.events(events(900, 1000), true);
    await send({ type: 'history', history: { hasOlder: true, loading: 'none', loaded: 100 } });
    await page.waitForFunction(() => document.querySelectorAll('.row').length > 5);
    const asked = (await posted()).length;
    await page.fill('.search', 'tool');
    await page.waitForFunction((n: number) => window.__posted.slice(n).some((m: { type: string; all?: boolean }) => m.type === 'loadOlder' && m.all), asked);
    await send({ type: 'history', history: { hasOlder: true, loading: 'all', loaded: 100 } });
    await page.waitForTimeout(100);
    const newestMatches = Number((await dom(() => document.querySelector('.count').textContent as string)).split(' ')[0]);
    await host.older(events(800, 900));
    await send({ type: 'history', history: { hasOlder: true, loading: 'all', loaded: 200 } });
    await page.waitForTimeout(200);
    assert.match(await dom(() => document.querySelector('.older').textContent), /Loading the whole history for the search and filter: 200 events so far/);
    const matches = await dom(() => document.querySelector('.count').textContent);
    assert.match(matches, /^\d+ of 200\+$/, 'the matches among everything loaded so far');
    assert.ok(Number(matches.split(' ')[0]) > newestMatches, `more matches once the older page is in (${newestMatches} → ${matches})`);
    await dom(() => document.querySelector('.older button').click());
    await page.waitForFunction(() => window.__posted.some((m: { type: string }) => m.type === 'cancelOlder'));
    await send({ type: 'history', history: { hasOlder: true, loading: 'none', loaded: 200 } });
    await page.waitForTimeout(100);
    assert.match(await dom(() => document.querySelector('.older').textContent), /Showing matches among the newest 200 events/);
    await page.fill('.search', '');
  });
});

// The built history webview (media/dist/webview.js) in headless Chromium under its real CSP, with a
// stand-in for acquireVsCodeApi: windowed rendering of 10,000+ events, live appends, previews,
// hostile content as text, the reply box and the pending-action forms. Skipped without Chromium
// (CHROMIUM or /usr/bin/chromium) or without the bundle (`node esbuild.mjs`).
import assert from 'node:assert/strict';
import type { SessionEvent } from '../../../src/api';
import { HostFeed } from '../helpers/hostFeed';
import { openWebviewPage, webviewPageAvailable, type Page, type WebviewPage } from '../helpers/webviewPage';
import { describeEvent } from '../../../src/webview/eventView';
import type { HostMessage, SessionHeader, WebviewMessage } from '../../../src/webview/protocol';
import { Transcript } from '../../../src/history/transcript';
import { ALL_EVENTS, HEADER } from './fixtures';

// Browser globals for the callbacks run in the page (this file compiles without the DOM library).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;


// playwright-core is a devDependency; typed loosely so this file compiles without its types in scope.

const header: SessionHeader = { ...HEADER, title: '<img src=x onerror=alert(1)> title' };

function manyEvents(count: number): SessionEvent[] {
  const events: SessionEvent[] = [];
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const processed_at = new Date(t0 + i * 1000).toISOString();
    const long = i % 7 === 0 ? `\n\n${'A longer paragraph that wraps over several lines. '.repeat(30)}` : '';
    if (i % 3 === 0) events.push({ id: `e${i}`, type: 'agent.message', content: [{ type: 'text', text: `Message **${i}** <script>alert(1)</script> [x](javascript:alert(1))${long}` }], processed_at });
    else if (i % 3 === 1) events.push({ id: `e${i}`, type: 'agent.tool_use', name: 'bash', input: { command: `echo ${i} </script><img src=x onerror=alert(2)>` }, processed_at });
    else events.push({ id: `e${i}`, type: 'agent.tool_result', tool_use_id: `e${i - 1}`, content: [{ type: 'text', text: `out ${i}` }], processed_at });
  }
  return events;
}

describe('history webview in Chromium', function () {
  this.timeout(60_000);
  let view: WebviewPage | undefined;
  let page: Page;
  let pageErrors: string[] = [];
  let host: HostFeed;

  const send = (message: HostMessage) => view!.send(message);
  const posted = () => page.evaluate<WebviewMessage[]>('window.__posted');
  const dom = <T>(fn: () => T) => page.evaluate<T>(fn);

  before(async function () {
    if (!webviewPageAvailable()) return this.skip();
    view = await openWebviewPage(header.title ?? '');
    ({ page, pageErrors } = view);
    host = new HostFeed(send);
  });

  after(async () => {
    await view?.close();
  });

  afterEach(() => {
    assert.deepEqual(pageErrors.splice(0), [], 'errors in the page (CSP violations included)');
  });

  it('shows the header as text and 12,000 events with a bounded DOM, newest first', async () => {
    await host.init({ type: 'init', sessionId: 'sesn_1', draft: 'a saved draft', header });
    const events = manyEvents(12_000);
    for (let i = 0; i < events.length; i += 500) await host.events(events.slice(i, i + 500), i + 500 >= events.length);
    await send({ type: 'connection', state: 'live' });
    // The webview holds every event and shows the newest.
    await page.waitForFunction(() => document.querySelector('.count')?.textContent === '12000 events' && document.querySelector('.row[data-event-id="e11999"][aria-posinset="12000"][aria-setsize="12000"]') !== null, undefined, { timeout: 20_000 });
    const state = await dom(() => {
      const rows = [...document.querySelectorAll('.row')];
      const scroller = document.querySelector('.scroller')!;
      return {
        rows: rows.length,
        last: rows.at(-1)?.dataset.eventId,
        atBottom: scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop,
        title: document.querySelector('.session-title')!.textContent,
        scripts: document.querySelectorAll('script').length,
        images: document.querySelectorAll('img').length,
        handlers: [...document.querySelectorAll('*')].filter((el: { attributes: { name: string }[] }) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
        unsafeLinks: [...document.querySelectorAll('a')].filter((a) => a.hasAttribute('href') && !/^(https?|mailto):/i.test(a.getAttribute('href'))).length,
        draft: document.querySelector('.draft')!.value,
        connection: document.querySelector('.connection')!.textContent,
        count: document.querySelector('.count')!.textContent,
      };
    });
    assert.ok(state.rows > 5 && state.rows < 120, `rows in the DOM: ${state.rows}`);
    assert.equal(state.last, 'e11999');
    assert.ok(Math.abs(state.atBottom) <= 2, 'starts at the newest event');
    assert.equal(state.title, header.title);
    assert.equal(state.scripts, 1, 'only the nonce script');
    assert.equal(state.images, 0);
    assert.equal(state.handlers, 0);
    assert.equal(state.unsafeLinks, 0);
    assert.equal(state.draft, 'a saved draft');
    assert.equal(state.connection, 'live');
    assert.equal(state.count, '12000 events');
  });

  it('renders older events while scrolling up, without jumps, and keeps its place on live appends', async () => {
    const topRow = () =>
      dom(() => {
        const scroller = document.querySelector('.scroller')!;
        const top = scroller.getBoundingClientRect().top;
        const row = [...document.querySelectorAll('.row')].find((r) => r.getBoundingClientRect().bottom > top + 1)!;
        return Number(row.dataset.eventId!.slice(1));
      });
    // The top row once the page has drawn two frames without it changing (wheel scrolling goes on after
    // the wheel events were sent, for as long as the machine takes to apply them).
    const settledTopRow = async () => {
      let last = await topRow();
      for (let frames = 0; frames < 200; frames++) {
        await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
        const now = await topRow();
        if (now === last) return now;
        last = now;
      }
      return last;
    };
    await page.mouse.move(500, 400);
    let previous = await topRow();
    for (let step = 0; step < 60; step++) {
      await page.mouse.wheel(0, -500);
      await page.waitForTimeout(16);
      const current = await topRow();
      assert.ok(current <= previous && previous - current < 40, `scrolled from e${previous} to e${current}`);
      previous = current;
    }
    previous = await settledTopRow();
    assert.ok(previous < 11_900, 'moved up through the history');
    assert.ok((await dom(() => document.querySelectorAll('.row').length)) < 120);
    await host.events([{ id: 'live-1', type: 'agent.message', content: [{ type: 'text', text: 'live' }], processed_at: new Date().toISOString() }], true);
    // "Jump to latest" is offered once the live event is in.
    await page.waitForFunction(() => !document.querySelector('.jump')!.hidden);
    assert.equal(await settledTopRow(), previous, 'a live event does not move the view while reading older ones');
    await page.click('.jump');
    await page.waitForFunction(() => [...document.querySelectorAll('.row')].at(-1)?.dataset.eventId === 'live-1');
  });

  it('replaces a preview with the final message', async () => {
    await host.previews([{ id: 'p1', eventType: 'agent.message', text: 'Writing **now**' }]);
    await page.waitForFunction(() => (document.querySelector('.previews')?.textContent ?? '').includes('Writing now'));
    assert.match(await dom(() => document.querySelector('.previews')!.textContent ?? ''), /writing…Writing now/);
    await host.events([{ id: 'p1', type: 'agent.message', content: [{ type: 'text', text: 'Writing **now**, done.' }], processed_at: new Date().toISOString() }], true);
    await page.waitForFunction(() => document.querySelector('.previews')!.childElementCount === 0);
    await page.waitForFunction(() => ([...document.querySelectorAll('.row')].at(-1)?.textContent ?? '').includes('Writing now, done.'));
  });

  it('filters by kind and searches', async () => {
    await page.click('.chip[data-kind="tool"]');
    await page.waitForTimeout(100);
    assert.match(await dom(() => document.querySelector('.count')!.textContent ?? ''), /^4002 of 12002$/);
    await page.click('.chip[data-kind="tool"]');
    await page.fill('.search', 'echo 11998');
    await page.waitForTimeout(400);
    assert.deepEqual(await dom(() => [...document.querySelectorAll('.row')].map((r) => r.dataset.eventId)), ['e11998']);
    await page.fill('.search', '');
    await page.waitForTimeout(400);
  });

  it('sends with Enter, keeps the draft when sending fails, and adds a newline with Shift+Enter', async () => {
    await page.fill('.draft', 'hello agent');
    await page.press('.draft', 'Enter');
    const sent = (await posted()).filter((m): m is Extract<WebviewMessage, { type: 'send' }> => m.type === 'send');
    assert.equal(sent.at(-1)?.text, 'hello agent');
    await send({ type: 'result', requestId: sent.at(-1)!.requestId, ok: false, error: 'HTTP 500' });
    await page.waitForTimeout(50);
    const failed = await dom(() => ({ draft: document.querySelector('.draft')!.value, error: document.querySelector('.composer-error')!.textContent }));
    assert.equal(failed.draft, 'hello agent');
    assert.match(failed.error ?? '', /HTTP 500/);
    assert.equal((await page.evaluate<{ draft?: string }>('window.__state')).draft, 'hello agent', 'the draft is in the webview state');
    await page.press('.draft', 'Shift+Enter');
    assert.equal(await dom(() => document.querySelector('.draft')!.value), 'hello agent\n');
    await page.press('.draft', 'Enter');
    const again = (await posted()).filter((m): m is Extract<WebviewMessage, { type: 'send' }> => m.type === 'send').at(-1)!;
    await send({ type: 'result', requestId: again.requestId, ok: true });
    await page.waitForTimeout(50);
    assert.equal(await dom(() => document.querySelector('.draft')!.value), '');
  });

  it('Attach… asks the host for files; what was attached is named in the reply box, after what was typed', async () => {
    await page.fill('.draft', 'Please read this:');
    await page.click('[data-action="attach"]');
    assert.ok((await posted()).some((m) => m.type === 'attachFiles'), 'the host was asked');
    await send({ type: 'attached', paths: ['/mnt/session/uploads/data/input.csv', '/mnt/session/uploads/notes.md'] });
    await page.waitForFunction(() => document.querySelector('.draft')!.value.includes('Attached'));
    const draft = await dom(() => ({ value: document.querySelector('.draft')!.value, focused: document.activeElement === document.querySelector('.draft') }));
    assert.equal(draft.value, 'Please read this:\nAttached: `/mnt/session/uploads/data/input.csv`, `/mnt/session/uploads/notes.md`\n');
    assert.ok(draft.focused, 'the reply box has the focus, to go on typing');
    assert.equal((await page.evaluate<{ draft?: string }>('window.__state')).draft, draft.value, 'kept in the webview state');
    await page.fill('.draft', '');
  });

  it('offers Allow / Deny with a reason, a custom tool result form and a form for the output of a self-hosted run while the session waits', async () => {
    const at = new Date().toISOString();
    await host.events(
      [
        { id: 'tu', type: 'agent.tool_use', name: 'bash', input: { command: 'rm -rf dist' }, processed_at: at },
        { id: 'ct', type: 'agent.custom_tool_use', name: 'lookup_order', input: { order_id: '1' }, processed_at: at },
        { id: 'run', type: 'agent.tool_use', name: 'bash', input: { command: 'npm test' }, evaluated_permission: 'allow', evaluation: { type: 'always_allow' }, processed_at: at },
        { id: 'idle', type: 'session.status_idle', stop_reason: { type: 'requires_action', event_ids: ['tu', 'ct', 'run'] }, stop_details: null, processed_at: at },
      ],
      true,
    );
    await page.waitForTimeout(100);
    assert.equal(await dom(() => document.querySelectorAll('.action').length), 3);
    assert.deepEqual(await dom(() => Array.from(document.querySelectorAll('.action'), (el) => (el as { getAttribute(name: string): string | null }).getAttribute('data-kind'))), ['confirm', 'custom', 'client']);
    assert.equal(await dom(() => document.querySelector('.action[data-action-id="run"] button[data-action="allow"]')), null, 'a self-hosted call has no Allow / Deny');
    await page.fill('.action[data-action-id="tu"] .deny-reason', 'not today');
    await page.click('.action[data-action-id="tu"] button[data-action="deny"]');
    await page.fill('.action[data-action-id="ct"] .custom-result', 'shipped');
    await page.click('.action[data-action-id="ct"] button[data-action="tool-result"]');
    await page.fill('.action[data-action-id="run"] .custom-result', 'exit 1');
    await page.check('.action[data-action-id="run"] .custom-is-error');
    await page.click('.action[data-action-id="run"] button[data-action="tool-result"]');
    const messages = await posted();
    assert.deepEqual(
      messages.filter((m) => m.type === 'confirm').map((m) => ({ ...m, requestId: undefined })),
      [{ type: 'confirm', requestId: undefined, toolUseId: 'tu', result: 'deny', denyMessage: 'not today' }],
    );
    assert.deepEqual(
      messages.filter((m) => m.type === 'toolResult').map((m) => ({ ...m, requestId: undefined })),
      [
        { type: 'toolResult', requestId: undefined, tool: 'custom', toolUseId: 'ct', text: 'shipped', isError: false },
        { type: 'toolResult', requestId: undefined, tool: 'client', toolUseId: 'run', text: 'exit 1', isError: true },
      ],
    );
    // The answers arrive as events: the forms go away.
    await host.events(
      [
        { id: 'a1', type: 'user.tool_confirmation', tool_use_id: 'tu', result: 'deny', deny_message: 'not today', processed_at: null },
        { id: 'a2', type: 'user.custom_tool_result', custom_tool_use_id: 'ct', content: [{ type: 'text', text: 'shipped' }], processed_at: null },
        { id: 'a3', type: 'user.tool_result', tool_use_id: 'run', content: [{ type: 'text', text: 'exit 1' }], is_error: true, processed_at: null },
      ],
      true,
    );
    await page.waitForTimeout(100);
    assert.equal(await dom(() => document.querySelectorAll('.action').length), 0);
  });

  it('shows an unknown event type as a JSON row, jumps from a result to its tool call, and opens an event as JSON', async () => {
    await host.events([{ id: 'future', type: 'agent.teleport', processed_at: new Date().toISOString(), where: '<b>mars</b>' } as unknown as SessionEvent], true);
    await page.waitForTimeout(100);
    assert.match(await dom(() => document.querySelector('.row[data-event-id="future"]')?.textContent ?? ''), /agent\.teleport.*"where":"<b>mars<\/b>"/);
    await host.events([{ id: 'late-result', type: 'agent.tool_result', tool_use_id: 'e4', content: [{ type: 'text', text: 'late' }], processed_at: new Date().toISOString() }], true);
    await page.waitForTimeout(100);
    await page.click('.row[data-event-id="late-result"] button[data-action="jump"]');
    await page.waitForTimeout(300);
    assert.equal(await dom(() => document.querySelector('.row.highlight')?.dataset.eventId), 'e4');
    // The call's JSON button asks the host to open that event as JSON.
    await page.click('.row[data-event-id="e4"] button[data-action="open-json"]');
    assert.deepEqual((await posted()).filter((m) => m.type === 'openEventJson').at(-1), { type: 'openEventJson', eventId: 'e4' });
  });
});

describe('history webview icons in Chromium', function () {
  this.timeout(60_000);
  let view: WebviewPage | undefined;
  let page: Page;
  let pageErrors: string[] = [];
  const dom = <T>(fn: () => T) => page.evaluate<T>(fn);
  const at = '2026-11-21T11:00:00.000Z';
  // Every event type, plus a call the session waits on (the pending-action form has icons too).
  const events: SessionEvent[] = [
    ...ALL_EVENTS,
    { id: 'ev_waiting', type: 'agent.tool_use', name: 'deploy', input: { target: 'prod' }, evaluated_permission: 'ask', processed_at: at },
    { id: 'ev_idle_waiting', type: 'session.status_idle', stop_reason: { type: 'requires_action', event_ids: ['ev_waiting'] }, stop_details: null, processed_at: at },
  ];

  before(async function () {
    if (!webviewPageAvailable()) return this.skip();
    const opened = await openWebviewPage('Icons');
    view = opened;
    ({ page, pageErrors } = opened);
    const host = new HostFeed((message) => opened.send(message));
    await host.init({ type: 'init', sessionId: 'sesn_1', draft: '', header: { ...header, status: 'idle' } });
    await host.events(events, true);
    await host.previews([{ id: 'p_think', eventType: 'agent.thinking', text: 'hmm' }, { id: 'p_agent', eventType: 'agent.message', text: 'so' }]);
    await view.send({ type: 'connection', state: 'offline', detail: 'HTTP 503' }); // and a notice with its Dismiss button
    // The webview holds every event and both previews.
    await page.waitForFunction(
      (count: number) => document.querySelector('.count')?.textContent === `${count} events` && document.querySelector('.previews')?.childElementCount === 2,
      events.length,
      { timeout: 20_000 },
    );
  });

  after(async () => {
    await view?.close();
  });

  afterEach(() => {
    assert.deepEqual(pageErrors.splice(0), [], 'errors in the page (CSP violations included)');
  });

  it('shows each event with the codicon its view names', async () => {
    const transcript = new Transcript();
    for (const event of events) transcript.upsert(event);
    const expected = Object.fromEntries(events.map((event) => [event.id, `codicon codicon-${describeEvent(event, transcript).icon} icon`]));
    // The list is windowed: scroll from the bottom to the top and note each row's icon on the way.
    const seen: Record<string, string> = {};
    for (let step = 0; step < 50 && Object.keys(seen).length < events.length; step++) {
      const rows = await dom(() => [...document.querySelectorAll('.list .row')].map((row) => [row.dataset.eventId, row.querySelector('.head > .icon')?.className ?? '(no icon)']));
      Object.assign(seen, Object.fromEntries(rows));
      await dom(() => document.querySelector('.scroller')!.scrollBy(0, -600));
      await page.waitForTimeout(30);
    }
    assert.deepEqual(seen, expected);
  });

  it('renders every icon as an aria-hidden codicon that the shipped codicon.css draws', async () => {
    const icons: { name: string; ariaHidden: string | null; text: string; glyph: string; font: string }[] = await dom(() =>
      [...document.querySelectorAll('.codicon')].map((el) => ({
        name: [...el.classList].find((c: string) => c.startsWith('codicon-'))?.slice('codicon-'.length) ?? '(none)',
        ariaHidden: el.getAttribute('aria-hidden'),
        text: el.textContent,
        // A name codicon.css lacks gets no ::before content, so nothing is drawn.
        glyph: window.getComputedStyle(el, '::before').content,
        font: window.getComputedStyle(el).fontFamily,
      })),
    );
    const names = new Set(icons.map((icon) => icon.name));
    // Beside the rows: header status, connection dot, notice, pending action, previews, disclosure chevrons, jump button.
    for (const name of ['circle-large-outline', 'circle-filled', 'close', 'tools', 'arrow-right', 'thinking', 'sparkle', 'chevron-right', 'arrow-down']) {
      assert.ok(names.has(name), `no codicon-${name} in the page (has ${[...names].join(', ')})`);
    }
    for (const icon of icons) {
      assert.equal(icon.ariaHidden, 'true', `codicon-${icon.name} is not aria-hidden`);
      assert.equal(icon.text, '', `codicon-${icon.name} has text`);
      assert.match(icon.glyph, /^"\S"$/, `codicon-${icon.name} draws ${icon.glyph}: not in codicon.css`);
      assert.match(icon.font, /^"?codicon"?$/, `codicon-${icon.name} is in ${icon.font}`);
    }
    assert.equal(
      await dom(() => document.querySelectorAll('.row .head > :is(.icon, .twistie):not(.codicon), .header .status > :not(.codicon)').length),
      0,
      'no icon left as text',
    );
  });

  it('loads the codicon font from media/dist/ under the CSP', async () => {
    await page.waitForFunction(() => document.fonts.status === 'loaded', undefined, { timeout: 10_000 });
    const faces = await dom(() => [...document.fonts].map((face) => ({ family: face.family.replace(/["']/g, ''), status: face.status })));
    assert.deepEqual(faces.filter((face) => face.family === 'codicon'), [{ family: 'codicon', status: 'loaded' }], JSON.stringify(faces));
    // A font blocked by font-src would also show as a console error, which afterEach reports.
  });

  it('keeps the accessible names of buttons that show an icon', async () => {
    const names = await dom(() => ({
      dismiss: document.querySelector('.notice [data-action="dismiss-notice"]')?.getAttribute('aria-label'),
      showCall: document.querySelector('.action [data-action="jump"]')?.getAttribute('aria-label'),
      showCallText: document.querySelector('.action [data-action="jump"]')?.textContent,
      link: document.querySelector('.row[data-event-id="ev_result"] [data-action="jump"]')?.textContent,
      jump: document.querySelector('.jump')?.textContent,
      status: document.querySelector('.header .status')?.textContent,
      connection: document.querySelector('.connection-region')?.textContent,
    }));
    assert.deepEqual(names, {
      dismiss: 'Dismiss',
      showCall: 'Show call of deploy in the transcript',
      showCallText: 'Show call',
      link: 'Tool call',
      jump: 'Jump to latest',
      status: ' idle',
      connection: 'Connection: offline',
    });
  });
});

// The history webview (the real bundle, under its real CSP, in headless Chromium) given hostile text
// in every field it renders: the header (title, agent, model, environment), every kind of event
// (messages, thinking, tool names and inputs, MCP server names, tool results with document titles,
// image URLs, search results and file ids, errors, outcomes, workflow runs, updates with metadata,
// unknown types), previews, the connection detail, notices, a failed send's error and the draft.
// Every payload must read as text (found with the panel's search box) and none may run: no
// window.__pwned, no retitled document, no dialog, no CSP report, no live element or attribute.
// Skipped without Chromium or without the bundle (`node esbuild.mjs`).
import assert from 'node:assert/strict';
import type { SessionEvent } from '../../../src/api';
import { HostFeed } from '../helpers/hostFeed';
import { openWebviewPage, webviewPageAvailable, type Page, type WebviewPage } from '../helpers/webviewPage';
import type { HostMessage, SessionHeader } from '../../../src/webview/protocol';
import { report } from './soak';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;



const run = (n: number) => `window.__pwned=${n};document.title='PWNED'`;
/** One template per attack; each gets a marker `HF-<field>-<n>` so it can be searched for. */
const ATTACKS: ((marker: string, n: number) => string)[] = [
  (m, n) => `${m} <script>${run(n)}</script>`,
  (m, n) => `${m} <img src=x onerror="${run(n)}">`,
  (m, n) => `${m} <svg onload="${run(n)}"></svg>`,
  (m, n) => `${m} [click](javascript:${run(n)})`,
  (m, n) => `${m} <a href="javascript:${run(n)}">x</a>`,
  (m, n) => `${m} <iframe srcdoc="<script>parent.__pwned=${n}</script>"></iframe>`,
  (m, n) => `${m} </script><script>${run(n)}</script>`,
  (m, n) => `${m} "><img src=x onerror=${run(n)}>`,
  (m, n) => `${m} <details open ontoggle="${run(n)}">x</details>`,
  (m, n) => `${m} <math><mtext><table><mglyph><style><img src=x onerror="${run(n)}">`,
  (m, n) => `${m} {{constructor.constructor('${run(n)}')()}} \${${run(n)}}`,
  (m, n) => `${m} <base href="javascript:${run(n)}//"><meta http-equiv="refresh" content="0;url=javascript:${run(n)}">`,
];

/** Hostile text for one field; each field gets a different attack, rotating through all of them. */
let counter = 0;
const payloads: { marker: string; text: string; field: string }[] = [];
function hostile(field: string): string {
  const n = ++counter;
  const marker = `HF${String(n).padStart(3, '0')}`;
  const text = ATTACKS[n % ATTACKS.length](marker, n);
  payloads.push({ marker, text, field });
  return text;
}

const at = (s: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + s * 1000).toISOString();

function hostileHeader(): SessionHeader {
  return {
    id: 'sesn_hostile',
    title: hostile('header title'),
    status: 'idle',
    archived: false,
    agentName: hostile('header agent name'),
    agentVersion: 1,
    model: hostile('header model'),
    environment: hostile('header environment name'),
    tokens: '1 in · 2 out',
    cost: '',
    activeTime: '',
    createdAt: at(0),
    budget: '',
    budgetReached: false,
  };
}

function hostileEvents(): SessionEvent[] {
  const events: Record<string, unknown>[] = [
    { id: 'u1', type: 'user.message', content: [{ type: 'text', text: hostile('user message') }] },
    { id: 'a1', type: 'agent.message', content: [{ type: 'text', text: hostile('agent message (markdown)') }] },
    { id: 't1', type: 'agent.tool_use', name: hostile('tool name'), input: { command: hostile('tool input command'), file_path: hostile('tool input file name'), nested: { deep: [hostile('tool input nested')] } }, evaluated_permission: 'ask' },
    { id: 'r1', type: 'agent.tool_result', tool_use_id: 't1', content: [
      { type: 'text', text: hostile('tool result text') },
      { type: 'document', title: hostile('document title'), source: { type: 'text', media_type: 'text/plain', data: hostile('document body') } },
      { type: 'image', source: { type: 'url', url: `javascript:${run(500)}//${hostile('image url')}` } },
      { type: 'search_result', title: hostile('search result title'), source: hostile('search result source'), content: [{ type: 'text', text: hostile('search result text') }] },
      { type: 'document', source: { type: 'file', file_id: hostile('file id') } },
    ] },
    { id: 'm1', type: 'agent.mcp_tool_use', mcp_server_name: hostile('MCP server name'), name: hostile('MCP tool name'), input: { q: hostile('MCP tool input') } },
    { id: 'm2', type: 'agent.mcp_tool_result', mcp_tool_use_id: 'm1', content: [{ type: 'text', text: hostile('MCP tool result') }], is_error: true },
    { id: 'c1', type: 'agent.custom_tool_use', name: hostile('custom tool name'), input: { order: hostile('custom tool input') } },
    { id: 'c2', type: 'user.custom_tool_result', custom_tool_use_id: 'c1', content: [{ type: 'text', text: hostile('custom tool result') }] },
    { id: 'cf', type: 'user.tool_confirmation', tool_use_id: 't1', result: 'deny', deny_message: hostile('deny message') },
    { id: 'e1', type: 'session.error', error: { type: 'mcp_connection_failed_error', message: hostile('error message'), mcp_server_name: hostile('error MCP server'), retry_status: { type: 'retrying' } } },
    { id: 'up', type: 'session.updated', title: hostile('updated title'), metadata: { [hostile('metadata key')]: hostile('metadata value') }, agent: { id: 'agent_1', name: hostile('updated agent name'), version: 2 } },
    { id: 'wf', type: 'workflow_run.created', workflow_run_id: 'wr_1', name: hostile('workflow name'), phases: [{ id: 'p1', name: hostile('phase name'), description: hostile('phase description') }] },
    { id: 'oe', type: 'span.outcome_evaluation_end', outcome_evaluation_start_id: 'x', outcome_id: 'o1', iteration: 1, result: hostile('outcome result'), explanation: hostile('outcome explanation') },
    { id: 'do', type: 'user.define_outcome', description: hostile('outcome description'), rubric: { type: 'text', content: hostile('rubric') } },
    { id: 'sm', type: 'system.message', content: [{ type: 'text', text: hostile('system message') }] },
    { id: 'tm', type: 'agent.thread_message_received', from_thread_id: 'th_1', content: [{ type: 'text', text: hostile('thread message') }] },
    { id: 'un', type: hostile('unknown event type'), [hostile('unknown field name')]: hostile('unknown field value') },
    { id: 'idle', type: 'session.status_idle', stop_reason: { type: 'requires_action', event_ids: ['t1'] } },
  ];
  return events.map((event, i) => ({ processed_at: at(i + 1), ...event }) as unknown as SessionEvent);
}

describe('reliability: hostile text in every field of the history webview', function () {
  this.timeout(120_000);
  let view: WebviewPage | undefined;
  let page: Page;
  let pageErrors: string[] = [];
  let dialogs: string[] = [];

  const send = (message: HostMessage) => view!.send(message);
  const dom = <T>(fn: () => T) => page.evaluate<T>(fn);
  /** Elements and attributes that could run something, anywhere in the document. */
  const liveBits = () =>
    dom(() => {
      const found: string[] = [];
      for (const element of document.querySelectorAll('body *')) {
        const tag = element.tagName.toLowerCase();
        if (['iframe', 'object', 'embed', 'svg', 'math', 'img', 'video', 'audio', 'form', 'base', 'meta', 'style', 'link'].includes(tag)) found.push(element.outerHTML.slice(0, 100));
        if (tag === 'script' && !element.hasAttribute('nonce')) found.push(element.outerHTML.slice(0, 100));
        for (const attribute of element.attributes) {
          if (/^on/i.test(attribute.name) || ['srcdoc', 'formaction'].includes(attribute.name) || (['href', 'src', 'style', 'action'].includes(attribute.name) && /javascript:|data:/i.test(attribute.value))) {
            found.push(`${tag}[${attribute.name}=${String(attribute.value).slice(0, 60)}]`);
          }
        }
      }
      return found;
    });

  before(async function () {
    if (!webviewPageAvailable()) return this.skip();
    const header = hostileHeader();
    view = await openWebviewPage(header.title ?? '');
    ({ page, pageErrors, dialogs } = view);
    const host = new HostFeed(send);
    await host.init({ type: 'init', sessionId: 'sesn_hostile', draft: hostile('draft'), header });
    await host.events(hostileEvents(), true);
    await host.previews([{ id: 'pv', eventType: 'agent.message', text: hostile('preview text') }]);
    await send({ type: 'connection', state: 'reconnecting', detail: hostile('connection detail'), retryInMs: 1200 });
    await page.waitForTimeout(200);
  });

  after(async () => {
    await view?.close();
  });

  it('every payload in the header, the events and the previews reads as text, and nothing runs', async () => {
    const shown = await dom(() => ({
      title: document.querySelector('h1')?.textContent ?? '',
      header: document.querySelector('header')?.textContent ?? '',
      draft: document.querySelector('textarea.draft')?.value ?? '',
      connectionTitle: document.querySelector('.connection')?.getAttribute('title') ?? '',
      previews: document.querySelector('.previews')?.textContent ?? '',
    }));
    const byField = new Map(payloads.map((p) => [p.field, p]));
    assert.equal(shown.title, byField.get('header title')!.text);
    for (const field of ['header agent name', 'header model', 'header environment name']) assert.ok(shown.header.includes(byField.get(field)!.text), `${field} in the header: ${shown.header}`);
    assert.equal(shown.draft, byField.get('draft')!.text);
    assert.ok(shown.connectionTitle.includes(byField.get('connection detail')!.text), 'the connection detail is its tooltip, as text');
    assert.ok(shown.previews.includes(byField.get('preview text')!.text));

    // Each event payload, found with the search box, is in its row's text (folded parts included).
    const inEvents = payloads.filter((p) => !/^(header|draft|connection|preview)/.test(p.field));
    const missing: string[] = [];
    for (const payload of inEvents) {
      await page.fill('input.search', payload.marker);
      await page.waitForTimeout(180);
      const text: string = await page.evaluate(() => [...document.querySelectorAll('.list .row')].map((row: { textContent: string }) => row.textContent).join('\n'));
      const normalized = text.replace(/\s+/g, ' ');
      const expected = payload.text.replace(/\s+/g, ' ');
      const asJson = JSON.stringify(payload.text).slice(1, -1).replace(/\s+/g, ' ');
      // Markdown shows an agent message's text (its tags as text, links as text); the rest is shown verbatim, or inside JSON.
      // An outcome's result is a label ("needs revision"): it is shown humanized (dots and underscores as spaces).
      const transformed = payload.field === 'agent message (markdown)' || payload.field === 'outcome result';
      const ok = normalized.includes(payload.marker) && (transformed || normalized.includes(expected) || normalized.includes(asJson));
      if (!ok) missing.push(`${payload.field} (${payload.marker}): ${normalized.slice(0, 200)}`);
      assert.deepEqual(await liveBits(), [], `${payload.field}: nothing live in the page`);
    }
    assert.deepEqual(missing, [], 'every payload is shown as text');
    await page.fill('input.search', '');
    assert.deepEqual(await liveBits(), []);
    report('hostile payloads in the webview (fields)', payloads.length);
  });

  it('a notice and a failed send with hostile text show as text, and the draft stays', async () => {
    const notice = hostile('notice text');
    await send({ type: 'notice', level: 'error', text: notice });
    await page.fill('textarea.draft', 'my reply');
    await page.press('textarea.draft', 'Enter');
    await page.waitForTimeout(100);
    const requestId = await page.evaluate<string>(() => (window.__posted as { type: string; requestId?: string }[]).filter((m) => m.type === 'send').at(-1)?.requestId ?? '');
    assert.ok(requestId, 'the reply was sent');
    const error = hostile('send error');
    await send({ type: 'result', requestId, ok: false, error });
    await page.waitForTimeout(100);
    const shown = await dom(() => ({ notice: document.querySelector('.notice')?.textContent ?? '', error: document.querySelector('#composer-error')?.textContent ?? '', draft: document.querySelector('textarea.draft')?.value }));
    assert.ok(shown.notice.includes(notice), shown.notice);
    assert.equal(shown.error, `Not sent: ${error}. Your message is still here.`);
    assert.equal(shown.draft, 'my reply');
    assert.deepEqual(await liveBits(), []);
  });

  it('ran nothing: no __pwned, no retitled document, no dialog, no CSP report or page error', async () => {
    const state = await dom(() => ({ pwned: window.__pwned, title: document.title }));
    assert.equal(state.pwned, undefined);
    assert.notEqual(state.title, 'PWNED');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, [], 'errors in the page (CSP violations included)');
    report('hostile payloads in the webview, none ran', payloads.length);
  });
});

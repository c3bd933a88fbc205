import assert from 'node:assert/strict';
import type { Session, SessionEvent } from '../../../src/api';
import { exportFormatFor, fence, transcriptToJson, transcriptToMarkdown } from '../../../src/history/exportTranscript';
import { formatCount, formatDuration, formatMoney } from '../../../src/webview/format';
import { toHeader, withStatusFromEvent } from '../../../src/history/header';
import { HeightIndex } from '../../../src/webview/heightIndex';
import { contentSecurityPolicy, historyHtml } from '../../../src/history/html';
import { isWebviewMessage } from '../../../src/webview/protocol';
import { Transcript } from '../../../src/history/transcript';
import { ALL_EVENTS, EXAMPLES } from './fixtures';

const T = '2026-01-01T00:00:00Z';

describe('history transcript', () => {
  it('appends new events and replaces an event with the same id in place', () => {
    const t = new Transcript();
    const queued: SessionEvent = { id: 'u1', type: 'user.message', content: [{ type: 'text', text: 'hi' }], processed_at: null };
    assert.deepEqual(t.upsert(queued), { index: 0, added: true, affected: [] });
    t.upsert(EXAMPLES['session.status_running']);
    const processed = { ...queued, processed_at: T };
    assert.deepEqual(t.upsert(processed), { index: 0, added: false, affected: [] });
    assert.equal(t.length, 2);
    assert.equal(t.event('u1'), processed);
  });

  it('reports the tool call a result changes', () => {
    const t = new Transcript();
    t.upsert(EXAMPLES['agent.message']);
    t.upsert(EXAMPLES['agent.tool_use']);
    assert.deepEqual(t.upsert(EXAMPLES['agent.tool_result']).affected, [1]);
    assert.deepEqual(t.answers('ev_tool').map((e) => e.id), ['ev_result']);
  });

  it('knows which tool calls block the session until they are answered', () => {
    const t = new Transcript();
    t.upsert(EXAMPLES['agent.tool_use']);
    t.upsert(EXAMPLES['agent.custom_tool_use']);
    assert.deepEqual(t.pendingActions(), []);
    const idle: SessionEvent = { id: 'idle', type: 'session.status_idle', stop_reason: { type: 'requires_action', event_ids: ['ev_tool', 'ev_custom'] }, stop_details: null, processed_at: T };
    assert.deepEqual(t.upsert(idle).affected.sort(), [0, 1]);
    assert.deepEqual(
      t.pendingActions().map((a) => [a.eventId, a.kind, a.name]),
      [
        ['ev_tool', 'confirm', 'bash'],
        ['ev_custom', 'custom', 'lookup_order'],
      ],
    );
    assert.deepEqual(t.pendingActions()[0].input, { command: 'npm test' });
    // An answer (even queued) removes it; the other one stays.
    t.upsert({ id: 'c', type: 'user.tool_confirmation', tool_use_id: 'ev_tool', result: 'allow', processed_at: null });
    assert.deepEqual(t.pendingActions().map((a) => a.eventId), ['ev_custom']);
    // Running again: nothing pending.
    assert.deepEqual(t.upsert({ id: 'run', type: 'session.status_running', processed_at: T }).affected.sort(), [0, 1]);
    assert.deepEqual(t.pendingActions(), []);
  });

  it('tells a call to allow or deny from one a self-hosted runner must answer with its output', () => {
    const t = new Transcript();
    const call = (id: string, extra: object): SessionEvent => ({ id, type: 'agent.tool_use', name: 'bash', input: {}, processed_at: T, ...extra });
    t.upsert(call('asked', { evaluated_permission: 'ask', evaluation: { type: 'always_ask' } }));
    t.upsert(call('auto-asked', { evaluated_permission: 'ask', evaluation: { type: 'auto', evaluated_permission: { type: 'ask', reason_code: 'risky' } } }));
    t.upsert(call('allowed', { evaluated_permission: 'allow', evaluation: { type: 'always_allow' } }));
    t.upsert(call('auto-allowed', { evaluated_permission: 'allow', evaluation: { type: 'auto', evaluated_permission: { type: 'allow' } } }));
    t.upsert(call('old-allowed', { evaluated_permission: 'allow' }));
    t.upsert(call('unsaid', {}));
    const ids = ['asked', 'auto-asked', 'allowed', 'auto-allowed', 'old-allowed', 'unsaid'];
    t.upsert({ id: 'idle', type: 'session.status_idle', stop_reason: { type: 'requires_action', event_ids: ids }, stop_details: null, processed_at: T });
    assert.deepEqual(
      t.pendingActions().map((a) => [a.eventId, a.kind]),
      [
        ['asked', 'confirm'],
        ['auto-asked', 'confirm'],
        ['allowed', 'client'],
        ['auto-allowed', 'client'],
        ['old-allowed', 'client'],
        ['unsaid', 'confirm'],
      ],
    );
    t.upsert({ id: 'out', type: 'user.tool_result', tool_use_id: 'allowed', content: [{ type: 'text', text: 'ok' }], processed_at: null });
    assert.ok(!t.pendingActions().some((a) => a.eventId === 'allowed'), 'the output answers it');
  });

  it('ignores thread idles for the session status', () => {
    const t = new Transcript();
    t.upsert(EXAMPLES['agent.tool_use']);
    t.upsert({ id: 'ti', type: 'session.thread_status_idle', agent_name: 'x', session_thread_id: 't', stop_reason: { type: 'requires_action', event_ids: ['ev_tool'] }, stop_details: null, processed_at: T });
    assert.deepEqual(t.pendingActions(), []);
  });

  it('clears', () => {
    const t = new Transcript();
    for (const e of ALL_EVENTS) t.upsert(e);
    t.clear();
    assert.equal(t.length, 0);
    assert.equal(t.event('ev_tool'), undefined);
    assert.deepEqual(t.answers('ev_tool'), []);
  });
});

describe('history height index', () => {
  it('agrees with a plain array through pushes, sets and lookups', () => {
    const index = new HeightIndex();
    const plain: number[] = [];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let step = 0; step < 3000; step++) {
      if (plain.length && random() < 0.4) {
        const row = Math.floor(random() * plain.length);
        const h = Math.floor(random() * 200) + 1;
        plain[row] = h;
        index.set(row, h);
      } else {
        const h = Math.floor(random() * 200) + 1;
        plain.push(h);
        index.push(h);
      }
      if (step % 97 === 0) {
        let sum = 0;
        for (let row = 0; row < plain.length; row++) {
          assert.equal(index.offsetOf(row), sum);
          const y = sum + Math.floor(plain[row] / 2);
          assert.equal(index.rowAt(y), row, `rowAt(${y})`);
          sum += plain[row];
        }
        assert.equal(index.total, sum);
        assert.equal(index.rowAt(sum + 1000), plain.length - 1);
      }
    }
    index.reset(plain);
    assert.equal(index.total, plain.reduce((a, b) => a + b, 0));
    assert.equal(index.offsetOf(plain.length - 1), index.total - plain[plain.length - 1]);
  });

  it('handles 100,000 rows', () => {
    const index = new HeightIndex();
    for (let i = 0; i < 100_000; i++) index.push(30);
    for (let i = 0; i < 100_000; i += 3) index.set(i, 60);
    assert.equal(index.total, 100_000 * 30 + Math.ceil(100_000 / 3) * 30);
    assert.equal(index.rowAt(index.total - 1), 99_999);
    assert.equal(index.rowAt(0), 0);
    assert.equal(index.rowAt(60), 1);
  });
});

describe('history export', () => {
  const session = { id: 'sesn_1', title: 'Greet fix', status: 'idle', archived_at: null, environment_id: 'env_1', created_at: T, agent: { id: 'agt_1', name: 'Repo maintainer', version: 3, model: { id: 'claude-sonnet-4-6' } }, usage: { input_tokens: 12345, output_tokens: 678, list_cost: { amount: '1234', currency: 'USD' } }, stats: { active_seconds: 192 } } as unknown as Session;

  it('writes Markdown with the header, messages, tool calls and compact rows', () => {
    const transcript = new Transcript();
    for (const event of ALL_EVENTS) transcript.upsert(event);
    const md = transcriptToMarkdown(toHeader(session, 'Staging'), transcript, new Date(T));
    assert.match(md, /^# Greet fix\n/);
    assert.match(md, /- Agent: Repo maintainer v3 \(claude-sonnet-4-6\)/);
    assert.match(md, /- Environment: Staging/);
    assert.match(md, /- Usage: 12\.3k in · 678 out · \$12\.34 · 3m 12s active/);
    assert.match(md, /### › You\n<sub>2026-11-21T10:00:01\.000Z · user\.message<\/sub>\n\n```text\nFix the flaky greet test\n```/);
    assert.match(md, /### ✦ Agent\n<sub>[^\n]+<\/sub>\n\nLooking into \*\*greet\*\*\./);
    assert.match(md, /### ⚙ bash — npm test[^\n]*\n[\s\S]*\*\*Input\*\*\n\n```json\n\{\n {2}"command": "npm test"\n\}\n```/);
    assert.match(md, /- `[^`]+` ↳ Result of bash — 20 passing/);
    assert.match(md, /- `[^`]+` ▶ Running/);
    assert.equal(md.endsWith('\n'), true);
  });

  it('writes JSON with the session and every event', () => {
    const parsed = JSON.parse(transcriptToJson(session, ALL_EVENTS, new Date(T)));
    assert.equal(parsed.session.id, 'sesn_1');
    assert.equal(parsed.events.length, ALL_EVENTS.length);
    assert.equal(parsed.exported_at, '2026-01-01T00:00:00.000Z');
  });

  it('picks the format from the file name', () => {
    assert.equal(exportFormatFor('/a/b.JSON'), 'json');
    assert.equal(exportFormatFor('/a/b.md'), 'markdown');
    assert.equal(exportFormatFor('/a/b'), 'markdown');
  });

  it('fences text with a longer backtick run than it contains', () => {
    assert.equal(fence('a ``` b', 'text'), '````text\na ``` b\n````');
    assert.equal(fence('plain', 'json'), '```json\nplain\n```');
  });
});

describe('history header and formatting', () => {
  it('formats counts, money and durations', () => {
    assert.equal(formatCount(950), '950');
    assert.equal(formatCount(12_345), '12.3k');
    assert.equal(formatCount(4_000_000), '4M');
    assert.equal(formatMoney({ amount: '2500', currency: 'USD' }), '$25.00');
    assert.equal(formatMoney(null), '');
    assert.equal(formatDuration(75), '1m 15s');
    assert.equal(formatDuration(3725), '1h 2m');
    assert.equal(formatDuration(2.25), '2.3s');
  });

  it('builds the header from a session', () => {
    const header = toHeader({ id: 's', title: null, status: 'running', archived_at: '2026-01-02T00:00:00Z', environment_id: 'env_1', agent: { id: 'a', name: 'Bot', version: 2, model: { id: 'm' } }, usage: {}, stats: {} } as unknown as Session);
    assert.equal(header.title, 's');
    assert.equal(header.environment, 'env_1');
    assert.equal(header.archived, true);
    assert.equal(header.tokens, '0 in · 0 out');
    assert.equal(header.cost, '');
    assert.equal(withStatusFromEvent(header, 'session.status_idle').status, 'idle');
    assert.equal(withStatusFromEvent(header, 'session.status_running'), header);
  });
});

describe('history protocol and HTML shell', () => {
  it('accepts well-formed webview messages only', () => {
    assert.ok(isWebviewMessage({ type: 'ready' }));
    assert.ok(isWebviewMessage({ type: 'send', requestId: 'r1', text: 'hi' }));
    assert.ok(isWebviewMessage({ type: 'confirm', requestId: 'r', toolUseId: 't', result: 'deny', denyMessage: 'no' }));
    assert.ok(isWebviewMessage({ type: 'toolResult', requestId: 'r', tool: 'custom', toolUseId: 'c', text: '', isError: false }));
    assert.ok(isWebviewMessage({ type: 'toolResult', requestId: 'r', tool: 'client', toolUseId: 'c', text: 'out', isError: true }));
    for (const bad of [null, 'send', {}, { type: 'eval', code: 'x' }, { type: 'send', text: 'hi' }, { type: 'confirm', requestId: 'r', toolUseId: 't', result: 'maybe' }, { type: 'openLink', url: 7 }, { type: 'toolResult', requestId: 'r', toolUseId: 'c', text: '', isError: false }, { type: 'toolResult', requestId: 'r', tool: 'server', toolUseId: 'c', text: '', isError: false }]) {
      assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('uses a strict CSP with a nonce, and lets through no remote image the user did not choose', () => {
    assert.equal(
      contentSecurityPolicy('https://csp.example', 'N0nce'),
      "default-src 'none'; script-src 'nonce-N0nce'; style-src https://csp.example; font-src https://csp.example; img-src https://csp.example data:",
    );
    const chosen = { urls: ['https://img.example/a/cat.png?size=2', 'https://img.example/semi;colon,comma.png', 'http://insecure.example/x.png', 'javascript:alert(1)'], origins: ['https://cdn.example', 'https://cdn.example/path', 'http://plain.example'] };
    assert.equal(
      contentSecurityPolicy('https://csp.example', 'N0nce', chosen).split('; ').find((part) => part.startsWith('img-src')),
      'img-src https://csp.example data: https://cdn.example https://img.example/a/cat.png https://img.example/semi%3Bcolon%2Ccomma.png',
    );
    const html = historyHtml({ cspSource: 'https://csp.example', nonce: 'N0nce', scriptUri: 'https://csp.example/webview.js', styleUri: 'https://csp.example/history.css', codiconUri: 'https://csp.example/dist/codicon.css', title: 'T' });
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;nonce-N0nce&#39;;/);
    assert.match(html, /<script nonce="N0nce" src="https:\/\/csp\.example\/webview\.js"><\/script>/);
    // The codicons first: history.css restyles them with selectors of the same weight.
    assert.deepEqual(
      [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]),
      ['https://csp.example/dist/codicon.css', 'https://csp.example/history.css'],
    );
    assert.ok(!/unsafe-/.test(html), 'nothing unsafe in the CSP');
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline handlers');
    assert.ok(!/<style/i.test(html) && !/style="/i.test(html), 'no inline styles');
  });
});

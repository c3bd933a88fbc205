import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { SessionEvent } from '../../../src/api';
import { SESSION_EVENT_TYPES } from '../../../src/api';
import { EMPTY_CONTEXT, EVENT_ICON_GLYPHS, EVENT_KINDS, copyTextOf, describeEvent, searchTextOf, summarizeInput, contentText } from '../../../src/webview/eventView';
import { Transcript } from '../../../src/history/transcript';
import { ALL_EVENTS, EXAMPLES } from './fixtures';

function transcriptOf(events: SessionEvent[]): Transcript {
  const t = new Transcript();
  for (const e of events) t.upsert(e);
  return t;
}

describe('history event views', () => {
  const transcript = transcriptOf(ALL_EVENTS);

  it('has a fixture for every event type the API lists', () => {
    for (const type of SESSION_EVENT_TYPES) assert.ok(EXAMPLES[type], `no fixture for ${type}`);
  });

  for (const event of ALL_EVENTS) {
    it(`renders ${event.type} readably`, () => {
      const view = describeEvent(event, transcript);
      assert.equal(view.id, event.id);
      assert.equal(view.type, event.type);
      assert.notEqual(view.kind, 'unknown', `${event.type} fell back to the JSON row`);
      assert.ok(EVENT_KINDS.some((k) => k.kind === view.kind));
      assert.ok(view.title.trim(), 'has a title');
      assert.ok(!view.title.includes('undefined') && !view.detail.includes('undefined'), `no "undefined" in ${view.title} / ${view.detail}`);
      assert.ok(!view.title.includes('[object') && !view.detail.includes('[object'), 'no [object Object]');
      assert.equal(view.time, (event as { processed_at?: string }).processed_at);
      assert.ok(view.icon);
      assert.ok(copyTextOf(view).length > 0);
      assert.equal(searchTextOf(view), searchTextOf(view).toLowerCase());
    });
  }

  it("names a thread message's other thread by its agent, from the event or else the transcript, and links to its other side", () => {
    const sent = describeEvent(EXAMPLES['agent.thread_message_sent']);
    assert.equal(sent.title, 'To Reviewer');
    assert.deepEqual(sent.links, [{ label: 'Reviewer’s side', eventId: 'ev_sent', otherSide: true }]);
    const unnamed = { ...EXAMPLES['agent.thread_message_received'], from_agent_name: undefined } as SessionEvent;
    assert.equal(describeEvent(unnamed).title, 'From sthr_1');
    assert.deepEqual(describeEvent(unnamed).links, [{ label: 'The sender’s side', eventId: 'ev_received', otherSide: true }]);
    const named = describeEvent(unnamed, { ...EMPTY_CONTEXT, threadName: (id) => (id === 'sthr_1' ? 'Team lead' : undefined) });
    assert.equal(named.title, 'From Team lead');
    assert.equal(named.links[0].label, 'Team lead’s side');
  });

  it('shows user and agent text, agent text as Markdown', () => {
    assert.equal(describeEvent(EXAMPLES['user.message']).text, 'Fix the flaky greet test');
    const agent = describeEvent(EXAMPLES['agent.message']);
    assert.equal(agent.layout, 'message');
    assert.match(agent.markdown ?? '', /```ts/);
    assert.equal(agent.text, undefined);
  });

  it('collapses thinking, and keeps text seen in its previews', () => {
    const t = transcriptOf([EXAMPLES['agent.thinking']]);
    assert.equal(describeEvent(EXAMPLES['agent.thinking'], t).collapsed, true);
    t.rememberPreview('ev_think', 'considering the options');
    assert.equal(describeEvent(EXAMPLES['agent.thinking'], t).text, 'considering the options');
  });

  it('links a tool call with its confirmation and result, both ways', () => {
    const use = describeEvent(EXAMPLES['agent.tool_use'], transcript);
    assert.equal(use.layout, 'card');
    assert.equal(use.title, 'bash');
    assert.equal(use.detail.startsWith('npm test'), true);
    assert.deepEqual(use.payloads.map((p) => p.label), ['Input', 'Result', 'Result 2']);
    assert.equal(JSON.parse(use.payloads[0].text).command, 'npm test');
    assert.equal(use.payloads[1].text, '20 passing');
    assert.ok(use.badges.some((b) => b.text === 'allowed'));
    // Called at 10:00:06, first result at 10:00:10 (the fixture's clock): done, in 4 s.
    assert.deepEqual(use.badges.filter((b) => b.tone === 'success' || b.tone === 'muted').map((b) => b.text), ['allowed', 'done', '4s']);
    assert.deepEqual(use.links.map((l) => l.eventId), ['ev_confirm', 'ev_result', 'ev_client_result']);
    const result = describeEvent(EXAMPLES['agent.tool_result'], transcript);
    assert.equal(result.title, 'Result of bash');
    assert.deepEqual(result.links, [{ label: 'Tool call', eventId: 'ev_tool' }]);
    const confirmation = describeEvent(EXAMPLES['user.tool_confirmation'], transcript);
    assert.equal(confirmation.title, 'Allowed bash');
    assert.equal(confirmation.tone, 'success');
  });

  it('shows how a failed call ended and how long it took', () => {
    const use = { ...EXAMPLES['agent.tool_use'], processed_at: '2026-11-21T10:00:00.000Z' };
    const failed = { ...EXAMPLES['agent.tool_result'], is_error: true, processed_at: '2026-11-21T10:01:15.000Z' };
    const view = describeEvent(use, transcriptOf([use, failed]));
    assert.deepEqual(view.badges.map((b) => b.text), ['error', '1m 15s']);
    assert.equal(view.tone, 'error');
  });

  it('links MCP and custom tool calls to their results', () => {
    assert.equal(describeEvent(EXAMPLES['agent.mcp_tool_use'], transcript).payloads[1]?.text, 'Created issue #42');
    assert.equal(describeEvent(EXAMPLES['agent.mcp_tool_result'], transcript).title, 'Result of create_issue');
    const custom = describeEvent(EXAMPLES['agent.custom_tool_use'], transcript);
    assert.equal(custom.payloads[1]?.text, 'shipped');
    assert.equal(describeEvent(EXAMPLES['user.custom_tool_result'], transcript).title, 'Your result for lookup_order');
  });

  it('marks a tool call without a result, and one the session waits on', () => {
    const use = EXAMPLES['agent.tool_use'];
    const idle = EXAMPLES['session.status_idle'];
    const t = transcriptOf([use]);
    assert.ok(describeEvent(use, t).badges.some((b) => b.text === 'no result yet'));
    t.upsert(idle);
    const waiting = describeEvent(use, t);
    assert.equal(waiting.badges[0].text, 'waiting for approval');
    assert.equal(waiting.tone, 'warning');
    const idleView = describeEvent(idle, t);
    assert.match(idleView.detail, /waiting for you: bash/);
    assert.deepEqual(idleView.links, [{ label: 'bash', eventId: 'ev_tool' }]);
  });

  it('shows a denial with its reason', () => {
    const t = transcriptOf([EXAMPLES['agent.tool_use']]);
    const deny: SessionEvent = { id: 'ev_deny', type: 'user.tool_confirmation', tool_use_id: 'ev_tool', result: 'deny', deny_message: 'not on main', processed_at: null };
    t.upsert(deny);
    const view = describeEvent(deny, t);
    assert.equal(view.title, 'Denied bash');
    assert.equal(view.detail, 'not on main');
    assert.equal(view.tone, 'warning');
    assert.equal(view.time, null);
    assert.equal(view.badges[0].text, 'queued');
    assert.ok(describeEvent(EXAMPLES['agent.tool_use'], t).badges.some((b) => b.text === 'denied'));
  });

  it('describes stop reasons and refusals', () => {
    const idle = (stop_reason: unknown, stop_details: unknown = null) =>
      describeEvent({ id: 'i', type: 'session.status_idle', stop_reason, stop_details, processed_at: '2026-01-01T00:00:00Z' } as SessionEvent);
    assert.equal(idle({ type: 'end_turn' }).detail, 'end of turn');
    assert.equal(idle({ type: 'retries_exhausted' }).tone, 'error');
    assert.equal(idle({ type: 'budget_reached' }).detail, 'budget reached');
    const refusal = idle({ type: 'refusal' }, { type: 'refusal', category: 'cyber', explanation: 'declined' });
    assert.equal(refusal.detail, 'refused');
    assert.equal(refusal.text, 'Cyber: declined');
    assert.equal(idle({ type: 'future_reason' }).detail, 'Future reason');
  });

  it('shows session errors with their retry status', () => {
    const view = describeEvent(EXAMPLES['session.error']);
    assert.equal(view.kind, 'error');
    assert.equal(view.title, 'Model overloaded error');
    assert.match(view.detail, /retrying/);
    assert.equal(view.text, 'The model is overloaded; retrying.');
    assert.equal(view.tone, 'warning');
    const exhausted = describeEvent({ ...EXAMPLES['session.error'], error: { type: 'mcp_connection_failed_error', mcp_server_name: 'github', message: 'refused', retry_status: { type: 'exhausted' } } } as SessionEvent);
    assert.match(exhausted.detail, /retries exhausted · MCP server github/);
    assert.equal(exhausted.tone, 'error');
  });

  it('shows spans as compact timing and usage rows', () => {
    const view = describeEvent(EXAMPLES['span.model_request_end'], transcript);
    assert.equal(view.layout, 'row');
    assert.equal(view.kind, 'span');
    assert.match(view.detail, /^\d+(\.\d)?s · 1\.8k in · 240 out · 9k cache read · 600 cache write$/);
    const evaluation = describeEvent(EXAMPLES['span.outcome_evaluation_end'], transcript);
    assert.equal(evaluation.title, 'Outcome evaluation: Satisfied');
    assert.equal(evaluation.tone, 'success');
  });

  it('names workflow phases and shows usage and updates', () => {
    assert.equal(describeEvent(EXAMPLES['workflow_run.phase_started'], transcript).title, 'Phase started: Build');
    assert.equal(describeEvent(EXAMPLES['workflow_run.status_ended'], transcript).tone, 'error');
    assert.match(describeEvent(EXAMPLES['session.usage']).detail, /12\.3k in · 678 out · \$0\.42 · 1m 15s active/);
    assert.match(describeEvent(EXAMPLES['session.updated']).detail, /title “Greet fix” · metadata ticket/);
  });

  it('shows an unknown event type as a compact JSON row', () => {
    const future = { id: 'ev_future', type: 'agent.hologram', processed_at: '2026-01-01T00:00:00Z', payload: { x: 1 } } as unknown as SessionEvent;
    const view = describeEvent(future);
    assert.equal(view.kind, 'unknown');
    assert.equal(view.layout, 'row');
    assert.equal(view.title, 'agent.hologram');
    assert.match(view.detail, /"payload":\{"x":1\}/);
    assert.deepEqual(JSON.parse(view.payloads[0].text), future);
  });

  it('never throws on malformed events', () => {
    const broken = [
      { id: 'a', type: 'agent.message' },
      { id: 'b', type: 'agent.tool_use' },
      { id: 'c', type: 'session.error' },
      { id: 'd', type: 'session.status_idle', stop_reason: null },
      { id: 'e', type: 'span.model_request_end' },
      { id: 'f', type: 'workflow_run.created', phases: null },
      { id: 'g', type: 'user.define_outcome', rubric: null },
      { id: 'h', type: 'session.usage' },
      { id: 'i' },
      { type: 42 },
      {},
    ] as unknown as SessionEvent[];
    const t = new Transcript();
    for (const event of broken) {
      t.upsert(event);
      const view = describeEvent(event, t);
      assert.equal(typeof view.title, 'string');
      assert.ok(Array.isArray(view.payloads));
    }
    const cyclic: Record<string, unknown> = { id: 'z', type: 'x.y' };
    cyclic.self = cyclic;
    assert.doesNotThrow(() => describeEvent(cyclic as unknown as SessionEvent));
  });

  it('describes non-text content blocks without dumping base64', () => {
    const text = contentText([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'A'.repeat(4000) } },
      { type: 'document', title: 'spec', source: { type: 'text', media_type: 'text/plain', data: 'hello' } },
      { type: 'redacted' },
      { type: 'search_result', title: 'Docs', source: 'https://example.com', content: [{ type: 'text', text: 'found' }], citations: { enabled: true } },
    ]);
    assert.match(text, /\[image: image\/png, 3 KB\]/);
    assert.match(text, /\[document “spec” text\/plain\]\nhello/);
    assert.match(text, /\[redacted\]/);
    assert.match(text, /\[search result: Docs — https:\/\/example\.com\]\nfound/);
    assert.ok(!text.includes('AAAA'));
  });

  it('summarizes tool input by its telling field', () => {
    assert.equal(summarizeInput({ file_path: '/a/b.ts', content: 'x' }), '/a/b.ts');
    assert.equal(summarizeInput({ other: 7, note: 'hi' }), 'hi');
    assert.equal(summarizeInput({ n: 1 }), '{"n":1}');
    assert.equal(summarizeInput({ command: 'x'.repeat(500) }).length, 120);
  });
});

describe('history event icons', () => {
  // The stylesheet esbuild.mjs copies into media/dist/ for the panel: an icon it does not name shows nothing.
  const css = fs.readFileSync(require.resolve('@vscode/codicons/dist/codicon.css'), 'utf8');
  const codicons = new Set([...css.matchAll(/^\.codicon-([\w-]+):before\s*\{/gm)].map((m) => m[1]));
  const transcript = new Transcript();
  for (const event of ALL_EVENTS) transcript.upsert(event);
  // Events whose icon depends on more than their type.
  const variants: SessionEvent[] = [
    { id: 'v_deny', type: 'user.tool_confirmation', tool_use_id: 'ev_tool', result: 'deny', deny_message: 'no', processed_at: '2026-01-01T00:00:00Z' },
    { id: 'v_error', type: 'agent.tool_result', tool_use_id: 'ev_tool', content: [], is_error: true, processed_at: '2026-01-01T00:00:00Z' },
    { id: 'v_future', type: 'agent.teleport', processed_at: '2026-01-01T00:00:00Z' } as unknown as SessionEvent,
  ];

  it('reads the codicon names from the package', () => {
    assert.ok(codicons.size > 300, `only ${codicons.size} codicons found in codicon.css`);
  });

  it('names only codicons that codicon.css has, each with a text glyph for the export', () => {
    for (const [name, glyph] of Object.entries(EVENT_ICON_GLYPHS)) {
      assert.ok(codicons.has(name), `codicon-${name} is not in @vscode/codicons`);
      assert.ok(glyph && !/[a-z]/i.test(glyph), `the export glyph of ${name} is ${JSON.stringify(glyph)}`);
    }
  });

  it('gives every event type, every kind and the JSON row one of those codicons', () => {
    const kinds = new Set<string>();
    for (const event of [...ALL_EVENTS, ...variants]) {
      const view = describeEvent(event, transcript);
      kinds.add(view.kind);
      assert.ok(Object.hasOwn(EVENT_ICON_GLYPHS, view.icon) && codicons.has(view.icon), `${event.type}: icon ${JSON.stringify(view.icon)}`);
    }
    assert.deepEqual([...kinds].sort(), EVENT_KINDS.map((k) => k.kind).sort(), 'the events above cover every kind');
    assert.equal(describeEvent(variants[0], transcript).icon, 'close');
    assert.equal(describeEvent(EXAMPLES['user.tool_confirmation'], transcript).icon, 'check');
    assert.equal(describeEvent(EXAMPLES['user.message']).icon, 'account');
    assert.equal(describeEvent(EXAMPLES['agent.message']).icon, 'sparkle');
  });
});

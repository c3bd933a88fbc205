import assert from 'node:assert/strict';
import type { SessionEvent } from '../../../src/api';
import { TranscriptRows } from '../../../src/history/transcriptRows';
import type { RowView } from '../../../src/webview/eventView';
import { activityOf, RequestGroups } from '../../../src/webview/requestGroups';

const t0 = Date.parse('2026-11-21T10:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const text = (value: string) => [{ type: 'text' as const, text: value }];
const usage = { input_tokens: 1200, output_tokens: 300 };

/** The rows the panel sends for these events (as the webview gets them). */
function rowsOf(events: readonly SessionEvent[]): RowView[] {
  const rows = new TranscriptRows();
  for (const event of events) rows.accept(event);
  return rows.takePatches(true).flatMap((patch) => patch.append ?? []);
}

// A user message; request 1 thinks and calls two tools (one answered inside it, one after its end, past a
// status row, and confirmed); request 2 writes a message; a result of a call nobody knows.
const EVENTS: SessionEvent[] = [
  { id: 'u1', type: 'user.message', content: text('hi'), processed_at: at(0) },
  { id: 's1', type: 'span.model_request_start', processed_at: at(1) },
  { id: 'th1', type: 'agent.thinking', processed_at: at(2) },
  { id: 'c1', type: 'agent.tool_use', name: 'bash', input: {}, processed_at: at(3) },
  { id: 'r1', type: 'agent.tool_result', tool_use_id: 'c1', content: text('ok'), processed_at: at(4) },
  { id: 'c2', type: 'agent.custom_tool_use', name: 'deploy', input: {}, processed_at: at(5) },
  { id: 'e1', type: 'span.model_request_end', model_request_start_id: 's1', is_error: false, model_usage: usage, processed_at: at(6) },
  { id: 'idle', type: 'session.status_idle', stop_reason: { type: 'requires_action', event_ids: ['c2'] }, processed_at: at(7) },
  { id: 'r2', type: 'user.custom_tool_result', custom_tool_use_id: 'c2', content: text('deployed'), processed_at: at(8) },
  { id: 's2', type: 'span.model_request_start', processed_at: at(9) },
  { id: 'm2', type: 'agent.message', content: text('Done.'), processed_at: at(10) },
  { id: 'e2', type: 'span.model_request_end', model_request_start_id: 's2', is_error: false, model_usage: usage, processed_at: at(12) },
  { id: 'orphan', type: 'agent.tool_result', tool_use_id: 'gone', content: text('?'), processed_at: at(13) },
] as SessionEvent[];

describe('requestGroups: the transcript grouped by model request', () => {
  const rows = rowsOf(EVENTS);
  const index = (id: string) => rows.findIndex((row) => row.id === id);
  const ids = (indexes: readonly number[]) => indexes.map((i) => rows[i].id);

  it("puts a request's thinking, calls and end under its start, and a call's answers with the call", () => {
    const groups = RequestGroups.of(rows);
    assert.ok(groups.isHead(index('s1')));
    assert.deepEqual(ids(groups.group(index('s1'))!.members), ['th1', 'c1', 'r1', 'c2', 'e1', 'r2']);
    assert.equal(groups.group(index('s1'))!.end, index('e1'));
    assert.deepEqual(ids(groups.group(index('s2'))!.members), ['m2', 'e2']);
    for (const outside of ['u1', 'idle', 'orphan']) assert.equal(groups.ownerOf(index(outside)), -1, outside);
    assert.equal(groups.numberOf(index('s1')), 1);
    assert.equal(groups.numberOf(index('s2')), 2);
    assert.equal(groups.numberOf(index('u1')), 0, 'not a request');
  });

  it('lists each group under its heading, leaves folded and filtered-out groups out', () => {
    const groups = RequestGroups.of(rows);
    const all = groups.listed(() => true, () => false);
    assert.deepEqual(ids(all.keys), ['u1', 's1', 'th1', 'c1', 'r1', 'c2', 'e1', 'r2', 'idle', 's2', 'm2', 'e2', 'orphan']);
    assert.equal(all.counted, rows.length);

    const folded = groups.listed(() => true, (start) => start === index('s1'));
    assert.deepEqual(ids(folded.keys), ['u1', 's1', 'idle', 's2', 'm2', 'e2', 'orphan']);
    assert.equal(folded.counted, rows.length, 'folded events still count as shown');

    // Only agent messages: request 1 has none and goes; request 2 keeps its heading.
    const messages = groups.listed((i) => rows[i].type === 'agent.message', () => false);
    assert.deepEqual(ids(messages.keys), ['s2', 'm2']);
    assert.equal(messages.counted, 1);
  });

  it('takes rows one at a time as they arrive, as a whole history does', () => {
    const live = new RequestGroups();
    const placements = rows.map((row, i) => live.add(i, row));
    assert.deepEqual(placements[index('s1')], { kind: 'head' });
    assert.deepEqual(placements[index('r2')], { kind: 'member', head: index('s1') });
    assert.deepEqual(placements[index('idle')], { kind: 'outside' });
    assert.deepEqual(live.listed(() => true, () => false), RequestGroups.of(rows).listed(() => true, () => false));
  });

  it("leaves a subagent's tool call cross-posted to the primary thread (and its answer) out of the primary's request", () => {
    const crossPosted = rowsOf([
      { id: 's1', type: 'span.model_request_start', processed_at: at(0) },
      { id: 'sub', type: 'agent.tool_use', name: 'bash', input: {}, evaluated_permission: 'ask', session_thread_id: 'sthr_sub', processed_at: at(1) },
      { id: 'm1', type: 'agent.message', content: text('working'), processed_at: at(2) },
      { id: 'ok', type: 'user.tool_confirmation', tool_use_id: 'sub', result: 'allow', session_thread_id: 'sthr_sub', processed_at: at(3) },
      { id: 'e1', type: 'span.model_request_end', model_request_start_id: 's1', is_error: false, model_usage: usage, processed_at: at(4) },
    ] as SessionEvent[]);
    assert.equal(crossPosted[1].thread, 'sthr_sub', 'the row says its thread');
    const groups = RequestGroups.of(crossPosted);
    assert.deepEqual(
      groups.listed(() => true, () => false).keys.map((i) => crossPosted[i].id),
      ['s1', 'm1', 'e1', 'sub', 'ok'],
    );
    assert.equal(groups.ownerOf(1), -1);
  });

  it("keeps each thread's requests apart should their events interleave", () => {
    // (The API's spans name no thread today; a stream that mixed threads would still group right.)
    const threaded = rowsOf([
      { id: 'a1', type: 'span.model_request_start', session_thread_id: 'sthr_a', processed_at: at(0) },
      { id: 'b1', type: 'span.model_request_start', session_thread_id: 'sthr_b', processed_at: at(1) },
      { id: 'am', type: 'agent.message', content: text('from a'), session_thread_id: 'sthr_a', processed_at: at(2) },
      { id: 'bm', type: 'agent.message', content: text('from b'), session_thread_id: 'sthr_b', processed_at: at(3) },
      { id: 'ae', type: 'span.model_request_end', model_request_start_id: 'a1', is_error: false, model_usage: usage, session_thread_id: 'sthr_a', processed_at: at(4) },
      { id: 'bt', type: 'agent.thinking', session_thread_id: 'sthr_b', processed_at: at(5) },
    ] as unknown as SessionEvent[]);
    const groups = RequestGroups.of(threaded);
    assert.deepEqual(
      groups.listed(() => true, () => false).keys.map((i) => threaded[i].id),
      ['a1', 'am', 'ae', 'b1', 'bm', 'bt'],
    );
  });

  it('a start without an end is closed by the next start of its thread; an end without its start stays outside', () => {
    const broken = rowsOf([
      { id: 'e0', type: 'span.model_request_end', model_request_start_id: 'unknown', is_error: false, model_usage: usage, processed_at: at(0) },
      { id: 's1', type: 'span.model_request_start', processed_at: at(1) },
      { id: 'm1', type: 'agent.message', content: text('one'), processed_at: at(2) },
      { id: 's2', type: 'span.model_request_start', processed_at: at(3) },
      { id: 'm2', type: 'agent.message', content: text('two'), processed_at: at(4) },
    ] as SessionEvent[]);
    const groups = RequestGroups.of(broken);
    assert.equal(groups.ownerOf(0), -1);
    assert.deepEqual(groups.group(1)!.members, [2]);
    assert.deepEqual(groups.group(3)!.members, [4]);
  });

  it('says what a request did', () => {
    assert.equal(activityOf(['agent.thinking', 'agent.tool_use', 'agent.tool_result', 'agent.mcp_tool_use', 'agent.message', 'span.model_request_end']), 'thinking, 2 tool calls, message');
    assert.equal(activityOf(['agent.message', 'agent.message']), '2 messages');
    assert.equal(activityOf(['agent.custom_tool_use']), 'tool call');
    assert.equal(activityOf(['span.model_request_end']), '');
  });
});

import assert from 'node:assert/strict';
import type { SessionEvent } from '../../../src/api/resources/sessions/events/types';
import { counterpartIn, isThreadMessage, otherThread, threadLanes } from '../../../src/history/threadLanes';

const T0 = Date.parse('2026-12-04T10:00:00.000Z');
let n = 0;
/** An event `seconds` after T0. */
function at(seconds: number, type: string, fields: Record<string, unknown> = {}): SessionEvent {
  return { id: `evt_${++n}`, type, processed_at: new Date(T0 + seconds * 1000).toISOString(), ...fields } as unknown as SessionEvent;
}
const thread = (id: string, name: string) => ({ session_thread_id: id, agent_name: name });
const idle = (reason: string) => ({ stop_reason: { type: reason }, stop_details: null });

describe('threadLanes', () => {
  it('has no lanes for a session that started no subagent thread', () => {
    const events = [at(0, 'session.status_running'), at(1, 'agent.message'), at(5, 'session.status_idle', idle('end_turn'))];
    assert.equal(threadLanes(events, 'Solo'), undefined);
  });

  it("lays out the coordinator and each subagent from the session's status events, in creation order", () => {
    const events = [
      at(0, 'user.message'),
      at(1, 'session.status_running'),
      at(2, 'session.thread_created', thread('sthr_b', 'Reviewer')),
      at(3, 'session.thread_created', thread('sthr_a', 'Docs writer')),
      at(4, 'session.thread_status_running', thread('sthr_a', 'Docs writer')),
      at(5, 'session.thread_status_running', thread('sthr_b', 'Reviewer')),
      at(6, 'agent.thread_message_received', { from_session_thread_id: 'sthr_a' }),
      at(9, 'session.thread_status_idle', { ...thread('sthr_a', 'Docs writer'), ...idle('end_turn') }),
      at(12, 'session.thread_status_idle', { ...thread('sthr_b', 'Reviewer'), ...idle('requires_action') }),
      at(14, 'session.status_idle', idle('requires_action')),
    ];
    const view = threadLanes(events, 'Team lead');
    assert.ok(view);
    assert.deepEqual(
      view.lanes.map((lane) => [lane.threadId, lane.name, lane.role, lane.state]),
      [
        [null, 'Team lead', 'coordinator', 'waiting'],
        ['sthr_b', 'Reviewer', 'subagent', 'waiting'],
        ['sthr_a', 'Docs writer', 'subagent', 'idle'],
      ],
    );
    const second = (s: number) => T0 + s * 1000;
    assert.deepEqual(view.lanes[2].spans, [
      { start: second(3), end: second(4), state: 'idle' },
      { start: second(4), end: second(9), state: 'working' },
      { start: second(9), end: null, state: 'idle' },
    ]);
    assert.deepEqual(view.lanes[0].spans, [
      { start: second(1), end: second(14), state: 'working' },
      { start: second(14), end: null, state: 'waiting' },
    ]);
    assert.equal(view.start, second(1));
    assert.equal(view.end, null, 'threads wait: the lanes reach now');
    assert.equal(view.lanes[2].summary, 'idle now; worked once, 5s in all');
    assert.equal(view.lanes[1].summary, 'waiting for you now; worked once, 7s in all');
  });

  it('ends once every thread is idle or ended; an ended thread stays ended; a repeated status is one span', () => {
    const events = [
      at(0, 'session.status_running'),
      at(1, 'session.thread_created', thread('sthr_a', 'A')),
      at(2, 'session.thread_status_running', thread('sthr_a', 'A')),
      at(3, 'session.thread_status_rescheduled', thread('sthr_a', 'A')),
      at(4, 'session.thread_status_running', thread('sthr_a', 'A')),
      at(6, 'session.thread_status_terminated', thread('sthr_a', 'A')),
      at(7, 'session.thread_status_running', thread('sthr_a', 'A')),
      at(8, 'session.status_idle', idle('end_turn')),
    ];
    const view = threadLanes(events, '');
    assert.ok(view);
    assert.equal(view.lanes[0].name, 'Coordinator');
    const [, lane] = view.lanes;
    assert.deepEqual(lane.spans.map((span) => span.state), ['idle', 'working', 'ended']);
    assert.equal(lane.spans[1].end, T0 + 6000, 'rescheduling and running again are one stretch of work');
    assert.equal(lane.state, 'ended');
    assert.equal(view.end, T0 + 8000);
  });

  it('skips queued events and events of no thread, and names a thread by its id when the API gives no name', () => {
    const events = [
      { id: 'q', type: 'session.status_running', processed_at: null } as unknown as SessionEvent,
      at(1, 'session.thread_status_running', { session_thread_id: 'sthr_x' }),
      at(2, 'session.thread_status_running', { agent_name: 'nobody' }),
    ];
    const view = threadLanes(events, 'Lead');
    assert.ok(view);
    assert.deepEqual(view.lanes.map((lane) => lane.name), ['Lead', 'sthr_x']);
    assert.deepEqual(view.lanes[0].spans, [], 'the queued status is not a stretch of time');
    assert.equal(view.lanes[0].summary, 'idle now; has not worked yet');
  });

  describe('the other side of a thread message', () => {
    const sent = (seconds: number, to: string) => at(seconds, 'agent.thread_message_sent', { to_session_thread_id: to, content: [] });
    const received = (seconds: number, from: string) => at(seconds, 'agent.thread_message_received', { from_session_thread_id: from, content: [] });
    // The coordinator's transcript: a task to each of two threads, and their answers.
    const toA = sent(1, 'sthr_a');
    const toB = sent(2, 'sthr_b');
    const fromB = received(8, 'sthr_b');
    const fromA = received(9, 'sthr_a');
    const session = [toA, toB, at(3, 'agent.message'), fromB, fromA];
    // Thread a's transcript: the task received, its answer sent.
    const aGot = received(1.5, 'sthr_primary');
    const aSent = sent(8.5, 'sthr_primary');
    const threadA = [aGot, at(4, 'agent.message'), aSent];

    it('finds the message received after one sent, and the message sent before one received', () => {
      assert.ok(isThreadMessage(toA) && isThreadMessage(fromA) && isThreadMessage(aSent) && isThreadMessage(aGot));
      assert.equal(otherThread(toA), 'sthr_a');
      assert.equal(otherThread(fromA), 'sthr_a');
      assert.equal(counterpartIn(threadA, toA, undefined), aGot.id);
      assert.equal(counterpartIn(threadA, fromA, undefined), aSent.id);
      assert.equal(counterpartIn(session, aSent, 'sthr_a'), fromA.id, "thread a's answer, not thread b's received just before");
      assert.equal(counterpartIn(session, aGot, 'sthr_a'), toA.id, "the task sent to thread a, not the later one to b");
    });

    it('finds nothing when the other side is not there', () => {
      assert.equal(counterpartIn(threadA, sent(10, 'sthr_a') as never, undefined), undefined, 'nothing received after it');
      assert.equal(counterpartIn([], fromA as never, 'sthr_primary'), undefined);
      assert.equal(isThreadMessage(at(1, 'agent.message')), false);
    });
  });
});

// The lanes of a multiagent session: for the primary thread and each subagent thread, when it worked,
// waited on the user, sat idle or ended, read from the status events the session's own transcript holds
// (the primary's session.status_* events, and session.thread_* events for the subagents). Pure: no vscode.
import type { SessionEvent } from '../api/resources/sessions/events/types';
import { formatDuration } from '../webview/format';
import type { LaneSpanView, LaneState, LanesView, LaneView } from '../webview/protocol';

/** Event types that start, change or end a lane: the panel computes the lanes again after one of them. */
export const LANE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'session.status_running',
  'session.status_rescheduled',
  'session.status_idle',
  'session.status_terminated',
  'session.thread_created',
  'session.thread_status_running',
  'session.thread_status_rescheduled',
  'session.thread_status_idle',
  'session.thread_status_terminated',
]);

const STATE_WORDS: Record<LaneState, string> = { working: 'working', waiting: 'waiting for you', idle: 'idle', ended: 'ended' };

interface LaneBuilder {
  threadId: string | null;
  name: string;
  spans: LaneSpanView[];
}

/**
 * The lanes, or undefined for a session that has started no subagent thread (as far as the events
 * loaded show): a single agent has nothing to lay side by side.
 */
export function threadLanes(events: readonly SessionEvent[], primaryName: string): LanesView | undefined {
  const primary: LaneBuilder = { threadId: null, name: primaryName || 'Coordinator', spans: [] };
  const subagents = new Map<string, LaneBuilder>();
  let first: number | undefined;
  let last: number | undefined;
  for (const event of events) {
    if (!LANE_EVENT_TYPES.has(event.type)) continue;
    const time = Date.parse((event as { processed_at?: string | null }).processed_at ?? '');
    if (!Number.isFinite(time)) continue;
    first = Math.min(first ?? time, time);
    last = Math.max(last ?? time, time);
    if (event.type.startsWith('session.status_')) {
      enter(primary, stateOf(event), time);
      continue;
    }
    const threadId = (event as { session_thread_id?: unknown }).session_thread_id;
    if (typeof threadId !== 'string' || !threadId) continue;
    let lane = subagents.get(threadId);
    if (!lane) {
      const name = (event as { agent_name?: unknown }).agent_name;
      lane = { threadId, name: typeof name === 'string' && name ? name : threadId, spans: [] };
      subagents.set(threadId, lane);
    }
    enter(lane, event.type === 'session.thread_created' ? 'idle' : stateOf(event), time);
  }
  if (!subagents.size || first === undefined || last === undefined) return undefined;
  const lanes = [primary, ...subagents.values()].map((lane, index) => finish(lane, index === 0 ? 'coordinator' : 'subagent'));
  const settled = lanes.every((lane) => lane.state === 'idle' || lane.state === 'ended');
  return { start: first, end: settled ? last : null, lanes };
}

function stateOf(event: SessionEvent): LaneState {
  if (event.type.endsWith('_running') || event.type.endsWith('_rescheduled')) return 'working';
  if (event.type.endsWith('_terminated')) return 'ended';
  const reason = (event as { stop_reason?: { type?: unknown } | null }).stop_reason;
  return reason?.type === 'requires_action' ? 'waiting' : 'idle';
}

/** The lane is in `state` from `time` on: the span before ends there (unless it is the same state). */
function enter(lane: LaneBuilder, state: LaneState, time: number): void {
  const open = lane.spans[lane.spans.length - 1];
  if (open && open.end === null) {
    if (open.state === state) return;
    open.end = Math.max(open.start, time);
  }
  // Nothing follows an end (a terminated thread does not come back).
  if (open?.state === 'ended') return;
  lane.spans.push({ start: time, end: state === 'ended' ? time : null, state });
}

function finish(lane: LaneBuilder, role: LaneView['role']): LaneView {
  const state = lane.spans[lane.spans.length - 1]?.state ?? 'idle';
  const worked = lane.spans.filter((span) => span.state === 'working');
  const closed = worked.filter((span) => span.end !== null);
  const millis = closed.reduce((sum, span) => sum + ((span.end ?? span.start) - span.start), 0);
  const times = worked.length === 1 ? 'once' : `${worked.length} times`;
  const history = worked.length ? `worked ${times}${closed.length ? `, ${formatDuration(millis / 1000)} in all${closed.length < worked.length ? ' before this turn' : ''}` : ''}` : 'has not worked yet';
  return { threadId: lane.threadId, name: lane.name, role, state, spans: lane.spans, summary: `${STATE_WORDS[state]} now; ${history}` };
}

type ThreadMessage = Extract<SessionEvent, { type: 'agent.thread_message_sent' | 'agent.thread_message_received' }>;

export function isThreadMessage(event: SessionEvent | undefined): event is ThreadMessage {
  return event?.type === 'agent.thread_message_sent' || event?.type === 'agent.thread_message_received';
}

/** The thread at the other end of a thread message. */
export function otherThread(message: ThreadMessage): string {
  return message.type === 'agent.thread_message_sent' ? message.to_session_thread_id : message.from_session_thread_id;
}

/**
 * The other side of a thread message in the other thread's events: for a message sent, the first
 * message that thread received at or after it; for one received, the last that thread sent at or
 * before it. `from` is the thread the message is in, when known (the primary's id may not be), to
 * tell its messages from those of other threads.
 */
export function counterpartIn(events: readonly SessionEvent[], message: ThreadMessage, from: string | undefined): string | undefined {
  const time = message.processed_at;
  if (message.type === 'agent.thread_message_sent') {
    return events.find((event) => event.type === 'agent.thread_message_received' && event.processed_at >= time && (!from || event.from_session_thread_id === from))?.id;
  }
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    if (event.type === 'agent.thread_message_sent' && event.processed_at && event.processed_at <= time && (!from || event.to_session_thread_id === from)) return event.id;
  }
  return undefined;
}

// The events of one session in order, indexed for the history panel: by id, tool call -> answers,
// workflow runs, and which tool calls the session is blocked on. It describes each event for the
// webview (src/webview/eventView.ts) and remembers what each description looked up, so that a change
// names every row it alters. The panel's one copy of the history: it feeds the webview, replays it
// after a webview reload, and exports it. Pure: no DOM, no vscode.
import type { SessionEvent } from '../api/resources/sessions/events/types';
import { describeRow, type RowView, type TranscriptContext } from '../webview/eventView';
import type { PendingActionKind } from '../webview/protocol';

export interface PendingAction {
  /** The blocking event (agent.tool_use / agent.mcp_tool_use / agent.custom_tool_use). */
  eventId: string;
  /**
   * confirm: Allow / Deny -> user.tool_confirmation; custom: a result -> user.custom_tool_result;
   * client: a built-in tool the agent may run but whose environment is self-hosted, so the user's
   * runner executes it and answers with user.tool_result.
   */
  kind: PendingActionKind;
  name: string;
  input: unknown;
  threadId: string | null;
}

export interface UpsertResult {
  index: number;
  /** False when it replaced an event with the same id. */
  added: boolean;
  /**
   * Indexes of other events whose view may have changed: the tool call a result answers, blocked
   * calls, and every event whose description looked up what changed.
   */
  affected: number[];
}

export interface PrependResult {
  /** Events put before the others; every event already here moved up by as many places. */
  added: number;
  /** Indexes (after the move) of events already here whose view may have changed. */
  affected: number[];
}

const NONE: readonly string[] = [];
const STATUS_TYPES = new Set(['session.status_idle', 'session.status_running', 'session.status_rescheduled', 'session.status_terminated']);

export class Transcript implements TranscriptContext {
  readonly events: SessionEvent[] = [];
  private readonly byId = new Map<string, number>();
  private readonly answersByToolUse = new Map<string, number[]>();
  private readonly runs = new Map<string, number>();
  private readonly previews = new Map<string, string>();
  private lastStatus = -1;
  private blocking: string[] = [];
  /** What descriptions looked up (an event id, or `run:` + a workflow run id) -> ids of the events described. */
  private readonly readers = new Map<string, string[]>();
  /** The id of the event being described, while describe() runs. */
  private describing: string | undefined;
  /** Names the agent of a thread that thread messages name only by id (set by the panel). */
  threadNames: ((threadId: string) => string | undefined) | undefined;

  get length(): number {
    return this.events.length;
  }

  clear(): void {
    this.clearIndexes();
    this.previews.clear();
    this.readers.clear();
  }

  private clearIndexes(): void {
    this.events.length = 0;
    this.byId.clear();
    this.answersByToolUse.clear();
    this.runs.clear();
    this.lastStatus = -1;
    this.blocking = [];
  }

  /** The view of the event at `index`, as a row for the webview. What it looks up is remembered (see upsert). */
  describe(index: number): RowView {
    const event = this.events[index];
    this.describing = this.idAt(index);
    try {
      return describeRow(event, this);
    } finally {
      this.describing = undefined;
    }
  }

  /** Appends an event, or replaces the one with the same id in place. */
  upsert(event: SessionEvent): UpsertResult {
    const { index, added, affected, blockingChanged } = this.index(event);
    for (const key of changedKeys(event, blockingChanged)) this.addReaders(key, affected);
    affected.delete(index);
    return { index, added, affected: affected.size ? [...affected] : [] };
  }

  /** Puts the event in the indexes; `affected`: the tool call it answers, and the calls blocked before and after it. */
  private index(event: SessionEvent): { index: number; added: boolean; affected: Set<number>; blockingChanged: readonly string[] } {
    const id = typeof event?.id === 'string' ? event.id : `#${this.events.length}`;
    const existing = this.byId.get(id);
    const index = existing ?? this.events.length;
    if (existing === undefined) {
      this.events.push(event);
      this.byId.set(id, index);
    } else {
      this.events[index] = event;
    }
    const affected = new Set<number>();
    let blockingChanged: readonly string[] = NONE;
    const target = answeredToolUse(event);
    if (target) {
      const list = this.answersByToolUse.get(target) ?? [];
      if (!list.includes(index)) list.push(index);
      this.answersByToolUse.set(target, list);
      const use = this.byId.get(target);
      if (use !== undefined) affected.add(use);
    }
    if (event.type === 'workflow_run.created' && typeof event.workflow_run_id === 'string') this.runs.set(event.workflow_run_id, index);
    if (STATUS_TYPES.has(event.type) && index >= this.lastStatus) {
      const before = this.blocking;
      this.lastStatus = index;
      this.blocking =
        event.type === 'session.status_idle' && event.stop_reason?.type === 'requires_action' && Array.isArray(event.stop_reason.event_ids)
          ? event.stop_reason.event_ids.filter((x): x is string => typeof x === 'string')
          : [];
      blockingChanged = [...before, ...this.blocking];
      for (const blocked of blockingChanged) {
        const i = this.byId.get(blocked);
        if (i !== undefined) affected.add(i);
      }
    }
    return { index, added: existing === undefined, affected, blockingChanged };
  }

  /**
   * Puts older events (an older page) before the others. Every event already here moves up by as many
   * places as were added. Events already here are not added again.
   */
  prepend(events: readonly SessionEvent[]): PrependResult {
    const ids = new Set<string>();
    const fresh = events.filter((event) => {
      const id = typeof event?.id === 'string' ? event.id : undefined;
      if (id === undefined || this.byId.has(id) || ids.has(id)) return false;
      ids.add(id);
      return true;
    });
    if (!fresh.length) return { added: 0, affected: [] };
    const all = [...fresh, ...this.events];
    const blockingBefore = this.blocking;
    // The indexes (answers, runs, the last status) are rebuilt in session order.
    this.clearIndexes();
    for (const event of all) this.index(event);
    // Events already here whose description looked up something the older events change.
    const keys = fresh.flatMap((event) => changedKeys(event, []));
    if (this.blocking.join('\n') !== blockingBefore.join('\n')) keys.push(...blockingBefore, ...this.blocking);
    const affected = new Set<number>();
    for (const key of keys) this.addReaders(key, affected);
    return { added: fresh.length, affected: [...affected].filter((index) => index >= fresh.length) };
  }

  /** Adds the indexes of the events whose description looked up `key`. */
  private addReaders(key: string, into: Set<number>): void {
    const readers = this.readers.get(key);
    if (!readers) return;
    for (const reader of readers) {
      const index = this.byId.get(reader);
      if (index !== undefined) into.add(index);
    }
  }

  /** Notes that the event being described looked up `key`. */
  private lookedUp(key: string): void {
    const reader = this.describing;
    if (reader === undefined) return;
    const readers = this.readers.get(key);
    if (!readers) this.readers.set(key, [reader]);
    else if (readers[readers.length - 1] !== reader) readers.push(reader);
  }

  private idAt(index: number): string {
    const id = this.events[index]?.id;
    return typeof id === 'string' ? id : `#${index}`;
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  // ---- TranscriptContext ----

  event(id: string): SessionEvent | undefined {
    this.lookedUp(id);
    const index = this.byId.get(id);
    return index === undefined ? undefined : this.events[index];
  }

  answers(toolUseId: string): readonly SessionEvent[] {
    this.lookedUp(toolUseId);
    return (this.answersByToolUse.get(toolUseId) ?? []).map((i) => this.events[i]);
  }

  isPending(eventId: string): boolean {
    this.lookedUp(eventId);
    if (!this.blocking.includes(eventId)) return false;
    return !this.answers(eventId).some((answer) => answer.type === 'user.tool_confirmation' || answer.type === 'user.custom_tool_result' || answer.type === 'user.tool_result');
  }

  previewText(eventId: string): string | undefined {
    return this.previews.get(eventId);
  }

  workflowRun(workflowRunId: string): SessionEvent | undefined {
    this.lookedUp(`run:${workflowRunId}`);
    const index = this.runs.get(workflowRunId);
    return index === undefined ? undefined : this.events[index];
  }

  threadName(threadId: string): string | undefined {
    return this.threadNames?.(threadId);
  }

  /** Keeps the text a preview showed (thinking has no text once final). */
  rememberPreview(eventId: string, text: string): void {
    if (text) this.previews.set(eventId, text);
  }

  /** Whether the session's last status blocks it on tool calls (answered or not). */
  get mayWait(): boolean {
    return this.blocking.length > 0;
  }

  /** The tool calls the session waits on (idle with requires_action) that have no answer yet. */
  pendingActions(): PendingAction[] {
    const actions: PendingAction[] = [];
    for (const id of this.blocking) {
      if (!this.isPending(id)) continue;
      const event = this.event(id);
      const record = (event ?? {}) as Record<string, unknown>;
      actions.push({
        eventId: id,
        kind: pendingKind(event),
        name: typeof record.name === 'string' ? (event?.type === 'agent.mcp_tool_use' ? `${String(record.mcp_server_name)} · ${record.name}` : record.name) : 'tool call',
        input: record.input,
        threadId: typeof record.session_thread_id === 'string' ? record.session_thread_id : null,
      });
    }
    return actions;
  }

  /** The session status the events say, if any status event was seen. */
  lastStatusType(): string | undefined {
    return this.lastStatus >= 0 ? this.events[this.lastStatus]?.type : undefined;
  }
}

/**
 * What an event changes for the descriptions of others: the event with its id; the answers (and so
 * whether it waits) of the tool call it answers; the run it creates; whether the calls the session
 * was and is blocked on wait.
 */
function changedKeys(event: SessionEvent, blockingChanged: readonly string[]): string[] {
  const keys = typeof event?.id === 'string' ? [event.id] : [];
  const target = answeredToolUse(event);
  if (target) keys.push(target);
  if (event?.type === 'workflow_run.created' && typeof event.workflow_run_id === 'string') keys.push(`run:${event.workflow_run_id}`);
  keys.push(...blockingChanged);
  return keys;
}

/**
 * What a blocking tool call waits for. A built-in tool call that was not asked about
 * (`evaluated_permission` other than "ask") can only block for its result: the environment is
 * self-hosted and the runner, not the API, executes it.
 */
function pendingKind(event: SessionEvent | undefined): PendingActionKind {
  if (event?.type === 'agent.custom_tool_use') return 'custom';
  if (event?.type === 'agent.tool_use' && !asksPermission(event)) return 'client';
  return 'confirm';
}

/** Whether the permission policy asked the user about this call (the evaluation says, or the older field). */
function asksPermission(event: Extract<SessionEvent, { type: 'agent.tool_use' }>): boolean {
  const evaluation = event.evaluation;
  if (evaluation) return evaluation.type === 'always_ask' || (evaluation.type === 'auto' && evaluation.evaluated_permission.type === 'ask');
  // Nothing said either way: Allow / Deny is the answer the API accepts for any blocked call but a client one.
  return event.evaluated_permission === undefined || event.evaluated_permission === 'ask';
}

/** The tool call an event answers (result, confirmation, custom result), if it is one. */
export function answeredToolUse(event: SessionEvent): string | undefined {
  const record = event as unknown as Record<string, unknown>;
  switch (event.type) {
    case 'agent.tool_result':
    case 'user.tool_confirmation':
    case 'user.tool_result':
      return typeof record.tool_use_id === 'string' ? record.tool_use_id : undefined;
    case 'agent.mcp_tool_result':
      return typeof record.mcp_tool_use_id === 'string' ? record.mcp_tool_use_id : undefined;
    case 'user.custom_tool_result':
      return typeof record.custom_tool_use_id === 'string' ? record.custom_tool_use_id : undefined;
    default:
      return undefined;
  }
}

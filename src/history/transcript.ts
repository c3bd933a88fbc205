// The events of one session in order, indexed for the history panel: by id, tool call -> answers,
// workflow runs, and which tool calls the session is blocked on. Used by the webview (rendering) and
// the host (replay after a webview reload, export). Pure: no DOM, no vscode.
import type { SessionEvent } from '../api/resources/sessions/events/types';
import type { TranscriptContext } from '../webview/eventView';

export type PendingActionKind = 'confirm' | 'custom' | 'client';

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
  /** Indexes of other events whose view may have changed (the tool call a result answers, blocked calls). */
  affected: number[];
}

const STATUS_TYPES = new Set(['session.status_idle', 'session.status_running', 'session.status_rescheduled', 'session.status_terminated']);

export class Transcript implements TranscriptContext {
  readonly events: SessionEvent[] = [];
  private readonly byId = new Map<string, number>();
  private readonly answersByToolUse = new Map<string, number[]>();
  private readonly runs = new Map<string, number>();
  private readonly previews = new Map<string, string>();
  private lastStatus = -1;
  private blocking: string[] = [];

  get length(): number {
    return this.events.length;
  }

  clear(): void {
    this.events.length = 0;
    this.byId.clear();
    this.answersByToolUse.clear();
    this.runs.clear();
    this.previews.clear();
    this.lastStatus = -1;
    this.blocking = [];
  }

  /** Appends an event, or replaces the one with the same id in place. */
  upsert(event: SessionEvent): UpsertResult {
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
      for (const blocked of this.blocking) {
        const i = this.byId.get(blocked);
        if (i !== undefined) affected.add(i);
      }
      this.lastStatus = index;
      this.blocking =
        event.type === 'session.status_idle' && event.stop_reason?.type === 'requires_action' && Array.isArray(event.stop_reason.event_ids)
          ? event.stop_reason.event_ids.filter((x): x is string => typeof x === 'string')
          : [];
      for (const blocked of this.blocking) {
        const i = this.byId.get(blocked);
        if (i !== undefined) affected.add(i);
      }
    }
    affected.delete(index);
    return { index, added: existing === undefined, affected: [...affected] };
  }

  /**
   * Puts older events (an older page) before the others; returns how many were added. Every event
   * already here moves up by that many places. Events already here are not added again.
   */
  prepend(events: readonly SessionEvent[]): number {
    const ids = new Set<string>();
    const fresh = events.filter((event) => {
      const id = typeof event?.id === 'string' ? event.id : undefined;
      if (id === undefined || this.byId.has(id) || ids.has(id)) return false;
      ids.add(id);
      return true;
    });
    if (!fresh.length) return 0;
    const all = [...fresh, ...this.events];
    const previews = new Map(this.previews);
    // The indexes (answers, runs, the last status) are rebuilt in session order.
    this.clear();
    for (const event of all) this.upsert(event);
    for (const [id, text] of previews) this.previews.set(id, text);
    return fresh.length;
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  // ---- TranscriptContext ----

  event(id: string): SessionEvent | undefined {
    const index = this.byId.get(id);
    return index === undefined ? undefined : this.events[index];
  }

  answers(toolUseId: string): readonly SessionEvent[] {
    return (this.answersByToolUse.get(toolUseId) ?? []).map((i) => this.events[i]);
  }

  isPending(eventId: string): boolean {
    if (!this.blocking.includes(eventId)) return false;
    return !this.answers(eventId).some((answer) => answer.type === 'user.tool_confirmation' || answer.type === 'user.custom_tool_result' || answer.type === 'user.tool_result');
  }

  previewText(eventId: string): string | undefined {
    return this.previews.get(eventId);
  }

  workflowRun(workflowRunId: string): SessionEvent | undefined {
    const index = this.runs.get(workflowRunId);
    return index === undefined ? undefined : this.events[index];
  }

  /** Keeps the text a preview showed (thinking has no text once final). */
  rememberPreview(eventId: string, text: string): void {
    if (text) this.previews.set(eventId, text);
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

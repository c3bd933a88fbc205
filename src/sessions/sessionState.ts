// What a session's state means for the UI: activity, "needs action", menu context values, counts.
// Pure (no vscode).
import type { Session, SessionStatus, SessionStopReason, SessionThread } from '../api';
import { isOverBudget } from './budget';

export type StopReasonType = SessionStopReason['type'];

/** A loaded session plus what the list endpoint does not say: why it last went idle, when known. */
export interface SessionEntry {
  readonly session: Session;
  /** From the session's last `session.status_idle` event; only looked up for idle sessions. */
  readonly stopReason?: StopReasonType;
}

export function isActive(status: SessionStatus): boolean {
  return status === 'running' || status === 'rescheduling';
}

/** A multiagent session's primary thread: the coordinator's (the others are subagents'). */
export function isPrimaryThread(thread: Pick<SessionThread, 'parent_thread_id'>): boolean {
  return thread.parent_thread_id === null;
}

/** The agent working in a thread: its name, or "Advisor (model)" for an advisor. */
export function threadName(thread: SessionThread): string {
  const agent = thread.agent;
  if (agent.type === 'advisor') return `Advisor (${agent.model})`;
  return agent.name || thread.id;
}

export function isArchived(session: Session): boolean {
  return Boolean(session.archived_at);
}

/** Archived and terminated sessions take no messages or events. */
export function canReceiveMessages(session: Session): boolean {
  return !session.archived_at && session.status !== 'terminated';
}

/** Idle, waiting on a tool confirmation or a custom tool result from the user. */
export function needsAction(entry: SessionEntry): boolean {
  return entry.session.status === 'idle' && !isArchived(entry.session) && entry.stopReason === 'requires_action';
}

/**
 * Idle, unarchived and over its budget: stopped by the budget (any turn would stop at once) until
 * the budget is raised. Read from the session's own fields, so it is right as soon as it is listed.
 */
export function budgetStopped(entry: SessionEntry): boolean {
  return entry.session.status === 'idle' && !isArchived(entry.session) && isOverBudget(entry.session);
}

/**
 * The tree item's contextValue, which `view/item/context` menus match with regular expressions:
 * `session.<status>[.needsAction|.budgetReached][.archived]`, e.g. `session.running`,
 * `session.idle.needsAction`, `session.idle.budgetReached`, `session.idle.archived`.
 */
export function sessionContextValue(entry: SessionEntry): string {
  let value = `session.${entry.session.status}`;
  if (needsAction(entry)) value += '.needsAction';
  else if (budgetStopped(entry)) value += '.budgetReached';
  if (isArchived(entry.session)) value += '.archived';
  return value;
}

/** What was learned about a session's stop reason, and for which version of the session. */
export interface StopReasonCheck {
  updatedAt: string;
}

/** An idle, unarchived session is worth one events request when it changed since it was last checked. */
export function needsStopReasonCheck(session: Session, lastCheck: StopReasonCheck | undefined): boolean {
  return session.status === 'idle' && !isArchived(session) && lastCheck?.updatedAt !== session.updated_at;
}

/** Keeps a known stop reason only while the session is still the idle one it was learned for. */
export function carryStopReason(previous: SessionEntry | undefined, session: Session): StopReasonType | undefined {
  if (!previous?.stopReason || session.status !== 'idle') return undefined;
  return previous.session.updated_at === session.updated_at ? previous.stopReason : undefined;
}

export interface SessionsSummary {
  /** Running or rescheduling. */
  active: number;
  needsAction: number;
}

export function summarize(entries: Iterable<SessionEntry>): SessionsSummary {
  const summary: SessionsSummary = { active: 0, needsAction: 0 };
  for (const entry of entries) {
    if (isArchived(entry.session)) continue;
    if (isActive(entry.session.status)) summary.active++;
    else if (needsAction(entry)) summary.needsAction++;
  }
  return summary;
}

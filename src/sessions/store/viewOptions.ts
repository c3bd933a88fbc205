// How the sessions list is filtered and grouped, as remembered per workspace. Pure (no vscode).
import type { Session, SessionListParams, SessionStatus } from '../../api';

export type GroupBy = 'none' | 'status' | 'agent';

/** API statuses in the order people scan them: what is moving first, what has ended last. */
export const SESSION_STATUSES: readonly SessionStatus[] = ['running', 'rescheduling', 'idle', 'terminated'];

export const STATUS_LABELS: Readonly<Record<SessionStatus, string>> = {
  running: 'Running',
  rescheduling: 'Rescheduling',
  idle: 'Idle',
  terminated: 'Terminated',
};

export interface AgentFilter {
  id: string;
  /** Kept so the filter can be described without asking the API. */
  name: string;
}

export interface SessionsViewOptions {
  groupBy: GroupBy;
  /** Empty: every status. */
  statuses: SessionStatus[];
  agent: AgentFilter | undefined;
  includeArchived: boolean;
}

/** Accepts whatever workspace state holds (older or hand-edited) and returns valid options. */
export function sanitizeViewOptions(raw: unknown): SessionsViewOptions {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const groupBy: GroupBy = value.groupBy === 'status' || value.groupBy === 'agent' ? value.groupBy : 'none';
  const statuses = Array.isArray(value.statuses)
    ? SESSION_STATUSES.filter((status) => (value.statuses as unknown[]).includes(status))
    : [];
  const agentRaw = value.agent as Record<string, unknown> | undefined;
  const agent =
    agentRaw && typeof agentRaw.id === 'string' && agentRaw.id
      ? { id: agentRaw.id, name: typeof agentRaw.name === 'string' && agentRaw.name ? agentRaw.name : agentRaw.id }
      : undefined;
  return { groupBy, statuses, agent, includeArchived: value.includeArchived === true };
}

/** Whether the filters (not grouping) differ, i.e. the list must be loaded again. */
export function filtersDiffer(a: SessionsViewOptions, b: SessionsViewOptions): boolean {
  return (
    a.includeArchived !== b.includeArchived ||
    a.agent?.id !== b.agent?.id ||
    a.statuses.length !== b.statuses.length ||
    a.statuses.some((status) => !b.statuses.includes(status))
  );
}

export function isFiltered(options: SessionsViewOptions): boolean {
  return options.statuses.length > 0 || options.agent !== undefined;
}

/** The list request for these options; filtering happens on the server so paging stays right. */
export function listParams(options: SessionsViewOptions, limit: number, page?: string): SessionListParams {
  const params: SessionListParams = { limit };
  if (page) params.page = page;
  if (options.statuses.length > 0) params.statuses = [...options.statuses];
  if (options.agent) params.agent_id = options.agent.id;
  if (options.includeArchived) params.include_archived = true;
  return params;
}

/** Whether a session belongs in the list (for one refreshed on its own, outside a list request). */
export function matchesOptions(session: Session, options: SessionsViewOptions): boolean {
  if (!options.includeArchived && session.archived_at) return false;
  if (options.statuses.length > 0 && !options.statuses.includes(session.status)) return false;
  if (options.agent && session.agent?.id !== options.agent.id) return false;
  return true;
}

/** A short description of the active filter, e.g. "Running, Idle · Repo maintainer", or undefined. */
export function describeFilter(options: SessionsViewOptions): string | undefined {
  const parts: string[] = [];
  if (options.statuses.length > 0) parts.push(options.statuses.map((status) => STATUS_LABELS[status]).join(', '));
  if (options.agent) parts.push(options.agent.name);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

// Session -> the history panel's header line. Pure.
import type { Session } from '../api';
import { describeBudget, isOverBudget } from '../sessions/budget';
import { formatCount, formatDuration, formatMoney } from '../webview/format';
import type { SessionHeader } from '../webview/protocol';

const STATUSES = new Set(['rescheduling', 'running', 'idle', 'terminated']);

export function toHeader(session: Session, environmentName?: string): SessionHeader {
  const usage = session.usage ?? {};
  const agent = session.agent ?? ({} as Partial<Session['agent']>);
  const tokens = [`${formatCount(usage.input_tokens)} in`, `${formatCount(usage.output_tokens)} out`];
  if (usage.cache_read_input_tokens) tokens.push(`${formatCount(usage.cache_read_input_tokens)} cache read`);
  const active = session.stats?.active_seconds ?? usage.active_seconds;
  return {
    id: session.id,
    title: session.title || session.id,
    status: STATUSES.has(session.status) ? session.status : 'unknown',
    archived: Boolean(session.archived_at),
    agentName: agent.name || agent.id || '',
    agentVersion: typeof agent.version === 'number' ? agent.version : null,
    model: agent.model?.id ?? '',
    environment: environmentName || session.environment_id || '',
    tokens: tokens.join(' · '),
    cost: formatMoney(usage.list_cost),
    activeTime: active !== undefined ? formatDuration(active) : '',
    createdAt: session.created_at ?? '',
    budget: describeBudget(session) ?? '',
    budgetReached: isOverBudget(session),
  };
}

/** The header after a status event, before the session is fetched again. */
export function withStatusFromEvent(header: SessionHeader, eventType: string): SessionHeader {
  const status =
    eventType === 'session.status_running' ? 'running'
    : eventType === 'session.status_idle' ? 'idle'
    : eventType === 'session.status_rescheduled' ? 'rescheduling'
    : eventType === 'session.status_terminated' ? 'terminated'
    : undefined;
  return status && status !== header.status ? { ...header, status } : header;
}

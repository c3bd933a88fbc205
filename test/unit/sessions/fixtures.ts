// Session objects for the sessions unit tests: complete wire shapes with only what a test cares about set.
import type { Session, SessionStatus } from '../../../src/api';
import type { SessionEntry } from '../../../src/sessions/sessionState';

let counter = 0;

export function makeSession(overrides: Partial<Session> & { agentId?: string; agentName?: string } = {}): Session {
  counter++;
  const { agentId = 'agent_1', agentName = 'Repo maintainer', ...rest } = overrides;
  const created = new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString();
  return {
    id: `sesn_${String(counter).padStart(4, '0')}`,
    type: 'session',
    agent: {
      id: agentId,
      name: agentName,
      type: 'agent',
      version: 1,
      description: null,
      execution_identity: {} as Session['agent']['execution_identity'],
      mcp_servers: [],
      model: {} as Session['agent']['model'],
      skills: [],
      system: null,
      tools: [],
      multiagent: null,
    },
    archived_at: null,
    budget: null,
    created_at: created,
    updated_at: created,
    environment_id: 'env_1',
    metadata: {},
    outcome_evaluations: [],
    resources: [],
    stats: {},
    status: 'idle',
    title: null,
    usage: {},
    vault_ids: [],
    ...rest,
  };
}

export function entry(session: Session, stopReason?: SessionEntry['stopReason']): SessionEntry {
  return { session, stopReason };
}

export function withStatus(session: Session, status: SessionStatus, updatedAt = new Date(Date.parse(session.updated_at) + 1000).toISOString()): Session {
  return { ...session, status, updated_at: updatedAt };
}

/** Newest first, as the API lists them. */
export function newestFirst(sessions: Session[]): Session[] {
  return [...sessions].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
}

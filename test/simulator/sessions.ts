/**
 * Session operations shared by the HTTP routes and the test helpers: create, update, archive,
 * delete, list and send events. Validation messages name the offending field like the API does.
 */
import { resolveMcpServers, resolveModel, resolveSkills, resolveTools, sessionAgentFrom } from './agent-config';
import { consumedMinorUnits, requireBudgetable, validateBudget } from './budget';
import * as build from './events';
import { invalidRequest, stateConflict } from './errors';
import { newId } from './ids';
import { mountFiles } from './session-resources';
import { parseInputEvents, rejectExtraFields, SENDABLE_TYPES } from './input-events';
import { decodeCursor, pageByKey, parseLimit, parseOrder, parseTimeFilters, queryArray, queryBoolean, type KeyedPage } from './pagination';
import type { SessionRecord, Store } from './store';
import type { Session, SessionAgent, SessionResource, SessionStatus, SimEvent } from './types';
import { isPlainObject } from './util';

export const SESSION_STATUSES: SessionStatus[] = ['rescheduling', 'running', 'idle', 'terminated'];

function validateMetadata(value: unknown, path: string): Record<string, string> {
  if (!isPlainObject(value)) throw invalidRequest(`${path}: must be an object of string values`);
  const entries = Object.entries(value);
  if (entries.length > 16) throw invalidRequest(`${path}: at most 16 key-value pairs`);
  for (const [key, item] of entries) {
    if (key.length === 0 || key.length > 64) throw invalidRequest(`${path}.${key}: keys must be 1-64 characters`);
    if (typeof item !== 'string') throw invalidRequest(`${path}.${key}: values must be strings`);
    if (item.length > 512) throw invalidRequest(`${path}.${key}: values must be at most 512 characters`);
  }
  return { ...(value as Record<string, string>) };
}

function validateTitle(value: unknown, path: string): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw invalidRequest(`${path}: must be a string or null`);
  if (value.length > 500) throw invalidRequest(`${path}: at most 500 characters`);
  return value;
}

/** Resolves the `agent` create param (id string, `agent` reference, or `agent_with_overrides`). */
function resolveSessionAgent(store: Store, value: unknown, allowArchived: boolean): SessionAgent {
  const checkNotArchived = <T extends { id: string; archived_at: string | null }>(agent: T): T => {
    if (agent.archived_at !== null && !allowArchived) throw invalidRequest(`agent: agent ${agent.id} is archived`);
    return agent;
  };
  if (typeof value === 'string') {
    if (value === '') throw invalidRequest('agent: must not be empty');
    return sessionAgentFrom(checkNotArchived(store.agent(value)), (id, version) => store.agent(id, version));
  }
  if (!isPlainObject(value) || typeof value.id !== 'string' || (value.type !== 'agent' && value.type !== 'agent_with_overrides')) {
    throw invalidRequest(`agent: must be an agent id, {"type":"agent","id":...,"version":...} or {"type":"agent_with_overrides",...}`);
  }
  const version = value.version;
  if (version !== undefined && (!Number.isInteger(version) || (version as number) < 1)) {
    throw invalidRequest('agent.version: must be an integer of at least 1');
  }
  const base = sessionAgentFrom(checkNotArchived(store.agent(value.id, version as number | undefined)), (id, pinned) => store.agent(id, pinned));
  if (value.type === 'agent') {
    rejectExtraFields(value, ['type', 'id', 'version'], 'agent');
    return base;
  }
  rejectExtraFields(value, ['type', 'id', 'version', 'model', 'system', 'tools', 'mcp_servers', 'skills'], 'agent');
  if (value.model !== undefined) base.model = resolveModel(value.model, 'agent.model');
  if (value.system !== undefined) {
    if (value.system !== null && (typeof value.system !== 'string' || value.system.length > 100_000)) {
      throw invalidRequest('agent.system: must be a string of at most 100,000 characters, or null');
    }
    base.system = value.system;
  }
  if (value.mcp_servers !== undefined) base.mcp_servers = resolveMcpServers(value.mcp_servers, 'agent.mcp_servers');
  if (value.tools !== undefined) base.tools = resolveTools(value.tools, 'agent.tools', base.mcp_servers);
  if (value.skills !== undefined) base.skills = resolveSkills(value.skills, 'agent.skills');
  return base;
}

function resolveResources(value: unknown, nowIso: string): SessionResource[] {
  if (!Array.isArray(value)) throw invalidRequest('resources: must be an array');
  return value.map((entry: unknown, index): SessionResource => {
    const path = `resources[${index}]`;
    if (!isPlainObject(entry)) throw invalidRequest(`${path}: must be an object`);
    const mountPath = typeof entry.mount_path === 'string' ? entry.mount_path : null;
    switch (entry.type) {
      case 'github_repository': {
        if (typeof entry.url !== 'string' || !/^https:\/\/github\.com\/[^/]+\/[^/]+/.test(entry.url)) {
          throw invalidRequest(`${path}.url: must be a https://github.com/<owner>/<repo> URL`);
        }
        const repoName = entry.url.replace(/\.git$/, '').split('/').pop() ?? 'repo';
        const checkout = entry.checkout ?? null;
        if (checkout !== null && !(isPlainObject(checkout) && ((checkout.type === 'branch' && typeof checkout.name === 'string') || (checkout.type === 'commit' && typeof checkout.sha === 'string')))) {
          throw invalidRequest(`${path}.checkout: must be {"type":"branch","name":...} or {"type":"commit","sha":...}`);
        }
        return {
          id: newId('resource'),
          type: 'github_repository',
          url: entry.url,
          mount_path: mountPath ?? `/workspace/${repoName}`,
          checkout: checkout as { type: 'branch'; name: string } | null,
          created_at: nowIso,
          updated_at: nowIso,
        };
      }
      case 'file':
        if (typeof entry.file_id !== 'string' || entry.file_id === '') throw invalidRequest(`${path}.file_id: required string`);
        return {
          id: newId('resource'),
          type: 'file',
          file_id: entry.file_id,
          // The default (under the session copy's id) is set once the copy exists (mountFiles).
          mount_path: mountPath ?? '',
          created_at: nowIso,
          updated_at: nowIso,
        };
      case 'memory_store':
        if (typeof entry.memory_store_id !== 'string' || entry.memory_store_id === '') throw invalidRequest(`${path}.memory_store_id: required string`);
        return {
          type: 'memory_store',
          memory_store_id: entry.memory_store_id,
          access: entry.access === 'read_only' ? 'read_only' : 'read_write',
          instructions: typeof entry.instructions === 'string' ? entry.instructions : null,
          description: '',
          name: entry.memory_store_id,
          mount_path: `/mnt/memory/${entry.memory_store_id}`,
        };
      default:
        throw invalidRequest(`${path}.type: must be one of github_repository, file, memory_store`);
    }
  });
}

/** Creates a session from a create body. `initial_events` are queued in order. */
export function createSession(
  store: Store,
  body: unknown,
  /** Seed/test-helper extras: a fixed id, a past creation time, archived agents. */
  options: { createdMs?: number; id?: string; allowArchivedAgent?: boolean } = {},
): SessionRecord {
  if (!isPlainObject(body)) throw invalidRequest('body: must be a JSON object');
  rejectExtraFields(body, ['agent', 'environment_id', 'budget', 'initial_events', 'metadata', 'resources', 'title', 'vault_ids'], '');
  if (body.agent === undefined) throw invalidRequest('agent: Field required');
  if (typeof body.environment_id !== 'string' || body.environment_id === '') throw invalidRequest('environment_id: Field required');
  const agent = resolveSessionAgent(store, body.agent, options.allowArchivedAgent ?? false);
  const environment = store.environment(body.environment_id);
  if (environment.archived_at !== null) throw invalidRequest(`environment_id: environment ${environment.id} is archived`, 'environment_archived');
  const createdMs = options.createdMs ?? Date.now();
  const createdIso = new Date(createdMs).toISOString();
  let vaultIds: string[] = [];
  if (body.vault_ids !== undefined) {
    if (!Array.isArray(body.vault_ids) || body.vault_ids.some((id) => typeof id !== 'string' || !id.startsWith('vlt_'))) {
      throw invalidRequest('vault_ids: must be an array of vault ids (vlt_...)');
    }
    vaultIds = [...(body.vault_ids as string[])];
  }
  const initialEvents =
    body.initial_events === undefined
      ? []
      : parseInputEvents(body.initial_events, 'initial_events', { selfHosted: false, allowedTypes: ['user.message', 'user.define_outcome'], fileExists: (fileId) => store.files.exists(fileId) });
  const budget = body.budget === undefined ? null : validateBudget(body.budget, 'budget');
  if (budget) requireBudgetable(agent, 'budget');
  const session: Session = {
    id: options.id ?? newId('session'),
    type: 'session',
    agent,
    archived_at: null,
    budget,
    created_at: createdIso,
    updated_at: createdIso,
    environment_id: environment.id,
    metadata: body.metadata === undefined ? {} : validateMetadata(body.metadata, 'metadata'),
    outcome_evaluations: [],
    resources: body.resources === undefined ? [] : resolveResources(body.resources, createdIso),
    stats: { active_seconds: 0, duration_seconds: 0 },
    status: 'idle',
    title: body.title === undefined ? null : validateTitle(body.title, 'title'),
    usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 }, list_cost: { amount: '0', currency: 'USD' }, server_tool_use: { web_fetch_requests: 0, web_search_requests: 0 }, active_seconds: 0 },
    vault_ids: vaultIds,
    deployment_id: null,
  };
  // Files must exist; each mount becomes the session's own copy (session-resources.ts).
  session.resources = mountFiles(store, session.id, [], session.resources);
  const record = store.insertSession(session, createdMs);
  if (initialEvents.length > 0) store.enqueue(record, initialEvents);
  return record;
}

/** Applies an update body; logs `session.updated` with the changed fields when anything changed. */
export function updateSession(store: Store, record: SessionRecord, body: unknown): void {
  if (!isPlainObject(body)) throw invalidRequest('body: must be a JSON object');
  rejectExtraFields(body, ['agent', 'budget', 'metadata', 'title', 'vault_ids'], '');
  const session = record.session;
  if (session.archived_at !== null) throw stateConflict(`session ${session.id} is archived and cannot be updated`);
  if (body.vault_ids !== undefined) throw invalidRequest('vault_ids: updating vault_ids is not yet supported');
  const changes: Parameters<typeof build.sessionUpdated>[0] = {};

  let title = session.title;
  if (body.title !== undefined) title = validateTitle(body.title, 'title');

  let metadata = session.metadata;
  if (body.metadata === null) {
    metadata = {};
  } else if (body.metadata !== undefined) {
    if (!isPlainObject(body.metadata)) throw invalidRequest('metadata: must be an object');
    metadata = { ...session.metadata };
    for (const [key, value] of Object.entries(body.metadata)) {
      if (value === null) delete metadata[key];
      else metadata[key] = value as string;
    }
    metadata = validateMetadata(metadata, 'metadata');
  }

  let agent = session.agent;
  if (body.agent !== undefined) {
    if (!isPlainObject(body.agent)) throw invalidRequest('agent: must be an object with tools and/or mcp_servers');
    rejectExtraFields(body.agent, ['tools', 'mcp_servers'], 'agent');
    if (session.status === 'running' || session.status === 'rescheduling') {
      throw stateConflict(`agent: cannot change the agent configuration while the session is ${session.status}; wait for session.status_idle or send user.interrupt`);
    }
    if (session.status === 'terminated') throw stateConflict(`agent: session ${session.id} is terminated`);
    agent = structuredClone(session.agent);
    if (body.agent.mcp_servers !== undefined) agent.mcp_servers = resolveMcpServers(body.agent.mcp_servers, 'agent.mcp_servers');
    if (body.agent.tools !== undefined) agent.tools = resolveTools(body.agent.tools, 'agent.tools', agent.mcp_servers);
    else if (body.agent.mcp_servers !== undefined) {
      // Keep existing tools, but an mcp_toolset must still reference a configured server.
      resolveTools(
        agent.tools.filter((tool) => tool.type === 'mcp_toolset'),
        'agent.tools',
        agent.mcp_servers,
      );
    }
  }

  let budget = session.budget;
  if (body.budget !== undefined) {
    if (session.status === 'terminated') throw stateConflict(`budget: session ${session.id} is terminated`);
    if (body.budget === null) {
      budget = null;
    } else {
      const next = validateBudget(body.budget, 'budget');
      if (session.budget === null) {
        throw invalidRequest('budget: a budget can only be set when the session is created; this session has none (never had one, or it was removed)', 'budget_create_only');
      }
      requireBudgetable(agent, 'budget');
      const consumed = consumedMinorUnits(session);
      if (BigInt(next.max_list_cost.amount) <= consumed) {
        throw invalidRequest(`budget.max_list_cost.amount: must be above the ${consumed} (USD minor units) the session has already consumed`, 'budget_not_raised');
      }
      budget = next;
    }
  }

  if (title !== session.title) changes.title = title;
  if (JSON.stringify(metadata) !== JSON.stringify(session.metadata) && Object.keys(metadata).length > 0) changes.metadata = metadata;
  const agentChanged = JSON.stringify(agent) !== JSON.stringify(session.agent);
  if (agentChanged) changes.agent = agent;
  if (JSON.stringify(budget) !== JSON.stringify(session.budget)) changes.budget = budget;
  const metadataChanged = JSON.stringify(metadata) !== JSON.stringify(session.metadata);

  session.title = title;
  session.metadata = metadata;
  session.agent = agent;
  session.budget = budget;
  if (Object.keys(changes).length > 0 || metadataChanged) {
    session.updated_at = new Date().toISOString();
    if (Object.keys(changes).length > 0) store.log(record, build.sessionUpdated(changes));
  }
}

export function archiveSession(record: SessionRecord): void {
  const session = record.session;
  if (session.archived_at !== null) return; // archiving twice is a no-op
  if (session.status === 'running' || session.status === 'rescheduling') {
    throw stateConflict(`session ${session.id} is ${session.status}; interrupt it and wait for session.status_idle before archiving`);
  }
  // An archived session accepts no events, so a turn waiting on tool results can never resume.
  record.turn?.abort();
  record.blockers.clear();
  record.pending = [];
  session.archived_at = new Date().toISOString();
  session.updated_at = session.archived_at;
}

/** Deletes a session; the API refuses while it runs ("send an interrupt event if you need to delete it immediately"). */
export function deleteSession(store: Store, record: SessionRecord): void {
  const session = record.session;
  if (session.status === 'running' || session.status === 'rescheduling') {
    throw stateConflict(`session ${session.id} is ${session.status} and cannot be deleted; send a user.interrupt event and wait for session.status_idle first`);
  }
  store.removeSession(record);
}

/** Validates and queues sent events; returns the API's echo (`processed_at: null`). */
export function sendEvents(store: Store, record: SessionRecord, body: unknown): SimEvent[] {
  if (!isPlainObject(body)) throw invalidRequest('body: must be a JSON object');
  rejectExtraFields(body, ['events'], '');
  const session = record.session;
  if (session.archived_at !== null) throw stateConflict(`session ${session.id} is archived and accepts no events`);
  if (session.status === 'terminated') throw stateConflict(`session ${session.id} is terminated and accepts no events`);
  const environment = store.environment(session.environment_id);
  const events = parseInputEvents(body.events, 'events', {
    record,
    selfHosted: environment.config.type === 'self_hosted',
    allowedTypes: SENDABLE_TYPES,
    fileExists: (fileId) => store.files.exists(fileId),
  });
  store.enqueue(record, events);
  return events.map((event) => structuredClone(event));
}

export function listSessions(store: Store, query: URLSearchParams): KeyedPage<Session> {
  const limit = parseLimit(query.get('limit'), 20, 100);
  const order = parseOrder(query.get('order'), 'desc');
  const cursor = decodeCursor(query.get('page'));
  const includeArchived = queryBoolean(query, 'include_archived') ?? false;
  const statuses = queryArray(query, 'statuses');
  for (const status of statuses) {
    if (!SESSION_STATUSES.includes(status as SessionStatus)) throw invalidRequest(`statuses: invalid status ${JSON.stringify(status)}`);
  }
  const agentId = query.get('agent_id');
  const agentVersionRaw = query.get('agent_version');
  const agentVersion = agentVersionRaw === null ? undefined : Number(agentVersionRaw);
  if (agentVersion !== undefined && !Number.isInteger(agentVersion)) throw invalidRequest('agent_version: must be an integer');
  const deploymentId = query.get('deployment_id');
  const memoryStoreId = query.get('memory_store_id');
  const created = parseTimeFilters(query);

  const records = store
    .allRecords()
    .filter((record) => {
      const session = record.session;
      if (!includeArchived && session.archived_at !== null) return false;
      if (statuses.length > 0 && !statuses.includes(session.status)) return false;
      if (agentId !== null && session.agent.id !== agentId) return false;
      if (agentId !== null && agentVersion !== undefined && session.agent.version !== agentVersion) return false;
      if (deploymentId !== null && session.deployment_id !== deploymentId) return false;
      if (memoryStoreId !== null && !session.resources.some((resource) => resource.type === 'memory_store' && resource.memory_store_id === memoryStoreId)) return false;
      if (created && !created(record.createdMs)) return false;
      return true;
    })
    .sort((a, b) => (order === 'asc' ? a.key - b.key : b.key - a.key));
  const page = pageByKey(records, (record) => record.key, order, limit, cursor);
  const nowMs = Date.now();
  return { ...page, data: page.data.map((record) => store.toWire(record, nowMs)) };
}

// The inspector's view model: the session's agent snapshot, environment, vaults, resources, metadata,
// budget and outcomes, and its threads, as plain data for the webview. Pure (no vscode). What the
// server sent is read defensively: a field of an unexpected type shows as absent, never throws.
import type { AgentTool, PermissionPolicy, Session, SessionEvent, SessionResource, SessionThread } from '../api';
import { describeBudget, isOverBudget } from '../sessions/budget';
import { isPrimaryThread, threadName } from '../sessions/sessionState';
import { formatCount, formatDuration, formatMoney, toJson } from '../webview/format';
import { MAX_EVENT_JSON_CHARS } from '../webview/protocol';
import type {
  EventJsonView,
  InspectorAgentView,
  InspectorEvaluationView,
  InspectorLoad,
  InspectorOutcomeView,
  InspectorResourceView,
  InspectorSessionView,
  InspectorThreadView,
  InspectorToolsetView,
  InspectorView,
} from '../webview/protocol';

/** A list the panel loads when the inspector opens: not yet, under way, its items, or why it failed. */
export type Loadable<T> = { state: 'notLoaded' } | { state: 'loading' } | { state: 'loaded'; items: readonly T[] } | { state: 'failed'; error: string };

export interface InspectorInput {
  session: Session | null;
  /** The environment's name, when the panel could look it up. */
  environmentName?: string;
  /** The transcript's events, in order (the outcomes and their evaluations come from them). */
  events: readonly SessionEvent[];
  threads: Loadable<SessionThread>;
  resources: Loadable<SessionResource>;
}

/** Event types that change what the inspector shows. */
export const INSPECTOR_EVENT_TYPES: ReadonlySet<string> = new Set(['user.define_outcome', 'span.outcome_evaluation_start', 'span.outcome_evaluation_end']);

/** Event types after which the threads are loaded again (their status or usage changed). */
export const THREAD_EVENT_TYPES: ReadonlySet<string> = new Set([
  'session.thread_created',
  'session.thread_status_running',
  'session.thread_status_idle',
  'session.thread_status_rescheduled',
  'session.thread_status_terminated',
]);

export function toInspectorView(input: InspectorInput): InspectorView {
  return {
    session: input.session ? sessionView(input.session, input.environmentName) : null,
    resources: mapLoad(input.resources, resourceView),
    outcomes: outcomeViews(input.events, input.session?.outcome_evaluations),
    threads: mapLoad(input.threads, threadView),
  };
}

/** The Events tab's view of one event: its JSON pretty-printed, cut at `limit` characters (null: not held). */
export function toEventJsonView(event: SessionEvent | undefined, limit = MAX_EVENT_JSON_CHARS): EventJsonView | null {
  if (!event) return null;
  const json = toJson(event);
  return { eventId: text(event.id), eventType: text(event.type), json: json.length > limit ? json.slice(0, limit) : json, totalChars: json.length };
}

function mapLoad<T, V>(load: Loadable<T>, view: (item: T) => V): InspectorLoad<V> {
  if (load.state !== 'loaded') return load;
  return { state: 'loaded', items: (Array.isArray(load.items) ? load.items : []).filter((item) => typeof item === 'object' && item !== null).map(view) };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function list<T>(value: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(value) ? value.filter((item: T) => typeof item === 'object' && item !== null) : [];
}

function policy(permission: PermissionPolicy | null | undefined): string {
  return text(permission?.type).replace(/_/g, ' ');
}

function sessionView(session: Session, environmentName: string | undefined): InspectorSessionView {
  const metadata = session.metadata && typeof session.metadata === 'object' ? Object.entries(session.metadata).filter((entry): entry is [string, string] => typeof entry[1] === 'string') : [];
  return {
    id: session.id,
    agent: agentView(session.agent),
    environment: { id: text(session.environment_id), name: environmentName && environmentName !== session.environment_id ? environmentName : '' },
    vaultIds: Array.isArray(session.vault_ids) ? session.vault_ids.filter((id) => typeof id === 'string') : [],
    metadata,
    budget: describeBudget(session) ?? '',
    budgetReached: isOverBudget(session),
    spent: formatMoney(session.usage?.list_cost),
  };
}

function agentView(agent: Session['agent'] | null | undefined): InspectorAgentView {
  const model = agent?.model;
  const modelWords = [text(model?.id), model?.effort?.type ? `effort ${text(model.effort.type)}` : '', model?.speed ? `${text(model.speed)} speed` : ''];
  return {
    id: text(agent?.id),
    name: text(agent?.name),
    version: typeof agent?.version === 'number' ? agent.version : null,
    description: text(agent?.description),
    model: modelWords.filter(Boolean).join(' · '),
    system: text(agent?.system),
    toolsets: list(agent?.tools).map(toolsetView),
    mcpServers: list(agent?.mcp_servers).map((server) => ({ name: text(server.name), url: text(server.url) })),
    skills: list(agent?.skills).map((skill) => ({ id: text(skill.skill_id), type: text(skill.type), version: text(skill.version) })),
    multiagent: text(agent?.multiagent?.type),
  };
}

function toolsetView(tool: AgentTool): InspectorToolsetView {
  switch (tool.type) {
    case 'agent_toolset_20260401':
    case 'mcp_toolset':
      return {
        title: tool.type === 'mcp_toolset' ? `MCP server ${text(tool.mcp_server_name)}` : 'Built-in tools',
        defaults: { enabled: tool.default_config?.enabled !== false, permission: policy(tool.default_config?.permission_policy) },
        tools: list<{ name: string; enabled: boolean; permission_policy: PermissionPolicy }>(tool.configs).map((config) => ({ name: text(config.name), enabled: config.enabled !== false, permission: policy(config.permission_policy) })),
      };
    case 'custom':
      return { title: 'Custom tool', tools: [{ name: text(tool.name), enabled: true, permission: '', description: text(tool.description) }] };
    default:
      // A kind of tool this version does not know: its type, so it is not silently left out.
      return { title: text((tool as { type?: unknown }).type) || 'Tool', tools: [] };
  }
}

function resourceView(resource: SessionResource): InspectorResourceView {
  const base = { type: text(resource.type), mountPath: text((resource as { mount_path?: unknown }).mount_path) };
  switch (resource.type) {
    case 'file':
      return { ...base, id: text(resource.id), name: text(resource.file_id), detail: '' };
    case 'github_repository': {
      const checkout = resource.checkout;
      const detail = checkout?.type === 'branch' ? `branch ${text(checkout.name)}` : checkout?.type === 'commit' ? `commit ${text(checkout.sha)}` : '';
      return { ...base, id: text(resource.id), name: text(resource.url), detail };
    }
    case 'memory_store':
      return { ...base, id: text(resource.memory_store_id), name: text(resource.name) || text(resource.memory_store_id), detail: text(resource.access).replace(/_/g, ' ') };
    default: {
      const unknown = resource as { id?: unknown };
      return { ...base, id: text(unknown.id), name: text(unknown.id), detail: '' };
    }
  }
}

function threadView(thread: SessionThread): InspectorThreadView {
  const agent = (thread.agent ?? {}) as Partial<Extract<SessionThread['agent'], { type: 'agent' }>> & { type?: string; model?: unknown };
  const model = typeof agent.model === 'string' ? agent.model : text((agent.model as { id?: unknown } | undefined)?.id);
  const usage = thread.usage ?? null;
  const tokens = usage ? [`${formatCount(usage.input_tokens)} in`, `${formatCount(usage.output_tokens)} out`, usage.cache_read_input_tokens ? `${formatCount(usage.cache_read_input_tokens)} cache read` : ''] : [];
  const active = thread.stats?.active_seconds ?? usage?.active_seconds;
  return {
    id: text(thread.id),
    primary: isPrimaryThread(thread),
    parentId: text(thread.parent_thread_id),
    status: text(thread.status) || 'unknown',
    archived: Boolean(thread.archived_at),
    agentName: thread.agent ? threadName(thread) : text(thread.id),
    agentType: text(agent.type),
    agentVersion: typeof agent.version === 'number' ? agent.version : null,
    model,
    tokens: tokens.filter(Boolean).join(' · '),
    cost: formatMoney(usage?.list_cost),
    activeTime: typeof active === 'number' ? formatDuration(active) : '',
    createdAt: text(thread.created_at),
  };
}

/**
 * Each outcome defined (user.define_outcome) with its evaluations: the ended ones from the transcript,
 * one "in progress" for an evaluation started and not ended, and those the session lists that the
 * loaded events do not hold (they are in older history).
 */
function outcomeViews(events: readonly SessionEvent[], sessionEvaluations: Session['outcome_evaluations'] | undefined): InspectorOutcomeView[] {
  const outcomes = new Map<string, InspectorOutcomeView>();
  const outcome = (outcomeId: string) => {
    let found = outcomes.get(outcomeId);
    if (!found) outcomes.set(outcomeId, (found = { outcomeId, description: '', rubric: '', maxIterations: null, evaluations: [] }));
    return found;
  };
  const started = new Map<string, { outcomeId: string; iteration: number; eventId: string }>();
  for (const event of events) {
    switch (event.type) {
      case 'user.define_outcome': {
        const defined = outcome(text(event.outcome_id));
        const rubric = event.rubric?.type === 'text' ? text(event.rubric.content) : event.rubric?.type === 'file' ? `file ${text(event.rubric.file_id)}` : '';
        Object.assign(defined, { description: text(event.description), rubric, maxIterations: typeof event.max_iterations === 'number' ? event.max_iterations : null, eventId: event.id });
        break;
      }
      case 'span.outcome_evaluation_start':
        started.set(event.id, { outcomeId: text(event.outcome_id), iteration: Number(event.iteration) || 0, eventId: event.id });
        break;
      case 'span.outcome_evaluation_end':
        started.delete(event.outcome_evaluation_start_id);
        outcome(text(event.outcome_id)).evaluations.push({ iteration: Number(event.iteration) || 0, result: text(event.result), explanation: text(event.explanation), eventId: event.id });
        break;
    }
  }
  for (const running of started.values()) outcome(running.outcomeId).evaluations.push({ iteration: running.iteration, result: 'in progress', explanation: '', eventId: running.eventId });
  for (const evaluation of list(sessionEvaluations)) {
    const target = outcome(text(evaluation.outcome_id));
    if (!target.description) target.description = text(evaluation.description);
    const iteration = Number(evaluation.iteration) || 0;
    if (!target.evaluations.some((known) => known.iteration === iteration)) target.evaluations.push({ iteration, result: text(evaluation.result), explanation: text(evaluation.explanation) });
  }
  for (const each of outcomes.values()) each.evaluations.sort((a: InspectorEvaluationView, b: InspectorEvaluationView) => a.iteration - b.iteration);
  return [...outcomes.values()];
}

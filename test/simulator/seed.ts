/**
 * Initial state: built-in agents, environments and sessions in every status, plus loading of a
 * JSON seed (`--seed FILE` / `seed` option) that extends or replaces them. Format: README.md.
 */
import { readFileSync } from 'node:fs';
import { isResolvedTool, resolveMcpServers, resolveModel, resolveSkills, resolveTools } from './agent-config';
import { HistoryWriter, type TurnEnding } from './history';
import { newId } from './ids';
import type { ScriptedAgent } from './scripted-agent';
import { createSession } from './sessions';
import type { Store } from './store';
import type { Agent, Environment, EnvironmentConfigCloud, SessionStatus, SimEvent, StopReason } from './types';
import { isPlainObject } from './util';

export interface SeedAgent {
  id?: string;
  name: string;
  description?: string | null;
  /** Model id or `{ id, effort?, speed? }`. Default `claude-sonnet-4-6`. */
  model?: unknown;
  system?: string | null;
  /** Tool params (as in the create API) or already-resolved tools. */
  tools?: unknown[];
  mcp_servers?: unknown[];
  skills?: unknown[];
  metadata?: Record<string, string>;
  /** Latest version; versions 1..N-1 are synthesized as earlier copies. Default 1. */
  version?: number;
  created_at?: string;
  archived_at?: string | null;
  /** Makes it a coordinator: the names of the agents it may delegate to (`self`: itself), at their latest versions. */
  multiagent?: { agents: string[] };
}

export interface SeedEnvironment {
  id?: string;
  name: string;
  description?: string | null;
  config?: { type: 'self_hosted' } | { type: 'cloud'; networking?: EnvironmentConfigCloud['networking']; packages?: Partial<EnvironmentConfigCloud['packages']> };
  metadata?: Record<string, string>;
  created_at?: string;
  archived_at?: string | null;
}

export interface SeedSession {
  id?: string;
  /** Agent id or seed agent name, or `{ id, version }`. */
  agent: string | { id: string; version?: number };
  /** Environment id or seed environment name. */
  environment: string;
  title?: string | null;
  metadata?: Record<string, string>;
  /** A spend ceiling, as in the create body (a turn ending `budget_reached` stops at it). */
  budget?: { type: 'limit'; max_list_cost: { amount: string; currency: 'USD' } };
  created_at?: string;
  archived_at?: string | null;
  /** Scripted turns written into the history, oldest first; the last one decides the status. */
  turns?: { prompt: string; ending?: TurnEnding; answer?: string }[];
  /** Raw events appended after the turns (`id` and `processed_at` are filled in when missing). */
  events?: ({ type: string } & Record<string, unknown>)[];
  /** Final status when it is not implied by the turns/events (no event is logged for it). */
  status?: SessionStatus;
}

export interface SimulatorSeed {
  /** 'extend' (default) adds to the built-in data; 'replace' starts empty. */
  mode?: 'extend' | 'replace';
  agents?: SeedAgent[];
  environments?: SeedEnvironment[];
  sessions?: SeedSession[];
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

function builtInSeed(): SimulatorSeed {
  return {
    agents: [
      {
        name: 'Repo maintainer',
        description: 'Fixes bugs and keeps CI green in the web app repository.',
        model: 'claude-sonnet-4-6',
        system: 'You are a careful senior engineer. Prefer small, well-tested changes.',
        version: 3,
        tools: [
          { type: 'agent_toolset_20260401', configs: [{ name: 'web_fetch', permission_policy: { type: 'always_ask' } }] },
          { type: 'mcp_toolset', mcp_server_name: 'github' },
          {
            type: 'custom',
            name: 'deploy_preview',
            description: 'Deploys a branch to a preview URL.',
            input_schema: { type: 'object', properties: { branch: { type: 'string' } }, required: ['branch'] },
          },
        ],
        mcp_servers: [{ type: 'url', name: 'github', url: 'https://api.githubcopilot.com/mcp/' }],
        skills: [{ type: 'anthropic', skill_id: 'pdf' }],
        metadata: { team: 'web' },
        created_at: new Date(Date.now() - 30 * DAY).toISOString(),
      },
      {
        name: 'Support triage',
        description: 'Answers order questions using the shop backend.',
        model: { id: 'claude-haiku-4-5', effort: 'medium' },
        system: 'You help customers with their orders. Never promise refunds without checking.',
        tools: [
          { type: 'agent_toolset_20260401', default_config: { enabled: false } },
          {
            type: 'custom',
            name: 'lookup_order',
            description: 'Looks up an order by id.',
            input_schema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
          },
          {
            type: 'custom',
            name: 'refund_order',
            description: 'Refunds an order.',
            input_schema: { type: 'object', properties: { order_id: { type: 'string' }, amount: { type: 'number' } }, required: ['order_id'] },
          },
        ],
        created_at: new Date(Date.now() - 20 * DAY).toISOString(),
      },
      {
        name: 'Docs writer',
        description: null,
        model: { id: 'claude-opus-4-7', effort: 'high' },
        system: null,
        version: 2,
        tools: [{ type: 'agent_toolset_20260401' }],
        created_at: new Date(Date.now() - 10 * DAY).toISOString(),
      },
      {
        name: 'Team lead',
        description: 'Coordinates a docs writer and a copy of itself (multiagent: a #team message starts two subagent threads).',
        model: 'claude-opus-4-7',
        system: 'You lead a small team: delegate, then summarise what each teammate did.',
        tools: [{ type: 'agent_toolset_20260401' }],
        multiagent: { agents: ['Docs writer', 'self'] },
        created_at: new Date(Date.now() - 2 * DAY).toISOString(),
      },
      {
        name: 'Legacy bot',
        description: 'Replaced by Repo maintainer.',
        model: 'claude-sonnet-4-5',
        created_at: new Date(Date.now() - 90 * DAY).toISOString(),
        archived_at: new Date(Date.now() - 40 * DAY).toISOString(),
      },
    ],
    environments: [
      {
        name: 'python-data-analysis',
        description: 'Python 3.12 with the usual data stack.',
        config: { type: 'cloud', networking: { type: 'unrestricted' }, packages: { pip: ['pandas==2.2.3', 'numpy'] } },
        created_at: new Date(Date.now() - 30 * DAY).toISOString(),
      },
      {
        name: 'locked-down-node',
        description: 'Node 20, npm registry only.',
        config: {
          type: 'cloud',
          networking: { type: 'limited', allow_mcp_servers: true, allow_package_managers: true, allowed_hosts: ['registry.npmjs.org'] },
          packages: { npm: ['typescript'] },
        },
        metadata: { owner: 'platform' },
        created_at: new Date(Date.now() - 25 * DAY).toISOString(),
      },
      {
        name: 'self-hosted-runner',
        description: 'Tools run on our own machines.',
        config: { type: 'self_hosted' },
        created_at: new Date(Date.now() - 5 * DAY).toISOString(),
      },
    ],
    sessions: [
      {
        agent: 'Repo maintainer',
        environment: 'python-data-analysis',
        title: 'Migrate CI to GitHub Actions',
        created_at: new Date(Date.now() - 3 * DAY).toISOString(),
        turns: [{ prompt: 'Move our CircleCI config to GitHub Actions.' }, { prompt: 'Now also cache the pip downloads.', ending: 'terminated' }],
      },
      {
        agent: 'Docs writer',
        environment: 'python-data-analysis',
        title: 'Old experiment',
        created_at: new Date(Date.now() - 2 * DAY).toISOString(),
        archived_at: new Date(Date.now() - 1.5 * DAY).toISOString(),
        turns: [{ prompt: 'Draft a README for the analysis notebooks.' }],
      },
      {
        agent: 'Repo maintainer',
        environment: 'locked-down-node',
        title: 'Fix flaky greet test',
        metadata: { ticket: 'ENG-1234' },
        created_at: new Date(Date.now() - DAY).toISOString(),
        turns: [
          { prompt: 'The greet test fails about once in ten runs. Find out why.' },
          { prompt: 'Great, please also add a regression test.', answer: 'Added `test/greet.regression.test.ts`; it fails on the old code and passes now.' },
        ],
      },
      {
        agent: 'Repo maintainer',
        environment: 'locked-down-node',
        title: 'Clean rebuild',
        created_at: new Date(Date.now() - 5 * HOUR).toISOString(),
        turns: [{ prompt: 'The build output looks stale, rebuild from scratch.', ending: 'awaiting_confirmation' }],
      },
      {
        agent: 'Support triage',
        environment: 'locked-down-node',
        title: 'Where is order #1234?',
        metadata: { customer: 'cus_8812' },
        created_at: new Date(Date.now() - 3 * HOUR).toISOString(),
        turns: [{ prompt: 'Where is my order #1234?', ending: 'awaiting_custom_tool' }],
      },
      {
        agent: 'Repo maintainer',
        environment: 'locked-down-node',
        title: 'Audit dependency licenses',
        budget: { type: 'limit', max_list_cost: { amount: '1', currency: 'USD' } },
        created_at: new Date(Date.now() - 2 * HOUR).toISOString(),
        turns: [{ prompt: 'List the license of every dependency and flag the copyleft ones.', ending: 'budget_reached' }],
      },
      {
        agent: 'Docs writer',
        environment: 'python-data-analysis',
        title: 'Nightly data refresh',
        created_at: new Date(Date.now() - HOUR).toISOString(),
        turns: [{ prompt: 'Refresh the sales dataset and regenerate the charts.', ending: 'rescheduling' }],
      },
      {
        agent: 'Repo maintainer',
        environment: 'self-hosted-runner',
        title: 'Refactor auth module',
        created_at: new Date(Date.now() - 20 * 60_000).toISOString(),
        turns: [{ prompt: 'Split auth.ts into token and session modules.', ending: 'running' }],
      },
      {
        agent: 'Docs writer',
        environment: 'locked-down-node',
        title: null,
        created_at: new Date(Date.now() - 5 * 60_000).toISOString(),
      },
    ],
  };
}

function seedAgentVersions(seed: SeedAgent): Agent[] {
  const id = seed.id ?? newId('agent');
  const createdAt = seed.created_at ?? new Date().toISOString();
  const mcpServers = resolveMcpServers(seed.mcp_servers ?? [], `agents[${seed.name}].mcp_servers`);
  const tools = (seed.tools ?? []).map((tool, index) =>
    isResolvedTool(tool) ? tool : resolveTools([tool], `agents[${seed.name}].tools[${index}]`, mcpServers)[0],
  );
  const latest = seed.version ?? 1;
  const versions: Agent[] = [];
  for (let version = 1; version <= latest; version++) {
    // Earlier versions differ in their system prompt, so version pinning is visible.
    const updatedAt = new Date(Date.parse(createdAt) + (version - 1) * DAY).toISOString();
    versions.push({
      id,
      type: 'agent',
      version,
      name: seed.name,
      description: seed.description ?? null,
      model: resolveModel(seed.model ?? 'claude-sonnet-4-6', `agents[${seed.name}].model`),
      system: version === latest ? (seed.system ?? null) : `${seed.system ?? ''} (v${version})`.trim(),
      tools: version === latest ? tools : tools.filter((tool) => tool.type !== 'custom'),
      mcp_servers: mcpServers,
      skills: resolveSkills(seed.skills ?? [], `agents[${seed.name}].skills`),
      metadata: { ...(seed.metadata ?? {}) },
      multiagent: null,
      execution_identity: { type: 'service_account' },
      created_at: createdAt,
      updated_at: updatedAt,
      archived_at: seed.archived_at ?? null,
    });
  }
  return versions;
}

function seedEnvironment(seed: SeedEnvironment): Environment {
  const createdAt = seed.created_at ?? new Date().toISOString();
  const config = seed.config ?? { type: 'cloud' };
  return {
    id: seed.id ?? newId('environment'),
    type: 'environment',
    name: seed.name,
    description: seed.description ?? null,
    config:
      config.type === 'self_hosted'
        ? { type: 'self_hosted' }
        : {
            type: 'cloud',
            networking: config.networking ?? { type: 'unrestricted' },
            packages: { type: 'packages', apt: [], cargo: [], gem: [], go: [], npm: [], pip: [], ...(config.packages ?? {}) },
          },
    metadata: { ...(seed.metadata ?? {}) },
    scope: 'organization',
    created_at: createdAt,
    updated_at: createdAt,
    archived_at: seed.archived_at ?? null,
  };
}

/** Adds an agent (all its versions); returns the latest version. A roster names agents added before it. */
export function addSeedAgent(store: Store, seed: SeedAgent): Agent {
  const versions = seedAgentVersions(seed);
  if (seed.multiagent) {
    for (const version of versions) {
      const agents = seed.multiagent.agents.map((name) => {
        if (name === 'self') return { type: 'agent' as const, id: version.id, version: version.version };
        const named = store.latestAgents().find((agent) => agent.name === name);
        if (!named) throw new Error(`seed agent ${seed.name}: its roster names "${name}", which is not an agent seeded before it`);
        return { type: 'agent' as const, id: named.id, version: named.version };
      });
      version.multiagent = { type: 'coordinator', agents };
    }
  }
  for (const version of versions) store.putAgentVersion(version);
  return versions[versions.length - 1];
}

export function addSeedEnvironment(store: Store, seed: SeedEnvironment): Environment {
  const environment = seedEnvironment(seed);
  store.putEnvironment(environment);
  return environment;
}

export function readSeed(seed: string | SimulatorSeed | undefined): SimulatorSeed | undefined {
  if (seed === undefined) return undefined;
  if (typeof seed !== 'string') return seed;
  const parsed: unknown = JSON.parse(readFileSync(seed, 'utf8'));
  if (!isPlainObject(parsed)) throw new Error(`seed file ${seed}: expected a JSON object`);
  return parsed;
}

/** Fills the store with the built-in data and/or the given seed. */
export function loadSeed(store: Store, agent: ScriptedAgent, seed: SimulatorSeed | undefined): void {
  const sources = seed?.mode === 'replace' ? [seed] : seed ? [builtInSeed(), seed] : [builtInSeed()];
  const agentIdsByName = new Map<string, string>();
  const environmentIdsByName = new Map<string, string>();
  const byCreation = <T extends { created_at?: string }>(items: T[]): T[] =>
    [...items].sort((a, b) => (Date.parse(a.created_at ?? '') || Date.now()) - (Date.parse(b.created_at ?? '') || Date.now()));
  for (const source of sources) {
    for (const agentSeed of byCreation(source.agents ?? [])) agentIdsByName.set(agentSeed.name, addSeedAgent(store, agentSeed).id);
    for (const environmentSeed of byCreation(source.environments ?? [])) {
      environmentIdsByName.set(environmentSeed.name, addSeedEnvironment(store, environmentSeed).id);
    }
  }
  // Sessions are inserted oldest first so that creation order matches created_at.
  const sessions = sources
    .flatMap((source) => source.sessions ?? [])
    .map((sessionSeed, index) => ({ sessionSeed, createdMs: Date.parse(sessionSeed.created_at ?? '') || Date.now() - 1000 + index }))
    .sort((a, b) => a.createdMs - b.createdMs);
  for (const { sessionSeed, createdMs } of sessions) loadSession(store, agent, sessionSeed, createdMs, agentIdsByName, environmentIdsByName);
}

function loadSession(
  store: Store,
  agent: ScriptedAgent,
  seed: SeedSession,
  createdMs: number,
  agentIdsByName: Map<string, string>,
  environmentIdsByName: Map<string, string>,
): void {
  const agentRef = typeof seed.agent === 'string' ? { id: agentIdsByName.get(seed.agent) ?? seed.agent } : seed.agent;
  const environmentId = environmentIdsByName.get(seed.environment) ?? seed.environment;
  // Seeds may reference archived agents; resolve like a create did before the archive.
  const agentVersion = store.agent(agentRef.id, agentRef.version);
  const record = createSession(
    store,
    {
      agent: { type: 'agent', id: agentRef.id, version: agentVersion.version },
      environment_id: environmentId,
      title: seed.title ?? null,
      metadata: seed.metadata ?? {},
      ...(seed.budget ? { budget: seed.budget } : {}),
    },
    { createdMs, allowArchivedAgent: true, id: seed.id },
  );
  const writer = new HistoryWriter(store, record, createdMs);
  for (const turn of seed.turns ?? []) writer.turn(turn.prompt, turn.ending, turn.answer);
  for (const raw of seed.events ?? []) {
    const event: SimEvent = { ...raw, id: typeof raw.id === 'string' ? raw.id : newId('event') };
    store.log(record, event, writer.time + 1000);
  }
  const lastIdle = [...store.events(record)].reverse().find((event) => event.type.startsWith('session.status_'));
  if (seed.status) {
    store.setStatus(record, seed.status, { emit: false, atMs: writer.time });
  } else if (lastIdle && seed.events?.length) {
    const implied: Record<string, SessionStatus> = {
      'session.status_idle': 'idle',
      'session.status_running': 'running',
      'session.status_rescheduled': 'rescheduling',
      'session.status_terminated': 'terminated',
    };
    store.setStatus(record, implied[lastIdle.type], { emit: false, atMs: Date.parse(String(lastIdle.processed_at)), stopReason: lastIdle.stop_reason as StopReason });
  }
  record.session.updated_at = new Date(Math.max(writer.time, createdMs)).toISOString();
  if (seed.archived_at) {
    record.session.archived_at = seed.archived_at;
    record.session.updated_at = seed.archived_at;
  }
  const stopReason = lastIdle?.type === 'session.status_idle' ? (lastIdle.stop_reason as StopReason | undefined) : undefined;
  if (record.session.status === 'idle' && stopReason?.type === 'requires_action' && !seed.archived_at) {
    agent.adoptPendingActions(record, stopReason.event_ids);
  }
}

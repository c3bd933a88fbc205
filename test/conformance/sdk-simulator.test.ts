/**
 * Drives the Managed Agents simulator with the official SDK: if the SDK accepts the wire format and
 * the values are right, the simulator is a faithful stand-in for the real API.
 */
import assert from 'node:assert/strict';
import Anthropic, { APIConnectionError, APIError, AuthenticationError, BadRequestError, ConflictError, InternalServerError, NotFoundError, OverloadedError, RateLimitError } from '@anthropic-ai/sdk';
import { accumulateManagedAgentsEvent } from '@anthropic-ai/sdk/lib/sessions/accumulate';
import type { BetaManagedAgentsAgent } from '@anthropic-ai/sdk/resources/beta/agents/agents';
import type { BetaEnvironment } from '@anthropic-ai/sdk/resources/beta/environments/environments';
import type { BetaManagedAgentsSessionEvent, BetaManagedAgentsStreamSessionEvents } from '@anthropic-ai/sdk/resources/beta/sessions/events';
import type { BetaManagedAgentsSession } from '@anthropic-ai/sdk/resources/beta/sessions/sessions';
import type { BetaManagedAgentsSessionThread } from '@anthropic-ai/sdk/resources/beta/sessions/threads/threads';
import type { Stream } from '@anthropic-ai/sdk/core/streaming';
import { startSimulator, type SimulatorHandle } from '../simulator/index';
import type * as Sim from '../simulator/index';

// ---- compile-time conformance: the simulator's wire types are assignable to the SDK's ----------
type Assert<T extends true> = T;
type Extends<A, B> = [A] extends [B] ? true : false;
export type WireTypesMatchSdk = [
  Assert<Extends<Sim.Session, BetaManagedAgentsSession>>,
  Assert<Extends<Sim.Agent, BetaManagedAgentsAgent>>,
  Assert<Extends<Sim.Environment, BetaEnvironment>>,
  Assert<Extends<Sim.SessionThread, BetaManagedAgentsSessionThread>>,
];

/** Every required key of T, checked exhaustive at compile time, asserted present at run time. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
function allRequiredKeys<T>() {
  return <const K extends readonly RequiredKeys<T>[]>(keys: K & ([Exclude<RequiredKeys<T>, K[number]>] extends [never] ? unknown : never)): readonly string[] => keys as readonly string[];
}
const SESSION_KEYS = allRequiredKeys<BetaManagedAgentsSession>()(['id', 'agent', 'archived_at', 'budget', 'created_at', 'environment_id', 'metadata', 'outcome_evaluations', 'resources', 'stats', 'status', 'title', 'type', 'updated_at', 'usage', 'vault_ids']);
const AGENT_KEYS = allRequiredKeys<BetaManagedAgentsAgent>()(['id', 'archived_at', 'created_at', 'description', 'execution_identity', 'mcp_servers', 'metadata', 'model', 'multiagent', 'name', 'skills', 'system', 'tools', 'type', 'updated_at', 'version']);
const ENVIRONMENT_KEYS = allRequiredKeys<BetaEnvironment>()(['id', 'archived_at', 'config', 'created_at', 'description', 'metadata', 'name', 'type', 'updated_at']);
const THREAD_KEYS = allRequiredKeys<BetaManagedAgentsSessionThread>()(['id', 'agent', 'archived_at', 'created_at', 'parent_thread_id', 'session_id', 'stats', 'status', 'type', 'updated_at', 'usage', 'workflow_run_id']);

function assertKeys(value: object, keys: readonly string[], what: string): void {
  for (const key of keys) assert.ok(key in value && (value as Record<string, unknown>)[key] !== undefined, `${what} lacks ${key}`);
}

type StreamEvent = BetaManagedAgentsStreamSessionEvents;

/**
 * Reads one SDK stream in several steps (an SDK Stream can be iterated only once, so the reader
 * keeps a single iterator). `until` returns the events up to and including the first match.
 */
class EventReader {
  private readonly iterator: AsyncIterator<StreamEvent>;
  constructor(private readonly stream: Stream<StreamEvent>) {
    this.iterator = stream[Symbol.asyncIterator]();
  }

  async until(done: (event: StreamEvent) => boolean, timeoutMs = 8000): Promise<StreamEvent[]> {
    const events: StreamEvent[] = [];
    const timer = setTimeout(() => this.stream.controller.abort(), timeoutMs);
    try {
      for (;;) {
        const next = await this.iterator.next();
        if (next.done) throw new Error(`stream ended before the expected event; got ${events.map((event) => event.type).join(', ')}`);
        events.push(next.value);
        if (done(next.value)) return events;
      }
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.stream.controller.abort();
  }
}

async function openStream(client: Anthropic, sessionId: string, deltas?: ('agent.message' | 'agent.thinking')[]): Promise<EventReader> {
  return new EventReader(await client.beta.sessions.events.stream(sessionId, deltas ? { event_deltas: deltas } : {}));
}

const isIdle = (reason: string) => (event: StreamEvent) => event.type === 'session.status_idle' && event.stop_reason.type === reason;

const text = (value: string) => [{ type: 'text' as const, text: value }];

const RAW_HEADERS = { 'x-api-key': 'raw', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'managed-agents-2026-04-01' };

describe('SDK against the Managed Agents simulator', function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;
  let client: Anthropic;
  let repoAgent: BetaManagedAgentsAgent;
  let nodeEnv: BetaEnvironment;

  before(async () => {
    sim = await startSimulator({ stepDelayMs: 5 });
    client = new Anthropic({ apiKey: 'sk-test', baseURL: sim.url, maxRetries: 0 });
  });
  after(async () => sim.close());

  beforeEach(async () => {
    sim.reset();
    const agents = (await client.beta.agents.list()).data;
    repoAgent = agents.find((agent) => agent.name === 'Repo maintainer')!;
    const environments = (await client.beta.environments.list()).data;
    nodeEnv = environments.find((environment) => environment.name === 'locked-down-node')!;
    assert.ok(repoAgent && nodeEnv, 'seed data has the agent and environment the tests use');
  });

  const newSession = (title = 'test session') => client.beta.sessions.create({ agent: repoAgent.id, environment_id: nodeEnv.id, title });

  describe('agents and environments', () => {
    it('lists and retrieves agents with all fields and versions', async () => {
      const agents = [];
      for await (const agent of client.beta.agents.list({ limit: 2 })) agents.push(agent);
      assert.deepEqual(agents.map((agent) => agent.name).sort(), ['Docs writer', 'Repo maintainer', 'Support triage', 'Team lead']);
      for (const agent of agents) assertKeys(agent, AGENT_KEYS, 'agent');
      assert.equal(repoAgent.version, 3);
      assert.match(repoAgent.id, /^agent_011C\w{20}$/);
      const tools = repoAgent.tools.map((tool) => tool.type);
      assert.deepEqual(tools, ['agent_toolset_20260401', 'mcp_toolset', 'custom']);
      assert.equal(repoAgent.mcp_servers[0].name, 'github');

      const retrieved = await client.beta.agents.retrieve(repoAgent.id);
      assert.deepEqual(retrieved, repoAgent);
      const first = await client.beta.agents.retrieve(repoAgent.id, { version: 1 });
      assert.equal(first.version, 1);
      assert.notEqual(first.system, repoAgent.system);

      const withArchived = (await client.beta.agents.list({ include_archived: true })).data;
      assert.ok(withArchived.some((agent) => agent.name === 'Legacy bot' && agent.archived_at !== null));
      await assert.rejects(client.beta.agents.retrieve('agent_missing'), NotFoundError);
    });

    it("lists an agent's versions newest first, page by page, each a whole agent", async () => {
      const versions: BetaManagedAgentsAgent[] = [];
      sim.requests.length = 0;
      for await (const version of client.beta.agents.versions.list(repoAgent.id, { limit: 2 })) versions.push(version);
      assert.deepEqual(
        versions.map((version) => version.version),
        [3, 2, 1],
      );
      assert.equal(sim.requests.length, 2);
      assert.ok(/(^|&)page=page_/.test(sim.requests[1].query));
      for (const version of versions) assertKeys(version, AGENT_KEYS, 'agent version');
      assert.ok(versions.every((version) => version.id === repoAgent.id));
      assert.deepEqual(versions[0], repoAgent);
      assert.deepEqual(versions[2], await client.beta.agents.retrieve(repoAgent.id, { version: 1 }));

      const firstPage = await client.beta.agents.versions.list(repoAgent.id, { limit: 2 });
      assert.equal(firstPage.data.length, 2);
      assert.ok(firstPage.hasNextPage());
      const single = (await client.beta.agents.list()).data.find((agent) => agent.name === 'Support triage')!;
      assert.deepEqual(
        (await client.beta.agents.versions.list(single.id)).data.map((version) => version.version),
        [single.version],
      );

      await assert.rejects(client.beta.agents.versions.list('agent_missing'), NotFoundError);
      const withoutBeta = await client.beta.agents.versions.list(repoAgent.id, {}, { headers: { 'anthropic-beta': 'files-api-2025-04-14' } }).catch((caught: unknown) => caught);
      assert.ok(withoutBeta instanceof BadRequestError && /managed-agents-2026-04-01/.test(withoutBeta.message));
    });

    it('creates a session pinned to a version that exists, and refuses one that does not', async () => {
      const pinned = await client.beta.sessions.create({ agent: { type: 'agent', id: repoAgent.id, version: 2 }, environment_id: nodeEnv.id });
      assert.equal(pinned.agent.version, 2);
      assert.equal(pinned.agent.system, (await client.beta.agents.retrieve(repoAgent.id, { version: 2 })).system);
      const unknownVersion = await client.beta.sessions.create({ agent: { type: 'agent', id: repoAgent.id, version: 4 }, environment_id: nodeEnv.id }).catch((caught: unknown) => caught);
      assert.ok(unknownVersion instanceof NotFoundError, String(unknownVersion));
      assert.equal((unknownVersion.error as { error: { type: string } }).error.type, 'not_found_error');
      await assert.rejects(client.beta.sessions.create({ agent: { type: 'agent', id: repoAgent.id, version: 0 }, environment_id: nodeEnv.id }), BadRequestError);
    });

    it('lists and retrieves environments', async () => {
      const environments = (await client.beta.environments.list()).data;
      assert.deepEqual(environments.map((environment) => environment.name).sort(), ['locked-down-node', 'python-data-analysis', 'self-hosted-runner']);
      for (const environment of environments) assertKeys(environment, ENVIRONMENT_KEYS, 'environment');
      const retrieved = await client.beta.environments.retrieve(nodeEnv.id);
      assert.equal(retrieved.config.type, 'cloud');
      assert.ok(retrieved.config.type === 'cloud' && retrieved.config.networking.type === 'limited');
      await assert.rejects(client.beta.environments.retrieve('env_missing'), NotFoundError);
    });
  });

  describe('sessions', () => {
    it('creates and retrieves a session with the full field set', async () => {
      const created = await client.beta.sessions.create({
        agent: repoAgent.id,
        environment_id: nodeEnv.id,
        title: 'Create test',
        metadata: { ticket: 'T-1' },
        resources: [{ type: 'github_repository', url: 'https://github.com/acme/web', checkout: { type: 'branch', name: 'main' } }],
      });
      assertKeys(created, SESSION_KEYS, 'session');
      assert.match(created.id, /^sesn_011C\w{20}$/);
      assert.equal(created.type, 'session');
      assert.equal(created.status, 'idle');
      assert.equal(created.agent.id, repoAgent.id);
      assert.equal(created.agent.version, 3);
      assert.equal(created.environment_id, nodeEnv.id);
      assert.deepEqual(created.metadata, { ticket: 'T-1' });
      assert.equal(created.resources[0].type, 'github_repository');
      assert.equal(created.resources[0].type === 'github_repository' && created.resources[0].mount_path, '/workspace/web');
      assert.equal(created.archived_at, null);
      const retrieved = await client.beta.sessions.retrieve(created.id);
      assert.equal(retrieved.id, created.id);
      assert.equal(retrieved.title, 'Create test');
      assert.equal(retrieved.created_at, created.created_at);

      const pinned = await client.beta.sessions.create({ agent: { type: 'agent', id: repoAgent.id, version: 1 }, environment_id: nodeEnv.id });
      assert.equal(pinned.agent.version, 1);
      const overridden = await client.beta.sessions.create({ agent: { type: 'agent_with_overrides', id: repoAgent.id, tools: [], system: null }, environment_id: nodeEnv.id });
      assert.deepEqual(overridden.agent.tools, []);
      assert.equal(overridden.agent.system, null);
    });

    it('rejects invalid creates with the API error types', async () => {
      const missingEnvironment = await client.beta.sessions.create({ agent: repoAgent.id } as never).catch((error: unknown) => error);
      assert.ok(missingEnvironment instanceof BadRequestError);
      assert.equal((missingEnvironment.error as { error: { type: string } }).error.type, 'invalid_request_error');
      assert.match(missingEnvironment.message, /environment_id/);
      await assert.rejects(client.beta.sessions.create({ agent: 'agent_nope', environment_id: nodeEnv.id }), NotFoundError);
      await assert.rejects(client.beta.sessions.create({ agent: repoAgent.id, environment_id: 'env_nope' }), NotFoundError);
      const badField = await client.beta.sessions.create({ agent: repoAgent.id, environment_id: nodeEnv.id, colour: 'red' } as never).catch((error: unknown) => error);
      assert.ok(badField instanceof BadRequestError && /colour/.test(badField.message));
    });

    it('pages through the list without missing or repeating a session', async () => {
      for (let index = 0; index < 7; index++) await newSession(`page test ${index}`);
      const everything = (await client.beta.sessions.list({ limit: 100 })).data;
      const paged: BetaManagedAgentsSession[] = [];
      sim.requests.length = 0;
      for await (const session of client.beta.sessions.list({ limit: 3 })) paged.push(session);
      assert.deepEqual(
        paged.map((session) => session.id),
        everything.map((session) => session.id),
      );
      assert.equal(new Set(paged.map((session) => session.id)).size, paged.length);
      assert.equal(sim.requests.length, Math.ceil(everything.length / 3));
      assert.ok(sim.requests.slice(1).every((request) => /(^|&)page=page_/.test(request.query)));
      // Newest first by default, archived excluded.
      const times = paged.map((session) => Date.parse(session.created_at));
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
      assert.ok(paged.every((session) => session.archived_at === null));
      assert.equal(paged.length, 8 + 7); // 8 seeded non-archived + 7 created

      // Back and forth with the bidirectional cursor.
      const first = await client.beta.sessions.list({ limit: 3 });
      assert.equal(first.prev_page, null);
      const second = await client.beta.sessions.list({ limit: 3, page: first.next_page! });
      const back = await client.beta.sessions.list({ limit: 3, page: second.prev_page! });
      assert.deepEqual(
        back.data.map((session) => session.id),
        first.data.map((session) => session.id),
      );
    });

    it('filters the list by status, archive state, agent and order', async () => {
      const running = (await client.beta.sessions.list({ statuses: ['running'] })).data;
      assert.deepEqual(running.map((session) => session.title), ['Refactor auth module']);
      const idleOrRescheduling = (await client.beta.sessions.list({ statuses: ['idle', 'rescheduling'] })).data;
      assert.ok(idleOrRescheduling.length >= 3 && idleOrRescheduling.every((session) => ['idle', 'rescheduling'].includes(session.status)));
      assert.ok(sim.requests.some((request) => request.query.includes('statuses%5B%5D=idle&statuses%5B%5D=rescheduling')), 'the SDK serializes arrays as statuses[]');
      const statuses = new Set((await client.beta.sessions.list({ include_archived: true, limit: 100 })).data.map((session) => session.status));
      assert.deepEqual([...statuses].sort(), ['idle', 'rescheduling', 'running', 'terminated']);
      const archived = (await client.beta.sessions.list({ include_archived: true })).data.filter((session) => session.archived_at !== null);
      assert.deepEqual(archived.map((session) => session.title), ['Old experiment']);
      const byAgent = (await client.beta.sessions.list({ agent_id: repoAgent.id })).data;
      assert.ok(byAgent.length > 0 && byAgent.every((session) => session.agent.id === repoAgent.id));
      const ascending = (await client.beta.sessions.list({ order: 'asc', limit: 100 })).data;
      const descending = (await client.beta.sessions.list({ order: 'desc', limit: 100 })).data;
      assert.deepEqual(ascending.map((session) => session.id), descending.map((session) => session.id).reverse());
      await assert.rejects(client.beta.sessions.list({ statuses: ['sleeping' as never] }), BadRequestError);
    });

    it('updates title, metadata and tools, and refuses agent changes while running', async () => {
      const session = await client.beta.sessions.create({ agent: repoAgent.id, environment_id: nodeEnv.id, metadata: { a: '1', b: '2' } });
      const updated = await client.beta.sessions.update(session.id, { title: 'Renamed', metadata: { a: null, c: '3' } });
      assert.equal(updated.title, 'Renamed');
      assert.deepEqual(updated.metadata, { b: '2', c: '3' });
      const retooled = await client.beta.sessions.update(session.id, { agent: { tools: [{ type: 'agent_toolset_20260401', default_config: { permission_policy: { type: 'always_ask' } } }] } });
      assert.equal(retooled.agent.tools.length, 1);
      const toolset = retooled.agent.tools[0];
      assert.ok(toolset.type === 'agent_toolset_20260401' && toolset.configs.every((config) => config.permission_policy.type === 'always_ask'));

      const events = (await client.beta.sessions.events.list(session.id)).data;
      const updates = events.filter((event) => event.type === 'session.updated');
      assert.equal(updates.length, 2);
      assert.ok(updates[0].type === 'session.updated' && updates[0].title === 'Renamed' && updates[0].metadata?.c === '3');
      assert.ok(updates[1].type === 'session.updated' && updates[1].agent?.tools.length === 1);

      sim.setStatus(session.id, 'running');
      const refused = await client.beta.sessions.update(session.id, { agent: { tools: [] } }).catch((error: unknown) => error);
      assert.ok(refused instanceof BadRequestError && /running/.test(refused.message));
      const titleWhileRunning = await client.beta.sessions.update(session.id, { title: 'still allowed' });
      assert.equal(titleWhileRunning.title, 'still allowed');
      await assert.rejects(client.beta.sessions.update(session.id, { vault_ids: ['vlt_1'] }), BadRequestError);
    });

    it('archives idle sessions, refuses running ones, deletes, then 404s', async () => {
      const session = await newSession();
      const archived = await client.beta.sessions.archive(session.id);
      assert.ok(archived.archived_at !== null && Date.parse(archived.archived_at) > 0);
      await assert.rejects(client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('hi') }] }), BadRequestError);
      const listed = (await client.beta.sessions.list({ limit: 100 })).data;
      assert.ok(!listed.some((candidate) => candidate.id === session.id));

      const running = (await client.beta.sessions.list({ statuses: ['running'] })).data[0];
      const refused = await client.beta.sessions.archive(running.id).catch((error: unknown) => error);
      assert.ok(refused instanceof BadRequestError && /running/.test(refused.message));

      const deleted = await client.beta.sessions.delete(session.id);
      assert.deepEqual(deleted, { id: session.id, type: 'session_deleted' });
      const missing = await client.beta.sessions.retrieve(session.id).catch((error: unknown) => error);
      assert.ok(missing instanceof NotFoundError);
      assert.equal((missing.error as { error: { type: string } }).error.type, 'not_found_error');
      assert.match(String(missing.requestID), /^req_/);
      await assert.rejects(client.beta.sessions.events.list(session.id), NotFoundError);
      await assert.rejects(client.beta.sessions.delete(session.id), NotFoundError);

      // Deleting ends open streams with session.deleted.
      const watched = await newSession();
      const stream = await client.beta.sessions.events.stream(watched.id);
      await client.beta.sessions.delete(watched.id);
      const received: StreamEvent[] = [];
      for await (const event of stream) received.push(event);
      assert.deepEqual(received.map((event) => event.type), ['session.deleted']);
    });

    it('lists the primary thread', async () => {
      const session = await newSession();
      const threads = (await client.beta.sessions.threads.list(session.id)).data;
      assert.equal(threads.length, 1);
      assertKeys(threads[0], THREAD_KEYS, 'thread');
      assert.match(threads[0].id, /^sthr_/);
      assert.equal(threads[0].session_id, session.id);
      assert.equal(threads[0].parent_thread_id, null);
      assert.equal(threads[0].status, 'idle');
      const thread = await client.beta.sessions.threads.retrieve(threads[0].id, { session_id: session.id });
      assert.equal(thread.id, threads[0].id);
      assert.equal((await client.beta.sessions.threads.list(session.id, { statuses: ['running'] })).data.length, 0);
    });
  });

  describe('multiagent session threads (#team)', () => {
    type Event = BetaManagedAgentsSessionEvent & { session_thread_id?: string; processed_at: string };
    const threadEvents = async (sessionId: string, threadId: string): Promise<Event[]> => {
      const out: Event[] = [];
      for await (const event of client.beta.sessions.threads.events.list(threadId, { session_id: sessionId, limit: 7 })) out.push(event as Event);
      return out;
    };
    const sessionEvents = async (sessionId: string): Promise<Event[]> => {
      const out: Event[] = [];
      for await (const event of client.beta.sessions.events.list(sessionId, { limit: 50 })) out.push(event as Event);
      return out;
    };
    /** A session of the seeded coordinator, whose roster is Docs writer and itself. */
    const newTeamSession = async (title: string) => {
      const lead = (await client.beta.agents.list()).data.find((agent) => agent.name === 'Team lead');
      assert.ok(lead?.multiagent?.type === 'coordinator', 'the seed has a coordinator agent');
      return client.beta.sessions.create({ agent: lead.id, environment_id: nodeEnv.id, title });
    };
    const startTeam = async (prompt: string) => {
      const session = await newTeamSession('team');
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text(prompt) }] });
      return session;
    };
    const threadsOf = async (sessionId: string) => (await client.beta.sessions.threads.list(sessionId)).data;
    const openThreadStream = async (sessionId: string, threadId: string) =>
      new EventReader(await client.beta.sessions.threads.events.stream(threadId, { session_id: sessionId }));
    const agentName = (thread: BetaManagedAgentsSessionThread) => ('name' in thread.agent ? thread.agent.name : undefined);
    const about = (threadId: string) => (event: Event) => event.session_thread_id === threadId;

    it('starts no thread for an agent that is not a coordinator: #team is only words to it', async () => {
      const session = await newSession('not a team');
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('update the docs #team') }] });
      await sim.waitForStatus(session.id, 'idle', { stopReason: 'end_turn' });
      assert.equal((await threadsOf(session.id)).length, 1, 'only the primary thread');
      assert.ok(!(await sessionEvents(session.id)).some((event) => event.type === 'session.thread_created'));
    });

    it('resolves the coordinator\'s roster into the session\'s agent snapshot', async () => {
      const session = await newTeamSession('roster');
      const multiagent = session.agent.multiagent;
      assert.ok(multiagent?.type === 'coordinator', JSON.stringify(multiagent));
      assert.deepEqual(multiagent.agents.map((agent) => ('name' in agent ? agent.name : agent.type)), ['Docs writer', 'Team lead']);
    });

    it('lists the primary and two children, each with its own turn, interleaved; the primary shows only their lifecycle and messages', async () => {
      const session = await startTeam('update the greeting docs #team');
      await sim.waitForStatus(session.id, 'idle', { stopReason: 'end_turn' });
      const threads = await threadsOf(session.id);
      assert.equal(threads.length, 3);
      const [primary, docs, review] = threads;
      for (const thread of threads) {
        assertKeys(thread, THREAD_KEYS, 'thread');
        assert.match(thread.id, /^sthr_/);
        assert.equal(thread.session_id, session.id);
        assert.equal(thread.status, 'idle');
        assert.equal(thread.workflow_run_id, null);
        assert.ok(thread.usage && (thread.usage.output_tokens ?? 0) > 0, 'a thread has its own usage');
        assert.ok(thread.stats && (thread.stats.active_seconds ?? -1) >= 0);
        const again = await client.beta.sessions.threads.retrieve(thread.id, { session_id: session.id });
        assert.equal(again.id, thread.id);
        assert.equal(again.parent_thread_id, thread.parent_thread_id);
      }
      assert.equal(primary.parent_thread_id, null);
      assert.equal(docs.parent_thread_id, primary.id);
      assert.equal(review.parent_thread_id, primary.id);
      assert.equal(agentName(docs), 'Docs writer');
      assert.equal(agentName(review), 'Team lead');
      assert.notEqual(docs.usage!.output_tokens, primary.usage!.output_tokens);
      assert.equal((await client.beta.sessions.threads.list(session.id, { statuses: ['running'] })).data.length, 0);
      assert.equal((await client.beta.sessions.threads.list(session.id, { statuses: ['idle'] })).data.length, 3);

      const docsEvents = await threadEvents(session.id, docs.id);
      const reviewEvents = await threadEvents(session.id, review.id);
      for (const [own, other, id] of [[docsEvents, reviewEvents, docs.id], [reviewEvents, docsEvents, review.id]] as const) {
        const types = own.map((event) => event.type);
        assert.equal(types[0], 'agent.thread_message_received');
        assert.equal(types[1], 'session.status_running');
        for (const type of ['span.model_request_start', 'agent.message', 'agent.tool_use', 'agent.tool_result', 'agent.thread_message_sent'] as const) assert.ok(types.includes(type), `${id} has ${type}`);
        assert.equal(types[types.length - 1], 'session.status_idle');
        const toolUse = own.find((event) => event.type === 'agent.tool_use')!;
        assert.equal(toolUse.session_thread_id, id);
        const otherIds = new Set(other.map((event) => event.id));
        assert.ok(own.every((event) => !otherIds.has(event.id)), 'no event of the other thread');
      }
      // The thread's events list of the primary is the session's events.
      const primaryEvents = await sessionEvents(session.id);
      assert.deepEqual((await threadEvents(session.id, primary.id)).map((event) => event.id), primaryEvents.map((event) => event.id));
      const primaryTypes = primaryEvents.map((event) => event.type);
      assert.ok(!primaryTypes.includes('agent.tool_use') && !primaryTypes.includes('agent.tool_result'), 'the children\'s tool calls stay in their threads');
      for (const child of [docs, review]) {
        const lifecycle = primaryEvents.filter(about(child.id)).map((event) => event.type);
        assert.deepEqual(lifecycle, ['session.thread_created', 'session.thread_status_running', 'session.thread_status_idle']);
        assert.ok(primaryEvents.some((event) => event.type === 'agent.thread_message_sent' && event.to_session_thread_id === child.id));
        const received = primaryEvents.find((event) => event.type === 'agent.thread_message_received' && event.from_session_thread_id === child.id);
        assert.ok(received && received.type === 'agent.thread_message_received' && received.from_agent_name === agentName(child));
        assert.ok(primaryEvents.indexOf(received) < primaryEvents.findIndex((event) => event.type === 'session.thread_status_idle' && event.session_thread_id === child.id));
      }
      assert.equal(primaryTypes[primaryTypes.length - 1], 'session.status_idle');
      const summary = primaryEvents.filter((event) => event.type === 'agent.message').pop();
      assert.ok(summary && primaryEvents.indexOf(summary) > primaryTypes.lastIndexOf('agent.thread_message_received'), 'the coordinator summarizes after both reports');
      // The two children overlap in time.
      const time = (event: Event) => Date.parse(event.processed_at);
      assert.ok(time(docsEvents[0]) < time(reviewEvents[reviewEvents.length - 1]));
      assert.ok(time(reviewEvents[0]) < time(docsEvents[docsEvents.length - 1]));
    });

    it('streams a child thread live; a blocked child asks for confirmation in the primary stream (#team #confirm)', async () => {
      const session = await newTeamSession('team confirm');
      const primaryStream = await openStream(client, session.id);
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('rebuild and review #team #confirm') }] });
      let created = 0;
      await primaryStream.until((event) => event.type === 'session.thread_created' && ++created === 2);
      const review = (await threadsOf(session.id))[2];
      const reviewStream = await openThreadStream(session.id, review.id);
      const blocked = await primaryStream.until(isIdle('requires_action'));
      const ask = blocked.find((event) => event.type === 'agent.tool_use');
      assert.ok(ask && ask.type === 'agent.tool_use' && ask.evaluated_permission === 'ask' && ask.session_thread_id === review.id, 'the blocking tool call shows in the primary stream');
      const idle = blocked[blocked.length - 1];
      assert.ok(idle.type === 'session.status_idle' && idle.stop_reason.type === 'requires_action' && idle.stop_reason.event_ids.includes(ask.id));
      assert.ok(blocked.some((event) => event.type === 'session.thread_status_idle' && event.session_thread_id === review.id && event.stop_reason.type === 'requires_action'));
      assert.equal((await client.beta.sessions.threads.retrieve(review.id, { session_id: session.id })).status, 'idle');

      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.tool_confirmation', tool_use_id: ask.id, result: 'allow' }] });
      const streamed = await reviewStream.until((event) => event.type === 'session.status_idle' && event.stop_reason.type === 'end_turn');
      reviewStream.close();
      const listed = await threadEvents(session.id, review.id);
      // The stream carried the thread's events as they happened: the tail of its history, in order.
      assert.deepEqual(streamed.map((event) => (event as { id: string }).id), listed.slice(listed.length - streamed.length).map((event) => event.id));
      const types = streamed.map((event) => event.type);
      for (const type of ['user.tool_confirmation', 'session.status_running', 'agent.tool_result', 'agent.thread_message_sent'] as const) assert.ok(types.includes(type), `streamed ${type}`);
      await primaryStream.until(isIdle('end_turn'));
      primaryStream.close();
    });

    it('interrupts one child with session_thread_id while the other finishes', async () => {
      const session = await startTeam('rebuild #team #confirm');
      await sim.waitForStatus(session.id, 'idle', { stopReason: 'requires_action' });
      const [primary, docs, review] = await threadsOf(session.id);
      await assert.rejects(
        client.beta.sessions.events.send(session.id, { events: [{ type: 'user.interrupt', session_thread_id: 'sthr_unknown' }] }),
        BadRequestError,
      );
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.interrupt', session_thread_id: review.id }] });
      await sim.waitForStatus(session.id, 'idle', { stopReason: 'end_turn' });
      const reviewEvents = await threadEvents(session.id, review.id);
      const toolUse = reviewEvents.find((event) => event.type === 'agent.tool_use')!;
      const closed = reviewEvents.find((event) => event.type === 'agent.tool_result');
      assert.ok(closed && closed.type === 'agent.tool_result' && closed.tool_use_id === toolUse.id && closed.is_error === true);
      assert.match(JSON.stringify(closed.content), /Tool execution was interrupted before completion\. Please retry\./);
      assert.ok(!reviewEvents.some((event) => event.type === 'agent.thread_message_sent'), 'an interrupted child does not report');
      const docsEvents = await threadEvents(session.id, docs.id);
      assert.ok(docsEvents.some((event) => event.type === 'agent.thread_message_sent'), 'the other child finished its work');
      const primaryEvents = await sessionEvents(session.id);
      const reviewIdles = primaryEvents.filter((event) => event.type === 'session.thread_status_idle' && event.session_thread_id === review.id);
      assert.deepEqual(reviewIdles.map((event) => event.type === 'session.thread_status_idle' && event.stop_reason.type), ['requires_action', 'end_turn']);
      assert.ok(primaryEvents.some((event) => event.type === 'agent.thread_message_received' && event.from_session_thread_id === docs.id));
      assert.ok(!primaryEvents.some((event) => event.type === 'agent.thread_message_received' && event.from_session_thread_id === review.id));
      const interrupt = primaryEvents.find((event) => event.type === 'user.interrupt');
      assert.ok(interrupt && interrupt.type === 'user.interrupt' && interrupt.session_thread_id === review.id);
      const threads = await threadsOf(session.id);
      assert.deepEqual(threads.map((thread) => [thread.id, thread.status]), [[primary.id, 'idle'], [docs.id, 'idle'], [review.id, 'idle']]);
    });

    it('archives an idle child; refuses the primary, a running child and unknown threads; interrupts a running child', async () => {
      const session = await startTeam('docs #team');
      await sim.waitForStatus(session.id, 'idle', { stopReason: 'end_turn' });
      const [primary, docs, review] = await threadsOf(session.id);
      const notFound = (promise: Promise<unknown>) => assert.rejects(promise, (error: unknown) => error instanceof NotFoundError && (error.error as { error: { type: string } }).error.type === 'not_found_error');
      await notFound(client.beta.sessions.threads.archive('sthr_unknown', { session_id: session.id }));
      await notFound(client.beta.sessions.threads.retrieve('sthr_unknown', { session_id: session.id }));
      await notFound(client.beta.sessions.threads.events.list('sthr_unknown', { session_id: session.id }));
      await assert.rejects(client.beta.sessions.threads.archive(primary.id, { session_id: session.id }), BadRequestError);

      // A child running "elsewhere": the session runs too; archiving it is refused (400, or 409 with the fault).
      sim.setThreadStatus(session.id, docs.id, 'running');
      assert.equal((await client.beta.sessions.retrieve(session.id)).status, 'running');
      assert.equal((await client.beta.sessions.threads.retrieve(docs.id, { session_id: session.id })).status, 'running');
      await assert.rejects(client.beta.sessions.threads.archive(docs.id, { session_id: session.id }), BadRequestError);
      sim.faults.set({ stateConflictStatus: 409 });
      await assert.rejects(client.beta.sessions.threads.archive(docs.id, { session_id: session.id }), ConflictError);
      await assert.rejects(client.beta.sessions.threads.archive(primary.id, { session_id: session.id }), ConflictError);
      sim.faults.clear();

      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.interrupt', session_thread_id: docs.id }] });
      await sim.waitForStatus(session.id, 'idle', { stopReason: 'end_turn' });
      assert.equal((await client.beta.sessions.threads.retrieve(docs.id, { session_id: session.id })).status, 'idle');

      const archived = await client.beta.sessions.threads.archive(docs.id, { session_id: session.id });
      assert.ok(archived.archived_at !== null);
      assert.equal(archived.id, docs.id);
      const again = await client.beta.sessions.threads.archive(docs.id, { session_id: session.id });
      assert.equal(again.archived_at, archived.archived_at);
      const primaryEvents = await sessionEvents(session.id);
      const terminated = primaryEvents.filter((event) => event.type === 'session.thread_status_terminated');
      assert.deepEqual(terminated.map((event) => event.session_thread_id), [docs.id], 'one terminated event, for the archived child');
      const threads = await threadsOf(session.id);
      assert.deepEqual(threads.map((thread) => thread.archived_at !== null), [false, true, false]);
      assert.equal(threads[2].id, review.id);
    });
  });

  describe('turns and streaming', () => {
    it('pages the history newest first with order=desc: every event once, the reverse of asc, queued input first', async () => {
      const session = await newSession('desc paging');
      sim.appendEvent(session.id, { type: 'session.status_running' });
      for (let n = 0; n < 53; n++) sim.appendEvent(session.id, { type: 'agent.message', content: [{ type: 'text', text: `part ${n}` }] });
      // Running: a message waits, unprocessed (processed_at null), and sorts after everything processed.
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'queued' }] }] });
      const all = async (params: { order?: 'asc' | 'desc'; limit: number; 'created_at[lt]'?: string }) => {
        const out: BetaManagedAgentsSessionEvent[] = [];
        for await (const event of client.beta.sessions.events.list(session.id, params)) out.push(event);
        return out;
      };
      const ascending = await all({ limit: 7 });
      const descending = await all({ order: 'desc', limit: 7 });
      assert.equal(ascending.length, 55);
      assert.equal(new Set(descending.map((event) => event.id)).size, descending.length, 'no event twice');
      assert.deepEqual(descending.map((event) => event.id), ascending.map((event) => event.id).reverse());
      assert.equal(descending[0].type, 'user.message');
      assert.equal((descending[0] as { processed_at: string | null }).processed_at, null);
      // The newest page alone is one request.
      const newest = await client.beta.sessions.events.list(session.id, { order: 'desc', limit: 20 });
      assert.deepEqual(newest.data.map((event) => event.id), descending.slice(0, 20).map((event) => event.id));
      assert.ok(newest.hasNextPage());
      // Time filters compare processed_at, in either order (queued input has none, so it is left out).
      const cut = (ascending[30] as { processed_at: string }).processed_at;
      const before = await all({ order: 'desc', limit: 6, 'created_at[lt]': cut });
      assert.deepEqual(before.map((event) => event.id), ascending.filter((event) => (event as { processed_at: string | null }).processed_at! < cut).map((event) => event.id).reverse());
    });

    it('runs a turn: send, stream until end_turn, and the history matches the stream', async () => {
      const session = await newSession();
      const stream = await openStream(client, session.id);
      const sent = await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('Fix the greet test') }] });
      assert.equal(sent.data?.length, 1);
      const echo = sent.data[0];
      assert.equal(echo.type, 'user.message');
      assert.match(echo.id, /^sevt_011C\w{20}$/);
      assert.equal(echo.processed_at, null);

      const streamed = await stream.until(isIdle('end_turn'));
      const types = streamed.map((event) => event.type);
      assert.deepEqual(types, [
        'user.message',
        'session.status_running',
        'span.model_request_start',
        'agent.thinking',
        'agent.message',
        'agent.tool_use',
        'span.model_request_end',
        'agent.tool_result',
        'span.model_request_start',
        'agent.message',
        'span.model_request_end',
        'session.usage',
        'session.status_idle',
      ]);
      assert.ok(streamed[0].type === 'user.message' && streamed[0].id === echo.id && typeof streamed[0].processed_at === 'string');
      const message = streamed.find((event) => event.type === 'agent.message');
      assert.ok(message?.type === 'agent.message' && message.content[0].type === 'text' && message.content[0].text.includes('```ts'));
      const toolUse = streamed.find((event) => event.type === 'agent.tool_use');
      const toolResult = streamed.find((event) => event.type === 'agent.tool_result');
      assert.ok(toolUse?.type === 'agent.tool_use' && toolResult?.type === 'agent.tool_result' && toolResult.tool_use_id === toolUse.id);
      assert.equal(toolUse.evaluated_permission, 'allow');
      const spanEnd = streamed.find((event) => event.type === 'span.model_request_end');
      const spanStart = streamed.find((event) => event.type === 'span.model_request_start');
      assert.ok(spanEnd?.type === 'span.model_request_end' && spanEnd.model_request_start_id === spanStart?.id && spanEnd.model_usage.input_tokens > 0);
      const usage = streamed.find((event) => event.type === 'session.usage');
      assert.ok(usage?.type === 'session.usage' && (usage.usage.output_tokens ?? 0) > 0);
      const times = streamed.map((event) => Date.parse((event as { processed_at: string }).processed_at));
      assert.deepEqual(times, [...times].sort((a, b) => a - b), 'processed_at never goes backwards');

      const history: BetaManagedAgentsSessionEvent[] = [];
      for await (const event of client.beta.sessions.events.list(session.id, { limit: 4 })) history.push(event);
      assert.deepEqual(
        history.map((event) => event.id),
        streamed.map((event) => (event as { id: string }).id),
      );
      assert.deepEqual(history, streamed);

      const after = await client.beta.sessions.retrieve(session.id);
      assert.equal(after.status, 'idle');
      assert.ok((after.usage.input_tokens ?? 0) > 0 && (after.usage.output_tokens ?? 0) > 0);
      assert.ok(after.usage.list_cost && Number(after.usage.list_cost.amount) > 0 && after.usage.list_cost.currency === 'USD');
      assert.ok((after.stats.active_seconds ?? 0) > 0);
      assert.ok((after.stats.duration_seconds ?? 0) >= (after.stats.active_seconds ?? 0));

      const filtered = (await client.beta.sessions.events.list(session.id, { types: ['agent.message', 'session.status_idle'] })).data;
      assert.deepEqual(filtered.map((event) => event.type), ['agent.message', 'agent.message', 'session.status_idle']);
      const newestFirst = (await client.beta.sessions.events.list(session.id, { order: 'desc', limit: 2 })).data;
      assert.deepEqual(newestFirst.map((event) => event.type), ['session.status_idle', 'session.usage']);
    });

    it('processes initial_events in order', async () => {
      const session = await client.beta.sessions.create({
        agent: repoAgent.id,
        environment_id: nodeEnv.id,
        initial_events: [
          { type: 'user.message', content: text('first question') },
          { type: 'user.message', content: text('second question') },
        ],
      });
      assert.equal(session.status, 'idle');
      await sim.waitForStatus(session.id, 'running');
      await sim.waitForStatus(session.id, 'idle', { stopReason: 'end_turn', timeoutMs: 5000 });
      // Wait for the second turn too: two end_turn idles in the history.
      for (let attempt = 0; attempt < 200; attempt++) {
        const idles = (await client.beta.sessions.events.list(session.id, { types: ['session.status_idle'] })).data;
        if (idles.length === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const messages = (await client.beta.sessions.events.list(session.id, { types: ['user.message', 'session.status_idle'], limit: 100 })).data;
      assert.deepEqual(
        messages.map((event) => (event.type === 'user.message' && event.content[0].type === 'text' ? event.content[0].text : event.type)),
        ['first question', 'session.status_idle', 'second question', 'session.status_idle'],
      );
    });

    it('streams only events produced after connecting', async () => {
      const session = await newSession();
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('first') }] });
      await sim.waitForStatus(session.id, 'idle', { stopReason: 'end_turn' });
      const historyLength = (await client.beta.sessions.events.list(session.id, { limit: 1000 })).data.length;
      const stream = await openStream(client, session.id);
      sim.appendTurn(session.id, 'a turn that ran elsewhere');
      const streamed = await stream.until(isIdle('end_turn'));
      assert.equal(streamed[0].type, 'user.message');
      assert.ok(streamed[0].type === 'user.message' && streamed[0].content[0].type === 'text' && streamed[0].content[0].text === 'a turn that ran elsewhere');
      const total = (await client.beta.sessions.events.list(session.id, { limit: 1000 })).data.length;
      assert.equal(total, historyLength + streamed.length);
    });

    it('previews agent.message with event_start/event_delta the SDK can accumulate', async () => {
      const session = await newSession();
      const stream = await openStream(client, session.id, ['agent.message']);
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('preview please') }] });
      const streamed = await stream.until(isIdle('end_turn'));
      const finals = streamed.filter((event): event is Extract<StreamEvent, { type: 'agent.message' }> => event.type === 'agent.message');
      assert.equal(finals.length, 2);
      for (const final of finals) {
        const startIndex = streamed.findIndex((event) => event.type === 'event_start' && event.event.id === final.id);
        const finalIndex = streamed.indexOf(final);
        assert.ok(startIndex >= 0 && startIndex < finalIndex, 'event_start precedes the buffered event');
        const preview = streamed.slice(startIndex, finalIndex).filter((event) => event.type === 'event_start' || (event.type === 'event_delta' && event.event_id === final.id));
        assert.ok(preview.length > 1, 'at least one content_delta');
        let snapshot: ReturnType<typeof accumulateManagedAgentsEvent> = undefined;
        for (const event of preview) snapshot = accumulateManagedAgentsEvent(snapshot, event);
        assert.deepEqual(snapshot?.content, final.content);
      }
      assert.ok(!streamed.some((event) => event.type === 'event_start' && event.event.type === 'agent.thinking'), 'only requested preview types');
      const history = (await client.beta.sessions.events.list(session.id, { limit: 100 })).data;
      assert.ok(!history.some((event) => (event.type as string) === 'event_delta' || (event.type as string) === 'event_start'), 'previews never appear in history');
    });

    it('round-trips a tool confirmation (allow and deny)', async () => {
      for (const result of ['allow', 'deny'] as const) {
        const session = await newSession();
        const stream = await openStream(client, session.id);
        await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('Rebuild everything #confirm') }] });
        const first = await stream.until(isIdle('requires_action'));
        const toolUse = first.find((event) => event.type === 'agent.tool_use');
        const idle = first[first.length - 1];
        assert.ok(toolUse?.type === 'agent.tool_use' && toolUse.evaluated_permission === 'ask' && toolUse.evaluation?.type === 'always_ask');
        assert.ok(idle.type === 'session.status_idle' && idle.stop_reason.type === 'requires_action');
        assert.deepEqual(idle.stop_reason.event_ids, [toolUse.id]);
        assert.equal((await client.beta.sessions.retrieve(session.id)).status, 'idle');
        await assert.rejects(
          client.beta.sessions.events.send(session.id, { events: [{ type: 'user.tool_confirmation', tool_use_id: 'sevt_unknown', result: 'allow' }] }),
          BadRequestError,
        );

        await client.beta.sessions.events.send(session.id, {
          events: [{ type: 'user.tool_confirmation', tool_use_id: toolUse.id, result, ...(result === 'deny' ? { deny_message: 'not on prod' } : {}) }],
        });
        const rest = await stream.until(isIdle('end_turn'));
        assert.equal(rest[0].type, 'user.tool_confirmation');
        assert.equal(rest[1].type, 'session.status_running');
        const toolResult = rest.find((event) => event.type === 'agent.tool_result');
        assert.ok(toolResult?.type === 'agent.tool_result' && toolResult.tool_use_id === toolUse.id);
        assert.equal(toolResult.is_error, result === 'deny');
        if (result === 'deny') assert.ok(toolResult.content?.[0].type === 'text' && toolResult.content[0].text.includes('not on prod'));
      }
    });

    it('continues a seeded session that waits for a confirmation ("started elsewhere")', async () => {
      const seeded = (await client.beta.sessions.list({ limit: 100 })).data.find((session) => session.title === 'Clean rebuild')!;
      assert.equal(seeded.status, 'idle');
      const idle = (await client.beta.sessions.events.list(seeded.id, { types: ['session.status_idle'], order: 'desc', limit: 1 })).data[0];
      assert.ok(idle.type === 'session.status_idle' && idle.stop_reason.type === 'requires_action');
      const stream = await openStream(client, seeded.id);
      await client.beta.sessions.events.send(seeded.id, { events: [{ type: 'user.tool_confirmation', tool_use_id: idle.stop_reason.event_ids[0], result: 'allow' }] });
      const rest = await stream.until(isIdle('end_turn'));
      assert.deepEqual(rest.slice(0, 3).map((event) => event.type), ['user.tool_confirmation', 'session.status_running', 'agent.tool_result']);
    });

    it('evaluates a user.define_outcome', async () => {
      const session = await newSession();
      const stream = await openStream(client, session.id);
      const sent = await client.beta.sessions.events.send(session.id, {
        events: [{ type: 'user.define_outcome', description: 'Green CI', rubric: { type: 'text', content: 'All checks pass' } }],
      });
      const echo = sent.data![0];
      assert.ok(echo.type === 'user.define_outcome' && /^outc_/.test(echo.outcome_id) && echo.max_iterations === 3);
      const streamed = await stream.until(isIdle('end_turn'));
      const end = streamed.find((event) => event.type === 'span.outcome_evaluation_end');
      assert.ok(end?.type === 'span.outcome_evaluation_end' && end.result === 'satisfied' && end.outcome_id === echo.outcome_id);
      const after = await client.beta.sessions.retrieve(session.id);
      assert.equal(after.outcome_evaluations[0].result, 'satisfied');
      assert.equal(after.outcome_evaluations[0].outcome_id, echo.outcome_id);
    });

    it('waits for a custom tool result', async () => {
      const session = await newSession();
      const stream = await openStream(client, session.id);
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('Deploy a preview #custom') }] });
      const first = await stream.until(isIdle('requires_action'));
      const call = first.find((event) => event.type === 'agent.custom_tool_use');
      assert.ok(call?.type === 'agent.custom_tool_use');
      assert.equal(call.name, 'deploy_preview');
      assert.deepEqual(Object.keys(call.input), ['branch']);
      const idle = first[first.length - 1];
      assert.ok(idle.type === 'session.status_idle' && idle.stop_reason.type === 'requires_action' && idle.stop_reason.event_ids[0] === call.id);
      await client.beta.sessions.events.send(session.id, {
        events: [{ type: 'user.custom_tool_result', custom_tool_use_id: call.id, content: text('https://preview.example/42') }],
      });
      const rest = await stream.until(isIdle('end_turn'));
      const final = rest.filter((event) => event.type === 'agent.message').pop();
      assert.ok(final?.type === 'agent.message' && final.content[0].type === 'text' && final.content[0].text.includes('https://preview.example/42'));
    });

    it('shows a queued message with processed_at null until the session is free', async () => {
      const session = await newSession();
      sim.setStatus(session.id, 'running'); // busy elsewhere
      const sent = await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('queued') }] });
      await new Promise((resolve) => setTimeout(resolve, 30));
      const queued = (await client.beta.sessions.events.list(session.id)).data;
      const last = queued[queued.length - 1];
      assert.equal(last.id, sent.data![0].id);
      assert.equal(last.type === 'user.message' && last.processed_at, null);
      sim.setStatus(session.id, 'idle');
      await sim.waitForStatus(session.id, 'running');
      await sim.waitForStatus(session.id, 'idle', { stopReason: 'end_turn' });
      const processed = (await client.beta.sessions.events.list(session.id, { limit: 100 })).data;
      const message = processed.find((event) => event.id === sent.data![0].id);
      assert.ok(message?.type === 'user.message' && typeof message.processed_at === 'string');
      assert.equal(processed.filter((event) => event.id === sent.data![0].id).length, 1);
    });

    it('interrupts a running session back to idle', async () => {
      const running = (await client.beta.sessions.list({ statuses: ['running'] })).data[0];
      const stream = await openStream(client, running.id);
      await client.beta.sessions.events.send(running.id, { events: [{ type: 'user.interrupt' }] });
      const streamed = await stream.until(isIdle('end_turn'));
      assert.deepEqual(streamed.map((event) => event.type), ['user.interrupt', 'span.model_request_end', 'session.status_idle']);
      assert.equal((await client.beta.sessions.retrieve(running.id)).status, 'idle');
    });

    it('interrupts a scripted turn mid-flight', async () => {
      const slow = await startSimulator({ stepDelayMs: 40 });
      try {
        const slowClient = new Anthropic({ apiKey: 'k', baseURL: slow.url, maxRetries: 0 });
        const agent = (await slowClient.beta.agents.list()).data.find((candidate) => candidate.name === 'Repo maintainer')!;
        const environment = (await slowClient.beta.environments.list()).data.find((candidate) => candidate.name === 'locked-down-node')!;
        const session = await slowClient.beta.sessions.create({ agent: agent.id, environment_id: environment.id });
        const stream = await openStream(slowClient, session.id);
        await slowClient.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('long job') }] });
        await stream.until((event) => event.type === 'agent.thinking');
        await slowClient.beta.sessions.events.send(session.id, { events: [{ type: 'user.interrupt' }] });
        const rest = await stream.until(isIdle('end_turn'));
        assert.equal(rest[rest.length - 2].type, 'span.model_request_end', 'the open model request is closed');
        assert.ok(rest.some((event) => event.type === 'user.interrupt'));
        assert.ok(!rest.some((event) => event.type === 'agent.tool_result'), 'the turn stopped');
        await new Promise((resolve) => setTimeout(resolve, 200));
        const history = (await slowClient.beta.sessions.events.list(session.id, { order: 'desc', limit: 1 })).data;
        assert.equal(history[0].type, 'session.status_idle', 'nothing follows the interrupt');
      } finally {
        await slow.close();
      }
    });

    it('goes through session.error retrying, rescheduling and termination', async () => {
      const session = await newSession();
      const stream = await openStream(client, session.id);
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('#error #reschedule') }] });
      const streamed = await stream.until(isIdle('end_turn'));
      const errors = streamed.filter((event) => event.type === 'session.error');
      assert.ok(errors.length === 2 && errors.every((event) => event.type === 'session.error' && event.error.retry_status.type === 'retrying'));
      assert.ok(streamed.some((event) => event.type === 'session.status_rescheduled'));

      const stream2 = await openStream(client, session.id);
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('#terminate') }] });
      const ended = await stream2.until((event) => event.type === 'session.status_terminated');
      const terminal = ended.find((event) => event.type === 'session.error');
      assert.ok(terminal?.type === 'session.error' && terminal.error.retry_status.type === 'terminal');
      assert.equal((await client.beta.sessions.retrieve(session.id)).status, 'terminated');
      await assert.rejects(client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('hello?') }] }), BadRequestError);
    });

    // Whole and in order, however loaded the machine: how fast is the bench's to say (npm run bench, streamEvents).
    it('serves a long turn of many events, every one of them', async function () {
      this.timeout(180_000);
      const count = 100_000;
      const session = await newSession();
      const stream = await openStream(client, session.id);
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text(`#long=${count}`) }] });
      let messages = 0;
      let bytes = 0;
      await stream.until(
        (event) => {
          if (event.type === 'agent.message') {
            messages++;
            if (messages === 1) bytes = JSON.stringify(event).length;
          }
          return event.type === 'session.status_idle';
        },
        170_000,
      );
      assert.equal(messages, count);
      assert.ok(bytes > 200 && bytes < 600, `events are a few hundred bytes (${bytes})`);
      const page = await client.beta.sessions.events.list(session.id, { limit: 1000, types: ['agent.message'] });
      assert.equal(page.data.length, 1000);
      assert.ok(page.next_page);
    });
  });

  describe('wire format and CLI', () => {
    it('frames SSE as event/data lines with ping heartbeats', async () => {
      const pinging = await startSimulator({ stepDelayMs: 5, heartbeatMs: 20 });
      try {
        const sessions = (await (await fetch(`${pinging.url}/v1/sessions?statuses[]=idle&limit=1`, { headers: RAW_HEADERS })).json()) as { data: { id: string }[] };
        const controller = new AbortController();
        const response = await fetch(`${pinging.url}/v1/sessions/${sessions.data[0].id}/events/stream`, { headers: RAW_HEADERS, signal: controller.signal });
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
        const reader = response.body!.getReader();
        let raw = '';
        while (!raw.includes('\n\n')) raw += new TextDecoder().decode((await reader.read()).value);
        controller.abort();
        assert.equal(raw.slice(0, raw.indexOf('\n\n') + 2), 'event: ping\ndata: {"type":"ping"}\n\n');
      } finally {
        await pinging.close();
      }
    });

    it('runs from the command line and exits on SIGTERM', async () => {
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, [require.resolve('../simulator/cli'), '--port', '0', '--api-key', 'cli-key', '--step-delay', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const line = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes('\n')) resolve(out);
          });
          child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
        });
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(line);
        assert.ok(match, `one ready line, got ${JSON.stringify(line)}`);
        const cli = new Anthropic({ apiKey: 'cli-key', baseURL: match[1], maxRetries: 0 });
        assert.ok((await cli.beta.sessions.list()).data.length > 0);
        const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
        child.kill('SIGTERM');
        assert.equal(await exited, 0);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    });
  });

  describe('errors, auth and retries', () => {
    it('answers 401 for a wrong key when an api key is configured', async () => {
      const locked = await startSimulator({ apiKey: 'right-key', stepDelayMs: 5 });
      try {
        const wrong = new Anthropic({ apiKey: 'wrong-key', baseURL: locked.url, maxRetries: 0 });
        const error = await wrong.beta.sessions.list().catch((caught: unknown) => caught);
        assert.ok(error instanceof AuthenticationError);
        assert.equal(error.status, 401);
        assert.deepEqual((error.error as { error: unknown }).error, { type: 'authentication_error', message: 'invalid x-api-key' });
        const right = new Anthropic({ apiKey: 'right-key', baseURL: locked.url, maxRetries: 0 });
        assert.ok((await right.beta.sessions.list()).data.length > 0);
        const viaHeader = await fetch(`${locked.url}/v1/agents`, {
          headers: { 'x-api-key': 'right-key', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'managed-agents-2026-04-01' },
        });
        assert.equal(viaHeader.status, 200);
        assert.match(viaHeader.headers.get('request-id') ?? '', /^req_/);
      } finally {
        await locked.close();
      }
    });

    it('answers 400 without the managed-agents beta header', async () => {
      const error = await client.beta.sessions.list({}, { headers: { 'anthropic-beta': 'files-api-2025-04-14' } }).catch((caught: unknown) => caught);
      assert.ok(error instanceof BadRequestError);
      assert.equal((error.error as { error: { type: string } }).error.type, 'invalid_request_error');
      assert.match(error.message, /managed-agents-2026-04-01/);
    });

    it('retries a 429 after retry-after-ms and then succeeds', async () => {
      const retrying = new Anthropic({ apiKey: 'sk-test', baseURL: sim.url, maxRetries: 2 });
      const session = await newSession();
      sim.requests.length = 0;
      sim.faults.set({ errors: [{ status: 429, count: 1, retryAfterMs: 30, path: '/v1/sessions/*' }] });
      const started = Date.now();
      const retrieved = await retrying.beta.sessions.retrieve(session.id);
      assert.equal(retrieved.id, session.id);
      assert.ok(Date.now() - started >= 25, 'waited for retry-after-ms');
      assert.deepEqual(sim.requests.map((request) => [request.path, request.status]), [
        [`/v1/sessions/${session.id}`, 429],
        [`/v1/sessions/${session.id}`, 200],
      ]);

      sim.faults.set({ errors: [{ status: 429, count: 1, retryAfterSeconds: 7 }] });
      const limited = await client.beta.sessions.retrieve(session.id).catch((caught: unknown) => caught);
      assert.ok(limited instanceof RateLimitError);
      assert.equal(limited.headers?.get('retry-after'), '7');
      sim.faults.set({ errors: [{ status: 529, count: 1 }] });
      await assert.rejects(client.beta.sessions.retrieve(session.id), OverloadedError);
    });

    it('honours x-should-retry: false on a 500', async () => {
      const retrying = new Anthropic({ apiKey: 'sk-test', baseURL: sim.url, maxRetries: 2 });
      sim.requests.length = 0;
      sim.faults.set({ errors: [{ status: 500, count: 3, shouldRetry: false }] });
      await assert.rejects(retrying.beta.agents.list(), InternalServerError);
      assert.equal(sim.requests.length, 1);
    });

    it('can drop a stream mid-event, truncate a body, and act then drop', async () => {
      const session = await newSession();
      sim.faults.set({ dropStream: { afterEvents: 2, midEvent: true, count: 1 } });
      const stream = await client.beta.sessions.events.stream(session.id);
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('hello') }] });
      const received: StreamEvent[] = [];
      await assert.rejects(async () => {
        for await (const event of stream) received.push(event);
      });
      assert.equal(received.length, 2);
      assert.equal(sim.requests.find((request) => request.path.endsWith('/stream'))?.fault, 'drop-stream:2:mid-event');
      await sim.waitForStatus(session.id, 'idle', { stopReason: 'end_turn' });

      sim.faults.set({ dropStream: { afterEvents: 1, errorType: 'overloaded_error', count: 1 } });
      const failing = await client.beta.sessions.events.stream(session.id);
      await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text('again') }] });
      const inBand = await (async () => {
        for await (const event of failing) assert.equal(event.type, 'user.message');
      })().catch((error: unknown) => error);
      assert.ok(inBand instanceof APIError && (inBand.error as { error: { type: string } }).error.type === 'overloaded_error', 'event: error raises');
      await sim.waitForStatus(session.id, 'idle', { stopReason: 'end_turn' });

      sim.faults.set({ truncateBody: { count: 1, path: '/v1/sessions/*' } });
      await assert.rejects(client.beta.sessions.retrieve(session.id));
      assert.equal((await client.beta.sessions.retrieve(session.id)).id, session.id, 'only the next request is truncated');

      const before = (await client.beta.sessions.list({ limit: 100 })).data.length;
      sim.faults.set({ actThenDrop: { count: 1, method: 'POST', path: '/v1/sessions' } });
      await assert.rejects(newSession('lost response'), APIConnectionError);
      const afterList = (await client.beta.sessions.list({ limit: 100 })).data;
      assert.equal(afterList.length, before + 1, 'the create took effect');
      assert.ok(afterList.some((candidate) => candidate.title === 'lost response'));
    });

    it('configures faults through the control endpoint', async () => {
      const set = await fetch(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ errors: [{ status: 529, count: 1, path: '/v1/agents' }] }) });
      assert.equal(set.status, 200);
      await assert.rejects(client.beta.agents.list(), OverloadedError);
      assert.ok((await client.beta.agents.list()).data.length > 0);
      const log = (await (await fetch(`${sim.url}/_sim/requests`)).json()) as { data: Sim.RequestLogEntry[] };
      assert.deepEqual(log.data.slice(-2).map((entry) => entry.status), [529, 200]);
      const cleared = await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
      assert.deepEqual(await cleared.json(), {});
    });
  });
});

/**
 * What the API refuses, limits and fails, driven with the official SDK against the simulator: state
 * conflicts (400 or 409), deleting a running session, budgets and their update rules, the 32 MB
 * request limit, the docs' error table, response headers and overload.
 */
import assert from 'node:assert/strict';
import Anthropic, {
  toFile,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ContentTooLargeError,
  NotFoundError,
  OverloadedError,
} from '@anthropic-ai/sdk';
import type { BetaManagedAgentsAgent } from '@anthropic-ai/sdk/resources/beta/agents/agents';
import type { BetaEnvironment } from '@anthropic-ai/sdk/resources/beta/environments/environments';
import type { BetaManagedAgentsSessionEvent } from '@anthropic-ai/sdk/resources/beta/sessions/events';
import type { BetaManagedAgentsBudgetLimit } from '@anthropic-ai/sdk/resources/beta/sessions/sessions';
import { FILES_API_BETA, MANAGED_AGENTS_BETA, startSimulator, type SimulatorHandle } from '../simulator/index';
import { bodyError, refusal } from './sdkErrors';

const text = (value: string) => [{ type: 'text' as const, text: value }];
const budget = (amount: string): BetaManagedAgentsBudgetLimit => ({ type: 'limit', max_list_cost: { amount, currency: 'USD' } });
const RAW_HEADERS = { 'x-api-key': 'raw', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'managed-agents-2026-04-01' };

/** `error.type` of the body, as the docs' error table names it. */
const bodyType = (error: APIError): string | undefined => bodyError(error).type;

describe('SDK against the simulator: refusals, conflicts and budgets', function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;
  let client: Anthropic;
  let agent: BetaManagedAgentsAgent;
  let environment: BetaEnvironment;

  before(async () => {
    sim = await startSimulator({ stepDelayMs: 2 });
    client = new Anthropic({ apiKey: 'sk-test', baseURL: sim.url, maxRetries: 0 });
  });
  after(async () => sim.close());

  beforeEach(async () => {
    sim.reset();
    agent = (await client.beta.agents.list()).data.find((candidate) => candidate.name === 'Repo maintainer')!;
    environment = (await client.beta.environments.list()).data.find((candidate) => candidate.name === 'locked-down-node')!;
    assert.ok(agent && environment, 'seed data has the agent and environment the tests use');
  });

  const newSession = (extra: { budget?: BetaManagedAgentsBudgetLimit; title?: string } = {}) =>
    client.beta.sessions.create({ agent: agent.id, environment_id: environment.id, title: 'refusals', ...extra });

  /** Sends a message and waits for the turn's idle event; returns the events the turn logged. */
  async function turn(sessionId: string, prompt = 'Run the tests.'): Promise<BetaManagedAgentsSessionEvent[]> {
    const before = (await client.beta.sessions.events.list(sessionId, { limit: 1000 })).data.length;
    await client.beta.sessions.events.send(sessionId, { events: [{ type: 'user.message', content: text(prompt) }] });
    // Wait for the idle event this turn ends with (not an earlier one).
    for (let attempt = 0; attempt < 500; attempt++) {
      const events = (await client.beta.sessions.events.list(sessionId, { limit: 1000 })).data.slice(before);
      if (events.some((event) => event.type === 'session.status_idle')) return events;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`session ${sessionId} did not go idle`);
  }

  const stopReason = (events: BetaManagedAgentsSessionEvent[]): string | undefined => {
    const idle = events.findLast((event) => event.type === 'session.status_idle');
    return idle?.type === 'session.status_idle' ? idle.stop_reason.type : undefined;
  };

  describe('deleting a running session', () => {
    for (const status of ['running', 'rescheduling'] as const) {
      it(`is refused while ${status} (4xx), and works once the session stops`, async () => {
        const session = await newSession();
        sim.setStatus(session.id, status);
        const error = await refusal(client.beta.sessions.delete(session.id));
        assert.ok(error instanceof BadRequestError, `a ${error.status}`);
        assert.equal(bodyType(error), 'invalid_request_error');
        assert.match(error.message, new RegExp(status));
        assert.equal((await client.beta.sessions.retrieve(session.id)).status, status, 'the session is still there');

        await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.interrupt' }] });
        await sim.waitForStatus(session.id, 'idle');
        assert.deepEqual(await client.beta.sessions.delete(session.id), { id: session.id, type: 'session_deleted' });
      });
    }
  });

  describe('state conflicts answer 400 or 409, as the stateConflictStatus fault picks', () => {
    /** Each refusal of a session in the wrong state, with the session set up for it. */
    const cases: { name: string; refuse: (id: string) => Promise<unknown>; state: (id: string) => void }[] = [
      { name: 'archive while running', state: (id) => sim.setStatus(id, 'running'), refuse: (id) => client.beta.sessions.archive(id) },
      { name: 'delete while running', state: (id) => sim.setStatus(id, 'running'), refuse: (id) => client.beta.sessions.delete(id) },
      { name: 'change the agent while running', state: (id) => sim.setStatus(id, 'running'), refuse: (id) => client.beta.sessions.update(id, { agent: { tools: [] } }) },
      { name: 'update an archived session', state: (id) => sim.archiveSession(id), refuse: (id) => client.beta.sessions.update(id, { title: 'renamed' }) },
      {
        name: 'send to an archived session',
        state: (id) => sim.archiveSession(id),
        refuse: (id) => client.beta.sessions.events.send(id, { events: [{ type: 'user.message', content: text('hello?') }] }),
      },
      {
        name: 'send to a terminated session',
        state: (id) => sim.setStatus(id, 'terminated'),
        refuse: (id) => client.beta.sessions.events.send(id, { events: [{ type: 'user.message', content: text('hello?') }] }),
      },
      { name: 'change the budget of a terminated session', state: (id) => sim.setStatus(id, 'terminated'), refuse: (id) => client.beta.sessions.update(id, { budget: null }) },
    ];

    for (const { name, refuse, state } of cases) {
      it(name, async () => {
        const session = await newSession({ budget: budget('500') });
        state(session.id);
        const asBadRequest = await refusal(refuse(session.id));
        assert.ok(asBadRequest instanceof BadRequestError);
        assert.equal(asBadRequest.status, 400);
        assert.equal(bodyType(asBadRequest), 'invalid_request_error');

        sim.faults.set({ stateConflictStatus: 409 });
        const asConflict = await refusal(refuse(session.id));
        assert.ok(asConflict instanceof ConflictError);
        assert.equal(asConflict.status, 409);
        assert.equal(bodyType(asConflict), 'conflict_error');
        assert.equal(asConflict.apiMessage, asBadRequest.apiMessage, 'the same refusal either way');
      });
    }

    it('a 409 is retried by the SDK (its blanket lock-contention retry), so it costs three requests', async () => {
      const retrying = new Anthropic({ apiKey: 'sk-test', baseURL: sim.url, maxRetries: 2 });
      const session = await newSession();
      sim.setStatus(session.id, 'running');
      sim.faults.set({ stateConflictStatus: 409 });
      sim.requests.length = 0;
      await refusal(retrying.beta.sessions.archive(session.id));
      assert.deepEqual(
        sim.requests.map((request) => request.status),
        [409, 409, 409],
      );
    });

    it('rejects a stateConflictStatus that is neither 400 nor 409', async () => {
      const answer = await fetch(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ stateConflictStatus: 422 }) });
      assert.equal(answer.status, 400);
    });
  });

  describe('budgets', () => {
    it('stops the turn that reaches the budget with budget_reached, and starts no model request after it', async () => {
      const session = await newSession({ budget: budget('1') });
      const events = await turn(session.id);
      assert.equal(stopReason(events), 'budget_reached');
      assert.equal(events.filter((event) => event.type === 'span.model_request_start').length, 1, 'the request that crossed the limit was the last');
      const usage = events.findLast((event) => event.type === 'session.usage');
      assert.ok(usage?.type === 'session.usage', 'a usage snapshot before stopping');
      assert.deepEqual(usage.budget, budget('1'));
      const spent = await client.beta.sessions.retrieve(session.id);
      assert.ok(BigInt(spent.usage.list_cost?.amount ?? '0') >= 1n, 'the list cost reached the budget');
      assert.equal(spent.status, 'idle');

      // Over budget, a new message is processed but no model request starts.
      const next = await turn(session.id, 'And one more thing.');
      assert.equal(stopReason(next), 'budget_reached');
      assert.equal(next.filter((event) => event.type === 'span.model_request_start').length, 0);
    });

    it('seeds a session stopped by its budget', async () => {
      const seeded = (await client.beta.sessions.list({ limit: 100 })).data.find((session) => session.title === 'Audit dependency licenses');
      assert.ok(seeded, 'the built-in data has it');
      assert.equal(seeded.status, 'idle');
      assert.ok(seeded.budget && BigInt(seeded.usage.list_cost?.amount ?? '0') >= BigInt(seeded.budget.max_list_cost.amount));
      assert.equal(stopReason((await client.beta.sessions.events.list(seeded.id, { limit: 1000 })).data), 'budget_reached');
    });

    it('lets a raised budget continue, and ends a turn under the budget with end_turn', async () => {
      const session = await newSession({ budget: budget('1') });
      assert.equal(stopReason(await turn(session.id)), 'budget_reached');
      const raised = await client.beta.sessions.update(session.id, { budget: budget('1000') });
      assert.deepEqual(raised.budget, budget('1000'));
      const updated = (await client.beta.sessions.events.list(session.id, { limit: 1000 })).data.findLast((event) => event.type === 'session.updated');
      assert.ok(updated?.type === 'session.updated');
      assert.deepEqual(updated.budget, budget('1000'), 'session.updated carries the new budget');
      assert.equal(stopReason(await turn(session.id)), 'end_turn');

      const uncapped = await newSession();
      assert.equal(stopReason(await turn(uncapped.id)), 'end_turn');
    });

    it('budget_not_raised: a budget at or below the spend is refused; above it, even lower than before, is allowed', async () => {
      const session = await newSession({ budget: budget('1') });
      await turn(session.id);
      const consumed = (await client.beta.sessions.retrieve(session.id)).usage.list_cost?.amount ?? '0';
      for (const amount of [consumed, '0']) {
        const error = await refusal(client.beta.sessions.update(session.id, { budget: budget(amount) }));
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.errorCode, 'budget_not_raised');
        assert.deepEqual(error.details, { error_code: 'budget_not_raised' });
      }
      await client.beta.sessions.update(session.id, { budget: budget('1000') });
      const lowered = await client.beta.sessions.update(session.id, { budget: budget(String(BigInt(consumed) + 1n)) });
      assert.equal(lowered.budget?.max_list_cost.amount, String(BigInt(consumed) + 1n));
    });

    it('budget_create_only: no budget can be added to a session created without one, or re-added once removed', async () => {
      const uncapped = await newSession();
      const added = await refusal(client.beta.sessions.update(uncapped.id, { budget: budget('500') }));
      assert.ok(added instanceof BadRequestError);
      assert.equal(added.errorCode, 'budget_create_only');

      const capped = await newSession({ budget: budget('500') });
      const removed = await client.beta.sessions.update(capped.id, { budget: null });
      assert.equal(removed.budget, null);
      const readded = await refusal(client.beta.sessions.update(capped.id, { budget: budget('500') }));
      assert.equal(readded.errorCode, 'budget_create_only');
      // Removing again, or omitting the field, changes nothing and is no error.
      assert.equal((await client.beta.sessions.update(capped.id, { budget: null })).budget, null);
      assert.equal((await client.beta.sessions.update(capped.id, { title: 'still uncapped' })).budget, null);
    });

    it('model_not_budgetable: a budget needs every model the session can run to have a list price', async () => {
      const unpriced = { type: 'agent_with_overrides' as const, id: agent.id, model: 'claude-internal-preview' };
      const error = await refusal(client.beta.sessions.create({ agent: unpriced, environment_id: environment.id, budget: budget('500') }));
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.errorCode, 'model_not_budgetable');
      const uncapped = await client.beta.sessions.create({ agent: unpriced, environment_id: environment.id });
      assert.equal(uncapped.budget, null, 'without a budget the model is fine');
      assert.equal((await newSession({ budget: budget('500') })).budget?.max_list_cost.amount, '500', 'a priced model can have one');
    });
  });

  describe('outcomes and system messages', () => {
    /** A session of the seed's agent on a model that accepts mid-conversation system messages. */
    const steerableSession = () =>
      client.beta.sessions.create({ agent: { type: 'agent_with_overrides', id: agent.id, model: 'claude-opus-4-8' }, environment_id: environment.id });

    it('takes a system.message after a user.message on a model that accepts mid-conversation system messages', async () => {
      const session = await steerableSession();
      const sent = await client.beta.sessions.events.send(session.id, {
        events: [
          { type: 'user.message', content: text('Fix the build.') },
          { type: 'system.message', content: [{ type: 'text', text: 'Keep the diff small.' }] },
        ],
      });
      assert.deepEqual((sent.data ?? []).map((event) => event.type), ['user.message', 'system.message']);
    });

    it('refuses a system.message on a model released before Opus 4.8 (400), and queues nothing of the request', async () => {
      const session = await newSession();
      const before = (await client.beta.sessions.events.list(session.id)).data.length;
      const error = await refusal(
        client.beta.sessions.events.send(session.id, {
          events: [
            { type: 'user.message', content: text('Fix the build.') },
            { type: 'system.message', content: [{ type: 'text', text: 'Keep the diff small.' }] },
          ],
        }),
      );
      assert.ok(error instanceof BadRequestError, `a ${error.status}`);
      assert.equal(bodyType(error), 'invalid_request_error');
      assert.match(error.message, /system\.message is not supported on model claude-sonnet-4-6/);
      assert.equal((await client.beta.sessions.events.list(session.id)).data.length, before, 'the user.message was not queued either');
    });

    it('refuses a system.message that is not last or follows no user.message (400)', async () => {
      const session = await steerableSession();
      const note = { type: 'system.message' as const, content: [{ type: 'text' as const, text: 'note' }] };
      for (const events of [[note], [{ type: 'user.message' as const, content: text('a') }, note, note], [note, { type: 'user.message' as const, content: text('a') }]]) {
        const error = await refusal(client.beta.sessions.events.send(session.id, { events }));
        assert.ok(error instanceof BadRequestError, `${events.map((event) => event.type).join(', ')}: a ${error.status}`);
      }
    });

    it('refuses a text rubric over 262144 characters, and takes one of exactly that many', async () => {
      const session = await newSession();
      const outcome = (content: string) => ({ type: 'user.define_outcome' as const, description: 'Green CI', rubric: { type: 'text' as const, content } });
      const error = await refusal(client.beta.sessions.events.send(session.id, { events: [outcome('x'.repeat(262_145))] }));
      assert.ok(error instanceof BadRequestError, `a ${error.status}`);
      assert.match(error.message, /rubric\.content: at most 262144 characters/);
      const sent = await client.beta.sessions.events.send(session.id, { events: [outcome('x'.repeat(262_144))] });
      assert.equal(sent.data?.[0]?.type, 'user.define_outcome');
    });

    it('takes a file rubric that names an uploaded file, and refuses one that names no file (404, as a file resource)', async () => {
      const session = await newSession();
      const outcome = (fileId: string) => ({ type: 'user.define_outcome' as const, description: 'Green CI', rubric: { type: 'file' as const, file_id: fileId } });
      const error = await refusal(client.beta.sessions.events.send(session.id, { events: [outcome('file_missing')] }));
      assert.ok(error instanceof NotFoundError, `a ${error.status}`);
      assert.match(error.message, /File not found: file_missing/);
      const uploaded = await client.beta.files.upload({ file: await toFile(Buffer.from('- CI is green\n'), 'rubric.md', { type: 'text/markdown' }), betas: [FILES_API_BETA, MANAGED_AGENTS_BETA] });
      const sent = await client.beta.sessions.events.send(session.id, { events: [outcome(uploaded.id)] });
      const echo = sent.data?.[0];
      assert.ok(echo?.type === 'user.define_outcome' && echo.rubric.type === 'file' && echo.rubric.file_id === uploaded.id);
    });

    it('refuses max_iterations outside 1 to 20, and takes 20', async () => {
      const session = await newSession();
      for (const maxIterations of [0, 21, 2.5]) {
        const error = await refusal(
          client.beta.sessions.events.send(session.id, { events: [{ type: 'user.define_outcome', description: 'd', rubric: { type: 'text', content: 'r' }, max_iterations: maxIterations }] }),
        );
        assert.match(error.message, /max_iterations: must be an integer between 1 and 20/, String(maxIterations));
      }
      const sent = await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.define_outcome', description: 'd', rubric: { type: 'text', content: 'r' }, max_iterations: 20 }] });
      const echo = sent.data?.[0];
      assert.ok(echo?.type === 'user.define_outcome' && echo.max_iterations === 20);
    });
  });

  describe('limits, the error table, headers and overload', () => {
    it('answers 413 request_too_large for a 33 MB body, before reading it and without acting on it', async () => {
      const session = await newSession();
      const huge = 'x'.repeat(33_000_000);
      const error = await refusal(client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: text(huge) }] }));
      assert.ok(error instanceof ContentTooLargeError);
      assert.equal(error.status, 413);
      assert.equal(bodyType(error), 'request_too_large');
      assert.match(String(error.requestID), /^req_/);
      assert.equal((await client.beta.sessions.events.list(session.id)).data.length, 0, 'nothing was sent');
      // Before authentication, as at the API's edge: a wrong key still gets the 413.
      const locked = await startSimulator({ apiKey: 'right-key' });
      try {
        const wrongKey = new Anthropic({ apiKey: 'wrong-key', baseURL: locked.url, maxRetries: 0 });
        const early = await refusal(wrongKey.beta.sessions.update(session.id, { title: huge }));
        assert.equal(early.status, 413);
      } finally {
        await locked.close();
      }
    });

    it('answers each status of the error table with its type', async () => {
      const table: [number, string][] = [
        [400, 'invalid_request_error'],
        [401, 'authentication_error'],
        [402, 'billing_error'],
        [403, 'permission_error'],
        [404, 'not_found_error'],
        [409, 'conflict_error'],
        [413, 'request_too_large'],
        [429, 'rate_limit_error'],
        [500, 'api_error'],
        [504, 'timeout_error'],
        [529, 'overloaded_error'],
        // Statuses the table does not list use the generic type of their class.
        [408, 'invalid_request_error'],
        [503, 'api_error'],
      ];
      for (const [status, type] of table) {
        sim.faults.set({ errors: [{ status, count: 1, path: '/v1/agents' }] });
        const error = await refusal(client.beta.agents.list());
        assert.equal(error.status, status);
        assert.equal(bodyType(error), type, `HTTP ${status}`);
      }
    });

    it('sends request-id, anthropic-organization-id and anthropic-workspace-id, the latter two only once the key is accepted', async () => {
      const session = await newSession();
      const { response } = await client.beta.sessions.retrieve(session.id).withResponse();
      assert.match(response.headers.get('request-id') ?? '', /^req_/);
      assert.match(response.headers.get('anthropic-organization-id') ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.match(response.headers.get('anthropic-workspace-id') ?? '', /^wrkspc_/);

      const named = await fetch(`${sim.url}/v1/sessions/${session.id}`, { headers: { ...RAW_HEADERS, 'anthropic-workspace-id': 'wrkspc_01TEAMWORKSPACE000000000000' } });
      assert.equal(named.headers.get('anthropic-workspace-id'), 'wrkspc_01TEAMWORKSPACE000000000000', 'the workspace the request named');

      const missing = await refusal(client.beta.sessions.retrieve('sesn_missing'));
      assert.ok(missing.headers?.get('anthropic-organization-id'), 'an error after authentication says whose it is');
      assert.equal(missing.workspaceID, response.headers.get('anthropic-workspace-id'));

      const stream = await fetch(`${sim.url}/v1/sessions/${session.id}/events/stream`, { headers: RAW_HEADERS });
      assert.ok(stream.headers.get('anthropic-organization-id'));
      await stream.body?.cancel();

      const locked = await startSimulator({ apiKey: 'right-key' });
      try {
        const wrong = await refusal(new Anthropic({ apiKey: 'wrong-key', baseURL: locked.url, maxRetries: 0 }).beta.sessions.list());
        assert.ok(wrong instanceof AuthenticationError);
        assert.match(String(wrong.requestID), /^req_/);
        assert.equal(wrong.headers?.get('anthropic-organization-id'), null, 'the key resolved to no organization');
        assert.equal(wrong.headers?.get('anthropic-workspace-id'), null);
      } finally {
        await locked.close();
      }
    });

    it('answers 529 overloaded_error with retry-after when too many requests are in progress, which a retry gets past', async () => {
      sim.faults.set({ concurrencyLimit: 2, latencyMs: 100 });
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => client.beta.agents.list().then(() => 200, (error: unknown) => error)));
      const overloaded = outcomes.filter((outcome): outcome is OverloadedError => outcome instanceof OverloadedError);
      assert.equal(outcomes.filter((outcome) => outcome === 200).length, 2, 'the limit is served');
      assert.equal(overloaded.length, 4);
      assert.equal(bodyType(overloaded[0]), 'overloaded_error');
      assert.equal(overloaded[0].headers?.get('retry-after'), '1');
      assert.equal(sim.requests.filter((request) => request.fault === 'overloaded').length, 4);

      // Retried after retry-after, as the SDK does for 529, every request gets through.
      const retrying = new Anthropic({ apiKey: 'sk-test', baseURL: sim.url, maxRetries: 2 });
      const lists = await Promise.all(Array.from({ length: 6 }, () => retrying.beta.agents.list()));
      assert.ok(lists.every((list) => list.data.length > 0));

      // One request at a time never meets the limit.
      sim.faults.set({ latencyMs: 0 });
      for (let index = 0; index < 5; index++) await client.beta.agents.list();
      // Event streams hold their connection for long and do not count.
      const session = await newSession();
      const streams = await Promise.all([1, 2, 3].map(() => client.beta.sessions.events.stream(session.id)));
      assert.ok((await client.beta.agents.list()).data.length > 0);
      for (const stream of streams) stream.controller.abort();
    });
  });
});

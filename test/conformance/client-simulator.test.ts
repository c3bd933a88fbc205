// The same lifecycle the SDK conformance suite runs, through our own client, against the simulator.
import assert from 'node:assert/strict';
import { APIError, ManagedAgentsClient, followSession, type FollowItem, type Session, type SessionEvent } from '../../src/api';
import { describeError } from '../../src/shared/describeError';
import { startSimulator, type SimulatorHandle } from '../simulator';

const KEY = 'sk-ant-sim-conformance';

describe('our client against the simulator', function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;
  let client: ManagedAgentsClient;

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, stepDelayMs: 2 });
    client = new ManagedAgentsClient({ baseURL: sim.url, apiKey: () => KEY });
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  /** Follows a session until `until` says stop; returns every event the follower yielded. */
  async function follow(sessionId: string, until: (event: SessionEvent) => boolean, start?: () => Promise<unknown>): Promise<SessionEvent[]> {
    const events: SessionEvent[] = [];
    const controller = new AbortController();
    let started = false;
    for await (const item of followSession(client, sessionId, { signal: controller.signal, reconnectDelayMs: () => 5 }) as AsyncGenerator<FollowItem>) {
      if (item.kind === 'connection' && item.state === 'live' && !started) {
        started = true;
        await start?.();
      }
      if (item.kind !== 'event') continue;
      if (item.update) {
        const at = events.findIndex((e) => e.id === item.event.id);
        events[at] = item.event;
      } else events.push(item.event);
      if (started && until(item.event)) break;
    }
    controller.abort();
    return events;
  }

  /** An agent whose tools never ask for confirmation, in the cloud, so a plain message ends its turn. */
  async function plainAgentAndEnvironment(): Promise<[string, string]> {
    const agents = await client.agents.list().toArray();
    const agent = agents.find((a) => a.name === 'Docs writer');
    assert.ok(agent, 'the simulator seeds a "Docs writer" agent');
    // A cloud environment: in a self-hosted one the user runs the tools, so every tool call waits.
    const environment = (await client.environments.list().toArray()).find((e) => e.config.type === 'cloud');
    assert.ok(environment, 'the simulator seeds a cloud environment');
    return [agent.id, environment.id];
  }

  async function until(condition: () => boolean, what: string): Promise<void> {
    for (const deadline = Date.now() + 5_000; !condition(); ) {
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const isEndTurn = (e: SessionEvent) => e.type === 'session.status_idle' && e.stop_reason?.type === 'end_turn';

  it("pages through an agent's versions newest first, as the SDK does", async () => {
    const agent = (await client.agents.list().toArray()).find((candidate) => candidate.version > 1);
    assert.ok(agent, 'the seed has an agent with several versions');
    const versions = await client.agents.versions(agent.id, { limit: 1 }).toArray();
    assert.deepEqual(
      versions.map((version) => version.version),
      Array.from({ length: agent.version }, (_, index) => agent.version - index),
    );
    assert.deepEqual(versions[0], agent);
    await assert.rejects(client.agents.versions('agent_missing').toArray(), (error: unknown) => (error as { isNotFound?: boolean }).isNotFound === true);
  });

  it('runs a session from create to delete', async () => {
    const agents = await client.agents.list().toArray();
    const environments = await client.environments.list().toArray();
    assert.ok(agents.length > 0 && environments.length > 0);
    assert.equal((await client.agents.retrieve(agents[0].id)).id, agents[0].id);
    assert.equal((await client.environments.retrieve(environments[0].id)).id, environments[0].id);

    const [agentId, environmentId] = await plainAgentAndEnvironment();
    const created = await client.sessions.create({ agent: agentId, environment_id: environmentId, title: 'conformance', metadata: { suite: 'client' } });
    assert.match(created.id, /^sesn_/);
    assert.equal(created.status, 'idle');
    assert.equal((await client.sessions.retrieve(created.id)).title, 'conformance');

    const updated = await client.sessions.update(created.id, { title: 'renamed', metadata: { suite: null, extra: 'x' } });
    assert.equal(updated.title, 'renamed');
    assert.deepEqual(updated.metadata, { extra: 'x' });

    const events = await follow(created.id, isEndTurn, () =>
      client.sessions.events.send(created.id, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'hello there' }] }] }),
    );
    const types = events.map((e) => e.type);
    assert.ok(types.includes('user.message') && types.includes('agent.message') && types.includes('session.status_running'), types.join());
    const listed = await client.sessions.events.list(created.id).toArray();
    assert.deepEqual(listed.map((e) => e.id), events.map((e) => e.id), 'the follower saw exactly the listed history');

    const archived = await client.sessions.archive(created.id);
    assert.ok(archived.archived_at);
    const deleted = await client.sessions.delete(created.id);
    assert.deepEqual(deleted, { id: created.id, type: 'session_deleted' });
    await assert.rejects(client.sessions.retrieve(created.id), (e: unknown) => e instanceof APIError && e.status === 404 && e.isNotFound);
  });

  it('lists every session across pages exactly once', async () => {
    const all: Session[] = await client.sessions.list({ include_archived: true, limit: 2 }).toArray();
    const ids = all.map((s) => s.id);
    assert.ok(ids.length >= 5, `seeded sessions (${ids.length})`);
    assert.equal(new Set(ids).size, ids.length);
    const direct = (await client.sessions.list({ include_archived: true, limit: 100 }).firstPage()).data.map((s) => s.id);
    assert.deepEqual(ids, direct);
  });

  it('round-trips a tool confirmation', async () => {
    const [agentId, environmentId] = await plainAgentAndEnvironment();
    const session = await client.sessions.create({ agent: agentId, environment_id: environmentId });
    const firstTurn = await follow(session.id, (e) => e.type === 'session.status_idle' && e.stop_reason?.type === 'requires_action', () =>
      client.sessions.events.send(session.id, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'please run it #confirm' }] }] }),
    );
    const idle = firstTurn.at(-1);
    assert.ok(idle?.type === 'session.status_idle' && idle.stop_reason?.type === 'requires_action');
    const [toolUseId] = idle.stop_reason.event_ids;
    assert.ok(firstTurn.some((e) => e.id === toolUseId && e.type === 'agent.tool_use'));
    const secondTurn = await follow(session.id, isEndTurn, () =>
      client.sessions.events.send(session.id, { events: [{ type: 'user.tool_confirmation', tool_use_id: toolUseId, result: 'allow' }] }),
    );
    assert.ok(secondTurn.some((e) => e.type === 'agent.tool_result'));
  });

  it('follows a session through repeated stream drops with nothing lost or repeated', async () => {
    const [agentId, environmentId] = await plainAgentAndEnvironment();
    const session = await client.sessions.create({ agent: agentId, environment_id: environmentId });
    sim.faults.set({ dropStream: { afterEvents: 7, midEvent: true, count: 30 } });
    const streamRequests = () => sim.requests.filter((r) => r.path.endsWith('/events/stream')).length;
    const streamsBefore = streamRequests();
    // Events arrive "from elsewhere" in ten bursts of 30, many of them landing on the wire mid-drop. Each
    // burst starts once a stream opened since the last one is live, so each burst is cut (after 7 events)
    // at least once whatever the machine's pace; the closing event waits for the last reopening.
    const streamOpenedSince = async (seen: number) => {
      for (const deadline = Date.now() + 15_000; !(sim.openStreams > 0 && streamRequests() > seen); ) {
        if (Date.now() > deadline) throw new Error(`no stream reopened after ${seen - streamsBefore} stream requests`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return streamRequests();
    };
    const produce = async () => {
      sim.appendEvent(session.id, { type: 'session.status_running' });
      let seen = streamsBefore;
      try {
        for (let burst = 0; burst < 10; burst++) {
          seen = await streamOpenedSince(seen);
          for (let n = burst * 30; n < (burst + 1) * 30; n++) {
            sim.appendEvent(session.id, { type: 'agent.message', content: [{ type: 'text', text: `part ${n}` }] });
            if (n % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
          }
        }
        await streamOpenedSince(seen);
      } finally {
        // Also on failure, so the follower ends and the test reports why.
        sim.appendEvent(session.id, { type: 'session.status_idle', stop_reason: { type: 'end_turn' } });
      }
    };
    try {
      let producing: Promise<void> | undefined;
      const events = await follow(session.id, isEndTurn, async () => {
        producing = produce();
      });
      await producing;
      const listed = await client.sessions.events.list(session.id, { limit: 50 }).toArray();
      assert.equal(new Set(events.map((e) => e.id)).size, events.length, 'no duplicates');
      assert.deepEqual(events.map((e) => e.id), listed.map((e) => e.id), 'same events, same order');
      assert.equal(listed.filter((e) => e.type === 'agent.message').length, 300);
      const reconnects = streamRequests() - streamsBefore - 1;
      assert.ok(reconnects >= 10, `the stream was dropped and reopened (${reconnects} reconnects)`);
    } finally {
      sim.faults.clear();
    }
  });

  it('answers ordinary requests while more live streams are open than its request pool has connections', async () => {
    const [agentId, environmentId] = await plainAgentAndEnvironment();
    const session = await client.sessions.create({ agent: agentId, environment_id: environmentId });
    const controllers = Array.from({ length: 24 }, () => new AbortController());
    const within = <T>(promise: Promise<T>, what: string) =>
      Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} waited for a free connection`)), 3_000))]);
    // Each SSE stream holds an HTTP/1.1 connection for as long as it is open (a history panel per session).
    const opening = controllers.map((controller) => client.sessions.events.stream(session.id, {}, { signal: controller.signal }));
    try {
      await within(Promise.all(opening), '24 streams');
      const agents = await within(client.agents.list().toArray(), 'the agents list');
      assert.ok(agents.length > 0);
    } finally {
      for (const controller of controllers) controller.abort();
      await Promise.allSettled(opening);
      await client.sessions.delete(session.id);
    }
    await until(() => sim.openStreams === 0, 'every aborted stream to close on the server');
  });

  it('leaves no stream open on the server when the client gives up during a slow answer', async () => {
    const [agentId, environmentId] = await plainAgentAndEnvironment();
    const session = await client.sessions.create({ agent: agentId, environment_id: environmentId });
    sim.faults.set({ latencyMs: 300 });
    try {
      const controller = new AbortController();
      const opening = client.sessions.events.stream(session.id, {}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(opening);
      // The simulator answers after its 300 ms, finds the client gone and closes the stream; a leak never does.
      for (const deadline = Date.now() + 5_000; sim.openStreams > 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(sim.openStreams, 0, 'a stream (and its heartbeat timer) outlived its client');
    } finally {
      sim.faults.clear();
      await client.sessions.delete(session.id);
    }
  });

  it('makes one request for each state refusal, whether the simulator answers it 400 or 409', async () => {
    const [agentId, environmentId] = await plainAgentAndEnvironment();
    const running = await client.sessions.create({ agent: agentId, environment_id: environmentId });
    const archived = await client.sessions.create({ agent: agentId, environment_id: environmentId });
    sim.setStatus(running.id, 'running');
    sim.archiveSession(archived.id);
    const refusals: [string, () => Promise<unknown>][] = [
      ['archive a running session', () => client.sessions.archive(running.id)],
      ['delete a running session', () => client.sessions.delete(running.id)],
      ['change the tools of a running session', () => client.sessions.update(running.id, { agent: { tools: [] } })],
      ['update an archived session', () => client.sessions.update(archived.id, { title: 'x' })],
      ['send to an archived session', () => client.sessions.events.send(archived.id, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'hi' }] }] })],
    ];
    try {
      for (const status of [400, 409] as const) {
        sim.faults.set({ stateConflictStatus: status });
        for (const [what, refuse] of refusals) {
          const before = sim.requests.length;
          const error = await refuse().catch((caught: unknown) => caught);
          assert.ok(error instanceof APIError && error.status === status, `${what}: a ${status}`);
          assert.ok(error.isStateConflict, `${what}: a state conflict`);
          assert.equal(sim.requests.length - before, 1, `${what} (${status}): not retried`);
        }
      }
    } finally {
      sim.faults.clear();
      sim.setStatus(running.id, 'idle');
      await client.sessions.delete(running.id);
      await client.sessions.delete(archived.id);
    }
  });

  it('gets request_too_large for a 33 MB body, once, with advice to send less', async () => {
    const [agentId, environmentId] = await plainAgentAndEnvironment();
    const session = await client.sessions.create({ agent: agentId, environment_id: environmentId });
    const before = sim.requests.length;
    const error = await client.sessions.events
      .send(session.id, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'x'.repeat(33_000_000) }] }] })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof APIError && error.status === 413 && error.type === 'request_too_large', String(error));
    assert.match(error.message, /too large: send less at once/);
    assert.equal(sim.requests.length - before, 1);
    await client.sessions.delete(session.id);
  });

  it('raises a 401 that says how to set the key', async () => {
    const wrong = new ManagedAgentsClient({ baseURL: sim.url, apiKey: () => 'sk-wrong' });
    await assert.rejects(wrong.sessions.list().firstPage(), (e: unknown) => e instanceof APIError && e.status === 401 && !/Set API Key/.test(e.message) && /Set API Key/.test(describeError(e)));
    await wrong.close();
  });

  it('rides out a 429 with retry-after', async () => {
    const before = sim.requests.length;
    sim.faults.set({ errors: [{ status: 429, count: 1, retryAfterMs: 5, path: '/v1/agents' }] });
    try {
      assert.ok((await client.agents.list().toArray()).length > 0);
      assert.equal(sim.requests.length - before, 2);
    } finally {
      sim.faults.clear();
    }
  });
});

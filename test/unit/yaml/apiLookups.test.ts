// The lookups behind completion, pickers and CodeLens titles: cached, refreshed behind a stale answer,
// never stuck behind a hung load, and forgotten (for good) when the key or server changes.
import assert from 'node:assert/strict';
import { ApiLookups } from '../../../src/yaml/editor/apiLookups';
import type { Agent } from '../../../src/api';

type Listener = () => void;

function emitter(): { event: (listener: Listener) => { dispose(): void }; fire(): void } {
  const listeners = new Set<Listener>();
  return {
    event: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    fire: () => listeners.forEach((listener) => listener()),
  };
}

interface Pending {
  resolve(agents: Agent[]): void;
  reject(error: Error): void;
}

/** A client whose agent lists answer only when the test says so. */
function harness() {
  let time = 1_000_000;
  const loads: Pending[] = [];
  const client = {
    agents: {
      list: () => ({
        toArray: () =>
          new Promise<Agent[]>((resolve, reject) => {
            loads.push({ resolve, reject });
          }),
      }),
    },
  };
  const key = emitter();
  const settings = emitter();
  const lookups = new ApiLookups(client as never, { onDidChange: key.event } as never, { onDidChange: settings.event } as never, () => time);
  return {
    lookups,
    loads,
    key,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

const agent = (id: string, archived = false): Agent => ({ id, archived_at: archived ? '2026-01-01T00:00:00Z' : null }) as unknown as Agent;
const ids = (agents: Agent[]) => agents.map((a) => a.id);
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ApiLookups', () => {
  it('loads once for callers within the cache time, and leaves archived agents out', async () => {
    const { lookups, loads, advance } = harness();
    const first = lookups.agents();
    advance(1_000);
    const second = lookups.agents();
    assert.equal(loads.length, 1);
    loads[0].resolve([agent('a'), agent('old', true)]);
    assert.deepEqual(ids(await first), ['a']);
    assert.deepEqual(ids(await second), ['a']);
  });

  it('answers from the cache when it is stale, and the next caller sees the refreshed list', async () => {
    const { lookups, loads, advance } = harness();
    const first = lookups.agents();
    loads[0].resolve([agent('a')]);
    await first;
    advance(15_000);
    assert.deepEqual(ids(await lookups.agents()), ['a'], 'a stale answer is served at once');
    assert.equal(loads.length, 2, 'a refresh started behind it');
    assert.equal(lookups.agents(), lookups.agents(), 'one refresh at a time');
    assert.equal(loads.length, 2);
    loads[1].resolve([agent('b'), agent('a')]);
    await settle();
    assert.deepEqual(ids(await lookups.agents()), ['b', 'a']);
  });

  it('replaces a load that hangs instead of waiting on it', async () => {
    const { lookups, loads, advance } = harness();
    void lookups.agents();
    advance(3_000);
    void lookups.agents();
    assert.equal(loads.length, 1, 'a load in progress is shared');
    advance(6_000);
    const retried = lookups.agents();
    assert.equal(loads.length, 2, 'a load pending for 9 s is given up on');
    loads[1].resolve([agent('a')]);
    assert.deepEqual(ids(await retried), ['a']);
  });

  it('does not cache a failure', async () => {
    const { lookups, loads } = harness();
    const failed = lookups.agents();
    loads[0].reject(new Error('403'));
    await assert.rejects(failed, /403/);
    const retried = lookups.agents();
    assert.equal(loads.length, 2);
    loads[1].resolve([agent('a')]);
    assert.deepEqual(ids(await retried), ['a']);
  });

  it('forgets when the key changes, and a refresh begun before that cannot bring the old list back', async () => {
    const { lookups, loads, advance, key } = harness();
    const first = lookups.agents();
    loads[0].resolve([agent('old-key')]);
    await first;
    advance(15_000);
    await lookups.agents();
    assert.equal(loads.length, 2, 'a refresh is under way');
    key.fire();
    const afterChange = lookups.agents();
    assert.equal(loads.length, 3, 'the new key loads afresh');
    loads[1].resolve([agent('old-key-refreshed')]);
    loads[2].resolve([agent('new-key')]);
    await settle();
    assert.deepEqual(ids(await afterChange), ['new-key']);
    assert.deepEqual(ids(await lookups.agents()), ['new-key']);
  });

  it('skips the cache when asked for fresh data (pickers)', async () => {
    const { lookups, loads } = harness();
    void lookups.agents();
    loads[0].resolve([agent('a')]);
    await settle();
    const fresh = lookups.agents({ fresh: true });
    assert.equal(loads.length, 2);
    loads[1].resolve([agent('b')]);
    assert.deepEqual(ids(await fresh), ['b']);
  });

  it("loads an agent's versions from the API each time, archived or not, as many as the other lists", async () => {
    const asked: { agentId: string; params: unknown; max: number | undefined }[] = [];
    const listed = [agent('v2', true), agent('v1', true)];
    const client = {
      agents: {
        versions: (agentId: string, params: unknown) => ({
          toArray: async (max?: number) => (asked.push({ agentId, params, max }), listed),
        }),
      },
    };
    const silent = { onDidChange: () => ({ dispose: () => undefined }) };
    const lookups = new ApiLookups(client as never, silent, silent);
    assert.deepEqual(ids(await lookups.agentVersions('agent_1')), ['v2', 'v1']);
    await lookups.agentVersions('agent_1');
    assert.deepEqual(asked, [
      { agentId: 'agent_1', params: { limit: 100 }, max: 500 },
      { agentId: 'agent_1', params: { limit: 100 }, max: 500 },
    ]);
  });
});

// A create or a send whose answer is lost (the simulator acts, then cuts the connection): the client
// does not repeat it, and the reconciliation finds out what happened: the session the create made
// (never one that was there before, even an identical one), or whether the message arrived (never
// counting an identical message sent before).
import assert from 'node:assert/strict';
import { APIConnectionError, APIError, ManagedAgentsClient, type SessionCreateParams } from '../../../src/api';
import {
  createReconciliationMessage,
  matchesParams,
  mayHaveActed,
  reconcileCreate,
  reconcileSend,
  sendReconciliationMessage,
} from '../../../src/shared/lostResponse';
import { startSimulator, type SimulatorHandle } from '../../simulator';
import { count, report } from './soak';

describe('reliability: lost answers to create and send', function () {
  this.timeout(60_000);
  let sim: SimulatorHandle;
  let client: ManagedAgentsClient;
  let agent: string;
  let environment: string;

  before(async () => {
    sim = await startSimulator({ stepDelayMs: 2 });
    client = new ManagedAgentsClient({ baseURL: sim.url, apiKey: () => 'sk-test', random: () => 0 });
    agent = (await client.agents.list({ limit: 20 }).firstPage()).data.find((a) => !a.archived_at)!.id;
    environment = (await client.environments.list({ limit: 20 }).firstPage()).data.find((e) => e.config.type === 'cloud')!.id;
  });
  after(async () => {
    await client.close();
    await sim.close();
  });
  afterEach(() => sim.faults.clear());

  const posts = (path: string, since: number) => sim.requests.slice(since).filter((r) => r.method === 'POST' && r.path === path);

  it('tells which failures may have acted', () => {
    assert.equal(mayHaveActed(new APIConnectionError('dropped', { notSent: false })), true);
    assert.equal(mayHaveActed(new APIConnectionError('refused', { notSent: true })), false);
    assert.equal(mayHaveActed(new APIError({ status: 500, body: {}, requestId: undefined })), true);
    assert.equal(mayHaveActed(new APIError({ status: 529, body: {}, requestId: undefined })), false);
    assert.equal(mayHaveActed(new APIError({ status: 400, body: {}, requestId: undefined })), false);
    assert.equal(matchesParams({ type: 'user.message', id: 'x', content: [{ type: 'text', text: 'a' }] }, { type: 'user.message', content: [{ type: 'text', text: 'a' }] }), true);
    assert.equal(matchesParams({ type: 'user.message', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }, { type: 'user.message', content: [{ type: 'text', text: 'a' }] }), false);
  });

  const knownSessions = async () => new Set((await client.sessions.list({ limit: 100, include_archived: true }).firstPage()).data.map((s) => s.id));

  it(`a create whose answer is lost: sent once, the new session found and no other, even an identical older one (x${count(5, 25)})`, async () => {
    const n = count(5, 25);
    for (let i = 0; i < n; i++) {
      const title = `lost create ${i % 2}`;
      const body: SessionCreateParams = { agent, environment_id: environment, title, metadata: { team: 'qa' } };
      const known = await knownSessions();
      const before = sim.requests.length;
      sim.faults.set({ actThenDrop: { method: 'POST', path: '/v1/sessions', count: 1 } });
      const started = Date.now();
      const error = await client.sessions.create(body).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof APIConnectionError && !error.notSent, `lost: ${String(error)}`);
      assert.equal(mayHaveActed(error), true);
      assert.equal(posts('/v1/sessions', before).length, 1, 'the create was not repeated');
      const result = await reconcileCreate(client, body, { startedAt: started, knownIds: known });
      assert.equal(result.outcome, 'created', JSON.stringify(result));
      const made = (await client.sessions.list({ limit: 100 }).toArray()).filter((s) => s.title === title && !known.has(s.id));
      assert.equal(made.length, 1, 'exactly one new session exists');
      assert.equal(result.outcome === 'created' && result.session.id, made[0].id);
      assert.deepEqual(made[0].metadata, { team: 'qa' }, 'the session is exactly the body');
      assert.match(createReconciliationMessage(error, result), new RegExp(`^The connection dropped after the request was sent; the session was created: "${title}" \\(sesn_`));
    }
    report('lost creates reconciled (unit)', n);
  });

  it('a create that failed is reported as not created; two identical new sessions as "cannot tell"', async () => {
    const before = sim.requests.length;
    const known = await knownSessions();
    sim.faults.set({ errors: [{ status: 500, method: 'POST', path: '/v1/sessions', count: 1 }] });
    const body: SessionCreateParams = { agent, environment_id: environment, title: `never made ${Date.now()}` };
    const failed = await client.sessions.create(body).catch((e: unknown) => e);
    assert.ok(failed instanceof APIError && failed.status === 500 && mayHaveActed(failed));
    assert.equal(posts('/v1/sessions', before).length, 1, 'a 500 on create is not retried');
    const missing = await reconcileCreate(client, body, { startedAt: Date.now(), knownIds: known });
    assert.deepEqual(missing, { outcome: 'notCreated' });
    assert.equal(createReconciliationMessage(failed, missing), 'The API failed (500) after the request was sent; the session was not created: try again.');

    const twin: SessionCreateParams = { agent, environment_id: environment, title: `twin ${Date.now()}` };
    const knownNow = await knownSessions();
    await client.sessions.create(twin);
    await client.sessions.create(twin);
    const ambiguous = await reconcileCreate(client, twin, { startedAt: Date.now() - 1_000, knownIds: knownNow });
    assert.equal(ambiguous.outcome, 'unknown');
    assert.match(createReconciliationMessage(new APIConnectionError('x'), ambiguous), /could not be checked \(2 new sessions match the body.*\)\. Refresh the Sessions view before trying again/);
  });

  it(`a send whose answer is lost: sent once, found in the session, an earlier identical message not mistaken for it (x${count(5, 25)})`, async () => {
    const session = await client.sessions.create({ agent, environment_id: environment, title: 'lost sends' });
    const n = count(5, 25);
    for (let i = 0; i < n; i++) {
      const events = [{ type: 'user.message' as const, content: [{ type: 'text' as const, text: `same text ${i % 2}` }] }];
      await sim.waitForStatus(session.id, 'idle');
      const known = new Set((await client.sessions.events.list(session.id, { limit: 1000 }).toArray()).map((e) => e.id));
      const before = sim.requests.length;
      sim.faults.set({ actThenDrop: { method: 'POST', path: '/v1/sessions/*/events', count: 1 } });
      const started = Date.now();
      const error = await client.sessions.events.send(session.id, { events }).catch((e: unknown) => e);
      assert.ok(error instanceof APIConnectionError && mayHaveActed(error));
      assert.equal(posts(`/v1/sessions/${session.id}/events`, before).length, 1, 'the send was not repeated');
      const result = await reconcileSend(client, session.id, events, { startedAt: started, knownIds: known });
      assert.equal(result.outcome, 'arrived');
      const copies = (await client.sessions.events.list(session.id, { limit: 1000 }).toArray()).filter(
        (e) => e.type === 'user.message' && !known.has(e.id) && matchesParams(e, events[0]),
      );
      assert.equal(copies.length, 1, 'the message is in the session exactly once');
      assert.equal(result.outcome === 'arrived' && result.events[0].id, copies[0].id);
      assert.equal(sendReconciliationMessage(error, result), 'The connection dropped after the request was sent; the message arrived.');

      // The same text again, but this time the server fails before acting: it did not arrive, although an identical one is there.
      await sim.waitForStatus(session.id, 'idle');
      const knownNow = new Set((await client.sessions.events.list(session.id, { limit: 1000 }).toArray()).map((e) => e.id));
      sim.faults.set({ errors: [{ status: 500, method: 'POST', path: '/v1/sessions/*/events', count: 1 }] });
      const failed = await client.sessions.events.send(session.id, { events }).catch((e: unknown) => e);
      const missing = await reconcileSend(client, session.id, events, { startedAt: Date.now(), knownIds: knownNow });
      assert.deepEqual(missing, { outcome: 'notArrived' });
      assert.equal(sendReconciliationMessage(failed, missing), 'The API failed (500) after the request was sent; the message did not arrive: try again.');
    }
    report('lost sends reconciled (unit)', n);
  });
});

import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { APIError, FollowedEvents, ManagedAgentsClient, followSession, followThread, type FollowItem } from '../../src/api';
import { apiError, sendJson, startTestServer, type TestServer } from './helpers/test-server';

interface FakeEvent {
  id: string;
  type: string;
  processed_at: string | null;
  n?: number;
}

/** A session whose events keep coming, and whose streams can be cut at chosen points. */
class FakeSession {
  readonly events: FakeEvent[] = [];
  readonly streams = new Set<{ res: ServerResponse; sent: number; dropAfter: number }>();
  streamOpens = 0;
  private clock = Date.parse('2026-11-21T00:00:00.000Z');

  constructor(private readonly dropAfter: () => number) {}

  emit(event: Omit<FakeEvent, 'processed_at'> & { processed_at?: string | null }): FakeEvent {
    const full: FakeEvent = { processed_at: new Date((this.clock += 1)).toISOString(), ...event };
    const existing = this.events.findIndex((e) => e.id === full.id);
    if (existing >= 0) this.events[existing] = full;
    else this.events.push(full);
    this.broadcast(`event: ${full.type}\ndata: ${JSON.stringify(full)}\n\n`);
    return full;
  }

  broadcast(frame: string): void {
    for (const stream of [...this.streams]) {
      if (stream.sent >= stream.dropAfter) {
        // Cut the connection, sometimes in the middle of a frame.
        if (stream.sent % 2) stream.res.write(frame.slice(0, Math.floor(frame.length / 2)));
        stream.res.socket?.destroy();
        this.streams.delete(stream);
        continue;
      }
      stream.res.write(frame);
      stream.sent++;
    }
  }

  openStream(res: ServerResponse): void {
    this.streamOpens++;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    const stream = { res, sent: 0, dropAfter: this.dropAfter() };
    this.streams.add(stream);
    res.on('close', () => this.streams.delete(stream));
  }

  /** Keyset pages like the API's: `page` is the position (in `events`) of the last event returned, so events added meanwhile shift nothing. */
  list(res: ServerResponse, query: URLSearchParams): void {
    const gte = query.get('created_at[gte]');
    const limit = Number(query.get('limit') ?? 100);
    const desc = query.get('order') === 'desc';
    const after = query.get('page') === null ? undefined : Number(query.get('page'));
    const positions = this.events.map((_, i) => i).filter((i) => !gte || (this.events[i].processed_at !== null && this.events[i].processed_at >= gte));
    if (desc) positions.reverse();
    const rest = after === undefined ? positions : positions.filter((i) => (desc ? i < after : i > after));
    const page = rest.slice(0, limit);
    sendJson(res, 200, { data: page.map((i) => this.events[i]), next_page: rest.length > limit ? String(page[page.length - 1]) : null });
  }
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function seeded(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('followSession', () => {
  let server: TestServer;
  let client: ManagedAgentsClient;
  let session: FakeSession;

  async function setup(dropAfter: () => number) {
    session = new FakeSession(dropAfter);
    server = await startTestServer((req, res) => {
      if (req.path.endsWith('/events/stream')) return session.openStream(res);
      if (req.path.endsWith('/events')) return session.list(res, req.query);
      apiError(res, 404, 'not_found_error', 'no such thing');
    });
    client = new ManagedAgentsClient({ baseURL: server.url, apiKey: () => 'k', maxRetries: 0 });
  }

  afterEach(async () => {
    await client.close();
    await server.close();
  });

  async function collectUntil(items: AsyncIterable<FollowItem>, done: (seen: FollowItem[]) => boolean): Promise<FollowItem[]> {
    const seen: FollowItem[] = [];
    for await (const item of items) {
      seen.push(item);
      if (done(seen)) break;
    }
    return seen;
  }

  it('yields every event exactly once, each placed where it belongs, across many drops', async () => {
    const random = seeded(7);
    await setup(() => 1 + Math.floor(random() * 12));
    for (let n = 0; n < 130; n++) session.emit({ id: `evt_${n}`, type: 'agent.message', n });
    const total = 600;
    // Ten bursts of 47 events (more than any stream takes before it is cut), each begun once a stream
    // opened since the last burst is live: at least ten drops and reopenings whatever the machine's pace.
    const producer = (async () => {
      let opens = 0;
      for (let n = 130; n < total; n++) {
        if ((n - 130) % 47 === 0) {
          for (const deadline = Date.now() + 10_000; !(session.streamOpens > opens && session.streams.size > 0); await new Promise((r) => setTimeout(r, 1))) {
            if (Date.now() > deadline) throw new Error(`no stream reopened after ${session.streamOpens} opens`);
          }
          opens = session.streamOpens;
        }
        session.emit({ id: `evt_${n}`, type: 'agent.message', n });
        if (n % 2 === 0) await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const placed = new FollowedEvents();
    const items = await collectUntil(followSession(client, 'sesn_1', { reconnectDelayMs: () => 1, pageSize: 40 }), (seen) => {
      placed.apply(seen[seen.length - 1]);
      return placed.events.length === total;
    });
    await producer;
    const ids = items.filter((i) => i.kind === 'event').map((i) => (i as { event: { id: string } }).event.id);
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    assert.deepEqual(placed.events.map((e) => e.id), session.events.map((e) => e.id), 'every event, in order, once placed');
    const places = new Set(items.flatMap((i) => (i.kind === 'event' ? [i.place] : [])));
    assert.deepEqual([...places].sort(), ['live', 'newest', 'older']);
    assert.ok(session.streamOpens >= 10, `the stream was dropped and reopened (${session.streamOpens} opens)`);
    assert.ok(items.some((i) => i.kind === 'connection' && i.state === 'reconnecting'));
  });

  it('shows the newest page first: one order=desc request, sent with the stream, before any older page', async () => {
    await setup(() => Infinity);
    for (let n = 0; n < 250; n++) session.emit({ id: `evt_${n}`, type: 'agent.message', n });
    const follower = followSession(client, 'sesn_1', { pageSize: 100, olderPages: 'onRequest' });
    const items: FollowItem[] = [];
    // Read by hand: leaving a for-await loop would stop the follow (and its stream request) at once.
    for (let next = await follower.next(); !next.done; next = await follower.next()) {
      items.push(next.value);
      if (next.value.kind === 'page') break;
    }
    const lists = server.requests.filter((r) => r.path.endsWith('/events'));
    assert.deepEqual(lists.map((r) => `${r.query.get('order')} ${r.query.get('limit')} ${r.query.get('page')}`), ['desc 100 null'], 'one request for the newest page');
    // The stream was asked for with it (the stream thread starts with the first one, so it may arrive a little later).
    for (const deadline = Date.now() + 5_000; !server.requests.some((r) => r.path.endsWith('/stream')); ) {
      assert.ok(Date.now() < deadline, 'the stream was requested');
      await new Promise((r) => setTimeout(r, 10));
    }
    const events = items.filter((i): i is Extract<FollowItem, { kind: 'event' }> => i.kind === 'event');
    assert.deepEqual(events.map((e) => e.event.id), session.events.slice(150).map((e) => e.id), 'the newest 100 events, oldest first');
    assert.ok(events.every((e) => e.place === 'newest'));
    assert.deepEqual(items[items.length - 1], { kind: 'page', place: 'newest', count: 100, hasOlder: true });
    assert.equal(follower.hasOlder, true);
    await follower.return();
  });

  it('loads older pages when asked, a page at a time, with no gap and no duplicate', async () => {
    await setup(() => Infinity);
    for (let n = 0; n < 250; n++) session.emit({ id: `evt_${n}`, type: 'agent.message', n });
    const follower = followSession(client, 'sesn_1', { pageSize: 100, olderPages: 'onRequest' });
    const placed = new FollowedEvents();
    const pages: Array<Extract<FollowItem, { kind: 'page' }>> = [];
    for await (const item of follower) {
      placed.apply(item);
      if (item.kind === 'connection' && item.state === 'live') follower.requestOlder();
      if (item.kind !== 'page') continue;
      pages.push(item);
      if (item.place === 'older' && item.hasOlder) {
        assert.equal(placed.events.length, 200, 'one page per request');
        follower.requestOlder();
      }
      if (!item.hasOlder) break;
    }
    assert.deepEqual(pages.map((p) => `${p.place} ${p.count} ${p.hasOlder}`), ['newest 100 true', 'older 100 true', 'older 50 false']);
    assert.deepEqual(placed.events.map((e) => e.id), session.events.map((e) => e.id));
    const lists = server.requests.filter((r) => r.path.endsWith('/events'));
    assert.equal(lists.filter((r) => r.query.get('order') === 'desc').length, 3, 'three desc pages');
    await follower.return();
  });

  it('keeps session order when a server (or a gateway dropping the parameter) ignores order=desc', async () => {
    await setup(() => Infinity);
    for (let n = 0; n < 5; n++) session.emit({ id: `evt_${n}`, type: 'agent.message', n });
    const ignoring = await startTestServer((req, res) => {
      if (req.path.endsWith('/events/stream')) return session.openStream(res);
      req.query.delete('order');
      session.list(res, req.query);
    });
    const other = new ManagedAgentsClient({ baseURL: ignoring.url, apiKey: () => 'k', maxRetries: 0 });
    try {
      const items = await collectUntil(followSession(other, 'sesn_1'), (seen) => seen[seen.length - 1].kind === 'page');
      assert.deepEqual(items.flatMap((i) => (i.kind === 'event' ? [i.event.id] : [])), ['evt_0', 'evt_1', 'evt_2', 'evt_3', 'evt_4']);
    } finally {
      await other.close();
      await ignoring.close();
    }
  });

  it('catches what happened between the newest page and the stream opening, once', async () => {
    session = new FakeSession(() => Infinity);
    for (let n = 0; n < 5; n++) session.emit({ id: `evt_${n}`, type: 'agent.message', n });
    // The stream opens late: events logged after the newest page was read, before the stream listens.
    server = await startTestServer(async (req, res) => {
      if (req.path.endsWith('/events/stream')) {
        await new Promise((r) => setTimeout(r, 150));
        return session.openStream(res);
      }
      if (req.path.endsWith('/events')) {
        session.list(res, req.query);
        if (req.query.get('order') === 'desc') setTimeout(() => session.emit({ id: 'evt_between', type: 'agent.message' }), 50);
        return;
      }
      apiError(res, 404, 'not_found_error', 'no such thing');
    });
    client = new ManagedAgentsClient({ baseURL: server.url, apiKey: () => 'k', maxRetries: 0 });
    const placed = new FollowedEvents();
    const items = await collectUntil(followSession(client, 'sesn_1'), (seen) => {
      const item = seen[seen.length - 1];
      placed.apply(item);
      if (item.kind === 'connection' && item.state === 'live') session.emit({ id: 'evt_after', type: 'agent.message' });
      return placed.events.some((e) => e.id === 'evt_after');
    });
    assert.deepEqual(placed.events.map((e) => e.id), ['evt_0', 'evt_1', 'evt_2', 'evt_3', 'evt_4', 'evt_between', 'evt_after']);
    const between = items.filter((i) => i.kind === 'event' && i.event.id === 'evt_between');
    assert.equal(between.length, 1);
    assert.equal((between[0] as Extract<FollowItem, { kind: 'event' }>).place, 'live');
  });

  it('reports an event first seen unprocessed, then processed, as one event updated', async () => {
    await setup(() => Infinity);
    const items: FollowItem[] = [];
    const follower = followSession(client, 'sesn_1', { reconnectDelayMs: () => 1 });
    for await (const item of follower) {
      items.push(item);
      if (item.kind === 'connection' && item.state === 'live') {
        session.emit({ id: 'evt_user', type: 'user.message', processed_at: null });
        session.emit({ id: 'evt_user', type: 'user.message' });
        session.emit({ id: 'evt_user', type: 'user.message' }); // a repeat of the processed event
        session.emit({ id: 'evt_end', type: 'session.status_idle' });
      }
      if (item.kind === 'event' && item.event.id === 'evt_end') break;
    }
    const events = items.filter((i): i is Extract<FollowItem, { kind: 'event' }> => i.kind === 'event');
    assert.deepEqual(
      events.map((e) => [e.event.id, e.update, e.event.processed_at === null]),
      [
        ['evt_user', false, true],
        ['evt_user', true, false],
        ['evt_end', false, false],
      ],
    );
  });

  it('passes previews through, but not for an event already delivered whole', async () => {
    await setup(() => Infinity);
    const items: FollowItem[] = [];
    for await (const item of followSession(client, 'sesn_1')) {
      items.push(item);
      if (item.kind === 'connection' && item.state === 'live') {
        session.broadcast(`event: event_start\ndata: ${JSON.stringify({ type: 'event_start', event: { id: 'evt_m', type: 'agent.message' } })}\n\n`);
        session.broadcast(`event: event_delta\ndata: ${JSON.stringify({ type: 'event_delta', event_id: 'evt_m', delta: { type: 'content_delta', content: { type: 'text', text: 'Hi' } } })}\n\n`);
        session.emit({ id: 'evt_m', type: 'agent.message' });
        session.broadcast(`event: event_delta\ndata: ${JSON.stringify({ type: 'event_delta', event_id: 'evt_m', delta: { type: 'content_delta', content: { type: 'text', text: 'late' } } })}\n\n`);
        session.emit({ id: 'evt_end', type: 'session.status_idle' });
      }
      if (item.kind === 'event' && item.event.id === 'evt_end') break;
    }
    assert.deepEqual(
      items.flatMap((i) => (i.kind === 'preview' ? [`preview:${i.event.type}`] : i.kind === 'event' ? [`event:${i.event.id}`] : [])),
      ['preview:event_start', 'preview:event_delta', 'event:evt_m', 'event:evt_end'],
    );
  });

  it('stops with the API error when the session does not exist', async () => {
    session = new FakeSession(() => Infinity);
    server = await startTestServer((_req, res) => apiError(res, 404, 'not_found_error', 'session not found'));
    client = new ManagedAgentsClient({ baseURL: server.url, apiKey: () => 'k', maxRetries: 0 });
    await assert.rejects(collectUntil(followSession(client, 'sesn_gone'), () => false), (e: unknown) => e instanceof APIError && e.status === 404);
  });

  it('waits as long as a rate-limited server asks before reconnecting', async () => {
    const times: number[] = [];
    server = await startTestServer((req, res) => {
      if (req.path.endsWith('/events')) times.push(Date.now());
      apiError(res, 429, 'rate_limit_error', 'slow down', { 'retry-after-ms': '700' });
    });
    client = new ManagedAgentsClient({ baseURL: server.url, apiKey: () => 'k', maxRetries: 0 });
    const controller = new AbortController();
    const waits: number[] = [];
    for await (const item of followSession(client, 'sesn_1', { signal: controller.signal, reconnectDelayMs: () => 5 })) {
      if (item.kind === 'connection' && item.state === 'reconnecting' && item.retryInMs !== undefined) {
        waits.push(item.retryInMs);
        if (waits.length === 2) controller.abort();
      }
    }
    assert.deepEqual(waits, [700, 700], 'the server delay, not the 5 ms backoff');
    // Each attempt asks for the newest page (and the stream); the second waited for the first's delay.
    assert.equal(times.length, 2);
    assert.ok(times[1] - times[0] >= 650, `the second attempt came ${times[1] - times[0]} ms after the first`);
  });

  it('keeps reconnecting through server errors, and ends quietly when aborted', async () => {
    let calls = 0;
    server = await startTestServer((_req, res) => {
      calls++;
      apiError(res, 503, 'api_error', 'unavailable');
    });
    client = new ManagedAgentsClient({ baseURL: server.url, apiKey: () => 'k', maxRetries: 0 });
    const controller = new AbortController();
    const states: string[] = [];
    for await (const item of followSession(client, 'sesn_1', { signal: controller.signal, reconnectDelayMs: () => 5 })) {
      if (item.kind === 'connection') states.push(item.state);
      if (states.filter((s) => s === 'reconnecting').length >= 6) controller.abort();
    }
    assert.ok(calls >= 6 && calls < 40, `bounded retries, no tight loop (${calls} requests)`);
    assert.equal(states[0], 'connecting');
    assert.ok(!states.includes('live'));
  });
});

describe('followThread', () => {
  let server: TestServer;
  let client: ManagedAgentsClient;
  let thread: FakeSession;
  const queries: URLSearchParams[] = [];

  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it("yields every event of the thread once, in order, from the thread's own list and stream, across drops", async () => {
    const random = seeded(11);
    thread = new FakeSession(() => 1 + Math.floor(random() * 9));
    queries.length = 0;
    server = await startTestServer((req, res) => {
      if (req.path === '/v1/sessions/sesn_1/threads/sthr_2/stream') return thread.openStream(res);
      if (req.path === '/v1/sessions/sesn_1/threads/sthr_2/events') {
        queries.push(req.query);
        return thread.list(res, req.query);
      }
      apiError(res, 404, 'not_found_error', `no ${req.path}`);
    });
    client = new ManagedAgentsClient({ baseURL: server.url, apiKey: () => 'k', maxRetries: 0 });
    for (let n = 0; n < 95; n++) thread.emit({ id: `evt_${n}`, type: 'agent.message', n });
    const total = 300;
    const producer = (async () => {
      let opens = 0;
      for (let n = 95; n < total; n++) {
        if ((n - 95) % 41 === 0) {
          for (const deadline = Date.now() + 10_000; !(thread.streamOpens > opens && thread.streams.size > 0); await new Promise((r) => setTimeout(r, 1))) {
            if (Date.now() > deadline) throw new Error(`no stream reopened after ${thread.streamOpens} opens`);
          }
          opens = thread.streamOpens;
        }
        thread.emit({ id: `evt_${n}`, type: 'agent.message', n });
        if (n % 2 === 0) await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const placed = new FollowedEvents();
    const items: FollowItem[] = [];
    for await (const item of followThread(client, 'sesn_1', 'sthr_2', { reconnectDelayMs: () => 1, pageSize: 30 })) {
      items.push(item);
      placed.apply(item);
      if (placed.events.length === total) break;
    }
    await producer;
    const ids = items.flatMap((i) => (i.kind === 'event' ? [i.event.id] : []));
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    assert.deepEqual(placed.events.map((e) => e.id), thread.events.map((e) => e.id));
    const first = items.find((i) => i.kind === 'page');
    assert.deepEqual(first, { kind: 'page', place: 'newest', count: 95, hasOlder: false }, 'the whole thread first, nothing older');
    assert.ok(thread.streamOpens >= 5, `the stream was dropped and reopened (${thread.streamOpens} opens)`);
    // The thread's list takes no order and no time filter; catching up starts from its last page, not the first.
    assert.ok(queries.every((q) => q.get('order') === null && q.get('created_at[gte]') === null));
    const fromStart = queries.filter((q) => q.get('page') === null).length;
    assert.equal(fromStart, 1, 'only the first read starts at the first page');
  });
});

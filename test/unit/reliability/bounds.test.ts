// Hostile or broken servers are bounded: an endless SSE line fails the stream at the event size limit
// (and the follower reconnects), a retry-after of a day is not honoured, a listing that never ends
// stops, a body trickled in just inside the idle timeout is cut off, and a stream that floods while
// the history loads is held back instead of filling memory.
import assert from 'node:assert/strict';
import type http from 'node:http';
import {
  APIError,
  APITimeoutError,
  MalformedResponseError,
  ManagedAgentsClient,
  followSession,
  type FollowItem,
  type RequestLogEntry,
} from '../../../src/api';
import { MAX_EMPTY_PAGES_IN_A_ROW } from '../../../src/api/core/pagination';
import { MAX_SERVER_RETRY_DELAY_MS, serverRetryDelayMs } from '../../../src/api/core/retry';
import { MAX_EVENT_BYTES } from '../../../src/api/core/sse';
import { MAX_BUFFERED_STREAM_EVENTS } from '../../../src/api/follower';
import { clientOnTestServer } from '../helpers/test-client';
import { apiError, sendJson } from '../helpers/test-server';
import { report } from './soak';

const MiB = 1024 * 1024;

/** Fails with `what` when `promise` has not settled within `ms` (the old behaviour was to wait for hours). */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** An event stream whose one data line never ends: 1 MiB writes, as fast as the client reads, until it hangs up. */
function endlessLine(res: http.ServerResponse, sent: { bytes: number; closed: Promise<void> }): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const block = Buffer.alloc(MiB, 'x');
  let open = true;
  sent.closed = new Promise((resolve) => res.on('close', () => ((open = false), resolve())));
  const pump = () => {
    while (open) {
      sent.bytes += block.length;
      if (!res.write(block)) return void res.once('drain', pump);
    }
  };
  sent.bytes += Buffer.byteLength('event: agent.message\ndata: ');
  res.write('event: agent.message\ndata: ');
  pump();
}

describe('reliability: hostile servers are bounded', function () {
  this.timeout(60_000);
  const warnings: string[] = [];
  const log: RequestLogEntry[] = [];
  const setup = clientOnTestServer(() => {
    warnings.length = 0;
    log.length = 0;
    return { apiKey: () => 'sk-test-key', maxRetries: 0, onWarning: (m) => warnings.push(m), onRequest: (entry) => log.push(entry) };
  });

  for (const streamThread of [true, false]) {
    it(`an endless SSE line fails the stream after ${MAX_EVENT_BYTES / MiB} MiB ${streamThread ? 'on the stream thread' : 'in the host thread'}, and the connection is closed`, async () => {
      const sent = { bytes: 0, closed: Promise.resolve() };
      const { client } = await setup((_req, res) => endlessLine(res, sent), { streamThread });
      const stream = await client.sessions.events.stream('sesn_1');
      await assert.rejects(
        (async () => {
          for await (const _ of stream) void _;
        })(),
        (error: unknown) => error instanceof MalformedResponseError && /event too large to read \(over 64 MiB\)/.test(error.message),
      );
      await within(10_000, 'the connection to close', sent.closed);
      // What the server got out before the client hung up: the limit, plus what sockets and flow control buffer.
      assert.ok(sent.bytes > MAX_EVENT_BYTES, `${sent.bytes} bytes sent`);
      assert.ok(sent.bytes < MAX_EVENT_BYTES + 24 * MiB, `${(sent.bytes / MiB).toFixed(1)} MiB sent before the client closed the connection`);
      if (streamThread) assert.ok(client.streamThreadId, 'read on the stream thread');
      report(`endless SSE line (${streamThread ? 'stream thread' : 'host thread'}): MiB sent before the client closed`, Number((sent.bytes / MiB).toFixed(1)));
    });
  }

  it('followSession reconnects after an event too large to read, as after any broken stream', async () => {
    const sent = { bytes: 0, closed: Promise.resolve() };
    let streams = 0;
    const { client } = await setup((req, res) => {
      if (req.path.endsWith('/events/stream')) {
        if (streams++ === 0) return endlessLine(res, sent);
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`event: agent.message\ndata: ${JSON.stringify({ type: 'agent.message', id: 'sevt_after', processed_at: '2026-01-01T00:00:01Z', content: [] })}\n\n`);
        return;
      }
      sendJson(res, 200, { data: [], next_page: null });
    });
    const controller = new AbortController();
    const items: FollowItem[] = [];
    for await (const item of followSession(client, 'sesn_1', { signal: controller.signal, reconnectDelayMs: () => 10 })) {
      items.push(item);
      if (item.kind === 'event') break;
    }
    controller.abort();
    const reconnect = items.find((item) => item.kind === 'connection' && item.error);
    assert.ok(reconnect && reconnect.kind === 'connection' && reconnect.state === 'reconnecting', JSON.stringify(items.map((i) => i.kind === 'connection' ? i.state : i.kind)));
    assert.ok(reconnect.error instanceof MalformedResponseError && /too large to read/.test(reconnect.error.message), String(reconnect.error));
    assert.equal(streams, 2);
    assert.deepEqual(items.filter((item) => item.kind === 'event').map((item) => item.kind === 'event' && item.event.id), ['sevt_after']);
  });

  it('a server delay over 60 s is not honoured: the client falls back to its own backoff', async () => {
    assert.equal(MAX_SERVER_RETRY_DELAY_MS, 60_000);
    assert.equal(serverRetryDelayMs({ 'retry-after': '86400' }), undefined);
    assert.equal(serverRetryDelayMs({ 'retry-after-ms': '60001' }), undefined);
    assert.equal(serverRetryDelayMs({ 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }), undefined);
    assert.equal(serverRetryDelayMs({ 'retry-after': '60' }), 60_000);
    assert.equal(serverRetryDelayMs({ 'retry-after-ms': '1500' }), 1_500);

    const { server, client } = await setup((_req, res, i) => (i === 0 ? apiError(res, 429, 'rate_limit_error', 'come back tomorrow', { 'retry-after': '86400' }) : sendJson(res, 200, { id: 'sesn_1', type: 'session' })), {
      maxRetries: 2,
      random: () => 0,
    });
    await within(5_000, 'the retry', client.sessions.retrieve('sesn_1'));
    assert.equal(server.requests.length, 2);
    assert.equal(log[0].retryInMs, 500, 'the first backoff step, not a day');
  });

  it('the follower uses the same rule: a stream refused with retry-after: 86400 is retried on its own backoff', async () => {
    const { client } = await setup((req, res) => {
      if (req.path.endsWith('/events/stream')) return apiError(res, 503, 'overloaded_error', 'busy', { 'retry-after': '86400' });
      sendJson(res, 200, { data: [], next_page: null });
    });
    const controller = new AbortController();
    let retry: FollowItem | undefined;
    for await (const item of followSession(client, 'sesn_1', { signal: controller.signal, reconnectDelayMs: () => 25 })) {
      if (item.kind === 'connection' && item.retryInMs !== undefined) {
        retry = item;
        break;
      }
    }
    controller.abort();
    assert.ok(retry?.kind === 'connection' && retry.error instanceof APIError && retry.error.status === 503);
    assert.equal(retry.retryInMs, 25);
  });

  it(`a listing of empty pages without end stops after ${MAX_EMPTY_PAGES_IN_A_ROW} in a row, and one repeating a cursor at once`, async () => {
    const { server, client } = await setup((req, res) => {
      const page = Number(req.query.get('page') ?? 0);
      sendJson(res, 200, { data: [], next_page: String(page + 1) });
    });
    const agents = await within(10_000, 'the listing to stop', client.agents.list().toArray());
    assert.deepEqual(agents, []);
    assert.equal(server.requests.length, MAX_EMPTY_PAGES_IN_A_ROW);
    assert.match(warnings.join('\n'), /GET \/v1\/agents: The server sent 100 empty pages in a row; the listing stopped there/);
    report('endless empty pages: requests before the listing stopped', server.requests.length);
  });

  it('a listing whose cursor repeats stops, and says so', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 200, { data: [{ id: 'a' }], next_page: 'same' }));
    assert.equal((await client.agents.list().toArray()).length, 2);
    assert.equal(server.requests.length, 2);
    assert.match(warnings.join('\n'), /page cursor "same" a second time/);
  });

  it('a body trickled in just inside the idle timeout is cut off at the body deadline', async () => {
    let timer: NodeJS.Timeout | undefined;
    const { client } = await setup(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"');
        timer = setInterval(() => res.write('x'), 20);
        res.on('close', () => clearInterval(timer));
      },
      { timeoutMs: 1_000, maxBodyTimeMs: 300 },
    );
    // The message names the body deadline (0.3 s), not the idle timeout the trickle stays inside.
    await within(5_000, 'the body deadline', assert.rejects(client.sessions.retrieve('sesn_1'), (error: unknown) => error instanceof APITimeoutError && /took more than 0.3 s to send its answer/.test(error.message)));
    clearInterval(timer);
  });

  it(`a stream that floods while the history loads is held at ${MAX_BUFFERED_STREAM_EVENTS.toLocaleString('en-US')} events, not read into memory without end`, async () => {
    let pulled = 0;
    let releaseHistory!: () => void;
    const historyHeld = new Promise<void>((resolve) => (releaseHistory = resolve));
    const controller = new AbortController();
    // The follower reads a stream's batches; one event each here, so the bound is counted to the event.
    const flood = {
      close: () => undefined,
      async *batches() {
        for (;;) {
          // Let timers run now and then, as a real socket would.
          if (++pulled % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
          if (controller.signal.aborted) return;
          yield [{ type: 'agent.message', id: `sevt_${pulled}`, processed_at: '2026-01-01T00:00:00Z', content: [] }];
        }
      },
    };
    const fakeClient = {
      sessions: {
        events: {
          stream: async () => flood,
          // An empty history that ends only once the test lets it.
          // eslint-disable-next-line require-yield
          async *list() {
            await historyHeld;
          },
        },
      },
    } as unknown as ManagedAgentsClient;
    const follower = followSession(fakeClient, 'sesn_1', { signal: controller.signal });
    const first = await follower.next();
    assert.equal(first.value?.kind, 'connection');
    const history = follower.next();
    // Up to the bound however loaded the machine is, then a while longer to see that it stops there.
    for (const deadline = Date.now() + 10_000; pulled < MAX_BUFFERED_STREAM_EVENTS && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const held = pulled;
    controller.abort();
    releaseHistory();
    await history;
    await follower.return(undefined);
    assert.ok(held <= MAX_BUFFERED_STREAM_EVENTS + 1, `${held} events pulled while the history loaded`);
    assert.ok(held >= MAX_BUFFERED_STREAM_EVENTS, `${held} events pulled: the stream was read while the history loaded`);
  });
});

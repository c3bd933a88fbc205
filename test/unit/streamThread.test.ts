import assert from 'node:assert/strict';
import type http from 'node:http';
import { ManagedAgentsClient } from '../../src/api';
import { Agent, dispatcherTransport, type Transport, type TransportRequest, type TransportResponse } from '../../src/api/core/http';
import { batchText, type EventBatch } from '../../src/api/core/sse';
import { StreamThread } from '../../src/api/core/streamThread';
import { startTestServer, type Handler, type TestServer } from './helpers/test-server';

const PATH = '/v1/sessions/sesn_1/events/stream';
const sseEvent = (i: number, text = 'x') => `event: agent.message\ndata: ${JSON.stringify({ type: 'agent.message', id: `sevt_${i}`, content: [{ type: 'text', text }] })}\n\n`;

/** The in-thread transport, counting the requests it carries. */
function countingFallback(): Transport & { calls: number; close(): Promise<void> } {
  const agent = new Agent();
  const inner = dispatcherTransport(agent);
  const fallback = {
    calls: 0,
    request: (request: TransportRequest) => {
      fallback.calls++;
      return inner.request(request);
    },
    close: () => agent.destroy(),
  };
  return fallback;
}

async function readEvents(response: TransportResponse): Promise<Array<{ id: string }>> {
  assert.ok(response.body.eventBatches, 'the body was decoded into event batches');
  const events: Array<{ id: string }> = [];
  for (let batch = await response.body.eventBatches(); batch; batch = await response.body.eventBatches()) {
    events.push(...(JSON.parse(batchText(batch)) as Array<{ id: string }>));
  }
  return events;
}

async function readText(response: TransportResponse): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

describe('StreamThread', () => {
  let server: TestServer | undefined;
  let thread: StreamThread | undefined;
  let fallback: ReturnType<typeof countingFallback>;
  const fallbackReasons: string[] = [];

  /**
   * With `hostOnly`, the fallback stands in for a host thread that VS Code has patched (proxy, system
   * certificates): it reaches the server at `unreachableUrl`, where the worker gets a refusal.
   */
  async function setup(handler: Handler, options: { script?: string; hostOnly?: boolean } = {}) {
    server = await startTestServer(handler);
    fallback = countingFallback();
    fallbackReasons.length = 0;
    const closed = await startTestServer(() => undefined);
    const unreachableUrl = closed.url;
    await closed.close();
    const reached = server.url;
    const hostThread: Transport = options.hostOnly
      ? { request: (request) => fallback.request({ ...request, origin: request.origin === unreachableUrl ? reached : request.origin }) }
      : fallback;
    thread = new StreamThread({ connectTimeoutMs: 3_000, keepAliveTimeoutMs: 1_000, fallback: hostThread, onFallback: (reason) => fallbackReasons.push(reason), script: options.script });
    return { server, thread, unreachableUrl };
  }

  const get = (signal?: AbortSignal, url = server!.url): TransportRequest => ({
    origin: url,
    path: PATH,
    method: 'GET',
    headers: { accept: 'text/event-stream' },
    signal,
    headersTimeout: 5_000,
    bodyTimeout: 5_000,
  });

  afterEach(async () => {
    await thread?.close();
    await fallback?.close();
    await server?.close();
    thread = undefined;
    server = undefined;
  });

  it('reads an event stream on its worker and hands the events over in batches', async () => {
    const { thread } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: ping\ndata: {"type":"ping"}\n\n');
      for (let i = 0; i < 500; i++) res.write(sseEvent(i, 'é👋'.repeat(i % 7)));
      res.end();
    });
    const response = await thread.request(get());
    assert.equal(response.statusCode, 200);
    const events = await readEvents(response);
    assert.deepEqual(events.map((e) => e.id), Array.from({ length: 500 }, (_, i) => `sevt_${i}`));
    assert.equal(fallback.calls, 0);
    assert.ok(typeof thread.threadId === 'number' && thread.threadId > 0, 'a worker thread served the request');
  });

  it('returns an answer that is not an event stream (an error) as raw bytes', async () => {
    const { thread } = await setup((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json', 'request-id': 'req_404' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'no such session' } }));
    });
    const response = await thread.request(get());
    assert.equal(response.statusCode, 404);
    assert.equal(response.headers['request-id'], 'req_404');
    assert.equal(response.body.eventBatches, undefined);
    assert.match(await readText(response), /no such session/);
  });

  it('raises a connection error with its code when neither thread can connect, and keeps the worker', async () => {
    const { thread, unreachableUrl } = await setup(() => undefined);
    await assert.rejects(thread.request(get(undefined, unreachableUrl)), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'ECONNREFUSED');
      return true;
    });
    assert.equal(fallback.calls, 1, 'the host thread was tried too');
    assert.ok(thread.threadId, 'the worker still serves');
    assert.deepEqual(fallbackReasons, []);
  });

  it('keeps to the host thread when only it can reach the server (VS Code proxies and certificates patch that thread)', async () => {
    const { thread, unreachableUrl } = await setup(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(sseEvent(1));
      },
      { hostOnly: true },
    );
    const response = await thread.request(get(undefined, unreachableUrl));
    assert.match(await readText(response), /sevt_1/);
    assert.equal(fallback.calls, 1);
    assert.match(fallbackReasons[0] ?? '', /ECONNREFUSED.*extension host thread can/);
    assert.equal(thread.threadId, undefined, 'later streams use the host thread');
  });

  it('keeps a stream already open on the worker flowing after later ones move to the host thread', async () => {
    const total = 12_000;
    const { thread, unreachableUrl } = await setup(
      async (_req, res: http.ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (let i = 0; i < total; i++) if (!res.write(sseEvent(i, 'z'.repeat(1_000)))) await new Promise((resolve) => res.once('drain', resolve));
        res.end();
      },
      { hostOnly: true },
    );
    const open = await thread.request(get());
    let count = (await open.body.eventBatches!())!.ends.length;
    (await thread.request(get(undefined, unreachableUrl))).body.destroy();
    assert.equal(fallbackReasons.length, 1, 'later requests moved to the host thread');
    // About 12 MB: past the worker's window, so it only finishes if consumption still reaches the worker.
    for (let batch = await open.body.eventBatches!(); batch; batch = await open.body.eventBatches!()) count += batch.ends.length;
    assert.equal(count, total);
  });

  it('drops the request on the worker when its signal aborts', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    const { thread } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseEvent(1));
      res.on('close', () => closed());
    });
    const controller = new AbortController();
    const response = await thread.request(get(controller.signal));
    const first = await response.body.eventBatches!();
    assert.equal(first?.ends.length, 1);
    const next = response.body.eventBatches!();
    controller.abort();
    await assert.rejects(next, { name: 'AbortError' });
    await serverSawClose;
  });

  it('stops reading while the main thread has not taken its batches, then delivers everything', async () => {
    const total = 40_000;
    const text = 'y'.repeat(1_000);
    let accepted = 0;
    const { thread } = await setup(async (_req, res: http.ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < total; i++) {
        const chunk = sseEvent(i, text);
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
        accepted += chunk.length;
      }
      res.end();
    });
    const response = await thread.request(get());
    const first = (await response.body.eventBatches!()) as EventBatch;
    await new Promise((resolve) => setTimeout(resolve, 400));
    // About 41 MB in all; held back, the worker keeps ~4 MiB unread by this thread plus socket buffers.
    const whileStalled = accepted;
    assert.ok(whileStalled < 20_000_000, `the server got ${whileStalled} bytes away while nothing was read`);
    let count = first.ends.length;
    for (let batch = await response.body.eventBatches!(); batch; batch = await response.body.eventBatches!()) count += batch.ends.length;
    assert.equal(count, total);
    assert.ok(accepted > 40_000_000);
  });

  it('sends requests through the fallback when the worker cannot start', async () => {
    const { thread } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(sseEvent(1));
    }, { script: '/nonexistent/stream-thread.js' });
    const response = await thread.request(get());
    assert.equal(response.body.eventBatches, undefined, 'an undici body, not the worker’s');
    assert.match(await readText(response), /sevt_1/);
    assert.equal(fallback.calls, 1);
    assert.equal(fallbackReasons.length, 1);
    assert.match(fallbackReasons[0], /stream thread/);
    assert.equal(thread.threadId, undefined);
  });

  it('ends open streams with an error when the worker stops, and uses the fallback from then on', async () => {
    const { thread } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseEvent(1));
    });
    const response = await thread.request(get());
    await response.body.eventBatches!();
    const pending = response.body.eventBatches!();
    await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await assert.rejects(pending, { code: 'STREAM_THREAD_STOPPED' });
    assert.equal(fallbackReasons.length, 1);
    const again = await thread.request({ ...get(), bodyTimeout: 200 });
    assert.equal(again.body.eventBatches, undefined);
    assert.equal(fallback.calls, 1);
    again.body.destroy();
  });
});

describe('ManagedAgentsClient stream thread', () => {
  let server: TestServer | undefined;
  let client: ManagedAgentsClient | undefined;

  afterEach(async () => {
    await client?.close();
    await server?.close();
  });

  for (const streamThread of [true, false]) {
    it(streamThread ? 'reads streams on the stream thread by default' : 'reads streams in this thread when asked to', async () => {
      server = await startTestServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (let i = 0; i < 50; i++) res.write(sseEvent(i));
        res.end();
      });
      const warnings: string[] = [];
      client = new ManagedAgentsClient({ baseURL: server.url, apiKey: () => 'k', onWarning: (m) => warnings.push(m), ...(streamThread ? {} : { streamThread: false }) });
      const ids: string[] = [];
      for await (const event of await client.sessions.events.stream('sesn_1')) ids.push((event as { id: string }).id);
      assert.equal(ids.length, 50);
      assert.equal(typeof client.streamThreadId, streamThread ? 'number' : 'undefined');
      assert.deepEqual(warnings, []);
    });
  }
});

import assert from 'node:assert/strict';
import {
  ANTHROPIC_VERSION,
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  MalformedResponseError,
  ManagedAgentsClient,
  MissingApiKeyError,
  isTransientError,
  type RequestLogEntry,
} from '../../src/api';
import { clientOnTestServer } from './helpers/test-client';
import { apiError, sendJson, type Handler } from './helpers/test-server';
import { shouldRetryResponse } from '../../src/api/core/retry';
import { describeError } from '../../src/shared/describeError';

const SESSION = { id: 'sesn_1', type: 'session', status: 'idle', title: 't' };

describe('ManagedAgentsClient', () => {
  const log: RequestLogEntry[] = [];
  const setup = clientOnTestServer(() => {
    log.length = 0;
    return { apiKey: async () => 'sk-test-key', random: () => 0, onRequest: (e) => log.push(e) };
  });

  describe('headers and paths', () => {
    it('sends the key, version, beta header and workspace id on every request', async () => {
      const { server, client } = await setup((_req, res) => sendJson(res, 200, SESSION), { workspaceId: 'wrkspc_9' });
      await client.sessions.retrieve('sesn_1');
      const req = server.requests[0];
      assert.equal(req.method, 'GET');
      assert.equal(req.path, '/v1/sessions/sesn_1');
      assert.equal(req.headers['authorization'], 'Bearer sk-test-key');
      assert.equal(req.headers['anthropic-version'], ANTHROPIC_VERSION);
      assert.equal(req.headers['anthropic-beta'], 'managed-agents-2026-04-01');
      assert.equal(req.headers['anthropic-workspace-id'], 'wrkspc_9');
    });

    it('maps every endpoint to the SDK path and method', async () => {
      const { server, client } = await setup((req, res) => {
        if (req.path.endsWith('/stream')) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          return void res.end();
        }
        const list = req.method === 'GET' && /\/(sessions|events|threads|agents|versions|environments)$/.test(req.path);
        sendJson(res, 200, list ? { data: [], next_page: null } : { id: 'x', type: 'session' });
      });
      await client.sessions.create({ agent: 'agent_1', environment_id: 'env_1' });
      await client.sessions.retrieve('sesn_1');
      await client.sessions.update('sesn_1', { title: 'new' });
      await client.sessions.list({ statuses: ['idle', 'running'], include_archived: true, limit: 5 }).firstPage();
      await client.sessions.delete('sesn_1');
      await client.sessions.archive('sesn_1');
      await client.sessions.events.list('sesn_1', { types: ['agent.message'] }).firstPage();
      await client.sessions.events.send('sesn_1', { events: [{ type: 'user.interrupt' }] });
      for await (const _ of await client.sessions.events.stream('sesn_1', { event_deltas: ['agent.message'] })) void _;
      await client.sessions.threads.list('sesn_1').firstPage();
      await client.sessions.threads.list('sesn_1', { statuses: ['running'], limit: 3 }).firstPage();
      await client.sessions.threads.retrieve('sesn_1', 'sthr_2');
      await client.sessions.threads.archive('sesn_1', 'sthr_2');
      await client.sessions.threads.events.list('sesn_1', 'sthr_2', { limit: 50 }).firstPage();
      for await (const _ of await client.sessions.threads.events.stream('sesn_1', 'sthr_2', { event_deltas: ['agent.thinking'] })) void _;
      await client.sessions.events.send('sesn_1', { events: [{ type: 'user.interrupt', session_thread_id: 'sthr_2' }] });
      await client.agents.list().firstPage();
      await client.agents.retrieve('agent_1');
      await client.agents.versions('agent_1').firstPage();
      await client.agents.versions('agent_1', { limit: 2, page: 'page_2' }).firstPage();
      await client.environments.list().firstPage();
      await client.environments.retrieve('env_1');
      assert.deepEqual(
        server.requests.map((r) => `${r.method} ${decodeURIComponent(r.url)}`),
        [
          'POST /v1/sessions',
          'GET /v1/sessions/sesn_1',
          'POST /v1/sessions/sesn_1',
          'GET /v1/sessions?statuses[]=idle&statuses[]=running&include_archived=true&limit=5',
          'DELETE /v1/sessions/sesn_1',
          'POST /v1/sessions/sesn_1/archive',
          'GET /v1/sessions/sesn_1/events?types[]=agent.message',
          'POST /v1/sessions/sesn_1/events',
          'GET /v1/sessions/sesn_1/events/stream?event_deltas[]=agent.message',
          'GET /v1/sessions/sesn_1/threads',
          'GET /v1/sessions/sesn_1/threads?statuses[]=running&limit=3',
          'GET /v1/sessions/sesn_1/threads/sthr_2',
          'POST /v1/sessions/sesn_1/threads/sthr_2/archive',
          'GET /v1/sessions/sesn_1/threads/sthr_2/events?limit=50',
          'GET /v1/sessions/sesn_1/threads/sthr_2/stream?event_deltas[]=agent.thinking',
          'POST /v1/sessions/sesn_1/events',
          'GET /v1/agents',
          'GET /v1/agents/agent_1',
          'GET /v1/agents/agent_1/versions',
          'GET /v1/agents/agent_1/versions?limit=2&page=page_2',
          'GET /v1/environments',
          'GET /v1/environments/env_1',
        ],
      );
      assert.deepEqual(JSON.parse(server.requests[0].body), { agent: 'agent_1', environment_id: 'env_1' });
      assert.equal(server.requests[0].headers['content-type'], 'application/json');
      assert.equal(server.requests[8].headers['accept'], 'text/event-stream');
      assert.equal(server.requests[14].headers['accept'], 'text/event-stream');
      assert.deepEqual(JSON.parse(server.requests[15].body), { events: [{ type: 'user.interrupt', session_thread_id: 'sthr_2' }] });
    });

    it('encodes ids so they stay one path segment', async () => {
      const { server, client } = await setup((_req, res) => sendJson(res, 200, SESSION));
      await client.sessions.retrieve('../agents/x?y=1');
      await client.sessions.threads.retrieve('sesn_1', '../../agents/x');
      assert.equal(server.requests[0].url, '/v1/sessions/..%2Fagents%2Fx%3Fy%3D1');
      assert.equal(server.requests[1].url, '/v1/sessions/sesn_1/threads/..%2F..%2Fagents%2Fx');
    });

    it('keeps a path prefix of the base URL', async () => {
      const { server } = await setup((_req, res) => sendJson(res, 200, SESSION));
      const prefixed = new ManagedAgentsClient({ baseURL: `${server.url}/proxy/`, apiKey: () => 'k' });
      await prefixed.sessions.retrieve('sesn_1');
      await prefixed.close();
      assert.equal(server.requests[0].path, '/proxy/v1/sessions/sesn_1');
    });
  });

  describe('errors', () => {
    it('raises an APIError with status, type, message and request id; a 401 says how to set the key', async () => {
      const { client } = await setup((_req, res) => apiError(res, 401, 'authentication_error', 'invalid x-api-key', { 'request-id': 'req_abc' }));
      const error = await client.sessions.retrieve('sesn_1').then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof APIError);
      assert.equal(error.status, 401);
      assert.equal(error.type, 'authentication_error');
      assert.equal(error.apiMessage, 'invalid x-api-key');
      assert.equal(error.requestId, 'req_abc');
      assert.ok(error.isAuthenticationError);
      assert.doesNotMatch(error.message, /Set API Key/, 'the API names no command');
      assert.match(error.message, /req_abc/);
      assert.equal(describeError(error), 'invalid x-api-key (401 authentication_error). The API key was rejected: run "Managed Agents: Set API Key" to enter a valid key. [request-id req_abc]');
    });

    it('says a 404 may have been deleted', async () => {
      const { client } = await setup((_req, res) => apiError(res, 404, 'not_found_error', 'session not found'));
      await assert.rejects(client.sessions.retrieve('sesn_x'), (e: unknown) => e instanceof APIError && e.isNotFound && /deleted/.test(e.message));
    });

    it('sends nothing without a key', async () => {
      const { server, client } = await setup((_req, res) => sendJson(res, 200, SESSION), { apiKey: async () => undefined });
      await assert.rejects(client.sessions.retrieve('sesn_1'), (e: unknown) => e instanceof MissingApiKeyError && !/Set API Key/.test(e.message) && /Set API Key/.test(describeError(e)));
      assert.equal(server.requests.length, 0);
    });

    it('names a refused connection and the setting to check', async () => {
      const { server, client } = await setup((_req, res) => sendJson(res, 200, SESSION), { maxRetries: 0 });
      await server.close();
      const error = await client.sessions.retrieve('sesn_1').then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof APIConnectionError, String(error));
      assert.equal(error.code, 'ECONNREFUSED');
      assert.ok(error.notSent);
      assert.doesNotMatch(error.message, /managedAgents\.baseUrl/, 'the API names no setting');
      assert.match(describeError(error), /managedAgents\.baseUrl/);
    });

    it('times out a server that never answers', async () => {
      const { client } = await setup(() => undefined, { timeoutMs: 150, maxRetries: 0 });
      await assert.rejects(client.sessions.retrieve('sesn_1'), (e: unknown) => e instanceof APITimeoutError);
    });

    it('raises a user abort, not a connection error, when the caller aborts', async () => {
      const { client } = await setup(() => undefined);
      const controller = new AbortController();
      const pending = client.sessions.retrieve('sesn_1', { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(pending, (e: unknown) => e instanceof APIUserAbortError);
    });

    it('recognises a proxy web page instead of JSON', async () => {
      const { client } = await setup((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!DOCTYPE html><html><body>Sign in to the network</body></html>');
      });
      await assert.rejects(client.sessions.retrieve('sesn_1'), (e: unknown) => e instanceof MalformedResponseError && /web page/.test(e.message));
    });

    it('recognises a cut-off JSON body', async () => {
      const { client } = await setup((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"sesn_1","ty');
      });
      await assert.rejects(client.sessions.retrieve('sesn_1'), (e: unknown) => e instanceof MalformedResponseError && /cut off/.test(e.message));
    });

    it('refuses a body over the size limit', async () => {
      const { client } = await setup((_req, res) => sendJson(res, 200, { data: 'x'.repeat(5000) }), { maxResponseBytes: 1000 });
      await assert.rejects(client.sessions.retrieve('sesn_1'), (e: unknown) => e instanceof MalformedResponseError && /larger than/.test(e.message));
    });

    it('rejects a base URL that is not http(s)', () => {
      assert.throws(() => new ManagedAgentsClient({ baseURL: 'ftp://x', apiKey: () => 'k' }), /http or https/);
    });
  });

  describe('retries', () => {
    const fast = { 'retry-after-ms': '1' };

    it('retries a GET twice on 500, then raises the last error', async () => {
      const { server, client } = await setup((_req, res) => apiError(res, 500, 'api_error', 'boom', fast));
      await assert.rejects(client.sessions.retrieve('sesn_1'), (e: unknown) => e instanceof APIError && e.status === 500);
      assert.equal(server.requests.length, 3);
      assert.deepEqual(server.requests.map((r) => r.headers['x-stainless-retry-count']), ['0', '1', '2']);
      assert.deepEqual(log.map((e) => e.retryInMs), [1, 1, undefined]);
    });

    it('succeeds after a 429 and a 529', async () => {
      const { server, client } = await setup((_req, res, i) =>
        i === 0 ? apiError(res, 429, 'rate_limit_error', 'slow down', fast) : i === 1 ? apiError(res, 529, 'overloaded_error', 'busy', fast) : sendJson(res, 200, SESSION),
      );
      assert.equal((await client.sessions.retrieve('sesn_1')).id, 'sesn_1');
      assert.equal(server.requests.length, 3);
    });

    it('obeys x-should-retry: false', async () => {
      const { server, client } = await setup((_req, res) => apiError(res, 503, 'api_error', 'no', { ...fast, 'x-should-retry': 'false' }));
      await assert.rejects(client.sessions.retrieve('sesn_1'));
      assert.equal(server.requests.length, 1);
    });

    it('does not retry a 400', async () => {
      const { server, client } = await setup((_req, res) => apiError(res, 400, 'invalid_request_error', 'bad'));
      await assert.rejects(client.sessions.retrieve('sesn_1'));
      assert.equal(server.requests.length, 1);
    });

    it('does not retry a 409 that refuses because of the session state, and says so on the error', async () => {
      const { server, client } = await setup((_req, res) =>
        apiError(res, 409, 'conflict_error', 'session sesn_1 is running; interrupt it and wait for session.status_idle before archiving', fast),
      );
      const error = await client.sessions.archive('sesn_1').catch((caught: unknown) => caught);
      assert.ok(error instanceof APIError && error.status === 409);
      assert.equal(server.requests.length, 1, 'no retry');
      assert.equal(error.isStateConflict, true);
      assert.equal(isTransientError(error), false, 'a view does not say "retrying" for it');
    });

    it('treats a 400 state refusal the same way (never retried, a state conflict)', async () => {
      const { server, client } = await setup((_req, res) => apiError(res, 400, 'invalid_request_error', 'session sesn_1 is archived and cannot be updated'));
      const error = await client.sessions.update('sesn_1', { title: 'x' }).catch((caught: unknown) => caught);
      assert.ok(error instanceof APIError && error.isStateConflict);
      assert.equal(server.requests.length, 1);
    });

    it('retries a 409 that names no session state (lock contention), as the SDK does', async () => {
      const { server, client } = await setup((_req, res, i) =>
        i < 2 ? apiError(res, 409, 'conflict_error', 'Another request is changing this resource. Try again.', fast) : sendJson(res, 200, SESSION),
      );
      assert.equal((await client.sessions.update('sesn_1', { title: 'x' })).id, 'sesn_1');
      assert.equal(server.requests.length, 3);
    });

    it('reports a 409 that names no session state as transient once the retries are spent', async () => {
      const { server, client } = await setup((_req, res) => apiError(res, 409, 'conflict_error', 'Another request is changing this resource.', fast));
      const error = await client.sessions.delete('sesn_1').catch((caught: unknown) => caught);
      assert.ok(error instanceof APIError && !error.isStateConflict);
      assert.equal(server.requests.length, 3);
      assert.equal(isTransientError(error), true);
    });

    it('reads error.details.error_code, and counts a state it names as a state refusal', () => {
      const body = { type: 'error', error: { type: 'conflict_error', message: 'Conflict.', details: { error_code: 'session_archived' } } };
      const error = new APIError({ status: 409, body, requestId: 'req_1' });
      assert.equal(error.errorCode, 'session_archived');
      assert.equal(error.isStateConflict, true);
      assert.equal(shouldRetryResponse({ status: 409, headers: {}, idempotent: true, body }), false);
      assert.equal(shouldRetryResponse({ status: 409, headers: { 'x-should-retry': 'true' }, idempotent: true, body }), true, 'the server may still ask for a retry');
      const budget = new APIError({ status: 400, body: { error: { type: 'invalid_request_error', message: 'too low', details: { error_code: 'budget_not_raised' } } }, requestId: undefined });
      assert.equal(budget.errorCode, 'budget_not_raised');
      assert.equal(budget.isStateConflict, false);
      assert.equal(new APIError({ status: 409, body: 'not json', requestId: undefined }).isStateConflict, false);
    });

    it('never repeats a create or a send after a 500 (it may have acted)', async () => {
      const { server, client } = await setup((_req, res) => apiError(res, 500, 'api_error', 'boom', fast));
      await assert.rejects(client.sessions.create({ agent: 'agent_1', environment_id: 'env_1' }));
      await assert.rejects(client.sessions.events.send('sesn_1', { events: [{ type: 'user.interrupt' }] }));
      assert.equal(server.requests.length, 2);
    });

    it('retries a create on 429, 529 and x-should-retry: true', async () => {
      const { server, client } = await setup((_req, res, i) =>
        i === 0
          ? apiError(res, 429, 'rate_limit_error', 'slow', fast)
          : i === 1
            ? apiError(res, 529, 'overloaded_error', 'busy', fast)
            : i === 2
              ? apiError(res, 500, 'api_error', 'not acted on', { ...fast, 'x-should-retry': 'true' })
              : sendJson(res, 200, SESSION),
      );
      await client.sessions.create({ agent: 'agent_1', environment_id: 'env_1' }, { maxRetries: 3 });
      assert.equal(server.requests.length, 4);
    });

    it('does not repeat a create whose connection dropped after sending', async () => {
      const { server, client } = await setup((_req, res) => void res.socket?.destroy());
      await assert.rejects(client.sessions.create({ agent: 'agent_1', environment_id: 'env_1' }), (e: unknown) => e instanceof APIConnectionError);
      assert.equal(server.requests.length, 1);
    });

    it('retries a GET whose connection dropped', async () => {
      const { server, client } = await setup((_req, res, i) => (i === 0 ? void res.socket?.destroy() : sendJson(res, 200, SESSION)), { random: () => 0 });
      await client.sessions.retrieve('sesn_1');
      assert.equal(server.requests.length, 2);
    });

    it('respects maxRetries: 0', async () => {
      const { server, client } = await setup((_req, res) => apiError(res, 500, 'api_error', 'boom', fast));
      await assert.rejects(client.sessions.retrieve('sesn_1', { maxRetries: 0 }));
      assert.equal(server.requests.length, 1);
    });

    it('stops waiting for a retry as soon as the caller aborts', async () => {
      const { server, client } = await setup((_req, res) => apiError(res, 500, 'api_error', 'boom', { 'retry-after': '60' }));
      const controller = new AbortController();
      const pending = client.sessions.retrieve('sesn_1', { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(pending, (e: unknown) => e instanceof APIUserAbortError);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('pagination', () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ id: `sesn_${i}`, type: 'session' }));
    const pager: Handler = (req, res) => {
      const limit = Number(req.query.get('limit') ?? 10);
      const start = Number(req.query.get('page')?.replace('cur_', '') ?? 0);
      const data = items.slice(start, start + limit);
      const next = start + limit < items.length ? `cur_${start + limit}` : null;
      sendJson(res, 200, { data, next_page: next, prev_page: start ? `cur_${start - limit}` : null });
    };

    it('iterates every item across pages, in order, passing the cursor as page', async () => {
      const { server, client } = await setup(pager);
      const ids: string[] = [];
      for await (const s of client.sessions.list({ limit: 10 })) ids.push(s.id);
      assert.deepEqual(ids, items.map((i) => i.id));
      assert.deepEqual(server.requests.map((r) => r.query.get('page')), [null, 'cur_10', 'cur_20']);
      assert.ok(server.requests.every((r) => r.query.get('limit') === '10'));
    });

    it('gives one page at a time and can start from a cursor', async () => {
      const { client } = await setup(pager);
      const first = await client.sessions.list({ limit: 10 }).firstPage();
      assert.equal(first.data.length, 10);
      assert.equal(first.next_page, 'cur_10');
      const second = await client.sessions.list({ limit: 10, page: first.next_page }).firstPage();
      assert.equal(second.data[0].id, 'sesn_10');
    });

    it('stops when a server repeats a cursor', async () => {
      const { server, client } = await setup((_req, res) => sendJson(res, 200, { data: [{ id: 'a' }], next_page: 'same' }));
      const all = await client.agents.list().toArray();
      assert.equal(all.length, 2);
      assert.equal(server.requests.length, 2);
    });
  });

  describe('event stream', () => {
    function sse(res: import('node:http').ServerResponse, frames: string[], end = true) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': 'req_stream' });
      res.flushHeaders();
      for (const f of frames) res.write(f);
      if (end) res.end();
    }

    it('yields typed events, skipping pings', async () => {
      const { client } = await setup((_req, res) =>
        sse(res, [
          'event: ping\ndata: {"type":"ping"}\n\n',
          'event: agent.message\ndata: {"type":"agent.message","id":"sevt_1"}\n\n',
          ': keep-alive\n\n',
          'event: session.status_idle\ndata: {"type":"session.status_idle","id":"sevt_2"}\n\n',
        ]),
      );
      const stream = await client.sessions.events.stream('sesn_1');
      assert.equal(stream.requestId, 'req_stream');
      const types: string[] = [];
      for await (const e of stream) types.push(e.type);
      assert.deepEqual(types, ['agent.message', 'session.status_idle']);
    });

    it('raises event: error as an APIError', async () => {
      const { client } = await setup((_req, res) =>
        sse(res, ['event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n']),
      );
      const stream = await client.sessions.events.stream('sesn_1');
      await assert.rejects(
        (async () => {
          for await (const _ of stream) void _;
        })(),
        (e: unknown) => e instanceof APIError && e.type === 'overloaded_error' && e.status === undefined,
      );
    });

    it('delivers the events before an error event in the same chunk, then raises it', async () => {
      const { client } = await setup((_req, res) =>
        sse(res, [
          'event: a\ndata: {"type":"a"}\n\nevent: b\ndata: {"type":"b"}\n\n' +
            'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"gone"}}\n\n' +
            'event: c\ndata: {"type":"c"}\n\n',
        ]),
      );
      const seen: string[] = [];
      await assert.rejects(
        (async () => {
          for await (const e of await client.sessions.events.stream('sesn_1')) seen.push(e.type);
        })(),
        (e: unknown) => e instanceof APIError && e.type === 'api_error',
      );
      assert.deepEqual(seen, ['a', 'b']);
    });

    it('delivers the events before one that is not JSON, then names it', async () => {
      const { client } = await setup((_req, res) =>
        sse(res, ['event: a\ndata: {"type":"a"}\n\nevent: b\ndata: {"type":"b"},{"type":"x"}\n\nevent: c\ndata: {"type":"c"}\n\n']),
      );
      const seen: string[] = [];
      await assert.rejects(
        (async () => {
          for await (const e of await client.sessions.events.stream('sesn_1')) seen.push(e.type);
        })(),
        (e: unknown) => e instanceof MalformedResponseError && /not JSON: \{"type":"b"\},\{"type":"x"\}/.test(e.message),
      );
      assert.deepEqual(seen, ['a']);
    });

    it('closes the connection when the consumer stops early', async () => {
      let closed = false;
      const { client } = await setup((_req, res) => {
        res.on('close', () => (closed = true));
        sse(res, ['event: a\ndata: {"type":"a"}\n\n'], false);
      });
      for await (const _ of await client.sessions.events.stream('sesn_1')) break;
      for (let i = 0; i < 50 && !closed; i++) await new Promise((r) => setTimeout(r, 10));
      assert.ok(closed);
    });

    it('refuses a non-SSE answer with a clear message', async () => {
      const { client } = await setup((_req, res) => sendJson(res, 200, { hello: 1 }));
      await assert.rejects(client.sessions.events.stream('sesn_1'), (e: unknown) => e instanceof MalformedResponseError && /event stream/.test(e.message));
    });

    it('treats a silent stream as dropped after the idle timeout', async () => {
      const { client } = await setup((_req, res) => sse(res, [], false), { streamIdleTimeoutMs: 150 });
      const stream = await client.sessions.events.stream('sesn_1');
      await assert.rejects(
        (async () => {
          for await (const _ of stream) void _;
        })(),
        (e: unknown) => e instanceof APITimeoutError,
      );
    });
  });
});

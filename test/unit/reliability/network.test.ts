// An unreachable server, a name that does not resolve, TLS to a server that speaks plain http, and a
// proxy that answers with a web page: each is one typed error whose message names the host and what
// happened (and no editor setting), and whose sentence for the user (describeError) adds the setting
// to check; each is told apart from "busy, retrying" (isTransientError).
// A slow server's requests end as soon as their caller aborts, leaving no socket or timer behind.
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  MalformedResponseError,
  ManagedAgentsClient,
  followSession,
  isTransientError,
  type RequestLogEntry,
} from '../../../src/api';
import { describeError } from '../../../src/shared/describeError';
import { sendJson, startTestServer, type TestServer } from '../helpers/test-server';
import { activeResources, closedPort } from './probes';
import { report } from './soak';

describe('reliability: network failures', function () {
  this.timeout(30_000);
  const clients: ManagedAgentsClient[] = [];
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    for (const server of servers.splice(0)) await server.close();
  });

  function clientFor(baseURL: string, log?: RequestLogEntry[], maxRetries = 0): ManagedAgentsClient {
    const client = new ManagedAgentsClient({ baseURL, apiKey: () => 'sk-test-key', random: () => 0, connectTimeoutMs: 3_000, maxRetries, onRequest: (e) => log?.push(e) });
    clients.push(client);
    return client;
  }

  async function failure(client: ManagedAgentsClient): Promise<Error> {
    try {
      await client.sessions.list({ limit: 1 }).firstPage();
    } catch (error) {
      return error as Error;
    }
    throw new Error('the request succeeded');
  }

  it('unreachable (closed port): one clear message, retried twice as a safe GET, then given up', async () => {
    const log: RequestLogEntry[] = [];
    const port = await closedPort();
    const error = await failure(clientFor(`http://127.0.0.1:${port}`, log, 2));
    assert.ok(error instanceof APIConnectionError);
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.notSent, true);
    assert.equal(error.message, `Could not connect to 127.0.0.1:${port}: the connection was refused.`);
    assert.equal(describeError(error), `Could not connect to 127.0.0.1:${port}: the connection was refused. Check the "managedAgents.baseUrl" setting and that the server is running.`);
    assert.equal(isTransientError(error), false, 'a refused connection is a setting or server to check, not "busy"');
    assert.equal(log.length, 3);
  });

  it('DNS failure (nonexistent.invalid): one clear message', async () => {
    const error = await failure(clientFor('http://nonexistent.invalid'));
    assert.ok(error instanceof APIConnectionError);
    assert.match(String(error.code), /^(ENOTFOUND|EAI_AGAIN)$/);
    assert.equal(error.message, 'Could not resolve nonexistent.invalid (DNS lookup failed).');
    assert.equal(describeError(error), 'Could not resolve nonexistent.invalid (DNS lookup failed). Check your network connection and the "managedAgents.baseUrl" setting.');
    assert.equal(isTransientError(error), false);
  });

  it('TLS failure (https to a plain-http port): one clear message', async () => {
    const server = await startTestServer((_req, res) => sendJson(res, 200, { data: [], next_page: null }));
    servers.push(server);
    const error = await failure(clientFor(server.url.replace('http:', 'https:')));
    assert.ok(error instanceof APIConnectionError, String(error));
    assert.match(error.message, /^A secure connection to 127\.0\.0\.1:\d+ could not be made \([A-Z_]+\)\.$/);
    assert.match(describeError(error), /^A secure connection to 127\.0\.0\.1:\d+ could not be made \([A-Z_]+\)\. Check the "managedAgents\.baseUrl" setting and any proxy that intercepts TLS\.$/);
    assert.equal(error.notSent, true);
    assert.equal(isTransientError(error), false);
    assert.equal(server.requests.length, 0, 'nothing reached the server as a request');
  });

  it('a proxy answering with a web page (200 and 502): one clear message each', async () => {
    const page = '<!DOCTYPE html><html><body><h1>Proxy login</h1><form>password?</form></body></html>';
    const server = await startTestServer((req, res) => {
      res.writeHead(req.path.includes('sessions') ? 200 : 502, { 'content-type': 'text/html' });
      res.end(page);
    });
    servers.push(server);
    const client = clientFor(server.url);
    const ok = await failure(client);
    assert.ok(ok instanceof MalformedResponseError);
    assert.equal(ok.message, `${new URL(server.url).host} answered with a web page instead of the API's JSON.`);
    assert.equal(describeError(ok), `${new URL(server.url).host} answered with a web page instead of the API's JSON. A proxy, captive portal or wrong "managedAgents.baseUrl" is the likely cause.`);
    const host = new URL(server.url).host;
    await assert.rejects(client.agents.retrieve('agent_1', { maxRetries: 0 }), (e: unknown) => {
      assert.ok(e instanceof APIError && e.status === 502, String(e));
      assert.equal(e.message, `${host} answered with a web page (HTTP 502) instead of the API's JSON.`);
      assert.equal(describeError(e), `${host} answered with a web page (HTTP 502) instead of the API's JSON. A proxy, captive portal or wrong "managedAgents.baseUrl" is the likely cause.`);
      assert.equal(isTransientError(e), true, 'a 502 is retried like any server error');
      return true;
    });
    const stream = await client.sessions.events.stream('sesn_1').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(stream instanceof MalformedResponseError);
    assert.equal(stream.message, ok.message, 'the stream says the same');
    assert.equal(describeError(stream), describeError(ok));
  });

  it('a slow server: aborting a request or a follow ends it at once and leaves no socket or timer', async () => {
    // A server that would answer after 60 s (and forgets a request whose connection closes first).
    const open = new Set<http.ServerResponse>();
    let answered = 0;
    const slow = await startTestServer((req, res) => {
      open.add(res);
      const timer = setTimeout(() => {
        answered += 1;
        sendJson(res, 200, { data: [], next_page: null });
      }, 60_000);
      res.on('close', () => {
        clearTimeout(timer);
        open.delete(res);
      });
    });
    servers.push(slow);
    const baseline = activeResources();
    const client = clientFor(slow.url);
    const controller = new AbortController();
    const list = client.sessions.list({ limit: 1 }, { signal: controller.signal }).firstPage();
    const follow = (async () => {
      for await (const item of followSession(client, 'sesn_1', { signal: controller.signal })) void item;
    })();
    // All three reach the server (how soon depends on the machine's load).
    for (const deadline = Date.now() + 15_000; open.size < 3 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
    const inFlight = open.size;
    controller.abort(); // also when the assertion below fails, so the requests end with the test
    assert.equal(inFlight, 3, "the list, and the follow's newest page and stream, are in flight");
    await assert.rejects(list, APIUserAbortError);
    await follow;
    assert.equal(answered, 0, 'both ended on the abort, not on an answer');
    for (const deadline = Date.now() + 10_000; open.size > 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(open.size, 0, 'the server saw every connection close');
    await client.close();
    clients.splice(clients.indexOf(client), 1);
    // undici's shared tick timer notices within about a second that it has nothing left to time.
    const settled = () => ['TCPSocketWrap', 'Timeout'].every((kind) => (activeResources()[kind] ?? 0) <= (baseline[kind] ?? 0));
    for (const deadline = Date.now() + 10_000; !settled() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
    const after = activeResources();
    for (const kind of ['TCPSocketWrap', 'Timeout']) {
      assert.ok((after[kind] ?? 0) <= (baseline[kind] ?? 0), `${kind}: ${after[kind] ?? 0} now, ${baseline[kind] ?? 0} before (${JSON.stringify(after)})`);
    }
    report('slow server: aborted requests, sockets and timers left', `${inFlight}, 0, 0`);
  });
});

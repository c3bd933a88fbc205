// The key never leaves the client except in the Authorization header of a request that was allowed
// to go: not in errors (even when a server echoes it back), not in the request log, and not to a
// plain-http host other than this machine unless the user agreed (the key provider refuses first,
// and then nothing is sent at all).
import assert from 'node:assert/strict';
import type http from 'node:http';
import {
  APIError,
  KeyWithheldError,
  ManagedAgentsClient,
  followSession,
  type RequestLogEntry,
} from '../../../src/api';
import { REDACTED, redactHeaders, redactText, redactValue } from '../../../src/api/core/redact';
import { isLoopbackHost, keyDestination } from '../../../src/auth/keyDestination';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { report } from './soak';

const KEY = `sk-ant-api03-UNIT-${'Zq9'.repeat(12)}-secret`;

function echo(req: { headers: http.IncomingHttpHeaders }, res: http.ServerResponse, status: number, type: string, wrap: (key: string) => string): void {
  const auth = String(req.headers.authorization ?? '');
  res.writeHead(status, { 'content-type': type, 'request-id': 'req_echo' });
  res.end(wrap(auth));
}

describe('reliability: the key stays secret', function () {
  this.timeout(20_000);
  let server: TestServer | undefined;
  const clients: ManagedAgentsClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await server?.close();
    server = undefined;
  });

  describe('where the key may go (the decision function)', () => {
    const table: [string, boolean, string?][] = [
      ['https://api.anthropic.com', true, 'https'],
      ['https://example.invalid:8443/v1', true, 'https'],
      ['http://localhost:4010', true, 'loopback'],
      ['http://LOCALHOST', true, 'loopback'],
      ['http://LOCALHOST.', false],
      ['http://api.localhost:4010', false],
      ['http://localhost.localhost', false],
      ['http://127.0.0.1:4010', true, 'loopback'],
      ['http://127.8.9.10', true, 'loopback'],
      ['http://[::1]:4010', true, 'loopback'],
      ['http://[0:0:0:0:0:0:0:1]', true, 'loopback'],
      ['http://[::ffff:127.0.0.1]', true, 'loopback'],
      ['http://example.invalid', false],
      ['http://api.anthropic.com', false],
      ['http://10.0.0.5:4010', false],
      ['http://192.168.1.20', false],
      ['http://0.0.0.0:4010', false],
      ['http://127.0.0.1.nip.io', false],
      ['http://localhost.evil.com', false],
      ['http://[::2]', false],
      ['not a url', false],
    ];
    for (const [url, safe, why] of table) {
      it(`${url} → ${safe ? `sent without asking (${why})` : 'asks first'}`, () => {
        const destination = keyDestination(url);
        assert.equal(destination.safe, safe);
        if (destination.safe) assert.equal(destination.why, why);
      });
    }
    it('names the origin to ask about (scheme, host and port)', () => {
      assert.deepEqual(keyDestination('http://Example.invalid:8080/api/'), { safe: false, origin: 'http://example.invalid:8080', host: 'example.invalid:8080' });
      assert.equal(isLoopbackHost('127.0.0.256'), false);
    });
  });

  describe('nothing is sent while the key is held back', () => {
    it('no dispatcher call, for requests, lists and streams, and the follower stops at once', async () => {
      const calls: string[] = [];
      const dispatcher = { request: async (options: { path: string }) => calls.push(options.path) } as never;
      const asked: string[] = [];
      const client = new ManagedAgentsClient({
        baseURL: 'http://example.invalid',
        dispatcher,
        apiKey: ({ baseURL }) => {
          asked.push(baseURL);
          throw new KeyWithheldError(new URL(baseURL).origin);
        },
      });
      clients.push(client);
      await assert.rejects(client.sessions.retrieve('sesn_1'), KeyWithheldError);
      await assert.rejects(client.sessions.create({ agent: 'a', environment_id: 'e' }), KeyWithheldError);
      await assert.rejects(client.sessions.list().toArray(), KeyWithheldError);
      await assert.rejects(client.sessions.events.stream('sesn_1'), KeyWithheldError);
      const followed = [];
      await assert.rejects(
        (async () => {
          for await (const item of followSession(client, 'sesn_1')) followed.push(item);
        })(),
        KeyWithheldError,
        'the follower treats a held-back key as fatal (no reconnect loop)',
      );
      assert.deepEqual(calls, []);
      assert.ok(asked.length >= 5 && asked.every((url) => url === 'http://example.invalid'));
      assert.match(new KeyWithheldError('http://example.invalid').message, /^The API key was not sent to http:\/\/example\.invalid: it is not an https URL/);
    });
  });

  describe('redaction', () => {
    it('removes the key from text, JSON and headers', () => {
      assert.equal(redactText(`bad key ${KEY}!`, KEY), `bad key ${REDACTED}!`);
      assert.equal(redactText('short', 'abc'), 'short', 'secrets under 8 characters are not redacted');
      assert.deepEqual(redactValue({ a: [KEY, { [KEY]: `Bearer ${KEY}` }], n: 1 }, KEY), { a: [REDACTED, { [REDACTED]: `Bearer ${REDACTED}` }], n: 1 });
      assert.deepEqual(redactHeaders({ Authorization: `Bearer ${KEY}`, 'x-api-key': KEY, accept: 'application/json' }), {
        Authorization: REDACTED,
        'x-api-key': REDACTED,
        accept: 'application/json',
      });
    });

    it('keeps the key out of every error and log entry, even when the server echoes it back', async () => {
      server = await startTestServer((req, res) => {
        const path = req.path;
        if (path === '/v1/sessions') return echo(req, res, 401, 'application/json', (auth) => JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid key: ${auth}` }, echo: { [auth]: auth } }));
        if (path === '/v1/agents') return echo(req, res, 200, 'text/html', (auth) => `<html>Your header was ${auth}</html>`);
        if (path === '/v1/environments') return echo(req, res, 500, 'text/plain', (auth) => `upstream said ${auth}`);
        if (path.endsWith('/events/stream') && path.includes('html')) return echo(req, res, 200, 'text/html', (auth) => `proxy page ${auth}`);
        if (path.endsWith('/events/stream')) {
          return echo(req, res, 200, 'text/event-stream', (auth) => `event: error\ndata: {"type":"error","error":{"type":"api_error","message":"stream saw ${auth}"}}\n\n`);
        }
        return echo(req, res, 200, 'text/event-stream', (auth) => `data: not json ${auth}\n\n`);
      });
      const log: RequestLogEntry[] = [];
      const client = new ManagedAgentsClient({ baseURL: server.url, apiKey: () => KEY, maxRetries: 1, random: () => 0, onRequest: (entry) => log.push(entry) });
      clients.push(client);
      const errors: unknown[] = [];
      const attempt = async (run: () => Promise<unknown>) => {
        try {
          await run();
        } catch (error) {
          errors.push(error);
        }
      };
      await attempt(() => client.sessions.list().firstPage());
      await attempt(() => client.agents.list().firstPage());
      await attempt(() => client.environments.list().firstPage());
      await attempt(async () => {
        for await (const event of await client.sessions.events.stream('sesn_1')) void event;
      });
      await attempt(() => client.sessions.events.stream('html'));
      await attempt(async () => {
        for await (const event of await client.stream({ method: 'GET', path: '/v1/other' })) void event;
      });
      assert.equal(errors.length, 6);
      const auth = errors[0] as APIError;
      assert.ok(auth instanceof APIError && auth.isAuthenticationError);
      assert.match(auth.message, /invalid key: Bearer \[redacted\]/, 'the echo is still shown, without the key');
      let occurrences = 0;
      for (const error of errors) {
        const text = [String(error), (error as Error).message, JSON.stringify(error), JSON.stringify((error as APIError).body ?? null), (error as APIError).apiMessage ?? ''].join('\n');
        occurrences += text.split(KEY).length - 1;
      }
      occurrences += JSON.stringify(log).split(KEY).length - 1;
      assert.equal(occurrences, 0, 'the key appears nowhere');
      assert.ok(log.length >= 6 && log.every((entry) => entry.requestHeaders?.authorization === REDACTED), 'the log carries the headers, redacted');
      assert.ok(server.requests.every((request) => request.headers.authorization === `Bearer ${KEY}`), 'while every request did carry the key');
      report('key occurrences in errors and request logs', occurrences);
    });
  });
});

// Proxies and certificates, against real proxies written here with Node's http: a CONNECT proxy for
// https targets and an absolute-form forward proxy for http targets, on 127.0.0.1. The API's host
// names (*.managed-agents.test) resolve only through the proxy, so a request that does not go through
// it cannot reach the API. Every live-stream case runs on the stream thread and on the fallback path.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import {
  APIConnectionError,
  FollowedEvents,
  ManagedAgentsClient,
  ProxyError,
  describeRoute,
  followSession,
  isTransientError,
  noProxyMatch,
  resolveRoute,
  showProxy,
  type ClientOptions,
  type FollowItem,
  type SessionEvent,
} from '../../src/api';
import { startSimulator, type SimulatorHandle } from '../simulator';
import { makeCertificates, startTestProxy, startTlsFront, type TestCertificates, type TestProxy } from './helpers/proxy-server';
import { closedPort } from './reliability/probes';

const PLAIN = 'plain.managed-agents.test';
const SECURE = 'secure.managed-agents.test';
const KEY = 'sk-ant-proxy-test-0123456789';
/** https targets go through a CONNECT tunnel, http targets in absolute form. */
const TARGETS = [
  ['https (CONNECT tunnel)', SECURE],
  ['http (absolute form)', PLAIN],
] as const;

describe('proxy routes (as curl reads the environment)', () => {
  const target = (url: string) => new URL(url);
  const route = (url: string, env: Record<string, string>, options: Parameters<typeof resolveRoute>[1] = {}) => describeRoute(resolveRoute(target(url), { env, ...options }));

  it('takes HTTPS_PROXY / HTTP_PROXY / ALL_PROXY by the target scheme, lower case first, the option over all', () => {
    assert.equal(route('https://api.example.com', {}), 'direct');
    assert.equal(route('https://api.example.com', { HTTPS_PROXY: 'http://p1:3128' }), 'proxy http://p1:3128 (from HTTPS_PROXY)');
    assert.equal(route('https://api.example.com', { https_proxy: 'http://p0:3128', HTTPS_PROXY: 'http://p1:3128' }), 'proxy http://p0:3128 (from https_proxy)');
    assert.equal(route('https://api.example.com', { HTTP_PROXY: 'http://p2:8080' }), 'proxy http://p2:8080 (from HTTP_PROXY)');
    assert.equal(route('http://api.example.com', { HTTPS_PROXY: 'http://p1:3128' }), 'direct', 'HTTPS_PROXY is for https targets');
    assert.equal(route('http://api.example.com', { ALL_PROXY: 'http://p3:1' }), 'proxy http://p3:1 (from ALL_PROXY)');
    assert.equal(route('https://api.example.com', { HTTPS_PROXY: 'proxy.corp:3128' }), 'proxy http://proxy.corp:3128 (from HTTPS_PROXY)', 'no scheme: http, as curl');
    assert.equal(route('https://api.example.com', { HTTPS_PROXY: 'http://p1:3128' }, { proxy: 'http://settings:8080', proxySource: 'http.proxy' }), 'proxy http://settings:8080 (from http.proxy)');
    assert.equal(route('https://api.example.com', { HTTPS_PROXY: 'http://p1:3128' }, { proxy: 'http://settings:8080', useProxy: false }), 'direct (proxy support is off)');
    assert.equal(route('http://127.0.0.1:4010', { HTTP_PROXY: 'http://p1:3128' }), 'direct (this machine)');
    assert.equal(route('http://localhost:4010', { HTTP_PROXY: 'http://p1:3128' }), 'direct (this machine)');
  });

  it('never shows proxy credentials', () => {
    assert.equal(showProxy('http://alice:s3cret@proxy.corp:3128'), 'http://***@proxy.corp:3128');
    assert.equal(showProxy('http://token@proxy.corp:3128/path'), 'http://***@proxy.corp:3128');
    assert.equal(showProxy('alice:s3cret@proxy.corp:3128'), 'http://***@proxy.corp:3128');
    assert.equal(showProxy('http://alice:s3cret@[bad'), '***@[bad', 'not a URL: cut at the "@"');
    const described = route('https://api.example.com', { HTTPS_PROXY: 'http://alice:s3cret@proxy.corp:3128' });
    assert.equal(described, 'proxy http://***@proxy.corp:3128 (from HTTPS_PROXY)');
  });

  it('reads NO_PROXY entries: exact, suffix, leading dot or *., *, host:port, IP and CIDR', () => {
    const api = target('https://api.anthropic.com');
    assert.equal(noProxyMatch(api, 'api.anthropic.com'), 'api.anthropic.com');
    assert.equal(noProxyMatch(api, 'anthropic.com'), 'anthropic.com', 'a domain covers its hosts');
    assert.equal(noProxyMatch(api, '.anthropic.com'), '.anthropic.com');
    assert.equal(noProxyMatch(target('https://anthropic.com'), '.anthropic.com'), '.anthropic.com', 'a leading dot is ignored, as curl does');
    assert.equal(noProxyMatch(api, '*.anthropic.com'), '*.anthropic.com');
    assert.equal(noProxyMatch(api, 'thropic.com'), undefined, 'not a suffix of a label');
    assert.equal(noProxyMatch(api, 'example.com, *'), '*');
    assert.equal(noProxyMatch(api, 'example.com  api.anthropic.com'), 'api.anthropic.com', 'blanks separate too');
    assert.equal(noProxyMatch(api, 'API.Anthropic.COM.'), 'API.Anthropic.COM.', 'case and a trailing dot do not matter');
    assert.equal(noProxyMatch(api, 'api.anthropic.com:443'), 'api.anthropic.com:443');
    assert.equal(noProxyMatch(api, 'api.anthropic.com:8443'), undefined, 'another port');
    assert.equal(noProxyMatch(target('http://10.1.2.3:8080'), '10.0.0.0/8'), '10.0.0.0/8');
    assert.equal(noProxyMatch(target('http://10.1.2.3:8080'), '10.1.2.3'), '10.1.2.3');
    assert.equal(noProxyMatch(target('http://11.1.2.3'), '10.0.0.0/8'), undefined);
    assert.equal(noProxyMatch(target('http://[fd00::5]:80'), 'fd00::/8'), 'fd00::/8');
    assert.equal(route('https://api.anthropic.com', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.anthropic.com' }), 'direct (NO_PROXY matched .anthropic.com)');
    assert.equal(route('https://api.anthropic.com', { HTTPS_PROXY: 'http://p:1', no_proxy: '*' }), 'direct (no_proxy matched *)');
    assert.equal(route('https://api.anthropic.com', {}, { proxy: 'http://p:1', proxySource: 'http.proxy', noProxy: ['anthropic.com'], noProxySource: 'http.noProxy' }), 'direct (http.noProxy matched anthropic.com)');
  });

  it('refuses a proxy it cannot use rather than going direct', () => {
    assert.equal(route('https://api.example.com', { ALL_PROXY: 'socks5://sock:1080' }), 'nowhere: the proxy socks5://sock:1080 (from ALL_PROXY) uses socks5, and only http:// and https:// proxies are supported');
    assert.match(route('https://api.example.com', {}, { proxy: 'http://[bad', proxySource: 'http.proxy' }), /^nowhere: the proxy http:\/\/\[bad \(from http\.proxy\) is not a valid URL$/);
  });
});

describe('through a real proxy', function () {
  this.timeout(60_000);
  let sim: SimulatorHandle;
  let certificates: TestCertificates;
  let front: { port: number; close(): Promise<void> };
  let proxy: TestProxy;
  const clients: ManagedAgentsClient[] = [];
  const savedEnv = { ...process.env };

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, stepDelayMs: 2, heartbeatMs: 500 });
    certificates = makeCertificates(SECURE);
    front = await startTlsFront(certificates, sim.port);
  });
  after(async () => {
    await front?.close();
    await sim?.close();
    certificates?.dispose();
  });
  beforeEach(async () => {
    proxy = await startTestProxy({ hosts: { [PLAIN]: sim.port, [SECURE]: front.port } });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await proxy.close();
    for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy']) {
      if (savedEnv[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnv[name];
    }
    sim.faults.clear();
  });

  function client(baseURL: string, options: Partial<ClientOptions> = {}): ManagedAgentsClient {
    const created = new ManagedAgentsClient({ baseURL, apiKey: () => KEY, maxRetries: 0, connectTimeoutMs: 5_000, ca: [certificates.ca], ...options });
    clients.push(created);
    return created;
  }

  async function failure(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error('the request succeeded');
  }

  /** A plain agent in a cloud environment, so a message ends its turn without asking anything. */
  async function fixtures(api: ManagedAgentsClient): Promise<{ agent: string; environment: string }> {
    const agent = (await api.agents.list().toArray()).find((a) => a.name === 'Docs writer');
    const environment = (await api.environments.list().toArray()).find((e) => e.config.type === 'cloud');
    assert.ok(agent && environment);
    return { agent: agent.id, environment: environment.id };
  }

  /** Follows a session until its turn ends idle; returns what the follower placed, in order. */
  async function followTurn(api: ManagedAgentsClient, sessionId: string, start: () => Promise<unknown>, during?: (events: SessionEvent[]) => void): Promise<{ events: SessionEvent[]; items: FollowItem[] }> {
    const placed = new FollowedEvents();
    const items: FollowItem[] = [];
    let started = false;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    for await (const item of followSession(api, sessionId, { signal: controller.signal, reconnectDelayMs: () => 20 })) {
      items.push(item);
      placed.apply(item);
      if (item.kind === 'connection' && item.state === 'live' && !started) {
        started = true;
        await start();
      }
      if (started) during?.(placed.events);
      if (started && item.kind === 'event' && item.event.type === 'session.status_idle' && placed.events.some((e) => e.type === 'user.message')) break;
    }
    clearTimeout(timer);
    assert.ok(!controller.signal.aborted, 'the turn ended in time');
    return { events: placed.events, items };
  }

  for (const [scheme, host] of TARGETS) {
    for (const streamThread of [true, false]) {
      const where = streamThread ? 'stream thread' : 'fallback path';
      it(`${scheme}, ${where}: lists, creates, sends and follows a live turn through HTTPS_PROXY / HTTP_PROXY from the environment`, async () => {
        process.env.HTTPS_PROXY = proxy.url;
        process.env.HTTP_PROXY = proxy.url;
        const routes: string[] = [];
        const api = client(`${host === SECURE ? 'https' : 'http'}://${host}`, { streamThread, onRoute: (r) => routes.push(r) });
        const page = await api.sessions.list({ limit: 5 }).firstPage();
        assert.ok(page.data.length > 0, 'sessions listed');
        const { agent, environment } = await fixtures(api);
        const session = await api.sessions.create({ agent, environment_id: environment, title: `through ${scheme}` });
        const { events } = await followTurn(api, session.id, () => api.sessions.events.send(session.id, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'hello through the proxy' }] }] }));
        assert.deepEqual(events.map((e) => e.id), sim.events(session.id).map((e) => e.id), 'the panel of events matches the server, in order');
        if (streamThread) assert.ok(api.streamThreadId !== undefined, 'the stream was read on the stream thread');
        else assert.equal(api.streamThreadId, undefined);
        assert.deepEqual(routes, [`proxy ${proxy.url} (from ${host === SECURE ? 'HTTPS_PROXY' : 'HTTP_PROXY'})`], 'said once');
        const streams = proxy.seen.filter((s) => (s.kind === 'connect' ? false : s.target.includes('/events/stream')));
        if (host === SECURE) {
          assert.ok(proxy.seen.length > 0 && proxy.seen.every((s) => s.kind === 'connect' && s.target === `${SECURE}:443`), 'only tunnels: the key never crosses the proxy in clear');
        } else {
          assert.ok(proxy.seen.every((s) => s.kind === 'forward' && s.target.startsWith(`http://${PLAIN}/v1/`)), 'absolute-form requests');
          assert.ok(streams.length >= 1, 'the stream went through the proxy too');
        }
      });

      it(`${scheme}, ${where}: reconnects after the proxy drops the stream, losing nothing and showing nothing twice`, async () => {
        const api = client(`${host === SECURE ? 'https' : 'http'}://${host}`, { streamThread, network: { proxy: proxy.url, proxySource: 'test' } });
        const { agent, environment } = await fixtures(api);
        const session = await api.sessions.create({ agent, environment_id: environment, title: 'drops' });
        sim.appendEvent(session.id, { type: 'user.message', content: [{ type: 'text', text: 'go' }] });
        const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
        const { events, items } = await followTurn(api, session.id, async () => {
          // The agent writes while the proxy cuts every connection through it, twice.
          void (async () => {
            sim.appendEvent(session.id, { type: 'session.status_running' });
            for (let n = 0; n < 60; n++) {
              if (n === 20 || n === 40) proxy.dropConnections();
              sim.appendEvent(session.id, { type: 'agent.message', content: [{ type: 'text', text: `part ${n}` }] });
              await pause();
            }
            sim.appendEvent(session.id, { type: 'session.status_idle', stop_reason: { type: 'end_turn' } });
          })();
        });
        assert.ok(items.filter((i) => i.kind === 'connection' && i.state === 'reconnecting').length >= 2, 'it reconnected after each drop');
        assert.deepEqual(events.map((e) => e.id), sim.events(session.id).map((e) => e.id), 'no gap, no duplicate, same order');
      });
    }
  }

  it('takes credentials from the proxy URL, and never shows them', async () => {
    proxy.behaviour.credentials = 'alice:s3cret';
    const routes: string[] = [];
    const api = client(`https://${SECURE}`, { network: { proxy: proxy.urlWith('alice:s3cret'), proxySource: 'http.proxy' }, onRoute: (r) => routes.push(r) });
    const page = await api.sessions.list({ limit: 2 }).firstPage();
    assert.ok(page.data.length > 0);
    const stream = await api.sessions.events.stream(page.data[0].id);
    stream.close();
    assert.equal(proxy.seen[0].authorization, `Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    assert.deepEqual(routes, [`proxy http://***@127.0.0.1:${proxy.port} (from http.proxy)`]);
    assert.ok(!routes.join().includes('s3cret'));
  });

  for (const [scheme, host] of TARGETS) {
    for (const streamThread of [true, false]) {
      it(`${scheme}, ${streamThread ? 'stream thread' : 'fallback path'}: a 407 says the proxy wants credentials, for requests and streams, without repeating`, async () => {
        proxy.behaviour.credentials = 'alice:s3cret';
        const base = `${host === SECURE ? 'https' : 'http'}://${host}`;
        for (const [proxyUrl, given] of [
          [proxy.url, 'was given none'],
          [proxy.urlWith('alice:wrong-password'), 'did not accept the credentials given'],
        ] as const) {
          const api = client(base, { streamThread, maxRetries: 2, network: { proxy: proxyUrl, proxySource: 'HTTPS_PROXY' } });
          const seenBefore = proxy.seen.length;
          const error = await failure(api.sessions.list().firstPage());
          assert.ok(error instanceof ProxyError, `${error.name}: ${error.message}`);
          assert.equal(error.problem, 'auth');
          assert.equal(error.status, 407);
          assert.equal(error.source, 'HTTPS_PROXY');
          assert.equal(isTransientError(error), false);
          assert.equal(proxy.seen.length - seenBefore, 1, 'not retried: the same credentials get the same answer');
          assert.ok(error.message.includes(`(407 Proxy Authentication Required) and ${given}`), error.message);
          assert.ok(!error.message.includes('wrong-password') && !error.message.includes('alice'), 'no credentials in the message');
          const streamError = await failure(api.sessions.events.stream('sesn_any'));
          assert.ok(streamError instanceof ProxyError && streamError.problem === 'auth', `${streamError.name}: ${streamError.message}`);
        }
      });
    }
  }

  it('a refused tunnel names the proxy and the status', async () => {
    proxy.behaviour.refuseConnect = 403;
    const api = client(`https://${SECURE}`, { network: { proxy: proxy.url, proxySource: 'http.proxy' } });
    const error = await failure(api.sessions.list().firstPage());
    assert.ok(error instanceof ProxyError, error.message);
    assert.equal(error.problem, 'refused');
    assert.equal(error.status, 403);
    assert.equal(error.message, `The request to ${SECURE} was refused by the proxy ${proxy.url} (from http.proxy): it would not open a tunnel to ${SECURE} (HTTP 403).`);
    assert.equal(isTransientError(error), false);
  });

  it("the proxy's own web page (a block page) names the proxy", async () => {
    proxy.behaviour.webPage = 403;
    const api = client(`http://${PLAIN}`, { network: { proxy: proxy.url, proxySource: 'HTTP_PROXY' } });
    const error = await failure(api.sessions.list().firstPage());
    assert.ok(error instanceof ProxyError, error.message);
    assert.equal(error.problem, 'webPage');
    assert.equal(error.message, `The request to ${PLAIN} got a web page (HTTP 403) instead of the API's JSON, through the proxy ${proxy.url} (from HTTP_PROXY): the proxy may block the API or want you to sign in.`);
    proxy.behaviour.webPage = 200;
    const ok = await failure(api.sessions.list().firstPage());
    assert.ok(ok instanceof ProxyError && ok.problem === 'webPage', 'a 200 web page too');
  });

  it('an unreachable proxy, and one it cannot use, say so; nothing goes direct', async () => {
    const port = await closedPort();
    const down = client(`https://${SECURE}`, { network: { proxy: `http://127.0.0.1:${port}`, proxySource: 'http.proxy' } });
    const error = await failure(down.sessions.list().firstPage());
    assert.ok(error instanceof ProxyError && error.problem === 'unreachable', error.message);
    assert.equal(error.message, `Could not connect to the proxy http://127.0.0.1:${port} (from http.proxy): the connection was refused.`);
    const socks = client(`https://${SECURE}`, { network: { env: { ALL_PROXY: 'socks5://127.0.0.1:1080' } } });
    const unusable = await failure(socks.sessions.list().firstPage());
    assert.ok(unusable instanceof ProxyError && unusable.problem === 'unusable', unusable.message);
    assert.match(unusable.message, /^The proxy socks5:\/\/127\.0\.0\.1:1080 \(from ALL_PROXY\) uses socks5, and only http:\/\/ and https:\/\/ proxies are supported, so nothing was sent/);
  });

  for (const [entry, kind] of [
    [PLAIN, 'exact'],
    ['.managed-agents.test', 'suffix'],
    ['*', 'wildcard'],
  ] as const) {
    it(`NO_PROXY (${kind}: ${entry}) sends the request direct, where the API's name does not resolve`, async () => {
      const routes: string[] = [];
      const api = client(`http://${PLAIN}:${sim.port}`, { network: { env: { HTTP_PROXY: proxy.url, NO_PROXY: `other.example, ${entry}` } }, onRoute: (r) => routes.push(r) });
      const error = await failure(api.sessions.list().firstPage());
      assert.ok(error instanceof APIConnectionError && !(error instanceof ProxyError), error.message);
      assert.match(error.message, new RegExp(`^Could not resolve ${PLAIN.replace(/\./g, '\\.')}:${sim.port} \\(DNS lookup failed\\)`));
      assert.equal(proxy.seen.length, 0, 'the proxy saw nothing');
      assert.deepEqual(routes, [`direct (NO_PROXY matched ${entry})`]);
    });
  }

  it('NO_PROXY for another port keeps the proxy', async () => {
    const api = client(`http://${PLAIN}:${sim.port}`, { network: { env: { HTTP_PROXY: proxy.url, NO_PROXY: `${PLAIN}:${sim.port + 1}` } } });
    assert.ok((await api.sessions.list().firstPage()).data.length > 0);
    assert.ok(proxy.seen.length > 0);
  });

  it('a new proxy setting applies to the next request and stream, without a new client', async () => {
    const second = await startTestProxy({ hosts: { [SECURE]: front.port } });
    try {
      const routes: string[] = [];
      const api = client(`https://${SECURE}`, { network: { proxy: proxy.url, proxySource: 'http.proxy' }, onRoute: (r) => routes.push(r) });
      const [session] = (await api.sessions.list({ limit: 1 }).firstPage()).data;
      const first = await api.sessions.events.stream(session.id);
      api.configure({ network: { proxy: second.url, proxySource: 'http.proxy' } });
      await api.sessions.list({ limit: 1 }).firstPage();
      const next = await api.sessions.events.stream(session.id);
      next.close();
      first.close();
      assert.deepEqual(routes, [`proxy ${proxy.url} (from http.proxy)`, `proxy ${second.url} (from http.proxy)`]);
      assert.equal(proxy.seen.length, 2, 'the first request and stream');
      assert.equal(second.seen.length, 2, 'the next request and stream');
      api.configure({ network: { useProxy: false } });
      const direct = await failure(api.sessions.list().firstPage());
      assert.match(direct.message, /^Could not resolve secure\.managed-agents\.test/);
      assert.equal(routes.at(-1), 'direct (proxy support is off)');
    } finally {
      await second.close();
    }
  });

  it('a private CA: without it, a certificate error that names the proxy; with NODE_EXTRA_CA_CERTS, requests and streams on both threads work', async () => {
    const strict = client(`https://${SECURE}`, { ca: undefined, network: { proxy: proxy.url, proxySource: 'http.proxy' } });
    const error = await failure(strict.sessions.list().firstPage());
    assert.ok(error instanceof ProxyError && error.problem === 'certificate', error.message);
    assert.match(error.message, /^A secure connection to secure\.managed-agents\.test through the proxy http:\/\/127\.0\.0\.1:\d+ \(from http\.proxy\) could not be made \([A-Z_]+\)/);
    // http.proxyStrictSSL off: certificates on connections through the proxy are not checked.
    const lax = client(`https://${SECURE}`, { ca: undefined, network: { proxy: proxy.url, proxyStrictSSL: false } });
    assert.ok((await lax.sessions.list({ limit: 1 }).firstPage()).data.length > 0);

    // NODE_EXTRA_CA_CERTS is read when a process starts: a fresh process, on both threads.
    const script = `
      const { ManagedAgentsClient } = require(${JSON.stringify(path.resolve(__dirname, '../../src/api/index.js'))});
      (async () => {
        const out = {};
        for (const streamThread of [true, false]) {
          const client = new ManagedAgentsClient({ baseURL: 'https://${SECURE}', apiKey: () => '${KEY}', maxRetries: 0, streamThread, network: { systemCertificates: false } });
          const page = await client.sessions.list({ limit: 1 }).firstPage();
          const stream = await client.sessions.events.stream(page.data[0].id);
          stream.close();
          out[streamThread ? 'thread' : 'fallback'] = { listed: page.data.length, threadId: client.streamThreadId ?? null };
          await client.close();
        }
        console.log(JSON.stringify(out));
      })().catch((e) => { console.log(JSON.stringify({ error: e.message })); });`;
    const run = (env: Record<string, string | undefined>) =>
      new Promise<Record<string, unknown>>((resolve, reject) =>
        execFile(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, HTTPS_PROXY: proxy.url, ...env }, timeout: 30_000 }, (e, stdout, stderr) =>
          e ? reject(new Error(`${e.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!)),
        ),
      );
    const trusted = await run({ NODE_EXTRA_CA_CERTS: certificates.caFile });
    assert.equal((trusted.thread as { listed: number }).listed, 1, JSON.stringify(trusted));
    assert.equal(typeof (trusted.thread as { threadId: unknown }).threadId, 'number', 'the stream was read on the stream thread');
    assert.deepEqual(trusted.fallback, { listed: 1, threadId: null });
    const untrusted = await run({});
    assert.match(String(untrusted.error), /could not be made/);
  });
});

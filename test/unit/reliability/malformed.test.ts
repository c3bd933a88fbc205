// Malformed answers from a broken server or proxy: the client raises a typed error with a message a
// person can act on, or skips what it cannot use and says why, and never hands the extension a value
// of the wrong shape. The sidebar's sanitizer turns any session-like value into one the UI can show.
import assert from 'node:assert/strict';
import type http from 'node:http';
import {
  APIConnectionError,
  MalformedResponseError,
  ManagedAgentsClient,
  followSession,
  type FollowItem,
  type SessionEvent,
} from '../../../src/api';
import { toHeader } from '../../../src/history/header';
import { relativeTime, sessionLabel } from '../../../src/webview/format';
import { sanitizeSession } from '../../../src/sessions/store/sanitize';
import { isActive, sessionContextValue } from '../../../src/sessions/sessionState';
import { mergeRefreshed } from '../../../src/sessions/store/sessionDiff';
import { clientOnTestServer } from '../helpers/test-client';
import { sendJson } from '../helpers/test-server';
import { count, report, rng } from './soak';

const SESSION = { id: 'sesn_1', type: 'session', status: 'idle', title: 't', agent: { id: 'agent_1', name: 'A', version: 1 }, environment_id: 'env_1', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', metadata: {} };

function raw(res: http.ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'request-id': 'req_bad' });
  res.end(body);
}

function sse(res: http.ServerResponse, frames: string[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const frame of frames) res.write(frame);
}

describe('reliability: malformed server responses', function () {
  this.timeout(30_000);
  const warnings: string[] = [];
  const setup = clientOnTestServer(() => {
    warnings.length = 0;
    return { apiKey: () => 'sk-test-key', maxRetries: 0, onWarning: (m) => warnings.push(m) };
  });

  const cases: { name: string; body: string; type?: string; call: (c: ManagedAgentsClient) => Promise<unknown>; message: RegExp }[] = [
    { name: 'truncated JSON', body: JSON.stringify(SESSION).slice(0, 20), call: (c) => c.sessions.retrieve('sesn_1'), message: /cut off or is not valid JSON/ },
    { name: 'an empty body', body: '', call: (c) => c.sessions.retrieve('sesn_1'), message: /cut off or is not valid JSON/ },
    { name: 'a number for a session', body: '42', call: (c) => c.sessions.retrieve('sesn_1'), message: /with a number instead of the API's resource/ },
    { name: 'null for a session', body: 'null', call: (c) => c.sessions.retrieve('sesn_1'), message: /with null instead/ },
    { name: 'a session without an id', body: JSON.stringify({ ...SESSION, id: undefined }), call: (c) => c.sessions.retrieve('sesn_1'), message: /an object without an "id"/ },
    { name: 'a session with a numeric id', body: JSON.stringify({ ...SESSION, id: 7 }), call: (c) => c.sessions.create({ agent: 'a', environment_id: 'e' }), message: /without an "id"/ },
    { name: 'a list without data', body: JSON.stringify({ sessions: [] }), call: (c) => c.sessions.list().firstPage(), message: /without a "data" list/ },
    { name: 'a list whose data is a string', body: JSON.stringify({ data: 'sesn_1', next_page: null }), call: (c) => c.sessions.list().firstPage(), message: /without a "data" list/ },
    { name: 'a list that is an array', body: JSON.stringify([SESSION]), call: (c) => c.sessions.list().toArray(), message: /with an array instead of a page/ },
    { name: 'an HTML page from a proxy', body: '<!doctype html><title>Login</title>', type: 'text/html', call: (c) => c.sessions.list().firstPage(), message: /web page instead of the API's JSON/ },
  ];
  for (const { name, body, type, call, message } of cases) {
    it(`raises a MalformedResponseError for ${name}`, async () => {
      const { client } = await setup((_req, res) => raw(res, 200, body, type));
      await assert.rejects(call(client), (error: unknown) => {
        assert.ok(error instanceof MalformedResponseError, `${name}: ${String(error)}`);
        assert.match(error.message, message);
        assert.equal(error.requestId, 'req_bad');
        return true;
      });
    });
  }

  it('skips list items of the wrong shape, keeps the rest, and says so', async () => {
    const { client } = await setup((_req, res) =>
      sendJson(res, 200, { data: [SESSION, null, 'x', 12, [], { title: 'no id' }, { id: '' }, { ...SESSION, id: 'sesn_2' }], next_page: 17 }),
    );
    const page = await client.sessions.list().firstPage();
    assert.deepEqual(page.data.map((s) => s.id), ['sesn_1', 'sesn_2']);
    assert.equal(page.next_page, null, 'a next_page that is not a string ends paging');
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /Skipped 6 of 8 items .* not objects with a string "id" \[request-id req_test_1\]/);
    assert.match(warnings[1], /Ignored a "next_page" that is a number/);
  });

  it('refuses a giant body without reading it all', async () => {
    const big = JSON.stringify({ ...SESSION, title: 'x'.repeat(3 * 1024 * 1024) });
    const { client } = await setup((_req, res) => raw(res, 200, big), { maxResponseBytes: 1024 * 1024 });
    await assert.rejects(client.sessions.retrieve('sesn_1'), (e: unknown) => e instanceof MalformedResponseError && /larger than 1 MiB/.test(e.message));
  });

  it('a body cut off mid-way by the connection is a connection error, not a parse error', async () => {
    const { client } = await setup((_req, res) => {
      const body = JSON.stringify(SESSION);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length * 2) });
      res.write(body, () => res.socket?.destroy());
    });
    await assert.rejects(client.sessions.retrieve('sesn_1'), (e: unknown) => e instanceof APIConnectionError && !e.notSent);
  });

  it('follows a stream with unknown event types, values that are not events, and an event in many small chunks', async () => {
    const history = [{ id: 'evt_1', type: 'user.message', content: [{ type: 'text', text: 'hi' }], processed_at: '2026-01-01T00:00:00Z' }];
    const { client } = await setup((req, res) => {
      if (req.path.endsWith('/events/stream')) {
        const big = JSON.stringify({ id: 'evt_big', type: 'agent.message', content: [{ type: 'text', text: 'é'.repeat(200_000) }], processed_at: '2026-01-01T00:00:03Z' });
        const frames = [
          'data: {"id":"evt_2","type":"agent.hologram_beam","payload":{"x":1},"processed_at":"2026-01-01T00:00:01Z"}\n\n',
          'data: 42\n\n',
          'data: {"type":"agent.message"}\n\n',
          'data: {"id":"evt_3"}\n\n',
          'data: [1,2]\n\n',
          'data: {"type":"event_delta"}\n\n',
        ];
        // The big event arrives a few bytes at a time, split inside multi-byte characters.
        const bytes = Buffer.from(`data: ${big}\n\n`);
        sse(res, frames);
        for (let i = 0; i < bytes.length; i += 65_537) res.write(bytes.subarray(i, i + 65_537));
        res.write('data: {"id":"evt_end","type":"session.status_idle","stop_reason":{"type":"end_turn"},"processed_at":"2026-01-01T00:00:04Z"}\n\n');
        return;
      }
      sendJson(res, 200, { data: history, next_page: null });
    });
    const controller = new AbortController();
    const events: SessionEvent[] = [];
    for await (const item of followSession(client, 'sesn_1', { signal: controller.signal, onWarning: (m) => warnings.push(m) }) as AsyncGenerator<FollowItem>) {
      if (item.kind !== 'event') continue;
      events.push(item.event);
      if (item.event.id === 'evt_end') break;
    }
    controller.abort();
    assert.deepEqual(events.map((e) => e.id), ['evt_1', 'evt_2', 'evt_big', 'evt_end']);
    assert.equal(events[1].type, 'agent.hologram_beam', 'an unknown type is passed on, for the panel to show as JSON');
    assert.equal((events[2] as { content: { text: string }[] }).content[0].text.length, 200_000);
    assert.equal(warnings.length, 5, warnings.join('\n'));
    for (const warning of warnings) assert.match(warning, /skipped a streamed value that is not an event \((a number|an array|no "type"|a agent\.message without an "id"|an event_delta without event_id)\)/);
  });

  it('makes any session-like value safe for the sidebar and the header (random junk, never a throw)', () => {
    const random = rng(424242);
    const atoms: unknown[] = [null, undefined, 0, -1, NaN, 1e308, true, '', 'x', '<script>', [], {}, { id: 5 }, '2026-01-01T00:00:00Z', 'running', 'idle'];
    const pick = () => atoms[Math.floor(random() * atoms.length)];
    const fields = ['id', 'title', 'status', 'archived_at', 'created_at', 'updated_at', 'environment_id', 'metadata', 'agent', 'usage', 'stats', 'type'];
    const n = count(2_000, 20_000);
    let usable = 0;
    const sessions = [];
    for (let i = 0; i < n; i++) {
      const value: Record<string, unknown> = { id: random() < 0.9 ? `sesn_${i}` : pick() };
      for (const field of fields.slice(1)) {
        if (random() < 0.5) continue;
        const r = random();
        value[field] =
          field === 'agent' && r < 0.5 ? { id: pick(), name: pick(), version: pick(), model: random() < 0.5 ? pick() : { id: pick() } }
          : field === 'usage' && r < 0.5 ? { input_tokens: pick(), output_tokens: pick(), list_cost: random() < 0.5 ? pick() : { amount: pick(), currency: pick() } }
          : field === 'metadata' && r < 0.5 ? { a: pick(), b: pick() }
          : pick();
      }
      const session = sanitizeSession(value);
      if (!session) continue;
      usable++;
      assert.equal(typeof session.id, 'string');
      assert.ok(session.title === null || typeof session.title === 'string');
      assert.equal(typeof session.status, 'string');
      assert.equal(typeof session.created_at, 'string');
      assert.equal(typeof session.agent.id, 'string');
      assert.ok(Object.values(session.metadata).every((v) => typeof v === 'string'));
      assert.equal(typeof sessionLabel(session), 'string');
      relativeTime(session.updated_at);
      isActive(session.status);
      sessionContextValue({ session });
      const header = toHeader(session, undefined);
      for (const [key, v] of Object.entries(header)) assert.ok(['string', 'boolean'].includes(typeof v) || (key === 'agentVersion' && (v === null || typeof v === 'number')), `${key}: ${String(v)}`);
      sessions.push(session);
    }
    mergeRefreshed([], sessions, { reachedEnd: true });
    assert.ok(usable > n * 0.8);
    report('malformed sessions made safe', n);
  });
});

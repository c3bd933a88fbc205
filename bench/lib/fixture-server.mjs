// A plain loopback HTTP server that answers the endpoints the network benchmarks use with bytes
// built once in memory, so the server costs next to nothing and every client gets identical bytes:
//   GET /v1/sessions/:id/events/stream   the SSE body (chunked, like the API), or with `liveStream` a
//                                        stream that stays open and silent, like a session at rest
//   GET /v1/sessions/:id/events?limit&page   pre-serialized cursor pages (`descPages` for order=desc;
//                                        `stopReasonPage` for the sidebar's types=session.status_idle look-up)
//   GET /v1/sessions                     `sessionsPage`
// `latencyMs` holds every answer back that long, as a link to a distant API does (like the simulator's
// latency fault: before the status line, streams included).
import http from 'node:http';

export async function startFixtureServer({ sse, pages, pageSize, descPages, liveStream = false, sessionsPage, stopReasonPage, latencyMs = 0 }) {
  let requests = 0;
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    if (latencyMs > 0) {
      const timer = setTimeout(() => answer(req, res), latencyMs);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    answer(req, res);
  });
  const json = (res, headers, body) => {
    res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  };
  const answer = (req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = { 'request-id': `req_bench_${requests}` };
    if (/^\/v1\/sessions\/[^/]+\/events\/stream$/.test(url.pathname) && liveStream) {
      res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.flushHeaders();
      return;
    }
    if (/^\/v1\/sessions\/[^/]+\/events\/stream$/.test(url.pathname) && sse) {
      res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(sse);
      return;
    }
    if (url.pathname === '/v1/sessions' && sessionsPage) return json(res, headers, sessionsPage);
    const eventsPath = /^\/v1\/sessions\/[^/]+\/events$/.test(url.pathname);
    if (eventsPath && stopReasonPage && [...url.searchParams.getAll('types'), ...url.searchParams.getAll('types[]')].includes('session.status_idle')) return json(res, headers, stopReasonPage);
    // What happened since an event (the follower's join after the newest page): nothing, at rest.
    if (eventsPath && url.searchParams.has('created_at[gte]')) return json(res, headers, Buffer.from('{"data":[],"next_page":null}'));
    const chosen = url.searchParams.get('order') === 'desc' ? descPages : pages;
    if (eventsPath && chosen) {
      const pages = chosen;
      const limit = Number(url.searchParams.get('limit'));
      const body = pages.get(url.searchParams.get('page') ?? '');
      if (limit !== pageSize || !body) {
        res.writeHead(400, { ...headers, 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: `bench server: limit ${limit} / page ${url.searchParams.get('page')}` } }));
        return;
      }
      res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
      return;
    }
    res.writeHead(404, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: url.pathname } }));
  };
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    get requests() { return requests; },
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

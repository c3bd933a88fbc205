// A plain loopback HTTP server that answers the two endpoints the network benchmarks use with bytes
// built once in memory, so the server costs next to nothing and both clients get identical bytes:
//   GET /v1/sessions/:id/events/stream   the SSE body (chunked, like the API)
//   GET /v1/sessions/:id/events?limit&page   pre-serialized cursor pages
import http from 'node:http';

export async function startFixtureServer({ sse, pages, pageSize }) {
  let requests = 0;
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = { 'request-id': `req_bench_${requests}` };
    if (/^\/v1\/sessions\/[^/]+\/events\/stream$/.test(url.pathname) && sse) {
      res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(sse);
      return;
    }
    if (/^\/v1\/sessions\/[^/]+\/events$/.test(url.pathname) && pages) {
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
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    get requests() { return requests; },
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

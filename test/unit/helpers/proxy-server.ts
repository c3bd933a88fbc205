// A real HTTP proxy on 127.0.0.1, written with Node's http: CONNECT tunnels (https targets) and
// absolute-form forwarding (http targets). It is also the only place where the test API's host name
// resolves: `hosts` maps names to loopback ports, so a request that does not go through the proxy
// cannot reach the API at all.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

export interface ProxySeen {
  kind: 'connect' | 'forward';
  /** `host:port` of a CONNECT, or the absolute URL of a forwarded request. */
  target: string;
  /** The Proxy-Authorization header it carried. */
  authorization: string | undefined;
  /** Headers of a forwarded request (a tunnel's are inside TLS, out of the proxy's sight). */
  headers?: http.IncomingHttpHeaders;
}

export interface ProxyBehaviour {
  /** Host names the proxy can resolve, to a port on 127.0.0.1. */
  hosts: Record<string, number>;
  /** Required `user:password`; without it (or with other credentials) the proxy answers 407. */
  credentials?: string;
  /** Answer CONNECTs with this status instead of opening the tunnel. */
  refuseConnect?: number;
  /** Answer forwarded requests with this status and an HTML page (a block page). */
  webPage?: number;
}

export interface TestProxy {
  url: string;
  port: number;
  seen: ProxySeen[];
  behaviour: ProxyBehaviour;
  /** The URL with credentials in it. */
  urlWith(credentials: string): string;
  /** Cuts every connection through the proxy (tunnels and forwarded streams). */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startTestProxy(behaviour: ProxyBehaviour): Promise<TestProxy> {
  const seen: ProxySeen[] = [];
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const authorized = (header: string | undefined) =>
    !behaviour.credentials || header === `Basic ${Buffer.from(behaviour.credentials).toString('base64')}`;
  // The mapped names, and this machine's own addresses as they are (as any proxy on this machine would).
  const resolve = (host: string, port?: string): number | undefined =>
    behaviour.hosts[host.toLowerCase()] ?? (['127.0.0.1', 'localhost'].includes(host.toLowerCase()) && port ? Number(port) : undefined);

  const server = http.createServer((req, res) => {
    const authorization = req.headers['proxy-authorization'];
    seen.push({ kind: 'forward', target: req.url ?? '', authorization, headers: req.headers });
    if (!authorized(authorization)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"', 'content-type': 'text/html' });
      res.end('<html><body>Proxy authentication required</body></html>');
      return;
    }
    if (behaviour.webPage) {
      res.writeHead(behaviour.webPage, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><title>Blocked by policy</title></head><body>This site is blocked.</body></html>');
      return;
    }
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form request expected');
      return;
    }
    const port = resolve(target.hostname, target.port);
    if (port === undefined) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`cannot resolve ${target.hostname}`);
      return;
    }
    const { 'proxy-authorization': _auth, 'proxy-connection': _keepAlive, ...headers } = req.headers;
    const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: `${target.pathname}${target.search}`, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('socket', track);
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connection', track);
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const authorization = req.headers['proxy-authorization'];
    seen.push({ kind: 'connect', target: req.url ?? '', authorization });
    client.on('error', () => undefined);
    if (!authorized(authorization)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (behaviour.refuseConnect) {
      client.end(`HTTP/1.1 ${behaviour.refuseConnect} Forbidden\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, portText] = (req.url ?? '').split(':');
    const port = resolve(host, portText);
    if (port === undefined || !portText) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    behaviour,
    urlWith: (credentials) => `http://${credentials}@127.0.0.1:${port}`,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

export interface TestCertificates {
  /** The private CA's certificate (PEM), and its file. */
  ca: string;
  caFile: string;
  key: string;
  cert: string;
  dispose(): void;
}

/** A private CA made at test time with openssl, and a server certificate it signs for `hostname`. */
export function makeCertificates(hostname: string): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'managed-agents-ca-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Managed Agents Test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${hostname}`);
  fs.writeFileSync(file('ext.cnf'), `subjectAltName=DNS:${hostname}\nextendedKeyUsage=serverAuth\n`);
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf');
  return {
    ca: fs.readFileSync(file('ca.pem'), 'utf8'),
    caFile: file('ca.pem'),
    key: fs.readFileSync(file('server.key'), 'utf8'),
    cert: fs.readFileSync(file('server.pem'), 'utf8'),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** TLS in front of a plain-http server on 127.0.0.1 (the simulator): the bytes inside go through as they are. */
export async function startTlsFront(certificates: TestCertificates, backendPort: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: certificates.key, cert: certificates.cert }, (socket) => {
    const backend = net.connect(backendPort, '127.0.0.1');
    for (const s of [socket, backend]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    socket.pipe(backend);
    backend.pipe(socket);
    socket.on('close', () => backend.destroy());
    backend.on('close', () => socket.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

// A loopback reverse proxy in front of code-server that loads an extension under development the way an
// embedder of the VS Code workbench would: it adds `developmentOptions.extensions` to the workbench
// configuration in the served HTML. Unlike the URL payload route, this needs no smoke-test driver, so the
// workbench behaves exactly as for a user (notification toasts show, dialogs stay open). Used by the e2e
// tests and `npm run demo`. The extension host then runs the extension in Development mode; its
// environment comes from code-server's own environment (the remote extension host inherits it).
import http from 'node:http';
import net from 'node:net';

const CONFIG_META = /(<meta\s+id="vscode-workbench-web-configuration"\s+data-settings=")([^"]*)(")/;
const decodeHtml = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const encodeHtml = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * @param {{ target: string, extensionDevelopmentPath: string, port?: number }} o  target: code-server's base URL
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startDevExtensionProxy({ target, extensionDevelopmentPath, port = 0 }) {
  const upstream = new URL(target);
  const sockets = new Set();

  const server = http.createServer((req, res) => {
    const headers = { ...req.headers };
    delete headers['accept-encoding']; // keep bodies plain so the HTML can be rewritten (loopback: no need)
    const proxied = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (upstreamRes) => {
      const isHtml = String(upstreamRes.headers['content-type'] || '').startsWith('text/html');
      if (!isHtml) {
        res.writeHead(upstreamRes.statusCode, upstreamRes.rawHeaders);
        upstreamRes.pipe(res);
        return;
      }
      const chunks = [];
      upstreamRes.on('data', (c) => chunks.push(c));
      upstreamRes.on('end', () => {
        // The workbench uses the browser's host as remote authority, so the URI names the proxy's host.
        const body = Buffer.from(addDevelopmentExtension(Buffer.concat(chunks).toString('utf8'), req.headers.host, extensionDevelopmentPath));
        const outHeaders = { ...upstreamRes.headers, 'content-length': String(body.length) };
        delete outHeaders['transfer-encoding'];
        res.writeHead(upstreamRes.statusCode, outHeaders);
        res.end(body);
      });
    });
    proxied.on('error', (e) => { res.writeHead(502); res.end(`proxy: ${e.message}`); });
    req.pipe(proxied);
  });

  // WebSockets (the workbench's connection to the server and extension host): pipe raw bytes through.
  server.on('upgrade', (req, socket, head) => {
    const upstreamSocket = net.connect(Number(upstream.port), upstream.hostname, () => {
      let requestHead = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) requestHead += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      upstreamSocket.write(requestHead + '\r\n');
      if (head?.length) upstreamSocket.write(head);
      socket.pipe(upstreamSocket).pipe(socket);
    });
    for (const s of [socket, upstreamSocket]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => { socket.destroy(); upstreamSocket.destroy(); });
    }
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });

  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(port, '127.0.0.1', resolve); });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

function addDevelopmentExtension(html, host, extensionDevelopmentPath) {
  const match = html.match(CONFIG_META);
  if (!match) return html;
  const config = JSON.parse(decodeHtml(match[2]));
  config.developmentOptions = {
    ...(config.developmentOptions || {}),
    extensions: [{ scheme: 'vscode-remote', authority: host, path: extensionDevelopmentPath }],
  };
  return html.replace(CONFIG_META, (_, before, _value, after) => before + encodeHtml(JSON.stringify(config)) + after);
}

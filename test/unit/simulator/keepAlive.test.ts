// The simulator on a kept-alive connection: a request that arrives while the answer before it is still
// going out must be answered too. (Node gives such a response no socket until the one before it is
// done; the simulator once took that for a client that had gone, and never answered: a download
// followed at once by another request on the same connection then hung.)
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';

describe('simulator: requests pipelined on one connection', () => {
  let sim: SimulatorHandle;
  before(async () => {
    sim = await startSimulator({ apiKey: 'key' });
  });
  after(async () => {
    await sim.close();
  });

  it('answers each of three GETs sent in one write, in order', async () => {
    const { hostname, port } = new URL(sim.url);
    const request = (path: string) =>
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nx-api-key: key\r\nanthropic-version: 2023-06-01\r\nanthropic-beta: managed-agents-2026-04-01\r\n\r\n`;
    const socket = net.connect(Number(port), hostname);
    let received = '';
    // Answers follow each other with nothing between: a status line starts right after the body before it.
    const statusLines = () => received.match(/HTTP\/1\.1 \d{3}/g) ?? [];
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
      });
      socket.write(request('/v1/sessions?limit=1') + request('/v1/agents?limit=1') + request('/v1/environments?limit=1'));
      // Every answer that comes, comes at once on loopback; the wait only bounds a hang.
      for (const deadline = Date.now() + 10_000; statusLines().length < 3 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(statusLines(), ['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 200'], received.slice(0, 400));
    } finally {
      socket.destroy();
    }
  });
});

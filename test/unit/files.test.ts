/**
 * client.files transfers: a large upload streamed from disk with progress (and retried only where
 * that is safe), downloadTo leaving nothing behind on abort or a dropped connection, read's byte limit.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { APIConnectionError, APIError, APIUserAbortError, FileTooLargeToReadError, ManagedAgentsClient } from '../../src/api';
import { startSimulator, type SimulatorHandle } from '../simulator';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('client.files transfers', function () {
  this.timeout(60_000);
  let sim: SimulatorHandle;
  let client: ManagedAgentsClient;
  let folder: string;
  let sessionId: string;

  before(async () => {
    sim = await startSimulator({ stepDelayMs: 1 });
    client = new ManagedAgentsClient({ baseURL: sim.url, apiKey: () => 'sk-test', streamThread: false, random: () => 0 });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'client-files-'));
  });
  after(async () => {
    await client.close();
    await sim.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    sim.reset();
    for (const name of fs.readdirSync(folder)) fs.rmSync(path.join(folder, name), { force: true });
    for await (const session of client.sessions.list()) {
      if (session.archived_at === null && session.status === 'idle') {
        sessionId = session.id;
        break;
      }
    }
  });

  it('streams a 50 MB upload from disk, with progress up to its size, and the server gets every byte', async () => {
    const source = path.join(folder, 'big.bin');
    const block = Buffer.alloc(1024 * 1024);
    const hash = createHash('sha256');
    const out = fs.openSync(source, 'w');
    for (let index = 0; index < 50; index++) {
      block.fill(index);
      fs.writeSync(out, block);
      hash.update(block);
    }
    fs.closeSync(out);
    const progress: number[] = [];
    const file = await client.files.upload({ path: source }, { onProgress: (done, total) => {
      assert.equal(total, 50 * 1024 * 1024);
      progress.push(done);
    } });
    assert.equal(file.size_bytes, 50 * 1024 * 1024);
    assert.equal(file.filename, 'big.bin');
    assert.equal(await sim.fileDigest(file.id), hash.digest('hex'));
    assert.ok(progress.length > 10, `progress came in steps (${progress.length})`);
    assert.deepEqual([...progress].sort((a, b) => a - b), progress, 'progress only grows');
    assert.equal(progress.at(-1), 50 * 1024 * 1024);
    const beta = sim.requests.filter((request) => request.path === '/v1/files');
    assert.equal(beta.length, 1);
  });

  it('does not repeat an upload the server may have acted on (500), but re-reads the file after a 529', async () => {
    const source = path.join(folder, 'small.csv');
    fs.writeFileSync(source, 'a,b\n1,2\n');
    sim.faults.set({ errors: [{ status: 500, count: 1, method: 'POST', path: '/v1/files' }] });
    const error = await rejection(client.files.upload({ path: source }));
    assert.ok(error instanceof APIError && error.status === 500);
    assert.equal(sim.requests.filter((request) => request.path === '/v1/files').length, 1);

    sim.faults.set({ errors: [{ status: 529, count: 1, method: 'POST', path: '/v1/files', retryAfterMs: 1 }] });
    const file = await client.files.upload({ path: source, mimeType: 'text/csv' });
    assert.deepEqual([file.size_bytes, file.mime_type], [8, 'text/csv']);
    assert.equal(sim.requests.filter((request) => request.path === '/v1/files').length, 3);
  });

  it('sends the Files API beta beside managed-agents', async () => {
    await client.files.list().firstPage();
    const seen: string[] = [];
    const probe = new ManagedAgentsClient({ baseURL: sim.url, apiKey: () => 'k', streamThread: false, onRequest: (entry) => seen.push(String(entry.requestHeaders?.['anthropic-beta'])) });
    await probe.files.list().firstPage();
    await probe.close();
    assert.deepEqual(seen, ['managed-agents-2026-04-01,files-api-2025-04-14']);
  });

  it('downloads to the destination through a temporary file, and leaves nothing on abort', async () => {
    const content = Buffer.alloc(8 * 1024 * 1024, 7);
    const file = sim.addFile('out.bin', content, { session: sessionId });
    const destination = path.join(folder, 'out.bin');
    assert.deepEqual(await client.files.downloadTo(file.id, destination), { bytes: content.length });
    assert.ok(fs.readFileSync(destination).equals(content));
    assert.deepEqual(fs.readdirSync(folder), ['out.bin']);

    const controller = new AbortController();
    const aborted = path.join(folder, 'aborted.bin');
    const error = await rejection(
      client.files.downloadTo(file.id, aborted, { signal: controller.signal, onProgress: (done) => done > 1024 * 1024 && controller.abort() }),
    );
    assert.ok(error instanceof APIUserAbortError, String(error));
    assert.deepEqual(fs.readdirSync(folder), ['out.bin'], 'no temporary file and nothing under the final name');
  });

  it('read() keeps a file up to maxBytes and refuses a larger one', async () => {
    const file = sim.addFile('notes.md', 'x'.repeat(2000), { session: sessionId, mimeType: 'text/markdown' });
    assert.equal((await client.files.read(file.id, { maxBytes: 2000 })).byteLength, 2000);
    const error = await rejection(client.files.read(file.id, { maxBytes: 1999 }));
    assert.ok(error instanceof FileTooLargeToReadError);
    assert.equal(error.sizeBytes, 2000);
  });

  describe('against a server that misbehaves mid-body', () => {
    let server: Server;
    let other: ManagedAgentsClient;
    let mode: 'drop' | 'chunked' = 'drop';
    before(async () => {
      server = createServer((req, res) => {
        if (mode === 'drop') {
          // Announces 4 MB, sends 1 MB, then the connection drops.
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': 4 * 1024 * 1024 });
          res.write(Buffer.alloc(1024 * 1024, 1), () => res.socket?.destroy());
        } else {
          // No content-length: the limit can only be found while reading.
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          res.write(Buffer.alloc(600, 1));
          res.end(Buffer.alloc(600, 1));
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      other = new ManagedAgentsClient({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: () => 'k', streamThread: false, maxRetries: 0 });
    });
    after(async () => {
      await other.close();
      await new Promise((resolve) => server.close(resolve));
    });

    it('downloadTo removes the partial file and keeps what was at the destination', async () => {
      mode = 'drop';
      const destination = path.join(folder, 'kept.txt');
      fs.writeFileSync(destination, 'previous');
      const error = await rejection(other.files.downloadTo('file_x', destination));
      assert.ok(error instanceof APIConnectionError, String(error));
      assert.deepEqual(fs.readdirSync(folder), ['kept.txt']);
      assert.equal(fs.readFileSync(destination, 'utf8'), 'previous');
    });

    it('read() refuses a body without content-length once it passes maxBytes', async () => {
      mode = 'chunked';
      const error = await rejection(other.files.read('file_x', { maxBytes: 1000 }));
      assert.ok(error instanceof FileTooLargeToReadError);
      assert.equal(error.sizeBytes, undefined);
      assert.equal((await other.files.read('file_x', { maxBytes: 1200 })).byteLength, 1200);
    });
  });
});

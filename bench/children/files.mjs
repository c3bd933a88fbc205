// Files benchmark: upload and download of one large file through our client (`client.files.upload`,
// `client.files.downloadTo`) against `curl`, on the same simulator (its own process, so its memory is
// not ours). Rounds alternate ours / curl. For ours, the peak RSS and heap growth over the process's
// level before the transfer, sampled every 10 ms: a streamed transfer stays flat, whatever the size.
//   node files.mjs '{"mb":200,"rounds":3}'
import { execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const BUILD = process.env.BENCH_BUILD_DIR || ROOT;
const require = createRequire(path.join(ROOT, 'package.json'));
const { ManagedAgentsClient } = require(path.join(BUILD, 'out/src/api/index.js'));
const opts = { mb: 200, rounds: 3, ...JSON.parse(process.argv[2] ?? '{}') };
const BYTES = opts.mb * 1024 * 1024;
const HEADERS = ['-H', 'x-api-key: bench', '-H', 'anthropic-version: 2023-06-01', '-H', 'anthropic-beta: managed-agents-2026-04-01,files-api-2025-04-14'];

function startSimulator() {
  const child = spawn(process.execPath, [path.join(BUILD, 'out/test/simulator/cli.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
  });
}

function curl(args) {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-sS', '--fail-with-body', ...HEADERS, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/** Runs `work`, sampling memory; returns its time and the peak growth over the level before it. */
async function measured(work) {
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 10);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - started;
  const now = process.memoryUsage();
  return { ms, rssGrowthMB: (Math.max(peakRss, now.rss) - base.rss) / 1024 / 1024, heapGrowthMB: (Math.max(peakHeap, now.heapUsed) - base.heapUsed) / 1024 / 1024 };
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-files-'));
const source = path.join(folder, 'source.bin');
{
  const block = Buffer.alloc(1024 * 1024);
  const fd = fs.openSync(source, 'w');
  for (let index = 0; index < opts.mb; index++) fs.writeSync(fd, block.fill(index % 251));
  fs.closeSync(fd);
}
const sim = await startSimulator();
const client = new ManagedAgentsClient({ baseURL: sim.url, apiKey: () => 'bench', streamThread: false });
const session = (await client.sessions.list({ limit: 20 }).firstPage()).data.find((candidate) => candidate.archived_at === null);
const results = { ours: { upload: [], download: [] }, curl: { upload: [], download: [] } };

try {
  for (let round = 0; round < opts.rounds; round++) {
    const order = round % 2 === 0 ? ['ours', 'curl'] : ['curl', 'ours'];
    for (const who of order) {
      let fileId;
      if (who === 'ours') {
        const up = await measured(async () => {
          fileId = (await client.files.upload({ path: source })).id;
        });
        results.ours.upload.push(up);
      } else {
        const started = performance.now();
        fileId = JSON.parse(await curl(['-X', 'POST', `${sim.url}/v1/files`, '-F', `file=@${source}`])).id;
        results.curl.upload.push({ ms: performance.now() - started });
      }
      // Uploads are not downloadable: the session "writes" a copy of the file, which is.
      const response = await fetch(`${sim.url}/_sim/sessions/${session.id}/files`, { method: 'POST', body: JSON.stringify({ copy_of: fileId }) });
      const output = await response.json();
      const destination = path.join(folder, `${who}-${round}.bin`);
      if (who === 'ours') {
        const down = await measured(async () => {
          const { bytes } = await client.files.downloadTo(output.id, destination);
          if (bytes !== BYTES) throw new Error(`downloaded ${bytes} bytes, expected ${BYTES}`);
        });
        results.ours.download.push(down);
      } else {
        const started = performance.now();
        await curl(['-o', destination, `${sim.url}/v1/files/${output.id}/content`]);
        results.curl.download.push({ ms: performance.now() - started });
      }
      if (fs.statSync(destination).size !== BYTES) throw new Error(`${who}: the downloaded file has the wrong size`);
      fs.rmSync(destination);
      await client.files.delete(output.id);
      await client.files.delete(fileId);
    }
  }
} finally {
  await client.close();
  sim.child.kill('SIGTERM');
  fs.rmSync(folder, { recursive: true, force: true });
}
console.log(JSON.stringify({ mb: opts.mb, results }));

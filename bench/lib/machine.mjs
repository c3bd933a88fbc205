// What the figures were measured on: CPU, cores, memory, load, Node, browser, code-server, git state.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function machineInfo(root) {
  const cpus = os.cpus();
  const git = (...args) => { try { return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return undefined; } };
  let sdkVersion;
  try { sdkVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@anthropic-ai/sdk/package.json'), 'utf8')).version; } catch { /* absent */ }
  return {
    cpuModel: cpus[0]?.model?.trim(),
    cores: cpus.length,
    memoryGB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    sdk: sdkVersion && `@anthropic-ai/sdk ${sdkVersion}`,
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
    git: { commit: git('rev-parse', '--short', 'HEAD'), dirty: Boolean(git('status', '--porcelain', '--untracked-files=no')) },
  };
}

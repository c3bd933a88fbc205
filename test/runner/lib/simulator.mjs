// Starts the project's Managed Agents API simulator in-process (compiled by `tsc -p tsconfig.json`
// to out/test/simulator/index.js). MANAGED_AGENTS_SIMULATOR_MODULE may point at another module with the
// same interface: startSimulator({ port, apiKey, stepDelayMs, seed }) -> { url, port, close() }.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './util.mjs';

export const SIMULATOR_MODULE = process.env.MANAGED_AGENTS_SIMULATOR_MODULE
  ? path.resolve(process.env.MANAGED_AGENTS_SIMULATOR_MODULE)
  : path.join(REPO_ROOT, 'out', 'test', 'simulator', 'index.js');

/** A fresh key per run; the simulator accepts only it, so tests prove the key really travels. */
export function makeSimulatorApiKey() {
  return `sk-ant-sim-${crypto.randomBytes(12).toString('hex')}`;
}

/** @returns {Promise<{ url: string, port: number, apiKey: string, close(): Promise<void> }>} */
export async function startSimulator({ port = 0, apiKey = makeSimulatorApiKey(), stepDelayMs, seed } = {}) {
  if (!fs.existsSync(SIMULATOR_MODULE)) {
    throw new Error(`the API simulator is not built: ${path.relative(REPO_ROOT, SIMULATOR_MODULE)} is missing ` +
      '(run `npx tsc -p tsconfig.json`; its source is test/simulator/index.ts)');
  }
  const mod = await import(pathToFileURL(SIMULATOR_MODULE).href);
  const start = mod.startSimulator ?? mod.default?.startSimulator;
  if (typeof start !== 'function') throw new Error(`${SIMULATOR_MODULE} does not export startSimulator()`);
  const options = { port, apiKey };
  if (stepDelayMs !== undefined) options.stepDelayMs = stepDelayMs;
  if (seed !== undefined) options.seed = seed;
  const sim = await start(options);
  const url = String(sim.url).replace(/\/+$/, '');
  return { url, port: sim.port, apiKey, close: () => sim.close() };
}

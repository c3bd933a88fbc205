/**
 * Managed Agents API simulator: an in-process HTTP server the official SDK accepts.
 *
 *   const sim = await startSimulator({ stepDelayMs: 5 });
 *   const client = new Anthropic({ apiKey: 'test', baseURL: sim.url });
 *   ...
 *   await sim.close();
 *
 * Node built-ins only, so it can later be bundled into the extension. See README.md.
 */
import { SimulatorCore } from './core';
import { FaultController, type FaultConfig } from './faults';
import { SimulatorHelpers } from './helpers';
import { readSeed, type SimulatorSeed } from './seed';
import { SimulatorServer } from './server';
import type { RequestLogEntry } from './types';

export type { ActThenDropFault, DropStreamFault, ErrorFault, FaultConfig, RequestMatch, TruncateFault } from './faults';
export { FaultController } from './faults';
export type { TurnEnding } from './history';
export type { SeedAgent, SeedEnvironment, SeedSession, SimulatorSeed } from './seed';
export { parseCues } from './cues';
export { SimulatorApiError } from './errors';
export { FILES_API_BETA, MANAGED_AGENTS_BETA } from './server';
export type { FileWire } from './files';
export { MAX_FILE_BYTES } from './files';
export { MAX_FILES_PER_SESSION } from './session-resources';
export type * from './types';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. The server listens on 127.0.0.1 only. */
  port?: number;
  /** When set, only this key is accepted (x-api-key or Authorization: Bearer); otherwise any non-empty key. */
  apiKey?: string;
  /** A JSON seed file path or a seed object; extends the built-in data unless `mode: 'replace'`. */
  seed?: string | SimulatorSeed;
  /** Pace of scripted turns (ms per step). Default 150 for demos; tests pass ~5. */
  stepDelayMs?: number;
  /** SSE heartbeat interval. Default 15000. */
  heartbeatMs?: number;
  faults?: FaultConfig;
  /** Largest file POST /v1/files accepts (default 500,000,000 bytes, the docs' 500 MB). */
  maxFileBytes?: number;
  /** Receives one line per request and notable simulator events. */
  log?: (line: string) => void;
}

export interface SimulatorHandle extends SimulatorHelpers {
  /** `http://127.0.0.1:PORT`, usable as the SDK's baseURL. */
  readonly url: string;
  readonly port: number;
  /** Ends open streams, stops turns and frees the port. */
  close(): Promise<void>;
  /** Set or clear faults at runtime. */
  readonly faults: FaultController;
  /** Every `/v1` request so far (live array; `/_sim` control calls are not recorded). */
  readonly requests: RequestLogEntry[];
  /** How many SSE streams are open right now. */
  readonly openStreams: number;
  /** Initial data again; faults and the request log are cleared, open streams closed. */
  reset(): void;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const core = new SimulatorCore({
    stepDelayMs: options.stepDelayMs ?? 150,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    seed: readSeed(options.seed),
    log: options.log,
  });
  if (options.maxFileBytes !== undefined) core.store.files.maxFileBytes = core.store.files.defaultMaxFileBytes = options.maxFileBytes;
  const faults = new FaultController(options.faults);
  const helpers = new SimulatorHelpers(core);
  const server = new SimulatorServer(core, faults, helpers, { apiKey: options.apiKey, log: options.log });
  const port = await server.listen(options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;

  // A getter, so it is read live (Object.assign would copy its value once).
  Object.defineProperty(helpers, 'openStreams', { get: () => server.streams.size, enumerable: true });
  // The handle is the helpers object itself, so helper methods keep their `this`.
  return Object.assign(helpers as SimulatorHelpers & { readonly openStreams: number }, {
    url,
    port,
    faults,
    requests: server.requests,
    close: () => server.close(),
    reset: () => {
      core.reset();
      faults.clear();
      server.resetLog();
    },
  });
}

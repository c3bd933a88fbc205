// Shared by the reliability.*.test.ts suites (which start from helpers/fixtures.ts like every suite):
// an API simulator of their own started inside the extension host (so a test reads its request log
// and sets its faults directly), pointing the extension at another base URL through the workspace
// setting (which overrides the runner's machine setting), tiny loopback servers, and the
// notifications the extension shows.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as vscode from 'vscode';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { ShownMessage } from '../../src/shared/errors';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../simulator';
import { requireEnv } from './helpers/env';
import { waitFor } from './helpers/wait';

export { count, report, rng, SOAK } from '../unit/reliability/soak';
export { activeResources, closedPort, peakRate } from '../unit/reliability/probes';

/**
 * Points the extension at `url` (a workspace setting, which wins over the runner's machine setting).
 * A workspace's base URL is asked about before the key goes there: these suites allow it first, as
 * the user would (the question itself is tested in reliability.secrets).
 */
export async function useBaseUrl(api: ManagedAgentsExtensionApi, url: string): Promise<void> {
  const expected = new URL(url).toString().replace(/\/$/, '');
  await api.services.guard.allow(new URL(url).origin, ['workspace']);
  await vscode.workspace.getConfiguration('managedAgents').update('baseUrl', url, vscode.ConfigurationTarget.Workspace);
  await waitFor(`the client to use ${expected}`, () => api.services.client.baseUrl === expected, { timeout: 5_000 });
}

/** Back to the runner's simulator. */
export async function resetBaseUrl(api: ManagedAgentsExtensionApi): Promise<void> {
  await vscode.workspace.getConfiguration('managedAgents').update('baseUrl', undefined, vscode.ConfigurationTarget.Workspace);
  const runner = requireEnv('simulatorUrl', 'MANAGED_AGENTS_TEST_SIMULATOR_URL').replace(/\/$/, '');
  await waitFor('the client to use the runner simulator again', () => api.services.client.baseUrl === runner, { timeout: 5_000 });
}

/** A simulator inside the extension host, with the extension pointed at it. */
export async function startOwnSimulator(api: ManagedAgentsExtensionApi, options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const sim = await startSimulator({ stepDelayMs: 2, heartbeatMs: 1_000, ...options });
  await useBaseUrl(api, sim.url);
  return sim;
}

/** Collects the notifications the extension shows while it runs. */
export function collectMessages(api: ManagedAgentsExtensionApi): { messages: ShownMessage[]; dispose(): void } {
  const messages: ShownMessage[] = [];
  const subscription = api.onDidShowMessage((message) => messages.push(message));
  return { messages, dispose: () => subscription.dispose() };
}

export interface LoopbackServer {
  url: string;
  port: number;
  /** Requests received, in order. */
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  /** Connections open now. */
  readonly openConnections: number;
  close(): Promise<void>;
}

/** A tiny HTTP server on 127.0.0.1 (or `host`), for proxies, hostile servers and the like. */
export async function loopbackServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void, host = '127.0.0.1'): Promise<LoopbackServer> {
  const requests: LoopbackServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    get openConnections() {
      return sockets.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}


/**
 * The HTTP server: request log, latency and fault injection, authentication and header checks,
 * routing, JSON replies and event streams. `/_sim/...` control requests bypass all of that.
 */
import * as fs from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { handleControl } from './control';
import type { SimulatorCore } from './core';
import { asConflictError, errorBody, SimulatorApiError } from './errors';
import { errorFaultResponse, type FaultController } from './faults';
import type { SimulatorHelpers } from './helpers';
import { jsonReply, parseJson, readBody, writeReply, type Reply } from './http';
import { newId } from './ids';
import { route } from './routes';
import { SseConnection } from './sse';
import type { RequestLogEntry } from './types';
import { sleep } from './util';

export const MANAGED_AGENTS_BETA = 'managed-agents-2026-04-01';
/** The Files API reference's beta. /v1/files takes it or managed-agents (whose docs upload with that one alone). */
export const FILES_API_BETA = 'files-api-2025-04-14';
/** `anthropic-organization-id` of every authenticated response: the organization the key belongs to. */
export const SIMULATOR_ORGANIZATION_ID = '5f0c2b8e-6a1d-4c3e-9b7a-1d2e3f4a5b6c';
/** `anthropic-workspace-id` when the request names none: the organization's Default Workspace. */
export const SIMULATOR_DEFAULT_WORKSPACE_ID = 'wrkspc_01JSIMULATORDEFAULT0000000';

export interface ServerOptions {
  apiKey?: string;
  log?: (line: string) => void;
}

const errorReply = (error: SimulatorApiError, requestId: string, headers?: Record<string, string>): Reply =>
  jsonReply(error.status, errorBody(error.errorType, error.message, requestId, error.details), headers);

export class SimulatorServer {
  readonly requests: RequestLogEntry[] = [];
  /** Live SSE connections (tests check that clients close what they open). */
  readonly streams = new Set<SseConnection>();
  private readonly server: Server;
  private readonly closing = new AbortController();
  /** `/v1` requests in progress, open event streams not counted (see FaultConfig.concurrencyLimit). */
  private inFlight = 0;

  constructor(
    private readonly core: SimulatorCore,
    readonly faults: FaultController,
    private readonly helpers: SimulatorHelpers,
    private readonly options: ServerOptions,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.options.log?.(`internal error: ${String(error)}`);
        if (!res.headersSent) writeReply(res, jsonReply(500, errorBody('api_error', 'Internal simulator error', null)), newId('request'));
        else res.destroy();
      });
    });
  }

  /** Listens on 127.0.0.1 only; resolves with the bound port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Ends open streams, stops turns, and frees the port. */
  async close(): Promise<void> {
    this.closing.abort();
    this.core.shutdown();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  resetLog(): void {
    this.requests.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newId('request');
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path.startsWith('/_sim/')) return handleControl(this.core, this.helpers, this, req, res, requestId, method, path);

    const started = Date.now();
    const entry: RequestLogEntry = { method, path, query: url.search.slice(1), status: 0, time: new Date(started).toISOString(), durationMs: 0, requestId };
    this.requests.push(entry);
    this.inFlight++;
    let counted = true;
    const release = (): void => {
      if (counted) this.inFlight--;
      counted = false;
    };
    res.on('close', () => {
      release();
      entry.durationMs = Date.now() - started;
      this.options.log?.(`${method} ${path}${url.search} ${entry.status || 'dropped'} ${entry.durationMs}ms ${requestId}${entry.fault ? ` [${entry.fault}]` : ''}`);
    });
    // Set once the key is accepted: responses that fail before that do not say whose they are.
    let identity: Record<string, string> | undefined;

    try {
      if (this.inFlight > this.faults.concurrencyLimit()) {
        entry.fault = 'overloaded';
        entry.status = 529;
        const overloaded = errorBody('overloaded_error', 'Overloaded: too many requests in progress. Retry after a moment.', requestId);
        return writeReply(res, jsonReply(529, overloaded, { 'retry-after': '1' }), requestId);
      }
      const latency = this.faults.latencyMs();
      if (latency > 0) await sleep(latency, this.closing.signal);
      // The client gave up while the latency fault held the request: nothing to answer. (The connection
      // is the request's socket: a response waiting behind the one before it on a kept-alive
      // connection has no socket of its own yet, and must still be answered.)
      if (res.destroyed || req.socket.destroyed) return;

      const injected = this.faults.takeError(method, path);
      if (injected) {
        const fault = errorFaultResponse(injected);
        entry.fault = `error:${fault.status}`;
        entry.status = fault.status;
        return writeReply(res, jsonReply(fault.status, errorBody(fault.type, fault.message, requestId), fault.headers), requestId);
      }

      const filesApi = path === '/v1/files' || path.startsWith('/v1/files/');
      if (filesApi && method === 'POST' && path === '/v1/files') {
        // An upload streams to disk; its announced size is refused at the edge, like other bodies.
        this.core.store.files.checkAnnouncedSize(req);
        this.checkHeaders(req, [FILES_API_BETA, MANAGED_AGENTS_BETA]);
        identity = this.identityHeaders(req);
        const file = await this.core.store.files.upload(req);
        return this.send(res, jsonReply(200, file, identity), requestId, method, path, entry);
      }
      // The size limit is enforced at the edge, before authentication (a 413 comes from there).
      const raw = method === 'POST' ? await readBody(req) : undefined;
      this.checkHeaders(req, filesApi ? [FILES_API_BETA, MANAGED_AGENTS_BETA] : [MANAGED_AGENTS_BETA]);
      identity = this.identityHeaders(req);
      const { handler, params } = route(method, path);
      const body = raw === undefined ? undefined : parseJson(raw);
      const result = handler(this.core, { method, path, query: url.searchParams, params, body });

      if (result.kind === 'file') {
        const { file, contentPath } = result;
        entry.status = 200;
        res.writeHead(200, {
          'content-type': file.mime_type,
          'content-length': file.size_bytes,
          'content-disposition': `attachment; filename="${encodeURIComponent(file.filename)}"`,
          'request-id': requestId,
          ...identity,
        });
        const rate = this.faults.downloadRate(method, path);
        if (rate) entry.fault = `slow-download:${rate}`;
        const content = fs.createReadStream(contentPath);
        await (rate ? pipeline(content, (chunks: AsyncIterable<Buffer>) => throttle(chunks, rate), res) : pipeline(content, res)).catch(() => res.destroy());
        return;
      }

      if (result.kind === 'stream') {
        release();
        const drop = this.faults.takeStreamDrop(path);
        if (drop) entry.fault = `drop-stream:${drop.afterEvents}${drop.midEvent ? ':mid-event' : ''}${drop.errorType ? `:${drop.errorType}` : ''}`;
        const record = result.record;
        const connection: SseConnection = new SseConnection(res, {
          requestId,
          headers: identity,
          heartbeatMs: this.core.options.heartbeatMs,
          deltas: result.deltas,
          drop,
          onClose: () => {
            record.subscribers.delete(connection);
            this.streams.delete(connection);
          },
        });
        if (connection.isOpen) {
          record.subscribers.add(connection);
          this.streams.add(connection);
        }
        entry.status = 200;
        return;
      }
      this.send(res, { ...result.reply, headers: { ...identity, ...result.reply.headers } }, requestId, method, path, entry);
    } catch (error) {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof SimulatorApiError) {
        // A body refused unread is still taken off the wire (and dropped): a client that is still sending
        // would otherwise meet a reset connection instead of the answer, depending on the machine's pace.
        if (error.status === 413) await discardBody(req);
        const answer = error.stateConflict && this.faults.stateConflictStatus() === 409 ? asConflictError(error) : error;
        entry.status = answer.status;
        return writeReply(res, errorReply(answer, requestId, identity), requestId);
      }
      if (this.closing.signal.aborted) return void res.destroy();
      throw error;
    }
  }

  /** Writes a reply unless a response fault (act-then-drop, truncated body) takes it over. */
  private send(res: ServerResponse, reply: Reply, requestId: string, method: string, path: string, entry: RequestLogEntry): void {
    if (this.faults.takeActThenDrop(method, path)) {
      // The request took effect; the client never learns it.
      entry.fault = 'act-then-drop';
      res.req.socket.destroy();
      return;
    }
    entry.status = reply.status;
    const truncate = this.faults.takeTruncate(method, path);
    if (!truncate) return writeReply(res, reply, requestId);
    const full = Buffer.from(reply.json);
    const half = full.subarray(0, Math.max(1, Math.floor(full.length / 2)));
    entry.fault = `truncate:${truncate.mode ?? 'end'}`;
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'content-length': truncate.mode === 'destroy' ? full.length : half.length,
      'request-id': requestId,
      ...reply.headers,
    });
    if (truncate.mode === 'destroy') {
      const socket = res.req.socket;
      res.write(half, () => socket.destroy());
    } else {
      res.end(half);
    }
  }

  /** The organization and workspace the key resolved to, sent with every authenticated response. */
  private identityHeaders(req: IncomingMessage): Record<string, string> {
    const requested = req.headers['anthropic-workspace-id'];
    const workspace = typeof requested === 'string' && requested.trim() ? requested.trim() : SIMULATOR_DEFAULT_WORKSPACE_ID;
    return { 'anthropic-organization-id': SIMULATOR_ORGANIZATION_ID, 'anthropic-workspace-id': workspace };
  }

  /** Authentication, `anthropic-version` and the beta header (one of `accepted`), as the API checks them. */
  private checkHeaders(req: IncomingMessage, accepted: readonly string[]): void {
    const apiKeyHeader = req.headers['x-api-key'];
    const authorization = req.headers.authorization;
    const bearer = typeof authorization === 'string' && /^Bearer\s+/i.test(authorization) ? authorization.replace(/^Bearer\s+/i, '').trim() : undefined;
    const key = (typeof apiKeyHeader === 'string' ? apiKeyHeader.trim() : undefined) || bearer;
    if (!key) throw new SimulatorApiError(401, 'authentication_error', 'x-api-key header is required');
    if (this.options.apiKey !== undefined && key !== this.options.apiKey) throw new SimulatorApiError(401, 'authentication_error', 'invalid x-api-key');
    if (!req.headers['anthropic-version']) throw new SimulatorApiError(400, 'invalid_request_error', 'anthropic-version: header is required');
    const betas = String(req.headers['anthropic-beta'] ?? '')
      .split(',')
      .map((beta) => beta.trim());
    if (!accepted.some((beta) => betas.includes(beta))) {
      const named = accepted.map((beta) => `"${beta}"`).join(' or ');
      throw new SimulatorApiError(400, 'invalid_request_error', `anthropic-beta: this endpoint requires the ${named} beta header`);
    }
  }
}

/** Reads what is left of a request body and drops it; resolves when the body ended or the connection closed. */
function discardBody(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', () => resolve());
    req.resume();
  });
}

/** Passes `chunks` on no faster than `bytesPerSecond`, in pieces of at most 16 KiB (a slow link). */
async function* throttle(chunks: AsyncIterable<Buffer>, bytesPerSecond: number): AsyncGenerator<Buffer> {
  const started = Date.now();
  let sent = 0;
  for await (const chunk of chunks) {
    for (let offset = 0; offset < chunk.length; offset += 16 * 1024) {
      const piece = chunk.subarray(offset, offset + 16 * 1024);
      sent += piece.length;
      const wait = started + (sent / bytesPerSecond) * 1000 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      yield piece;
    }
  }
}

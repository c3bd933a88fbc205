// The one client every part of the extension uses. HTTP is undici with pooled connections, direct or
// through a proxy (core/proxy.ts decides which; live event streams run on the stream thread,
// core/streamThread.ts); the wire format (paths, headers, retries) follows the official SDK.
import { Readable } from 'node:stream';
import { RoutedPool, dispatcherTransport, type ConnectionPlan, type Dispatcher, type Transport, type TransportResponse } from './core/http';
import { describeRoute, resolveRoute, type NetworkOptions, type Route } from './core/proxy';
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  InvalidBaseURLError,
  MalformedResponseError,
  ManagedAgentsError,
  MissingApiKeyError,
  ProxyError,
  connectionErrorFromCause,
  webPageMessage,
} from './core/errors';
import { PagedList } from './core/pagination';
import { EventStream, batchesOf } from './core/streaming';
import { StreamThread } from './core/streamThread';
import { stringifyQuery } from './core/query';
import { header, retryDelayMs, serverRetryDelayMs, shouldRetryResponse, sleep } from './core/retry';
import { redactHeaders, redactText, redactValue } from './core/redact';
import { checkEntity, checkPage } from './core/validate';
import type { APIClient, RawResponse, RequestOptions, RequestSpec } from './core/resource';
import { Files } from './resources/files/files';
import { Agents } from './resources/agents/agents';
import { Environments } from './resources/environments/environments';
import type { Page, PageParams } from './resources/shared';
import { Sessions } from './resources/sessions/sessions';

export const DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2026-10-21';
export const MANAGED_AGENTS_BETA = 'managed-agents-2026-04-01';
export { FILES_API_BETA } from './core/betas';

export interface ClientOptions {
  /** Defaults to https://api.anthropic.com. */
  baseURL?: string;
  /**
   * Called before every request with where it goes; the extension passes one that reads SecretStorage
   * (and may refuse, by throwing, to hand the key to an insecure host). Nothing is sent when it throws.
   */
  apiKey: (request: { baseURL: string }) => Promise<string | undefined> | string | undefined;
  /** Sent as `anthropic-workspace-id` when set. */
  workspaceId?: string;
  /** Retries after the first attempt (SDK default: 2). */
  maxRetries?: number;
  /** Time allowed to open a connection. */
  connectTimeoutMs?: number;
  /** Time allowed for the response headers, and between body chunks, of an ordinary request. */
  timeoutMs?: number;
  /** Time a live event stream may stay silent (the server pings) before it counts as dropped. */
  streamIdleTimeoutMs?: number;
  /** Largest response body accepted, so a broken server cannot exhaust memory. */
  maxResponseBytes?: number;
  /**
   * Longest an ordinary response's body may take to arrive (default 10 minutes, the SDK's request
   * timeout). `timeoutMs` bounds each wait between chunks; this bounds a server that trickles bytes
   * just inside it.
   */
  maxBodyTimeMs?: number;
  userAgent?: string;
  /** One line per HTTP attempt, without bodies and with secret headers redacted; for the output channel. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Something in a response was skipped or looked wrong (an item without an id, an unreadable event). */
  onWarning?: (message: string) => void;
  /**
   * How requests leave the machine: a proxy, hosts that go direct, certificates. Without it the client
   * does as curl does: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY from the environment.
   */
  network?: NetworkOptions;
  /** More CA certificates (PEM) to trust, besides Node's (which include NODE_EXTRA_CA_CERTS) and the system's. */
  ca?: readonly string[];
  /**
   * Told how requests leave the machine when that changes (the first request, a setting change):
   * "direct", "proxy http://***@proxy:3128 (from HTTPS_PROXY)", "direct (NO_PROXY matched .corp)".
   */
  onRoute?: (description: string) => void;
  /** An undici dispatcher to use instead of the client's own pools (streams then stay in this thread; `network` is not applied). */
  dispatcher?: Dispatcher;
  /**
   * Read live event streams on a worker thread (default true): HTTP, UTF-8 and SSE framing happen
   * there, leaving this thread only JSON.parse. False keeps them in this thread.
   */
  streamThread?: boolean;
  /** Source of jitter for backoff; tests make it deterministic. */
  random?: () => number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number | undefined;
  requestId: string | undefined;
  durationMs: number;
  attempt: number;
  /** Set when this attempt failed and another will follow after `retryInMs`. */
  retryInMs?: number;
  error?: string;
  /** The request headers, `authorization` and other secrets replaced by "[redacted]" (for trace logs). */
  requestHeaders?: Record<string, string | string[] | undefined>;
}

export class ManagedAgentsClient implements APIClient {
  readonly sessions: Sessions;
  readonly agents: Agents;
  readonly environments: Environments;
  readonly files: Files;

  private baseURL: string;
  private workspaceId: string | undefined;
  private network: NetworkOptions;
  /** The last route described to `onRoute`. */
  private routeDescription: string | undefined;
  private readonly transport: Transport;
  /** Live event streams get their own pool: each holds a connection open for as long as it runs, and
   * sharing the request pool would let a few open history panels starve every ordinary request. The
   * pool lives on the stream thread, or in this thread when there is none (or it fails). */
  private readonly streamTransport: Transport;
  private readonly pools: RoutedPool[] = [];
  private readonly streamThread: StreamThread | undefined;
  private readonly options: ClientOptions;

  constructor(options: ClientOptions) {
    this.options = options;
    this.baseURL = normalizeBaseURL(options.baseURL ?? DEFAULT_BASE_URL);
    this.workspaceId = options.workspaceId || undefined;
    this.network = { ...options.network };
    const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    const streamKeepAliveMs = 5_000;
    let inThread: Transport;
    if (options.dispatcher) {
      this.transport = inThread = dispatcherTransport(options.dispatcher);
    } else {
      const requests = new RoutedPool({ connectTimeoutMs, keepAliveTimeoutMs: 30_000, connections: 16, ca: options.ca });
      // No connection limit: one connection per open stream is the point.
      const streams = new RoutedPool({ connectTimeoutMs, keepAliveTimeoutMs: streamKeepAliveMs, ca: options.ca });
      this.pools.push(requests, streams);
      this.transport = requests;
      inThread = streams;
    }
    this.streamThread =
      options.dispatcher || options.streamThread === false
        ? undefined
        : new StreamThread({
            connectTimeoutMs,
            keepAliveTimeoutMs: streamKeepAliveMs,
            ca: options.ca,
            fallback: inThread,
            onFallback: (reason) => this.warn(`${reason} Event streams are read on the main thread from now on.`),
          });
    this.streamTransport = this.streamThread ?? inThread;
    this.sessions = new Sessions(this);
    this.agents = new Agents(this);
    this.environments = new Environments(this);
    this.files = new Files(this);
  }

  get baseUrl(): string {
    return this.baseURL;
  }

  /** The worker thread reading event streams, once one has opened; undefined before, without one, or after it failed. */
  get streamThreadId(): number | undefined {
    return this.streamThread?.threadId;
  }

  /**
   * Points the client elsewhere (settings changed) without dropping the connection pool. A new
   * `network` applies to the next request; what runs (a live stream) goes on the way it started.
   */
  configure(update: { baseURL?: string; workspaceId?: string; network?: NetworkOptions }): void {
    if (update.baseURL !== undefined) this.baseURL = normalizeBaseURL(update.baseURL || DEFAULT_BASE_URL);
    if (update.workspaceId !== undefined) this.workspaceId = update.workspaceId || undefined;
    if (update.network !== undefined) this.network = { ...update.network };
  }

  /** How a request to the base URL leaves the machine now, as the log says it. */
  describeRoute(): string {
    return describeRoute(resolveRoute(new URL(this.baseURL), this.network));
  }

  /** Closes pooled connections, ending any request still in flight. */
  async close(): Promise<void> {
    await Promise.all([...this.pools.map((pool) => pool.destroy()), this.streamThread?.close()]);
  }

  /** Sends a request and parses its JSON answer. */
  async request<T>(spec: RequestSpec): Promise<T> {
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs ?? 60_000;
    const { response, requestId, plan } = await this.send(spec, timeoutMs, timeoutMs);
    const text = await this.readBody(response, spec, requestId, plan);
    if (isWebPage(header(response.headers, 'content-type'), text)) throw this.webPageError(plan.route, response.statusCode, requestId);
    const value = parseJson<T>(text, response, requestId, this.baseURL);
    const what = `${spec.method} ${spec.path}`;
    if (spec.shape === 'entity') checkEntity(value, what, this.host(), { status: response.statusCode, requestId });
    if (spec.shape === 'page') return checkPage(value, what, this.host(), { status: response.statusCode, requestId }, (message) => this.warn(message)) as T;
    return value;
  }

  /** A paged GET: iterates every item of every page, following `next_page` cursors. */
  list<T>(path: string, params: PageParams & object, options?: RequestOptions & Pick<RequestSpec, 'betas'>): PagedList<T> {
    const { page, ...query } = params;
    return new PagedList<T>(
      (cursor) => this.request<Page<T>>({ method: 'GET', path, query: { ...query, page: cursor }, shape: 'page', ...options }),
      page ?? undefined,
      (message) => this.warn(`GET ${path}: ${message}`),
    );
  }

  /**
   * Sends a request and hands back its body unread, for a file's content. `timeoutMs` bounds the wait
   * for the headers and each wait between chunks; there is no deadline for the whole body, as a large
   * file on a slow link may rightly take longer than any fixed figure.
   */
  async open(spec: RequestSpec): Promise<RawResponse> {
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs ?? 60_000;
    const { response, requestId, plan } = await this.send(spec, timeoutMs, timeoutMs);
    const length = Number(header(response.headers, 'content-length'));
    const body = response.body;
    const mapError = (error: unknown) => this.mapTransportError(error, spec.signal, spec.signal, plan);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      try {
        for await (const chunk of body) yield chunk;
      } catch (error) {
        throw mapError(error);
      }
    }
    return {
      status: response.statusCode,
      requestId,
      contentType: header(response.headers, 'content-type'),
      contentLength: Number.isFinite(length) && length >= 0 ? length : undefined,
      chunks: chunks(),
      destroy: () => {
        // Destroyed while nobody reads it, undici's body emits an abort error: it is expected, not a crash.
        (body as Partial<Pick<NodeJS.EventEmitter, 'on'>>).on?.('error', () => undefined);
        body.destroy();
      },
    };
  }

  /** Opens an SSE stream; the returned stream yields parsed events. */
  async stream<T>(spec: RequestSpec): Promise<EventStream<T>> {
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs ?? 60_000;
    const idleMs = this.options.streamIdleTimeoutMs ?? 90_000;
    const controller = new AbortController();
    const userSignal = spec.signal;
    const onUserAbort = () => controller.abort(userSignal?.reason);
    if (userSignal?.aborted) throw new APIUserAbortError();
    userSignal?.addEventListener('abort', onUserAbort, { once: true });
    try {
      const { response, requestId, apiKey, plan } = await this.send({ ...spec, accept: 'text/event-stream', signal: controller.signal }, timeoutMs, idleMs, this.streamTransport);
      const contentType = header(response.headers, 'content-type') ?? '';
      if (!contentType.includes('text/event-stream')) {
        const text = redactText(await this.readBody(response, spec, requestId, plan).catch(() => ''), apiKey);
        if (isWebPage(contentType, text)) throw this.webPageError(plan.route, response.statusCode, requestId);
        throw new MalformedResponseError(
          `Expected an event stream from ${this.host()} but got "${contentType || 'no content type'}"${text ? `: ${text.slice(0, 120)}` : ''}.`,
          { status: response.statusCode, requestId, problem: 'notTheApi' },
        );
      }
      let aborted = false;
      return new EventStream<T>({
        nextBatch: response.body.eventBatches ?? batchesOf(response.body),
        requestId,
        abort: () => {
          aborted = true;
          userSignal?.removeEventListener('abort', onUserAbort);
          controller.abort();
        },
        mapError: (error) => (aborted || userSignal?.aborted ? new APIUserAbortError('The event stream was closed.') : this.mapTransportError(error, controller.signal, userSignal, plan)),
        // An `event: error` or a bad event may quote what the server saw: the key is taken out.
        cleanError: (error) => redactError(error, apiKey),
      });
    } catch (error) {
      userSignal?.removeEventListener('abort', onUserAbort);
      throw error;
    }
  }

  private host(): string {
    return new URL(this.baseURL).host;
  }

  /** How a request to the base URL goes now; the first request after a change says so to `onRoute`. */
  private plan(): ConnectionPlan {
    const target = new URL(this.baseURL);
    const route = resolveRoute(target, this.network);
    const description = describeRoute(route);
    if (description !== this.routeDescription) {
      this.routeDescription = description;
      try {
        this.options.onRoute?.(description);
      } catch {
        // A failing logger must never fail a request.
      }
    }
    return {
      route,
      secure: target.protocol === 'https:',
      strictSSL: this.network.proxyStrictSSL !== false,
      systemCertificates: this.network.systemCertificates !== false,
      ...(this.network.proxyAuthorization ? { proxyAuthorization: this.network.proxyAuthorization } : {}),
    };
  }

  /** An HTML page where the API's JSON should be: through a proxy, the proxy's page (a block page, a sign-in form). */
  private webPageError(route: Route, status: number, requestId: string | undefined): Error {
    if (route.kind !== 'proxy') {
      return status >= 200 && status < 300
        ? new MalformedResponseError(webPageMessage(this.host()), { status, requestId, problem: 'webPage' })
        : new APIError({ status, body: undefined, requestId, webPage: { host: this.host() } });
    }
    const code = status < 200 || status >= 300 ? ` (HTTP ${status})` : '';
    return new ProxyError(
      `The request to ${this.host()} got a web page${code} instead of the API's JSON, through the proxy ${route.shown} (from ${route.source}): the proxy may block the API or want you to sign in.`,
      { proxy: route.shown, source: route.source, problem: 'webPage', status, notSent: status >= 400 && status < 500 },
    );
  }

  /** One request with retries; returns the first successful (2xx) response, its body unread. */
  private async send(
    spec: RequestSpec,
    headersTimeout: number,
    bodyTimeout: number,
    transport: Transport = this.transport,
  ): Promise<{ response: TransportResponse; requestId: string | undefined; apiKey: string; plan: ConnectionPlan }> {
    if (spec.signal?.aborted) throw new APIUserAbortError();
    const apiKey = await this.options.apiKey({ baseURL: this.baseURL });
    if (!apiKey) throw new MissingApiKeyError();
    const plan = this.plan();
    const { route } = plan;
    if (route.kind === 'unusable') {
      throw new ProxyError(`The proxy ${route.shown} (from ${route.source}) ${route.problem}, so nothing was sent to ${this.host()}.`, { proxy: route.shown, source: route.source, problem: 'unusable' });
    }
    const maxRetries = spec.maxRetries ?? this.options.maxRetries ?? 2;
    const idempotent = spec.idempotent ?? true;
    const path = `${spec.path}${stringifyQuery(spec.query)}`;
    const url = new URL(this.baseURL);
    const basePath = url.pathname.replace(/\/$/, '');
    const json = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const upload = spec.upload;

    for (let attempt = 0; ; attempt++) {
      if (spec.signal?.aborted) throw new APIUserAbortError();
      const started = Date.now();
      const headers = this.headers(apiKey, attempt, json !== undefined, spec.accept, spec.betas);
      if (upload) {
        headers['content-type'] = upload.contentType;
        headers['content-length'] = String(upload.contentLength);
      }
      // An upload's source is opened again for each attempt: a stream read once cannot be sent twice.
      const body = upload ? Readable.from(upload.open(), { objectMode: false }) : json;
      const requestHeaders = redactHeaders(headers);
      let response: TransportResponse;
      try {
        response = await transport.request({
          origin: url.origin,
          path: `${basePath}${path}`,
          method: spec.method,
          headers,
          body,
          signal: spec.signal,
          headersTimeout,
          bodyTimeout,
          plan,
        });
      } catch (cause) {
        const error = this.mapTransportError(cause, spec.signal, spec.signal, plan);
        // A proxy that wants other credentials or refuses the API will answer the same way again.
        const hopeless = error instanceof ProxyError && !error.transient;
        const retry = attempt < maxRetries && error instanceof APIConnectionError && !hopeless && (idempotent || error.notSent);
        const retryInMs = retry ? retryDelayMs(undefined, attempt, this.options.random) : undefined;
        this.log({ method: spec.method, path, status: undefined, requestId: undefined, durationMs: Date.now() - started, attempt, retryInMs, error: error.message, requestHeaders });
        if (retryInMs === undefined) throw error;
        await this.wait(retryInMs, spec.signal);
        continue;
      }
      const requestId = header(response.headers, 'request-id');
      if (response.statusCode >= 200 && response.statusCode < 300) {
        this.log({ method: spec.method, path, status: response.statusCode, requestId, durationMs: Date.now() - started, attempt, requestHeaders });
        return { response, requestId, apiKey, plan };
      }
      let errorBody: unknown;
      let webPage = false;
      try {
        const text = await this.readBody(response, spec, requestId, plan);
        webPage = isWebPage(header(response.headers, 'content-type'), text);
        // A gateway may echo the request's headers back: the key must not reach messages or the log.
        errorBody = redactValue(safeJson(text), apiKey);
      } catch {
        errorBody = undefined;
      }
      const retry = attempt < maxRetries && shouldRetryResponse({ status: response.statusCode, headers: response.headers, idempotent, body: errorBody });
      const retryInMs = retry ? retryDelayMs(response.headers, attempt, this.options.random) : undefined;
      const error =
        webPage && route.kind === 'proxy'
          ? this.webPageError(route, response.statusCode, requestId)
          : new APIError({
              status: response.statusCode,
              body: errorBody,
              requestId,
              retryAfterMs: serverRetryDelayMs(response.headers),
              ...(webPage ? { webPage: { host: this.host() } } : {}),
            });
      this.log({ method: spec.method, path, status: response.statusCode, requestId, durationMs: Date.now() - started, attempt, retryInMs, error: error instanceof APIError ? error.apiMessage : error.message, requestHeaders });
      if (retryInMs === undefined) throw error;
      await this.wait(retryInMs, spec.signal);
    }
  }

  private headers(apiKey: string, attempt: number, hasBody: boolean, accept = 'application/json', betas: readonly string[] = []): Record<string, string> {
    const headers: Record<string, string> = {
      accept,
      authorization: `Bearer ${apiKey}`,
      'anthropic-version': ANTHROPIC_VERSION,
      'anthropic-beta': [MANAGED_AGENTS_BETA, ...betas].join(','),
      'user-agent': this.options.userAgent ?? 'managed-agents-vscode',
      'x-stainless-retry-count': String(attempt),
    };
    if (this.workspaceId) headers['anthropic-workspace-id'] = this.workspaceId;
    if (hasBody) headers['content-type'] = 'application/json';
    return headers;
  }

  private async readBody(response: TransportResponse, spec: RequestSpec, requestId: string | undefined, plan: ConnectionPlan): Promise<string> {
    const limit = this.options.maxResponseBytes ?? 64 * 1024 * 1024;
    const deadlineMs = this.options.maxBodyTimeMs ?? 10 * 60_000;
    const chunks: Buffer[] = [];
    let size = 0;
    let late = false;
    const deadline = setTimeout(() => {
      late = true;
      response.body.destroy();
    }, deadlineMs);
    const tooSlow = (cause?: unknown) =>
      new APITimeoutError(`${this.host()} took more than ${formatDuration(deadlineMs)} to send its answer, so it was not read. Try again; the server may be slow or overloaded.`, { cause, code: 'BODY_DEADLINE', reason: 'timeout' });
    try {
      for await (const chunk of response.body) {
        size += chunk.length;
        if (size > limit) {
          response.body.destroy();
          throw new MalformedResponseError(`The response from ${this.host()} is larger than ${Math.round(limit / 1024 / 1024)} MiB and was not read.`, {
            status: response.statusCode,
            requestId,
            problem: 'tooLarge',
          });
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof ManagedAgentsError) throw error;
      if (late) throw tooSlow(error);
      throw this.mapTransportError(error, spec.signal, spec.signal, plan);
    } finally {
      clearTimeout(deadline);
    }
    if (late) throw tooSlow();
    return Buffer.concat(chunks).toString('utf8');
  }

  private mapTransportError(cause: unknown, signal: AbortSignal | undefined, userSignal: AbortSignal | undefined, plan: ConnectionPlan): Error {
    if (cause instanceof ManagedAgentsError) return cause;
    if (userSignal?.aborted || signal?.aborted) return new APIUserAbortError();
    const credentialsSent = Boolean(plan.proxyAuthorization) || (plan.route.kind === 'proxy' && plan.route.shown.includes('***@'));
    return connectionErrorFromCause(cause, this.baseURL, plan.route, credentialsSent);
  }

  private async wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch {
      throw new APIUserAbortError();
    }
  }

  private warn(message: string): void {
    try {
      this.options.onWarning?.(message);
    } catch {
      // A failing logger must never fail a request.
    }
  }

  private log(entry: RequestLogEntry): void {
    try {
      this.options.onRequest?.(entry);
    } catch {
      // A failing logger must never fail a request.
    }
  }
}

/** The same error with the key removed from its message (and an APIError's body and API message). */
function redactError(error: Error, apiKey: string): Error {
  if (error.message.includes(apiKey)) error.message = redactText(error.message, apiKey);
  if (error instanceof APIError) {
    Object.assign(error, { apiMessage: redactText(error.apiMessage, apiKey), body: redactValue(error.body, apiKey) });
  }
  return error;
}

function normalizeBaseURL(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidBaseURLError(value, 'notAUrl');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidBaseURLError(value, 'protocol', url.protocol);
  return url.toString().replace(/\/$/, '');
}

function formatDuration(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}` : `${ms / 1000} s`;
}

/** An HTML page (a proxy's login or error page, a captive portal) rather than the API's JSON. */
function isWebPage(contentType: string | undefined, text: string): boolean {
  return /text\/html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(text);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function parseJson<T>(text: string, response: TransportResponse, requestId: string | undefined, baseURL: string): T {
  const host = new URL(baseURL).host;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new MalformedResponseError(`The response from ${host} was cut off or is not valid JSON (${text.length} bytes). Try again.`, {
      status: response.statusCode,
      requestId,
      problem: 'unreadable',
      cause,
    });
  }
}


// The parts of undici the client uses: a pooled Agent, a ProxyAgent, and `dispatcher.request`. The
// package's index also loads fetch, WebSocket, caches and mocks, which would triple the extension bundle.
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import type * as Tls from 'node:tls';
import type { Agent as UndiciAgent, Dispatcher, ProxyAgent as UndiciProxyAgent } from 'undici';
import type { Route } from './proxy';
import type { EventBatch } from './sse';

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-unsafe-assignment -- deep paths have no type declarations: each gets its type from the package's index */
export const Agent: typeof UndiciAgent = require('undici/lib/dispatcher/agent');
const ProxyAgentClass: typeof UndiciProxyAgent = require('undici/lib/dispatcher/proxy-agent');
const DispatcherClass: { prototype: Dispatcher } = require('undici/lib/dispatcher/dispatcher');
const request: Dispatcher['request'] = require('undici/lib/api/api-request');
// ProxyAgent opens its tunnels with the CONNECT API.
const connect: Dispatcher['connect'] = require('undici/lib/api/api-connect');
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-unsafe-assignment */

// What undici's index does for every dispatcher: give it the promise-returning request and connect APIs.
for (const [name, method] of Object.entries({ request, connect })) {
  if (!Object.prototype.hasOwnProperty.call(DispatcherClass.prototype, name)) Object.assign(DispatcherClass.prototype, { [name]: method });
}

export type { Dispatcher };
export type DispatchController = Dispatcher.DispatchController;

/**
 * How one request leaves the machine: the route (direct or which proxy) and the certificate policy.
 * Plain data, so a request handed to the stream thread carries it along.
 */
export interface ConnectionPlan {
  route: Route;
  /** The target is https (certificates matter). */
  secure: boolean;
  /** Check certificates on connections through the proxy (false: a proxy that inspects TLS). */
  strictSSL: boolean;
  /** Trust the operating system's certificate store too, where the runtime can read it. */
  systemCertificates: boolean;
  /** Sent to the proxy as Proxy-Authorization. */
  proxyAuthorization?: string;
}

export const DIRECT: ConnectionPlan = { route: { kind: 'direct', why: 'none' }, secure: false, strictSSL: true, systemCertificates: false };

/** One HTTP request as the client sends it, whichever transport carries it. */
export interface TransportRequest {
  origin: string;
  path: string;
  method: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  /** JSON text, or an upload's bytes as they are read (a file is streamed, never held whole). */
  body?: string | Readable;
  signal?: AbortSignal;
  headersTimeout: number;
  bodyTimeout: number;
  /** How it leaves the machine; direct when not given. Transports over one fixed dispatcher ignore it. */
  plan?: ConnectionPlan;
}

export interface TransportResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: ResponseBody;
}

/** A response body: raw byte chunks, or, for an event stream decoded on the stream thread, event batches. */
export interface ResponseBody extends AsyncIterable<Uint8Array> {
  destroy(): void;
  /** Set when the transport has already cut the event stream into batches (see EventBatch). */
  eventBatches?: () => Promise<EventBatch | undefined>;
}

/** Sends one request and resolves with the response's status and headers, its body unread. */
export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
}

/** A transport over one undici dispatcher, in this thread, whatever the request's plan says. */
export function dispatcherTransport(dispatcher: Dispatcher): Transport {
  return { request: ({ plan: _plan, ...rest }) => dispatcher.request(rest) };
}

export interface PoolOptions {
  connectTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Connections per origin; unlimited when unset. */
  connections?: number;
  /** More CA certificates (PEM) to trust besides the default ones. */
  ca?: readonly string[];
}

/**
 * Connection pools that follow the plan of each request: one dispatcher for the current way out (a
 * plain Agent, or a ProxyAgent). When the plan changes (a setting changed), new requests get a new
 * dispatcher and the old one closes once what runs on it (a live stream) has ended.
 */
export class RoutedPool implements Transport {
  private current: { key: string; dispatcher: Dispatcher } | undefined;
  private readonly retired = new Set<Dispatcher>();

  constructor(private readonly options: PoolOptions) {}

  request({ plan = DIRECT, ...rest }: TransportRequest): Promise<TransportResponse> {
    return this.dispatcherFor(plan).request(rest);
  }

  dispatcherFor(plan: ConnectionPlan): Dispatcher {
    const key = planKey(plan);
    if (this.current?.key === key) return this.current.dispatcher;
    const previous = this.current?.dispatcher;
    this.current = { key, dispatcher: createDispatcher(plan, this.options) };
    if (previous) {
      this.retired.add(previous);
      previous.close().then(() => this.retired.delete(previous), () => this.retired.delete(previous));
    }
    return this.current.dispatcher;
  }

  /** Ends every connection, requests in flight included. */
  async destroy(): Promise<void> {
    const all = [...this.retired, ...(this.current ? [this.current.dispatcher] : [])];
    this.current = undefined;
    this.retired.clear();
    await Promise.all(all.map((dispatcher) => dispatcher.destroy().catch(() => undefined)));
  }
}

function planKey(plan: ConnectionPlan): string {
  const route = plan.route.kind === 'proxy' ? `proxy ${plan.route.url} ${plan.strictSSL} ${plan.proxyAuthorization ?? ''}` : 'direct';
  return `${route} ${plan.secure} ${plan.systemCertificates}`;
}

function createDispatcher(plan: ConnectionPlan, options: PoolOptions): Dispatcher {
  const { route } = plan;
  const pool = { keepAliveTimeout: options.keepAliveTimeoutMs, ...(options.connections ? { connections: options.connections } : {}) };
  const timeout = options.connectTimeoutMs;
  if (route.kind !== 'proxy') {
    const trust = plan.secure ? trustedCertificates(plan.systemCertificates, options.ca) : undefined;
    return new Agent({ ...pool, connect: { timeout, ...(trust ? { secureContext: trust } : {}) } });
  }
  const proxy = new URL(route.url);
  const trust = plan.secure || proxy.protocol === 'https:' ? trustedCertificates(plan.systemCertificates, options.ca) : undefined;
  const tlsOptions = { timeout, ...(trust ? { secureContext: trust } : {}), ...(plan.strictSSL ? {} : { rejectUnauthorized: false }) };
  // Credentials go in the Proxy-Authorization header, never in a URL undici might quote.
  const token = plan.proxyAuthorization || basicCredentials(proxy);
  proxy.username = '';
  proxy.password = '';
  return new ProxyAgentClass({
    ...pool,
    uri: proxy.toString(),
    ...(token ? { token } : {}),
    // https targets are tunnelled (CONNECT), so the key never crosses the proxy in clear; http targets go in absolute form.
    proxyTunnel: false,
    proxyTls: tlsOptions,
    requestTls: tlsOptions,
  });
}

function basicCredentials(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  return `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
}

const trustCache = new Map<string, Tls.SecureContext | undefined>();

/**
 * The certificates to trust, when they differ from Node's default store: the operating system's
 * store (where the runtime can read it) and the caller's. Undefined keeps Node's default, which
 * already holds NODE_EXTRA_CA_CERTS. Built once per thread, as loading the system store takes tens of ms.
 */
function trustedCertificates(systemCertificates: boolean, extra: readonly string[] = []): Tls.SecureContext | undefined {
  const key = `${systemCertificates} ${extra.join('')}`;
  if (trustCache.has(key)) return trustCache.get(key);
  // Loaded here, not at start-up (as undici does): TLS and its crypto cost the extension host's activation otherwise.
  // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-unsafe-assignment -- typed by the import type above
  const tls: typeof Tls = require('node:tls');
  const { getCACertificates } = tls as { getCACertificates?: (type: 'default' | 'system') => string[] };
  let system: string[] = [];
  if (systemCertificates && getCACertificates) {
    try {
      system = getCACertificates('system');
    } catch {
      // No readable store: the default one stays.
    }
  }
  let context: Tls.SecureContext | undefined;
  if (system.length || extra.length) {
    // An explicit list replaces Node's default store, so it starts from that store (NODE_EXTRA_CA_CERTS included).
    const base = getCACertificates ? getCACertificates('default') : [...tls.rootCertificates, ...extraCertificatesFromEnvironment()];
    context = tls.createSecureContext({ ca: [...new Set([...base, ...system, ...extra])] });
  }
  trustCache.set(key, context);
  return context;
}

/** NODE_EXTRA_CA_CERTS, which Node reads into its default store at start-up but not into `tls.rootCertificates`. */
function extraCertificatesFromEnvironment(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return [fs.readFileSync(file, 'utf8')];
  } catch {
    return [];
  }
}

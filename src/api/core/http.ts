// The parts of undici the client uses: a pooled Agent and `dispatcher.request`. The package's
// index also loads fetch, WebSocket, caches and mocks, which would triple the extension bundle.
import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import type { EventBatch } from './sse';

/* eslint-disable @typescript-eslint/no-require-imports -- deep paths have no type declarations */
const AgentClass: typeof UndiciAgent = require('undici/lib/dispatcher/agent');
const DispatcherClass: { prototype: Dispatcher } = require('undici/lib/dispatcher/dispatcher');
const request: Dispatcher['request'] = require('undici/lib/api/api-request');
/* eslint-enable @typescript-eslint/no-require-imports */

// What undici's index does for every dispatcher: give it the promise-returning request API.
if (!Object.prototype.hasOwnProperty.call(DispatcherClass.prototype, 'request')) {
  Object.assign(DispatcherClass.prototype, { request });
}

export const Agent = AgentClass;
export type { Dispatcher };
export type DispatchController = Dispatcher.DispatchController;

/** One HTTP request as the client sends it, whichever transport carries it. */
export interface TransportRequest {
  origin: string;
  path: string;
  method: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  headersTimeout: number;
  bodyTimeout: number;
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

/** A transport over an undici dispatcher, in this thread. */
export function dispatcherTransport(dispatcher: Dispatcher): Transport {
  return { request: (request) => dispatcher.request(request) };
}

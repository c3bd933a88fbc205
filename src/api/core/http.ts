// The parts of undici the client uses: a pooled Agent and `dispatcher.request`. The package's
// index also loads fetch, WebSocket, caches and mocks, which would triple the extension bundle.
import type { Agent as UndiciAgent, Dispatcher } from 'undici';

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

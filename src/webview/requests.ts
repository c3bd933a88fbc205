// Requests the host answers with a `result` (send, confirm, tool results, interrupt, archive, delete):
// each carries an id, and its callback runs when the answer with that id arrives.
import type { HostMessage, WebviewMessage } from './protocol';
import { post } from './vscodeApi';

type Done = (ok: boolean, error?: string) => void;

const waiting = new Map<string, Done>();
let counter = 0;

export function request(build: (requestId: string) => WebviewMessage, done: Done): void {
  const requestId = `r${++counter}`;
  waiting.set(requestId, done);
  post(build(requestId));
}

/** The host answered a request. */
export function answered(result: Extract<HostMessage, { type: 'result' }>): void {
  const done = waiting.get(result.requestId);
  waiting.delete(result.requestId);
  done?.(result.ok, result.error);
}

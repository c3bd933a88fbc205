// What the conformance tests read of an SDK error: that a call was refused, and the body's error.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { APIError } from '@anthropic-ai/sdk';

/** The error a promise rejects with (fails when it resolves, or rejects with something else). */
export async function refusal(promise: Promise<unknown>): Promise<APIError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(outcome instanceof APIError, `expected an API error, got ${outcome === undefined ? 'success' : inspect(outcome)}`);
  return outcome;
}

/** The body's `error` object: its `type`, as the docs' error table names it, and its `message`. */
export function bodyError(error: APIError): { type?: string; message?: string } {
  const body: unknown = error.error;
  const inner = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).error : undefined;
  if (typeof inner !== 'object' || inner === null) return {};
  const { type, message } = inner as Record<string, unknown>;
  return { ...(typeof type === 'string' ? { type } : {}), ...(typeof message === 'string' ? { message } : {}) };
}

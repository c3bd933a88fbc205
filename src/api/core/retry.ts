// The SDK's retry policy, with two changes: a request that could create something twice (session
// create, event send) is retried only when the response shows the server did not act on it, and a
// 409 that refuses because of the session's state is not retried (it repeats until the state changes).
import { refusesSessionState } from './errors';

export interface RetryDecisionInput {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** False for requests that must not be repeated after the server may have acted. */
  idempotent: boolean;
  /** The parsed error body, when there is one. */
  body?: unknown;
}

export function shouldRetryResponse({ status, headers, idempotent, body }: RetryDecisionInput): boolean {
  const explicit = header(headers, 'x-should-retry');
  if (explicit === 'true') return true;
  if (explicit === 'false') return false;
  // 429 and 529 are refusals before any work was done, so they are safe for every request.
  if (status === 429 || status === 529) return true;
  if (!idempotent) return false;
  // The SDK retries every 409 (lock contention); one that names the session's state is final.
  if (status === 409) return !refusesSessionState(body);
  return status === 408 || status >= 500;
}

const INITIAL_RETRY_DELAY_S = 0.5;
const MAX_RETRY_DELAY_S = 8;

/**
 * The longest delay a server may ask for and get (`retry-after`, `retry-after-ms`). A longer one
 * (`retry-after: 86400`) would park a request, or a live panel, for as long as the server likes: it is
 * not honoured, and the client's own backoff applies, as earlier SDKs did (SDK 1.16 accepts up to
 * 2^31 - 1 ms). The client's retries and the follower's reconnects share this rule.
 */
export const MAX_SERVER_RETRY_DELAY_MS = 60_000;

/**
 * How long to wait before retry number `retryIndex` (0 for the first retry): the server's
 * `retry-after-ms` / `retry-after` when it is a usable positive delay, else jittered exponential backoff.
 */
export function retryDelayMs(headers: Record<string, string | string[] | undefined> | undefined, retryIndex: number, random = Math.random): number {
  const fromServer = serverRetryDelayMs(headers);
  if (fromServer !== undefined) return fromServer;
  const seconds = Math.min(INITIAL_RETRY_DELAY_S * 2 ** retryIndex, MAX_RETRY_DELAY_S);
  const jitter = 1 - random() * 0.25;
  return seconds * jitter * 1000;
}

/** The delay the server asked for (`retry-after-ms`, `retry-after`), when it is positive and at most MAX_SERVER_RETRY_DELAY_MS. */
export function serverRetryDelayMs(headers: Record<string, string | string[] | undefined> | undefined): number | undefined {
  if (!headers) return undefined;
  let ms: number | undefined;
  const retryAfterMs = header(headers, 'retry-after-ms');
  if (retryAfterMs) {
    const parsed = parseFloat(retryAfterMs);
    if (!Number.isNaN(parsed)) ms = parsed;
  }
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter && !ms) {
    const seconds = parseFloat(retryAfter);
    ms = Number.isNaN(seconds) ? Date.parse(retryAfter) - Date.now() : seconds * 1000;
  }
  return ms !== undefined && ms > 0 && ms <= MAX_SERVER_RETRY_DELAY_MS ? ms : undefined;
}

export function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Why a signal aborted, as an Error (AbortSignal.abort() gives a DOMException; a caller may pass anything). */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(typeof reason === 'string' ? reason : 'This operation was aborted', 'AbortError');
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

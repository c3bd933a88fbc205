/**
 * Fault injection: latency, error responses with retry headers, dropped streams, truncated
 * bodies, and "act then drop" (the request takes effect but no response arrives).
 *
 * Counted faults are consumed by the requests they hit. `count` defaults to 1 (the next matching
 * request); a negative count means "every matching request". Stream drops default to every stream.
 */
import { errorTypeForStatus, invalidRequest, type ApiErrorType } from './errors';
import type { StreamDrop } from './sse';
import { isPlainObject } from './util';

export interface RequestMatch {
  /** HTTP method, case-insensitive; omitted = any. */
  method?: string;
  /** Path pattern; `*` matches one path segment part (no `/`), `**` anything. Omitted = any. */
  path?: string;
}

export interface ErrorFault extends RequestMatch {
  status: number;
  count?: number;
  /** Error type in the body; defaults from the status (429 rate_limit_error, 529 overloaded_error...). */
  type?: ApiErrorType;
  message?: string;
  /** `retry-after` header in seconds (429/529 default to 1 when neither header is configured). */
  retryAfterSeconds?: number;
  /** `retry-after-ms` header. */
  retryAfterMs?: number;
  /** `x-should-retry: true|false`, which the SDK obeys over its status-based policy. */
  shouldRetry?: boolean;
}

export interface DropStreamFault {
  afterEvents: number;
  midEvent?: boolean;
  /** End with an in-band `event: error` of this type (e.g. overloaded_error) instead of a dropped socket. */
  errorType?: ApiErrorType;
  /** Streams to drop; default every stream. */
  count?: number;
  /** Only streams of this path pattern. */
  path?: string;
}

export interface TruncateFault extends RequestMatch {
  count?: number;
  /** 'end' (default): send half the JSON and end cleanly; 'destroy': announce the full length, send half, destroy the socket. */
  mode?: 'end' | 'destroy';
}

export interface ActThenDropFault extends RequestMatch {
  count?: number;
}

/** File downloads (`GET /v1/files/{id}/content`) matching it are sent at most this fast: a slow link. */
export interface SlowDownloadFault extends RequestMatch {
  bytesPerSecond: number;
}

export interface FaultConfig {
  /** Added before every `/v1` response, streams included. */
  latencyMs?: number;
  /**
   * The status of a refusal because of the session's state (archive, delete or agent update while
   * running; update of an archived session; send to an archived or terminated one): 400
   * `invalid_request_error` (default) or 409 `conflict_error`. The docs do not say which the API
   * sends per endpoint, so clients are tested against both.
   */
  stateConflictStatus?: 400 | 409;
  /**
   * How many `/v1` requests (open event streams not counted) may be in progress at once; the next
   * is answered 529 `overloaded_error` with `retry-after`, as an overloaded API does. Default 64.
   */
  concurrencyLimit?: number;
  errors?: ErrorFault[];
  dropStream?: DropStreamFault | null;
  truncateBody?: TruncateFault | null;
  actThenDrop?: ActThenDropFault | null;
  slowDownload?: SlowDownloadFault | null;
}

const DEFAULT_CONCURRENCY_LIMIT = 64;

function pathMatches(pattern: string | undefined, path: string): boolean {
  if (pattern === undefined || pattern === '') return true;
  const source = pattern
    .split('**')
    .map((part) => part.split('*').map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`).test(path);
}

function matches(match: RequestMatch, method: string, path: string): boolean {
  return (match.method === undefined || match.method.toUpperCase() === method.toUpperCase()) && pathMatches(match.path, path);
}

/** Consumes one use of a counted fault; returns whether it applied. */
function consume(fault: { count?: number }, defaultCount: number): boolean {
  const count = fault.count ?? defaultCount;
  if (count < 0) return true;
  if (count === 0) return false;
  fault.count = count - 1;
  return true;
}

function validate(config: unknown): FaultConfig {
  if (!isPlainObject(config)) throw invalidRequest('faults: must be a JSON object');
  const allowed = ['latencyMs', 'stateConflictStatus', 'concurrencyLimit', 'errors', 'dropStream', 'truncateBody', 'actThenDrop', 'slowDownload'];
  for (const key of Object.keys(config)) if (!allowed.includes(key)) throw invalidRequest(`faults.${key}: unknown fault (expected one of ${allowed.join(', ')})`);
  if (config.latencyMs !== undefined && (typeof config.latencyMs !== 'number' || config.latencyMs < 0)) throw invalidRequest('faults.latencyMs: must be a non-negative number');
  if (config.stateConflictStatus !== undefined && config.stateConflictStatus !== 400 && config.stateConflictStatus !== 409) {
    throw invalidRequest('faults.stateConflictStatus: must be 400 or 409');
  }
  if (config.concurrencyLimit !== undefined && (!Number.isInteger(config.concurrencyLimit) || (config.concurrencyLimit as number) < 1)) {
    throw invalidRequest('faults.concurrencyLimit: must be a positive integer');
  }
  if (config.errors !== undefined) {
    if (!Array.isArray(config.errors)) throw invalidRequest('faults.errors: must be an array');
    config.errors.forEach((fault: unknown, index) => {
      if (!isPlainObject(fault) || typeof fault.status !== 'number' || fault.status < 400 || fault.status > 599) {
        throw invalidRequest(`faults.errors[${index}].status: must be an HTTP error status (400-599)`);
      }
    });
  }
  if (isPlainObject(config.dropStream) && typeof config.dropStream.afterEvents !== 'number') throw invalidRequest('faults.dropStream.afterEvents: must be a number');
  if (config.slowDownload !== undefined && config.slowDownload !== null && (!isPlainObject(config.slowDownload) || typeof config.slowDownload.bytesPerSecond !== 'number' || config.slowDownload.bytesPerSecond <= 0)) {
    throw invalidRequest('faults.slowDownload.bytesPerSecond: must be a positive number');
  }
  return structuredClone(config);
}

export class FaultController {
  private config: FaultConfig = {};

  constructor(initial?: FaultConfig) {
    if (initial) this.set(initial);
  }

  /** Sets the given kinds of fault, leaving the others as they are. `errors` replaces the error queue. */
  set(config: FaultConfig): void {
    const checked = validate(config);
    this.config = { ...this.config, ...checked };
  }

  /** Appends one error fault to the queue. */
  addError(fault: ErrorFault): void {
    this.set({ errors: [...(this.config.errors ?? []), fault] });
  }

  clear(): void {
    this.config = {};
  }

  /** The current configuration, remaining counts included. */
  snapshot(): FaultConfig {
    return structuredClone(this.config);
  }

  latencyMs(): number {
    return this.config.latencyMs ?? 0;
  }

  /** How fast a file download matching the slowDownload fault may go (bytes per second), or undefined. */
  downloadRate(method: string, path: string): number | undefined {
    const fault = this.config.slowDownload;
    return fault && matches(fault, method, path) ? fault.bytesPerSecond : undefined;
  }

  stateConflictStatus(): 400 | 409 {
    return this.config.stateConflictStatus ?? 400;
  }

  concurrencyLimit(): number {
    return this.config.concurrencyLimit ?? DEFAULT_CONCURRENCY_LIMIT;
  }

  takeError(method: string, path: string): ErrorFault | undefined {
    const errors = this.config.errors ?? [];
    const fault = errors.find((candidate) => (candidate.count ?? 1) !== 0 && matches(candidate, method, path));
    if (!fault || !consume(fault, 1)) return undefined;
    this.config.errors = errors.filter((candidate) => candidate.count !== 0);
    return { ...fault };
  }

  takeStreamDrop(path: string): StreamDrop | undefined {
    const fault = this.config.dropStream;
    if (!fault || !pathMatches(fault.path, path) || !consume(fault, -1)) return undefined;
    return { afterEvents: fault.afterEvents, midEvent: fault.midEvent ?? false, errorType: fault.errorType };
  }

  takeTruncate(method: string, path: string): TruncateFault | undefined {
    const fault = this.config.truncateBody;
    if (!fault || !matches(fault, method, path) || !consume(fault, 1)) return undefined;
    return { ...fault };
  }

  takeActThenDrop(method: string, path: string): boolean {
    const fault = this.config.actThenDrop;
    return !!fault && matches(fault, method, path) && consume(fault, 1);
  }
}

/** Headers and body of an injected error response. */
export function errorFaultResponse(fault: ErrorFault): { status: number; type: ApiErrorType; message: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  if (fault.retryAfterSeconds === undefined && fault.retryAfterMs === undefined && (fault.status === 429 || fault.status === 529)) headers['retry-after'] = '1';
  if (fault.shouldRetry !== undefined) headers['x-should-retry'] = String(fault.shouldRetry);
  const type = fault.type ?? errorTypeForStatus(fault.status);
  const message =
    fault.message ??
    (fault.status === 429 ? 'Number of requests has exceeded your rate limit (simulated).' : fault.status === 529 ? 'Overloaded (simulated).' : `Simulated ${fault.status} error.`);
  return { status: fault.status, type, message, headers };
}

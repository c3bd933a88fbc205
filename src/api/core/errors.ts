// Errors raised by the client. Each message says what happened, in the API's terms, and what waiting
// or trying again can do; it names no setting and no command of the editor. What the editor needs to
// add its own advice is machine-readable: the HTTP status and the predicates on APIError, a failed
// connection's reason, what a malformed answer looked like. Status codes are compared here and in the
// retry policy (retry.ts), nowhere else.
import type { Route } from './proxy';

export class ManagedAgentsError extends Error {
  override readonly name: string = 'ManagedAgentsError';
}

/** No key was available, so no request was sent. */
export class MissingApiKeyError extends ManagedAgentsError {
  override readonly name = 'MissingApiKeyError';
  constructor() {
    super('No API key is set.');
  }
}

/** Why a base URL cannot be used: it does not parse as a URL, or its scheme is neither http nor https. */
export type BaseURLProblem = 'notAUrl' | 'protocol';

/** The base URL the client was given cannot be used; nothing was sent. */
export class InvalidBaseURLError extends ManagedAgentsError {
  override readonly name = 'InvalidBaseURLError';
  readonly value: string;
  readonly problem: BaseURLProblem;
  constructor(value: string, problem: BaseURLProblem, protocol?: string) {
    super(problem === 'notAUrl' ? `"${value}" is not a valid base URL.` : `The base URL must use http or https, not ${protocol}.`);
    this.value = value;
    this.problem = problem;
  }
}

/** The shape of an API error body: `{"type":"error","error":{"type":"...","message":"...","details":{"error_code":"..."}}}`. */
export interface ApiErrorBody {
  type?: string;
  error?: { type?: string; message?: string; details?: { error_code?: unknown } | null };
}

/** How a refusal names the session's state. */
const SESSION_STATE = /\b(running|rescheduling|idle|archived|terminated)\b/i;

/**
 * Whether an error body refuses the request because of the session's state: archive, delete or an
 * agent change while it runs, an update of an archived session, a send to an archived or terminated
 * one. The API answers these with 400 or with 409 (which one is not documented per endpoint). Such a
 * refusal repeats until the state changes, so it is never retried; the SDK's blanket 409 retry is
 * for lock contention, whose body names no state.
 */
export function refusesSessionState(body: unknown): boolean {
  const error = typeof body === 'object' && body !== null ? (body as ApiErrorBody).error : undefined;
  if (!error || (error.type !== undefined && error.type !== 'invalid_request_error' && error.type !== 'conflict_error')) return false;
  const code = error.details?.error_code;
  return (typeof error.message === 'string' && SESSION_STATE.test(error.message)) || (typeof code === 'string' && SESSION_STATE.test(code.replace(/_/g, ' ')));
}

/**
 * The key was held back, and no request was sent: the `apiKey` option refused to hand it over for
 * where the base URL points. `insecure`: plain http to a host other than this machine. `workspace`:
 * the address was chosen by the workspace rather than by the user, who has not allowed it.
 */
export class KeyWithheldError extends ManagedAgentsError {
  override readonly name = 'KeyWithheldError';
  readonly origin: string;
  readonly reason: 'insecure' | 'workspace';
  constructor(origin: string, reason: 'insecure' | 'workspace' = 'insecure') {
    super(
      reason === 'workspace'
        ? `The API key was not sent to ${origin}: the workspace chose that address, not the user, and the user has not allowed it.`
        : `The API key was not sent to ${origin}: it is not an https URL, so the key would cross the network unencrypted.`,
    );
    this.origin = origin;
    this.reason = reason;
  }
}

/**
 * The server answered with an HTTP error status (or an SSE `event: error`). Its predicates say what
 * kind of failure it is, so that no other code compares status codes.
 */
export class APIError extends ManagedAgentsError {
  override readonly name = 'APIError';
  /** HTTP status; undefined for an error delivered inside an event stream. */
  readonly status: number | undefined;
  /** The API's `error.type`, e.g. `not_found_error`, `rate_limit_error`. */
  readonly type: string | undefined;
  /** The API's `error.details.error_code`, a stable name of the cause (e.g. `budget_not_raised`). */
  readonly errorCode: string | undefined;
  /** The API's own message, unchanged. */
  readonly apiMessage: string;
  readonly requestId: string | undefined;
  readonly body: unknown;
  /** How long the server asked the client to wait before trying again (`retry-after`), if it said. */
  readonly retryAfterMs: number | undefined;
  /** The answer was a web page (a proxy's, a captive portal's) rather than the API's error; the message says so. */
  readonly webPage: boolean;

  /** `webPage`: the host that answered with a web page instead of the API's error. */
  constructor(init: { status: number | undefined; body: unknown; requestId: string | undefined; retryAfterMs?: number; webPage?: { host: string } }) {
    const parsed = (typeof init.body === 'object' && init.body !== null ? init.body : {}) as ApiErrorBody;
    const type = parsed.error?.type;
    const apiMessage =
      parsed.error?.message ?? (typeof init.body === 'string' && init.body ? init.body.slice(0, 200) : statusText(init.status));
    super(init.webPage ? webPageMessage(init.webPage.host, init.status) : describeApiError(init.status, type, apiMessage, init.requestId));
    this.webPage = Boolean(init.webPage);
    this.status = init.status;
    this.type = type;
    const errorCode = parsed.error?.details?.error_code;
    this.errorCode = typeof errorCode === 'string' ? errorCode : undefined;
    this.apiMessage = apiMessage;
    this.requestId = init.requestId;
    this.body = init.body;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The key was rejected: 401, or `authentication_error` (also inside an event stream). */
  get isAuthenticationError(): boolean {
    return this.status === 401 || this.type === 'authentication_error';
  }
  /** The key may not act on this resource or workspace: 403, or `permission_error`. */
  get isPermissionError(): boolean {
    return this.status === 403 || this.type === 'permission_error';
  }
  /** 404, or `not_found_error`. */
  get isNotFound(): boolean {
    return this.status === 404 || this.type === 'not_found_error';
  }
  /**
   * A 400 or a 409: the API refused the request as it stands, for the session's state or for the
   * request itself (which of the two statuses a state conflict gets is not documented per endpoint).
   */
  get isRefusal(): boolean {
    return this.status === 400 || this.status === 409;
  }
  /** Refused because of the session's state (a refusal that names it, see refusesSessionState): retrying will not help. */
  get isStateConflict(): boolean {
    return this.isRefusal && refusesSessionState(this.body);
  }
  /** A 429 answer. */
  get isRateLimited(): boolean {
    return this.status === 429;
  }
  /** A 529 answer: the API refused the request, before any work, for load. */
  get isOverloaded(): boolean {
    return this.status === 529;
  }
  /** A 5xx answer (529 included). */
  get isServerError(): boolean {
    return this.status !== undefined && this.status >= 500;
  }
}

/** What says the API's JSON came back as a web page (a proxy's sign-in or block page, a captive portal). */
export function webPageMessage(host: string, status?: number): string {
  const code = status !== undefined && (status < 200 || status >= 300) ? ` (HTTP ${status})` : '';
  return `${host} answered with a web page${code} instead of the API's JSON.`;
}

/** Why a direct connection failed, when it is one of the usual reasons. */
export type ConnectionFailure =
  /** The host refused the connection: nothing listens there. */
  | 'refused'
  /** The host's name does not resolve. */
  | 'unresolved'
  /** A secure connection could not be made: a certificate not trusted here, a TLS failure. */
  | 'certificate'
  /** No connection, answer or further bytes in time. */
  | 'timeout';

/** The request never got an HTTP answer: refused, DNS, TLS, reset. */
export class APIConnectionError extends ManagedAgentsError {
  override readonly name: string = 'APIConnectionError';
  /** Node / undici error code of the cause, e.g. ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET. */
  readonly code: string | undefined;
  /** True when the request certainly did not reach the server (so it cannot have acted on it). */
  readonly notSent: boolean;
  /** Why it failed, when one of the usual reasons (undefined for a proxy's failure: ProxyError says). */
  readonly reason: ConnectionFailure | undefined;
  constructor(message: string, options: { cause?: unknown; code?: string; notSent?: boolean; reason?: ConnectionFailure } = {}) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.notSent = options.notSent ?? false;
    this.reason = options.reason;
  }
}

/** What went wrong with a proxy between the client and the API. */
export type ProxyProblem =
  /** It answered 407: no credentials, or not the right ones. */
  | 'auth'
  /** It would not open a tunnel to the API (an https target's CONNECT was answered with another status). */
  | 'refused'
  /** It could not be reached: refused, a name that does not resolve, a timeout. */
  | 'unreachable'
  /** It answered with its own web page (a block page, a sign-in form) instead of the API's JSON. */
  | 'webPage'
  /** A secure connection through it failed (a proxy that inspects TLS with a certificate not trusted here). */
  | 'certificate'
  /** It is set, but not to anything usable (not a URL, or not http/https). */
  | 'unusable';

/**
 * The request went through a proxy, and the proxy is the problem. The message names the proxy (its
 * credentials hidden) and where it was configured; the extension adds which settings to check.
 */
export class ProxyError extends APIConnectionError {
  override readonly name = 'ProxyError';
  /** The proxy's URL with its credentials replaced by "***". */
  readonly proxy: string;
  /** Where the proxy was configured, e.g. "http.proxy" or "HTTPS_PROXY". */
  readonly source: string;
  readonly problem: ProxyProblem;
  /** The proxy's HTTP status, when it answered (407, 403, 502...). */
  readonly status: number | undefined;
  constructor(message: string, init: { proxy: string; source: string; problem: ProxyProblem; status?: number; cause?: unknown; code?: string; notSent?: boolean }) {
    super(message, { cause: init.cause, code: init.code, notSent: init.notSent ?? true });
    this.proxy = init.proxy;
    this.source = init.source;
    this.problem = init.problem;
    this.status = init.status;
  }

  /** Waiting may fix it: the proxy failed upstream (5xx), or dropped the connection. Credentials, refusals and settings will not fix themselves. */
  get transient(): boolean {
    if (this.status !== undefined) return this.status >= 500;
    return this.problem === 'unreachable' && !['ENOTFOUND', 'ECONNREFUSED', 'EAI_AGAIN'].includes(this.code ?? '');
  }
}

/** No answer (or no further bytes) within the configured time. */
export class APITimeoutError extends APIConnectionError {
  override readonly name = 'APITimeoutError';
}

/** The caller aborted the request through its AbortSignal. */
export class APIUserAbortError extends ManagedAgentsError {
  override readonly name = 'APIUserAbortError';
  constructor(message = 'The request was cancelled.') {
    super(message);
  }
}

/** What an answer that the client could not use looked like. */
export type MalformedProblem =
  /** A web page (a proxy's, a captive portal's) where the API's JSON should be. */
  | 'webPage'
  /** JSON of another shape than the API's, or no event stream where one was asked for: another server answered. */
  | 'notTheApi'
  /** Cut off, or not valid JSON. */
  | 'unreadable'
  /** Larger than the client reads (a response, or one event of a stream). */
  | 'tooLarge';

/** The server answered 2xx, but not with what the API sends (HTML from a proxy, cut-off JSON...). */
export class MalformedResponseError extends ManagedAgentsError {
  override readonly name = 'MalformedResponseError';
  readonly status: number;
  readonly requestId: string | undefined;
  readonly problem: MalformedProblem;
  constructor(message: string, init: { status: number; requestId: string | undefined; problem: MalformedProblem; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.requestId = init.requestId;
    this.problem = init.problem;
  }
}

/** No usable key: none is set, or the API rejected the one sent. The person has to set one. */
export function isAuthFailure(error: unknown): boolean {
  return error instanceof MissingApiKeyError || (error instanceof APIError && error.isAuthenticationError);
}

/**
 * Errors that another try cannot fix: no key (or one held back), or a 4xx that refuses the request
 * itself (a bad key, a session that does not exist, a rejected body). Not the opposite of
 * isTransientError: a refused connection is neither, and a live follow keeps trying through it.
 */
export function isPermanentError(error: unknown): boolean {
  if (error instanceof MissingApiKeyError || error instanceof KeyWithheldError) return true;
  if (error instanceof APIError && error.status !== undefined) {
    return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 409 && error.status !== 429;
  }
  return false;
}

/**
 * Errors that waiting fixes: rate limits, overload, server errors, timeouts and dropped connections.
 * A view showing one of these says "retrying" and tries again on its own; anything else needs a person.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof APIError) {
    const status = error.status;
    if (status === undefined) return error.type === 'overloaded_error' || error.type === 'rate_limit_error' || error.type === 'api_error';
    if (status === 409) return !error.isStateConflict;
    return status === 408 || status === 429 || status >= 500;
  }
  if (error instanceof ProxyError) return error.transient;
  if (error instanceof APIConnectionError) {
    // A host that does not resolve, refuses or fails TLS will not fix itself in seconds: that is a setting or network to check.
    return !['ENOTFOUND', 'ECONNREFUSED'].includes(error.code ?? '') && !/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(error.code ?? '');
  }
  return false;
}

function statusText(status: number | undefined): string {
  if (status === undefined) return 'stream error';
  return `HTTP ${status}`;
}

function describeApiError(status: number | undefined, type: string | undefined, apiMessage: string, requestId: string | undefined): string {
  const label = [status, type].filter((part) => part !== undefined).join(' ');
  const what = label ? `${apiMessage} (${label})` : apiMessage;
  const ref = requestId ? ` [request-id ${requestId}]` : '';
  return `${what}.${advice(status, type)}${ref}`.replace(/\.\./g, '.');
}

/** What waiting or trying again can do; a rejected key and a refused permission get the editor's advice instead. */
function advice(status: number | undefined, type: string | undefined): string {
  if (status === 401 || type === 'authentication_error' || status === 403 || type === 'permission_error') return '';
  if (status === 404 || type === 'not_found_error') return ' It may have been deleted: refresh and try again.';
  if (status === 409 || type === 'conflict_error') return ' It changed while the request was made: refresh and try again.';
  if (status === 413 || type === 'request_too_large') return ' The request is too large: send less at once.';
  if (status === 429 || type === 'rate_limit_error') return ' Rate limited: wait a moment and try again.';
  if (status === 529 || type === 'overloaded_error') return ' The API is overloaded: try again shortly.';
  if (status !== undefined && status >= 500) return ' The API had an internal error: try again, and quote the request id if it persists.';
  return '';
}

/** Maps a low-level network error to a message a person can act on; through a proxy, one that names it. */
export function connectionErrorFromCause(cause: unknown, baseURL: string, route?: Route, credentialsSent = false): APIConnectionError {
  const proxied = route?.kind === 'proxy' ? proxyErrorFromCause(cause, safeHost(baseURL), route, credentialsSent) : undefined;
  if (proxied) return proxied;
  const code = errorCode(cause);
  const host = safeHost(baseURL);
  switch (code) {
    case 'ECONNREFUSED':
      return new APIConnectionError(`Could not connect to ${host}: the connection was refused.`, { cause, code, notSent: true, reason: 'refused' });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new APIConnectionError(`Could not resolve ${host} (DNS lookup failed).`, { cause, code, notSent: true, reason: 'unresolved' });
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new APITimeoutError(`Timed out connecting to ${host}. Check your network connection or proxy.`, { cause, code, notSent: true, reason: 'timeout' });
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new APITimeoutError(`${host} did not answer in time. Try again; the server may be slow or unreachable.`, { cause, code, reason: 'timeout' });
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new APIConnectionError(`A secure connection to ${host} could not be made (${code}).`, { cause, code, notSent: true, reason: 'certificate' });
  }
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new APIConnectionError(`The connection to ${host} failed (${code ?? detail}). Check your network connection and try again.`, { cause, code });
}

/** A failure that undici reports for the proxy itself: a 407, a refused tunnel, an unreachable proxy, TLS through it. */
function proxyErrorFromCause(cause: unknown, host: string, route: Extract<Route, { kind: 'proxy' }>, credentialsSent: boolean): ProxyError | undefined {
  const code = errorCode(cause);
  const text = errorMessages(cause);
  const named = `the proxy ${route.shown} (from ${route.source})`;
  const at = { proxy: route.shown, source: route.source, cause, code };
  // undici's words for a CONNECT answered with another status, and for a 407 to an absolute-form request.
  const tunnel = /Proxy response \((\d{3})\) !== 200 when HTTP Tunneling/.exec(text);
  const status = tunnel ? Number(tunnel[1]) : /Proxy Authentication Required \(407\)/.test(text) ? 407 : undefined;
  if (status === 407) {
    const given = credentialsSent ? 'did not accept the credentials given' : 'was given none';
    return new ProxyError(`The request to ${host} was refused by ${named}: it asks for credentials (407 Proxy Authentication Required) and ${given}.`, { ...at, problem: 'auth', status });
  }
  if (status !== undefined) return new ProxyError(`The request to ${host} was refused by ${named}: it would not open a tunnel to ${host} (HTTP ${status}).`, { ...at, problem: 'refused', status });
  switch (code) {
    case 'ECONNREFUSED':
      return new ProxyError(`Could not connect to ${named}: the connection was refused.`, { ...at, problem: 'unreachable' });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ProxyError(`Could not resolve ${named} (DNS lookup failed).`, { ...at, problem: 'unreachable' });
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new ProxyError(`Timed out connecting to ${host} through ${named}.`, { ...at, problem: 'unreachable' });
  }
  if (code && (code === 'UND_ERR_PRX_TLS' || /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code))) {
    return new ProxyError(
      `A secure connection to ${host} through ${named} could not be made (${code}). A proxy that inspects TLS shows its own certificate, which must be trusted here (NODE_EXTRA_CA_CERTS or the system certificate store).`,
      { ...at, problem: 'certificate' },
    );
  }
  return undefined;
}

/** The messages of an error and its causes, for recognizing undici's own words. */
function errorMessages(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string') parts.push(message);
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(' | ');
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function safeHost(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}

/** `files.read` was asked for a file larger than it keeps in memory; nothing more is read (download it to disk instead). */
export class FileTooLargeToReadError extends ManagedAgentsError {
  override readonly name = 'FileTooLargeToReadError';
  readonly fileId: string;
  readonly maxBytes: number;
  /** The file's size when the server said it; undefined when the limit was passed while reading. */
  readonly sizeBytes: number | undefined;
  constructor(fileId: string, maxBytes: number, sizeBytes: number | undefined) {
    super(
      `The file ${fileId} is ${sizeBytes === undefined ? 'larger than' : `${sizeBytes} bytes, more than`} the ${maxBytes} bytes that can be opened in memory. Download it to a file instead.`,
    );
    this.fileId = fileId;
    this.maxBytes = maxBytes;
    this.sizeBytes = sizeBytes;
  }
}

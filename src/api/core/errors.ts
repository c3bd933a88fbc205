// Errors raised by the client. Every message says what happened and what to do about it, because
// the extension shows them to people as they are.

/** The title of the command that stores a key; quoted in messages so people know what to run. */
export const SET_API_KEY_COMMAND_TITLE = 'Managed Agents: Set API Key';

export class ManagedAgentsError extends Error {
  override readonly name: string = 'ManagedAgentsError';
}

/** No key was available, so no request was sent. */
export class MissingApiKeyError extends ManagedAgentsError {
  override readonly name = 'MissingApiKeyError';
  constructor() {
    super(`No API key is set. Run "${SET_API_KEY_COMMAND_TITLE}" to store one.`);
  }
}

/** The shape of an API error body: `{"type":"error","error":{"type":"...","message":"..."}}`. */
export interface ApiErrorBody {
  type?: string;
  error?: { type?: string; message?: string };
}

/**
 * The key was held back, and no request was sent: the user has not agreed to send it where the base
 * URL points. `insecure`: plain http to a host other than this machine. `workspace`: a workspace or
 * folder setting points elsewhere than the user's own.
 */
export class KeyWithheldError extends ManagedAgentsError {
  override readonly name = 'KeyWithheldError';
  readonly origin: string;
  readonly reason: 'insecure' | 'workspace';
  constructor(origin: string, reason: 'insecure' | 'workspace' = 'insecure') {
    super(
      reason === 'workspace'
        ? `The API key was not sent to ${origin}: "managedAgents.baseUrl" points there from this workspace's settings, not yours, and you have not allowed it. ` +
            'Remove it from the workspace (or folder) settings, or allow the address when asked again (after the setting changes or the window reloads).'
        : `The API key was not sent to ${origin}: it is not an https URL, so the key would cross the network unencrypted. ` +
            'Set "managedAgents.baseUrl" to an https URL, or choose "Send anyway" when asked.',
    );
    this.origin = origin;
    this.reason = reason;
  }
}

/** The server answered with an HTTP error status (or an SSE `event: error`). */
export class APIError extends ManagedAgentsError {
  override readonly name = 'APIError';
  /** HTTP status; undefined for an error delivered inside an event stream. */
  readonly status: number | undefined;
  /** The API's `error.type`, e.g. `not_found_error`, `rate_limit_error`. */
  readonly type: string | undefined;
  /** The API's own message, unchanged. */
  readonly apiMessage: string;
  readonly requestId: string | undefined;
  readonly body: unknown;
  /** How long the server asked the client to wait before trying again (`retry-after`), if it said. */
  readonly retryAfterMs: number | undefined;

  constructor(init: { status: number | undefined; body: unknown; requestId: string | undefined; method?: string; path?: string; message?: string; retryAfterMs?: number }) {
    const parsed = (typeof init.body === 'object' && init.body !== null ? init.body : {}) as ApiErrorBody;
    const type = parsed.error?.type;
    const apiMessage =
      parsed.error?.message ?? (typeof init.body === 'string' && init.body ? init.body.slice(0, 200) : statusText(init.status));
    // `message`: what to say instead, when the body is not the API's (a proxy's web page).
    super(init.message ?? describeApiError(init.status, type, apiMessage, init.requestId));
    this.status = init.status;
    this.type = type;
    this.apiMessage = apiMessage;
    this.requestId = init.requestId;
    this.body = init.body;
    this.retryAfterMs = init.retryAfterMs;
  }

  get isAuthenticationError(): boolean {
    return this.status === 401 || this.type === 'authentication_error';
  }
  get isNotFound(): boolean {
    return this.status === 404 || this.type === 'not_found_error';
  }
}

/** The request never got an HTTP answer: refused, DNS, TLS, reset. */
export class APIConnectionError extends ManagedAgentsError {
  override readonly name: string = 'APIConnectionError';
  /** Node / undici error code of the cause, e.g. ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET. */
  readonly code: string | undefined;
  /** True when the request certainly did not reach the server (so it cannot have acted on it). */
  readonly notSent: boolean;
  constructor(message: string, options: { cause?: unknown; code?: string; notSent?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.notSent = options.notSent ?? false;
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

/** The server answered 2xx, but not with what the API sends (HTML from a proxy, cut-off JSON...). */
export class MalformedResponseError extends ManagedAgentsError {
  override readonly name = 'MalformedResponseError';
  readonly status: number;
  readonly requestId: string | undefined;
  constructor(message: string, init: { status: number; requestId: string | undefined; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.requestId = init.requestId;
  }
}

/**
 * Errors that waiting fixes: rate limits, overload, server errors, timeouts and dropped connections.
 * A view showing one of these says "retrying" and tries again on its own; anything else needs a person.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof APIError) {
    const status = error.status;
    if (status === undefined) return error.type === 'overloaded_error' || error.type === 'rate_limit_error' || error.type === 'api_error';
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }
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

function advice(status: number | undefined, type: string | undefined): string {
  if (status === 401 || type === 'authentication_error') {
    return ` The API key was rejected: run "${SET_API_KEY_COMMAND_TITLE}" to enter a valid key.`;
  }
  if (status === 403 || type === 'permission_error') {
    return ' The key may not have access to this resource or workspace: check the "managedAgents.workspaceId" setting.';
  }
  if (status === 404 || type === 'not_found_error') return ' It may have been deleted: refresh and try again.';
  if (status === 413 || type === 'request_too_large') return ' The request is too large: send less at once.';
  if (status === 429 || type === 'rate_limit_error') return ' Rate limited: wait a moment and try again.';
  if (status === 529 || type === 'overloaded_error') return ' The API is overloaded: try again shortly.';
  if (status !== undefined && status >= 500) return ' The API had an internal error: try again, and quote the request id if it persists.';
  return '';
}

/** Maps a low-level network error to a message a person can act on. */
export function connectionErrorFromCause(cause: unknown, baseURL: string): APIConnectionError {
  const code = errorCode(cause);
  const host = safeHost(baseURL);
  switch (code) {
    case 'ECONNREFUSED':
      return new APIConnectionError(`Could not connect to ${host}: the connection was refused. Check the "managedAgents.baseUrl" setting and that the server is running.`, { cause, code, notSent: true });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new APIConnectionError(`Could not resolve ${host} (DNS lookup failed). Check your network connection and the "managedAgents.baseUrl" setting.`, { cause, code, notSent: true });
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new APITimeoutError(`Timed out connecting to ${host}. Check your network connection or proxy.`, { cause, code, notSent: true });
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new APITimeoutError(`${host} did not answer in time. Try again; the server may be slow or unreachable.`, { cause, code });
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new APIConnectionError(`A secure connection to ${host} could not be made (${code}). Check the "managedAgents.baseUrl" setting and any proxy that intercepts TLS.`, { cause, code, notSent: true });
  }
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new APIConnectionError(`The connection to ${host} failed (${code ?? detail}). Check your network connection and try again.`, { cause, code });
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

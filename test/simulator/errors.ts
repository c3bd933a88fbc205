/** Error types of the API's `{"type":"error","error":{...}}` envelope (the docs' error table). */
export type ApiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'conflict_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'timeout_error'
  | 'api_error'
  | 'overloaded_error';

// The docs' error table; other 4xx statuses use invalid_request_error, other 5xx api_error.
const TYPE_BY_STATUS: Record<number, ApiErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

export function errorTypeForStatus(status: number): ApiErrorType {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** `error.details`: the SDK reads `details.error_code` as `APIError.errorCode`. */
export interface ErrorDetails {
  error_code: string;
}

/** Thrown by handlers and helpers; the server turns it into the API's error envelope. */
export class SimulatorApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: ApiErrorType,
    message: string,
    readonly details?: ErrorDetails,
    /**
     * A refusal because the session is in the wrong state (running, archived, terminated). Which of
     * 400 and 409 the API sends for these is not documented per endpoint; the server answers with
     * the status the `stateConflictStatus` fault picks.
     */
    readonly stateConflict = false,
  ) {
    super(message);
    this.name = 'SimulatorApiError';
  }
}

export const invalidRequest = (message: string, errorCode?: string): SimulatorApiError =>
  new SimulatorApiError(400, 'invalid_request_error', message, errorCode ? { error_code: errorCode } : undefined);

export const notFound = (message: string, errorCode?: string): SimulatorApiError =>
  new SimulatorApiError(404, 'not_found_error', message, errorCode ? { error_code: errorCode } : undefined);

/** The session's state forbids the request (see `SimulatorApiError.stateConflict`). */
export const stateConflict = (message: string): SimulatorApiError => new SimulatorApiError(400, 'invalid_request_error', message, undefined, true);

/** The same refusal as a 409 `conflict_error`. */
export function asConflictError(error: SimulatorApiError): SimulatorApiError {
  return new SimulatorApiError(409, 'conflict_error', error.message, error.details, true);
}

export function errorBody(
  errorType: ApiErrorType,
  message: string,
  requestId: string | null,
  details?: ErrorDetails,
): { type: 'error'; error: { type: ApiErrorType; message: string; details?: ErrorDetails }; request_id: string | null } {
  return { type: 'error', error: details ? { type: errorType, message, details } : { type: errorType, message }, request_id: requestId };
}

/** Error types of the API's `{"type":"error","error":{...}}` envelope. */
export type ApiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'timeout_error'
  | 'api_error'
  | 'overloaded_error';

const TYPE_BY_STATUS: Record<number, ApiErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  408: 'timeout_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

export function errorTypeForStatus(status: number): ApiErrorType {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** Thrown by handlers and helpers; the server turns it into the API's error envelope. */
export class SimulatorApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: ApiErrorType,
    message: string,
    /** Optional `error.details` (the SDK reads `details.error_code`). */
    readonly details?: { error_code: string },
  ) {
    super(message);
    this.name = 'SimulatorApiError';
  }
}

export const invalidRequest = (message: string, errorCode?: string): SimulatorApiError =>
  new SimulatorApiError(400, 'invalid_request_error', message, errorCode ? { error_code: errorCode } : undefined);

export const notFound = (message: string, errorCode?: string): SimulatorApiError =>
  new SimulatorApiError(404, 'not_found_error', message, errorCode ? { error_code: errorCode } : undefined);

export function errorBody(
  errorType: ApiErrorType,
  message: string,
  requestId: string | null,
  details?: { error_code: string },
): { type: 'error'; error: { type: ApiErrorType; message: string; details?: { error_code: string } }; request_id: string | null } {
  return { type: 'error', error: details ? { type: errorType, message, details } : { type: errorType, message }, request_id: requestId };
}

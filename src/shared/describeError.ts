// The one sentence a person sees for a failure: what happened, as src/api says it, and what to do
// about it in the editor's terms (which setting to check, which command to run), which src/api
// does not know. Pure (no vscode): the lost-answer checks and the unit tests use it as it is.
import {
  APIConnectionError,
  APIError,
  DEFAULT_BASE_URL,
  InvalidBaseURLError,
  KeyWithheldError,
  MalformedResponseError,
  MissingApiKeyError,
  ProxyError,
} from '../api';

/** The palette title of the command that stores a key (package.json: category and title). */
const SET_API_KEY_TITLE = 'Managed Agents: Set API Key';
const BASE_URL_SETTING = '"managedAgents.baseUrl"';

export function describeError(error: unknown): string {
  if (error instanceof ProxyError) return `${error.message} ${proxyAdvice(error)}`;
  if (error instanceof KeyWithheldError) return keyWithheld(error);
  if (error instanceof MissingApiKeyError) return `${error.message} Run "${SET_API_KEY_TITLE}" to store one.`;
  if (error instanceof APIError) return withAdvice(error.message, apiAdvice(error), error.requestId);
  if (error instanceof APIConnectionError) return withAdvice(error.message, connectionAdvice(error));
  if (error instanceof MalformedResponseError) return withAdvice(error.message, malformedAdvice(error), error.requestId);
  if (error instanceof InvalidBaseURLError) {
    return `${error.message} ${error.problem === 'notAUrl' ? `Set ${BASE_URL_SETTING} to a URL such as ${DEFAULT_BASE_URL}.` : `Check the ${BASE_URL_SETTING} setting.`}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** `message` with `advice` after it, but before the request id that ends an API error's message. */
function withAdvice(message: string, advice: string | undefined, requestId?: string): string {
  if (!advice) return message;
  const ref = requestId ? ` [request-id ${requestId}]` : '';
  return ref && message.endsWith(ref) ? `${message.slice(0, -ref.length)} ${advice}${ref}` : `${message} ${advice}`;
}

function apiAdvice(error: APIError): string | undefined {
  if (error.webPage) return `A proxy, captive portal or wrong ${BASE_URL_SETTING} is the likely cause.`;
  if (error.isAuthenticationError) return `The API key was rejected: run "${SET_API_KEY_TITLE}" to enter a valid key.`;
  if (error.isPermissionError) return 'The key may not have access to this resource or workspace: check the "managedAgents.workspaceId" setting.';
  return undefined;
}

function connectionAdvice(error: APIConnectionError): string | undefined {
  switch (error.reason) {
    case 'refused':
      return `Check the ${BASE_URL_SETTING} setting and that the server is running.`;
    case 'unresolved':
      return `Check your network connection and the ${BASE_URL_SETTING} setting.`;
    case 'certificate':
      return `Check the ${BASE_URL_SETTING} setting and any proxy that intercepts TLS.`;
    default:
      return undefined;
  }
}

function malformedAdvice(error: MalformedResponseError): string | undefined {
  if (error.problem === 'webPage') return `A proxy, captive portal or wrong ${BASE_URL_SETTING} is the likely cause.`;
  if (error.problem === 'notTheApi') return `Check the ${BASE_URL_SETTING} setting.`;
  return undefined;
}

/** The key was held back: why, and how to send it (or stop it from being asked for). */
function keyWithheld(error: KeyWithheldError): string {
  if (error.reason === 'workspace') {
    return (
      `The API key was not sent to ${error.origin}: ${BASE_URL_SETTING} points there from this workspace's settings, not yours, and you have not allowed it. ` +
      'Remove it from the workspace (or folder) settings, or allow the address when asked again (after the setting changes or the window reloads).'
    );
  }
  return `${error.message} Set ${BASE_URL_SETTING} to an https URL, or choose "Send anyway" when asked.`;
}

/** Which settings (or environment variable) to check, for a proxy configured in one or the other. */
function proxyAdvice(error: ProxyError): string {
  const fromSettings = error.source.startsWith('http.');
  const where = fromSettings ? `the "${error.source}" setting` : `the ${error.source} environment variable (the "http.proxy" setting takes precedence over it)`;
  switch (error.problem) {
    case 'auth':
      return fromSettings
        ? 'Check the credentials in "http.proxy" (http://user:password@host:port) or set "http.proxyAuthorization".'
        : `Check the credentials in ${error.source} (http://user:password@host:port), or set "http.proxy" and "http.proxyAuthorization".`;
    case 'refused':
    case 'webPage':
      return `Check ${where}, and add the API's host to "http.noProxy" if it should not go through the proxy.`;
    case 'unreachable':
      return `Check ${where} and that the proxy is running; "http.proxySupport": "off" sends requests direct.`;
    case 'certificate':
      return 'Add the proxy\'s CA certificate to the system store (with "http.systemCertificates" on) or to NODE_EXTRA_CA_CERTS, or turn "http.proxyStrictSSL" off.';
    case 'unusable':
      return `Check ${where}.`;
  }
}

// Addresses in the Claude Console, in the form its docs give: a session at
// <console>/workspaces/<workspace>/sessions/<session id>, and `?event=<event id>` to open it at one event.
// Pure (no vscode), so the forms are tested in plain Node.
import { isLoopbackHost } from '../auth/keyDestination';

export const DEFAULT_CONSOLE_URL = 'https://platform.claude.com';
/** The Console's name for the workspace of a key that acts on one workspace (no workspace id set). */
const DEFAULT_WORKSPACE = 'default';

/** Why `consoleUrl` cannot be used as the Console's address, or undefined when it can. */
export function consoleUrlProblem(consoleUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(consoleUrl);
  } catch {
    return `"${consoleUrl}" is not an address`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${consoleUrl}" is not an http or https address`;
  if (url.username || url.password) return `"${consoleUrl}" holds a user name or password`;
  if (url.search || url.hash) return `"${consoleUrl}" has a query or fragment; give the Console's address alone`;
  return undefined;
}

/** The Console page of a session, at one event when `eventId` is given. Throws when the address is unusable. */
export function consoleSessionUrl(consoleUrl: string, workspaceId: string, sessionId: string, eventId?: string): string {
  const problem = consoleUrlProblem(consoleUrl);
  if (problem) throw new Error(problem);
  const url = new URL(consoleUrl);
  const base = url.pathname.replace(/\/+$/, '');
  url.pathname = `${base}/workspaces/${encodeURIComponent(workspaceId || DEFAULT_WORKSPACE)}/sessions/${encodeURIComponent(sessionId)}`;
  if (eventId) url.searchParams.set('event', eventId);
  return url.toString();
}

/**
 * Whether the Console can show the sessions of `baseUrl`: not those of a server on this machine (the
 * simulator, a local stand-in) unless the user named a Console of their own for them.
 */
export function consoleKnowsSessionsOf(baseUrl: string, consoleUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return true;
  }
  return !isLoopbackHost(host) || consoleUrl.replace(/\/+$/, '') !== DEFAULT_CONSOLE_URL;
}

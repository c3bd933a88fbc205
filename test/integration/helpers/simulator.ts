// The simulator's control endpoints (`/_sim/...`: faults, session status, scripted turns, the request
// log, health), called from the test side. They are not part of the API and not in its request log.
import { apiHeaders, requireEnv } from './env';

export async function simulatorControl(method: string, urlPath: string, body?: unknown): Promise<unknown> {
  const base = requireEnv('simulatorUrl', 'MANAGED_AGENTS_TEST_SIMULATOR_URL');
  const response = await fetch(`${base}${urlPath}`, {
    method,
    headers: { 'content-type': 'application/json', ...apiHeaders(requireEnv('apiKey', 'MANAGED_AGENTS_API_KEY')) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${urlPath}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Sets faults (see test/simulator/faults.ts), or clears them all. */
export async function setFaults(config: object | undefined): Promise<void> {
  if (config) await simulatorControl('POST', '/_sim/faults', config);
  else await simulatorControl('DELETE', '/_sim/faults');
}

/** Moves a session to a status "elsewhere", as another client or the service would. */
export async function setStatus(sessionId: string, body: { status: string; stop_reason?: unknown }): Promise<void> {
  await simulatorControl('POST', `/_sim/sessions/${encodeURIComponent(sessionId)}/status`, body);
}

/** Moves a child thread of a multiagent session to running or idle "elsewhere". */
export async function setThreadStatus(sessionId: string, threadId: string, status: 'running' | 'idle'): Promise<void> {
  await simulatorControl('POST', `/_sim/sessions/${encodeURIComponent(sessionId)}/threads/${encodeURIComponent(threadId)}/status`, { status });
}

/** SSE streams open on the simulator right now. */
export async function openStreams(): Promise<number> {
  return ((await simulatorControl('GET', '/_sim/health')) as { openStreams: number }).openStreams;
}

/** A request the simulator served, from its request log (the /v1 API only). */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  /** The fault that hit it, as the simulator names it (e.g. "slow-download:131072"). */
  fault?: string;
}

export async function requestLog(): Promise<LoggedRequest[]> {
  return ((await simulatorControl('GET', '/_sim/requests')) as { data: LoggedRequest[] }).data;
}

// When a create or a send loses its answer, the client does not repeat it (that could create a second
// session or send a message twice). Instead the extension looks, and then says what happened:
// - a create: among the newest sessions, one the extension did not know before whose agent,
//   environment, title and metadata are the body's, created since the request. (Tagging the body with
//   a request id in its metadata would be more precise, but the session would then not be exactly
//   the buffer: a session is created as written.)
// - a send: among the session's newest events, ones it did not show before that carry every field sent.
// Pure API logic (no vscode).
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  MalformedResponseError,
  type EventParams,
  type ManagedAgentsClient,
  type Session,
  type SessionCreateParams,
  type SessionEvent,
} from '../api';
import { describeError } from './describeError';

/** How far the server's clock may be behind ours when matching by time. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * True when the request may have taken effect although no usable answer came back: the connection
 * dropped after sending, the answer was cut off, or the server failed in a way that may follow the work.
 */
export function mayHaveActed(error: unknown): boolean {
  if (error instanceof APIConnectionError) return !error.notSent;
  if (error instanceof MalformedResponseError) return true;
  if (error instanceof APIError) return error.isServerError && !error.isOverloaded;
  return false;
}

/** For a check the person cancelled: its outcome is unknown (anything else is thrown on). */
export function cancelledCheck(error: unknown): { outcome: 'unknown'; reason: string } {
  if (error instanceof APIUserAbortError) return { outcome: 'unknown', reason: 'the check was cancelled' };
  throw error;
}

/** How the answer was lost, as the first half of a sentence. */
function howItWasLost(error: unknown): string {
  if (error instanceof MalformedResponseError) return 'The answer was cut off after the request was sent';
  if (error instanceof APIError) return `The API failed (${error.status}) after the request was sent`;
  return 'The connection dropped after the request was sent';
}

export type CreateReconciliation =
  | { outcome: 'created'; session: Session }
  | { outcome: 'notCreated' }
  | { outcome: 'unknown'; reason: string };

/**
 * Looks for the session a lost create may have made: one not in `knownIds` (sessions seen before the
 * create) with the body's agent, environment, title and metadata, created since `startedAt`.
 */
export async function reconcileCreate(
  client: ManagedAgentsClient,
  body: SessionCreateParams,
  options: { startedAt: number; knownIds?: ReadonlySet<string>; signal?: AbortSignal },
): Promise<CreateReconciliation> {
  let sessions: Session[];
  try {
    sessions = (await client.sessions.list({ limit: 100, include_archived: true }, { signal: options.signal }).firstPage()).data ?? [];
  } catch (error) {
    return { outcome: 'unknown', reason: describeError(error) };
  }
  const agentId = typeof body.agent === 'string' ? body.agent : body.agent?.id;
  const matches = sessions.filter(
    (session) =>
      !options.knownIds?.has(session.id) &&
      (session.agent?.id === agentId || session.agent?.name === agentId) &&
      session.environment_id === body.environment_id &&
      (session.title ?? null) === (body.title ?? null) &&
      JSON.stringify(sortedEntries(session.metadata)) === JSON.stringify(sortedEntries(body.metadata)) &&
      createdSince(session.created_at, options.startedAt),
  );
  if (matches.length === 1) return { outcome: 'created', session: matches[0] };
  if (matches.length === 0) return { outcome: 'notCreated' };
  return { outcome: 'unknown', reason: `${matches.length} new sessions match the body, so it cannot tell which one is this request's` };
}

export type SendReconciliation =
  | { outcome: 'arrived'; events: SessionEvent[] }
  | { outcome: 'notArrived' }
  | { outcome: 'unknown'; reason: string };

/**
 * Looks for events a lost send may have delivered among the session's newest events. `knownIds` are
 * events seen before the send (they cannot be it); events match by type and every field that was sent.
 */
export async function reconcileSend(
  client: ManagedAgentsClient,
  sessionId: string,
  sent: readonly EventParams[],
  options: { startedAt: number; knownIds?: ReadonlySet<string>; signal?: AbortSignal },
): Promise<SendReconciliation> {
  let recent: SessionEvent[];
  try {
    recent = (await client.sessions.events.list(sessionId, { order: 'desc', limit: 100 }, { signal: options.signal }).firstPage()).data ?? [];
  } catch (error) {
    return { outcome: 'unknown', reason: describeError(error) };
  }
  const used = new Set<string>();
  const found: SessionEvent[] = [];
  for (const params of sent) {
    // Newest first: the most recent match is the one just sent.
    const match = recent.find(
      (event) =>
        !used.has(event.id) &&
        !options.knownIds?.has(event.id) &&
        processedSince((event as { processed_at?: string | null }).processed_at, options.startedAt) &&
        matchesParams(event, params),
    );
    if (!match) continue;
    used.add(match.id);
    found.push(match);
  }
  if (found.length === sent.length) return { outcome: 'arrived', events: found };
  if (found.length === 0) return { outcome: 'notArrived' };
  return { outcome: 'unknown', reason: `${found.length} of the ${sent.length} events are in the session` };
}

/** The sentence the UI shows after reconciling a lost create. */
export function createReconciliationMessage(error: unknown, result: CreateReconciliation, label?: (session: Session) => string): string {
  const lost = howItWasLost(error);
  switch (result.outcome) {
    case 'created':
      return `${lost}; the session was created: "${label ? label(result.session) : result.session.title || result.session.id}" (${result.session.id}).`;
    case 'notCreated':
      return `${lost}; the session was not created: try again.`;
    case 'unknown':
      return `${lost}, and whether the session was created could not be checked (${result.reason}). Refresh the Sessions view before trying again, so as not to create it twice.`;
  }
}

/** The sentence the UI shows after reconciling a lost send. */
export function sendReconciliationMessage(error: unknown, result: SendReconciliation, what = 'the message'): string {
  const lost = howItWasLost(error);
  switch (result.outcome) {
    case 'arrived':
      return `${lost}; ${what} arrived.`;
    case 'notArrived':
      return `${lost}; ${what} did not arrive: try again.`;
    case 'unknown':
      return `${lost}, and whether ${what} arrived could not be checked (${result.reason}). Look at the session's history before sending it again.`;
  }
}

/** True when every field of `expected` is in `actual` with the same value (objects recursively, arrays element by element). */
export function matchesParams(actual: unknown, expected: unknown): boolean {
  if (expected === undefined) return true;
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => matchesParams(actual[i], item));
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
  return Object.entries(expected).every(([key, value]) => matchesParams((actual as Record<string, unknown>)[key], value));
}

function processedSince(processedAt: string | null | undefined, startedAt: number): boolean {
  if (!processedAt) return true; // still queued: it can only be recent
  const at = Date.parse(processedAt);
  return Number.isNaN(at) || at >= startedAt - CLOCK_SKEW_MS;
}

function createdSince(createdAt: string | undefined, startedAt: number): boolean {
  const at = Date.parse(createdAt ?? '');
  return Number.isNaN(at) || at >= startedAt - CLOCK_SKEW_MS;
}

function sortedEntries(metadata: Record<string, string> | undefined | null): [string, string][] {
  return Object.entries(metadata ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

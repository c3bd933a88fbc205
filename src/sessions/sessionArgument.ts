// What a session command is run on, and which session that names: a tree row (a SessionNode), a
// session, its id or an object naming it (other views, webviews, scripts), or nothing (the Command
// Palette). Menus and keybindings can pass anything, so arguments are checked here. Pure (no vscode).
import type { Session } from '../api';
import type { SessionEntry } from './sessionState';

/** A row of the sessions tree, as the tree passes it to a command (SessionNode is one). */
export interface SessionRowArgument {
  readonly entry: Pick<SessionEntry, 'session'>;
}

/** What a session command may be given. */
export type SessionArgument =
  | SessionRowArgument
  | Session
  | string
  | { readonly sessionId: string }
  | { readonly id: string; readonly type?: 'session' }
  | { readonly session: Session | string };

/** The session itself when the argument carries it whole (a row, a session): no need to load it. */
export function sessionFrom(argument: unknown): Session | undefined {
  if (isSession(argument)) return argument;
  if (typeof argument !== 'object' || argument === null) return undefined;
  const entry = (argument as { entry?: unknown }).entry;
  const session = typeof entry === 'object' && entry !== null ? (entry as { session?: unknown }).session : undefined;
  return isSession(session) ? session : undefined;
}

/** The session id in a command argument: "sesn_…", { id }, { sessionId }, { session: { id } }, a tree row ({ entry: { session } }). */
export function sessionIdFrom(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument.trim() || undefined;
  if (typeof argument !== 'object' || argument === null) return undefined;
  const record = argument as Record<string, unknown>;
  if (typeof record.sessionId === 'string' && record.sessionId) return record.sessionId;
  if (typeof record.session === 'object' && record.session !== null) return sessionIdFrom(record.session);
  if (typeof record.session === 'string' && record.session) return record.session;
  if (typeof record.entry === 'object' && record.entry !== null) return sessionIdFrom(record.entry);
  if (typeof record.id === 'string' && record.id && (record.type === undefined || record.type === 'session')) return record.id;
  return undefined;
}

function isSession(value: unknown): value is Session {
  return typeof value === 'object' && value !== null && (value as Session).type === 'session' && typeof (value as Session).id === 'string';
}

// Which session a command argument names. Pure, so it is unit-tested without VS Code.

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

// Merging a freshly fetched list into the loaded one and saying exactly what changed, so the tree
// refreshes only those rows. Pure (no vscode).
import type { Session } from '../../api';

export interface SessionsDiff {
  added: Session[];
  changed: { previous: Session; current: Session }[];
  removed: Session[];
}

export function isEmptyDiff(diff: SessionsDiff): boolean {
  return diff.added.length === 0 && diff.changed.length === 0 && diff.removed.length === 0;
}

/** Wire objects compare by content; usage and stats count as changes (the tooltip shows them). */
export function sameSession(a: Session, b: Session): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Merges the result of re-fetching the newest sessions (`fetched`, in API order) into `current`.
 * Sessions older than the oldest fetched one lie outside what was fetched and are kept unless
 * `reachedEnd` (no further page) or `replaceAll` (filters changed: the old list means nothing).
 */
export function mergeRefreshed(
  current: readonly Session[],
  fetched: readonly Session[],
  options: { reachedEnd: boolean; replaceAll?: boolean },
): { sessions: Session[]; diff: SessionsDiff } {
  const previousById = new Map(current.map((session) => [session.id, session]));
  const fetchedIds = new Set(fetched.map((session) => session.id));
  const oldest = fetched.length > 0 ? fetched.reduce((a, b) => (compareNewestFirst(a, b) > 0 ? a : b)) : undefined;
  const keepOutside = !options.reachedEnd && !options.replaceAll;
  const kept = current.filter(
    (session) => !fetchedIds.has(session.id) && keepOutside && (oldest === undefined || compareNewestFirst(session, oldest) > 0),
  );
  const keptIds = new Set(kept.map((session) => session.id));
  const diff: SessionsDiff = { added: [], changed: [], removed: [] };
  for (const session of fetched) {
    const previous = previousById.get(session.id);
    if (!previous) diff.added.push(session);
    else if (!sameSession(previous, session)) diff.changed.push({ previous, current: session });
  }
  for (const session of current) {
    if (!fetchedIds.has(session.id) && !keptIds.has(session.id)) diff.removed.push(session);
  }
  return { sessions: dedupe([...fetched, ...kept]), diff };
}

/** Appends a further page; sessions already loaded (the list moved meanwhile) count as changed. */
export function appendPage(current: readonly Session[], page: readonly Session[]): { sessions: Session[]; diff: SessionsDiff } {
  const index = new Map(current.map((session, i) => [session.id, i]));
  const sessions = [...current];
  const diff: SessionsDiff = { added: [], changed: [], removed: [] };
  for (const session of page) {
    const at = index.get(session.id);
    if (at === undefined) {
      index.set(session.id, sessions.length);
      sessions.push(session);
      diff.added.push(session);
    } else if (!sameSession(sessions[at], session)) {
      diff.changed.push({ previous: sessions[at], current: session });
      sessions[at] = session;
    }
  }
  return { sessions, diff };
}

/** Puts one session in its place (newest first), replacing an older copy; or removes it (`undefined`). */
export function upsertSession(
  current: readonly Session[],
  id: string,
  session: Session | undefined,
): { sessions: Session[]; diff: SessionsDiff } {
  const diff: SessionsDiff = { added: [], changed: [], removed: [] };
  const at = current.findIndex((candidate) => candidate.id === id);
  const sessions = [...current];
  if (!session) {
    if (at >= 0) diff.removed.push(...sessions.splice(at, 1));
    return { sessions, diff };
  }
  if (at >= 0) {
    if (!sameSession(sessions[at], session)) diff.changed.push({ previous: sessions[at], current: session });
    sessions[at] = session;
    return { sessions, diff };
  }
  const insertAt = sessions.findIndex((candidate) => compareNewestFirst(session, candidate) <= 0);
  sessions.splice(insertAt < 0 ? sessions.length : insertAt, 0, session);
  diff.added.push(session);
  return { sessions, diff };
}

/** Negative when `a` is newer than `b` (the API's default order); ties broken by id. */
export function compareNewestFirst(a: Session, b: Session): number {
  const byTime = Date.parse(b.created_at) - Date.parse(a.created_at);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function dedupe(sessions: Session[]): Session[] {
  const seen = new Set<string>();
  return sessions.filter((session) => !seen.has(session.id) && seen.add(session.id));
}

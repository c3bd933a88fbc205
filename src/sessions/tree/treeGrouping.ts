// The shape of the sessions tree (groups and their sessions) and which parts of it to refresh after
// a change. Pure (no vscode): the tree provider turns the plan into onDidChangeTreeData events.
import { SESSION_STATUSES, STATUS_LABELS, type GroupBy } from '../store/viewOptions';
import { isArchived, type SessionEntry } from '../sessionState';

export interface SessionGroup {
  /** Stable across refreshes: a status, `archived`, or an agent id. */
  key: string;
  label: string;
  entries: SessionEntry[];
}

const ARCHIVED_KEY = 'archived';

/** The group a session falls in; archived sessions form their own status group. */
function groupKeyOf(entry: SessionEntry, groupBy: GroupBy): string {
  if (groupBy === 'agent') return entry.session.agent?.id ?? 'unknown';
  if (groupBy === 'status') return isArchived(entry.session) ? ARCHIVED_KEY : entry.session.status;
  return '';
}

/**
 * Groups entries (kept in list order inside each group). Status groups follow SESSION_STATUSES with
 * Archived last; agent groups are sorted by agent name. `none` gives one group with key ''.
 */
export function groupSessions(entries: readonly SessionEntry[], groupBy: GroupBy): SessionGroup[] {
  if (groupBy === 'none') return [{ key: '', label: '', entries: [...entries] }];
  const groups = new Map<string, SessionGroup>();
  for (const entry of entries) {
    const key = groupKeyOf(entry, groupBy);
    let group = groups.get(key);
    if (!group) {
      group = { key, label: groupLabel(entry, key, groupBy), entries: [] };
      groups.set(key, group);
    }
    group.entries.push(entry);
  }
  const list = [...groups.values()];
  if (groupBy === 'status') {
    const order = [...SESSION_STATUSES, ARCHIVED_KEY];
    return list.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  }
  return list.sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
}

function groupLabel(entry: SessionEntry, key: string, groupBy: GroupBy): string {
  if (groupBy === 'agent') return entry.session.agent?.name || key;
  if (key === ARCHIVED_KEY) return 'Archived';
  return STATUS_LABELS[entry.session.status] ?? key;
}

/** What the tree shows, reduced to ids, for comparing before and after a change. */
export interface TreeShape {
  groupBy: GroupBy;
  /** Top-level rows other than sessions and groups (banner, "Load more"), in order. */
  extras: string[];
  groups: { key: string; sessionIds: string[] }[];
}

export function treeShape(groupBy: GroupBy, groups: readonly SessionGroup[], extras: string[]): TreeShape {
  return { groupBy, extras, groups: groups.map((group) => ({ key: group.key, sessionIds: group.entries.map((entry) => entry.session.id) })) };
}

export interface TreeUpdatePlan {
  /** Refresh everything (the top level changed). */
  root: boolean;
  /** Group keys whose rows (count, members or order) changed. */
  groups: string[];
  /** Sessions to redraw in place (same position, new content). */
  sessions: string[];
}

/**
 * The least the tree must redraw to go from `before` to `after`, given the sessions whose content
 * changed. A top-level change (grouping, a group appearing or vanishing, a session added or removed
 * in the flat list, banner or "Load more") redraws the root; a membership change inside a group
 * redraws that group; anything else redraws single rows.
 */
export function planTreeUpdate(before: TreeShape | undefined, after: TreeShape, changedIds: Iterable<string>): TreeUpdatePlan {
  const changed = new Set(changedIds);
  if (!before || before.groupBy !== after.groupBy || !sameList(before.extras, after.extras)) {
    return { root: true, groups: [], sessions: [] };
  }
  const flat = after.groupBy === 'none';
  if (!sameList(before.groups.map((g) => g.key), after.groups.map((g) => g.key))) return { root: true, groups: [], sessions: [] };
  const groups: string[] = [];
  const sessions: string[] = [];
  after.groups.forEach((group, index) => {
    const previous = before.groups[index];
    if (!sameList(previous.sessionIds, group.sessionIds)) {
      groups.push(group.key);
      return;
    }
    for (const id of group.sessionIds) if (changed.has(id)) sessions.push(id);
  });
  if (flat && groups.length > 0) return { root: true, groups: [], sessions: [] };
  return { root: false, groups, sessions };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

// The transcript's list while it is grouped by model request: which rows it lists and where (a
// request's heading with its rows under it, see requestGroups.ts), how each is drawn, and the changes
// that keep it so as rows arrive (live, or an older page) and as the reader folds and unfolds groups.
import { markGroupMember, renderGroupHead } from './groupHead';
import { renderEvent, type OpenState } from './renderEvent';
import { activityOf, RequestGroups } from './requestGroups';
import type { RowView } from './eventView';
import type { Rows } from './rows';
import type { VirtualList } from './virtualList';

/** More rows than this joining groups above the end at once: the list is made again instead. */
const MAX_INSERTS = 8;

export class GroupedList {
  private groups: RequestGroups;
  /** The groups the reader folded, by their start event's id. */
  private readonly collapsed = new Set<string>();

  /** `matches`: whether a row passes the filter and the search. */
  constructor(
    private readonly rows: Rows,
    private readonly list: VirtualList,
    private readonly matches: (index: number) => boolean,
  ) {
    this.groups = RequestGroups.of(this.views());
  }

  isHead(index: number): boolean {
    return this.groups.isHead(index);
  }

  /** -1 outside any request, else the index of its group's start. */
  ownerOf(index: number): number {
    return this.groups.ownerOf(index);
  }

  /** Where a row sits among the rows outside any group and the groups' headings. */
  topLevelOf(key: number): number {
    const owner = this.groups.ownerOf(key);
    return owner >= 0 ? owner : key;
  }

  /** The rows to list, in order, and how many events pass the filter (folded ones too). */
  listed(): { keys: number[]; counted: number } {
    return this.groups.listed(this.matches, (start) => this.isCollapsed(start));
  }

  /** A row's element: a heading, or an event indented in its group (undefined outside any group). */
  render(index: number, open: OpenState): HTMLElement | undefined {
    const owner = this.groups.ownerOf(index);
    if (owner < 0) return undefined;
    const view = this.rows.view(index);
    if (owner !== index) return markGroupMember(renderEvent(view, open), this.rows.view(owner).id);
    const group = this.groups.group(index)!;
    return renderGroupHead({
      start: view,
      end: group.end === undefined ? undefined : this.rows.view(group.end),
      number: this.groups.numberOf(index),
      activity: activityOf(group.members.map((member) => this.rows.view(member).type)),
      events: group.members.length + 1,
      expanded: !this.isCollapsed(index),
    });
  }

  /** Folds or unfolds the group of a heading, which stays where it is; `onButton`: its button keeps the focus. */
  toggle(start: number, onButton = false): void {
    const group = this.groups.group(start);
    if (!group) return;
    const id = this.rows.view(start).id;
    const collapse = !this.collapsed.has(id);
    if (collapse) this.collapsed.add(id);
    else this.collapsed.delete(id);
    const list = this.list;
    list.keepInPlace(start, () => {
      const row = list.rowOf(start);
      if (row !== undefined) {
        if (collapse) {
          let count = 0;
          while (this.groups.ownerOf(list.keyAt(row + 1 + count) ?? -1) === start) count++;
          list.splice(row + 1, count, []);
        } else list.splice(row + 1, 0, group.members.filter(this.matches));
      }
      list.invalidate(start);
    });
    if (onButton) list.nodeOf(start)?.querySelector<HTMLElement>('.group-toggle')?.focus();
  }

  /** Unfolds the group a row is in, when it is folded (to show the row). */
  unfoldAround(index: number): void {
    const head = this.groups.ownerOf(index);
    if (head >= 0 && head !== index && this.isCollapsed(head)) this.toggle(head);
  }

  /**
   * Rows appended from `start` on: a row outside any request, or a new request's heading, goes at the
   * end; a row of a request goes after its group's last listed row (at the end, when that group is
   * last). Returns how many of them pass the filter.
   */
  append(start: number): number {
    const { list, groups } = this;
    const tail: number[] = [];
    /** The headings in `tail` (a long history brings many groups at once). */
    const tailHeads = new Set<number>();
    const inserts: number[] = [];
    const touched = new Set<number>();
    let matched = 0;
    let relist = false;
    const lastKey = () => (tail.length ? tail[tail.length - 1] : list.lastKey);
    const listed = (head: number) => list.has(head) || tailHeads.has(head);
    for (let index = start; index < this.rows.length; index++) {
      const placement = groups.add(index, this.rows.view(index));
      const matches = this.matches(index);
      if (matches) matched++;
      if (placement.kind !== 'member') {
        if (!matches) continue;
        tail.push(index);
        if (placement.kind === 'head') tailHeads.add(index);
        continue;
      }
      const head = placement.head;
      touched.add(head);
      if (!matches) continue;
      const last = lastKey();
      if (!listed(head)) {
        // Its heading was filtered out until now: it comes back at the end, or the list is made again.
        if (last === undefined || head > this.topLevelOf(last)) {
          tail.push(head, ...(this.isCollapsed(head) ? [] : [index]));
          tailHeads.add(head);
        } else relist = true;
      } else if (this.isCollapsed(head)) continue;
      else if (last !== undefined && this.topLevelOf(last) === head) tail.push(index);
      else if (tailHeads.has(head)) {
        let at = tail.indexOf(head) + 1;
        while (at < tail.length && groups.ownerOf(tail[at]) === head) at++;
        tail.splice(at, 0, index);
      } else inserts.push(index);
    }
    // Many rows joining groups above (a long history loading): the list is made again at once.
    if (relist || inserts.length > MAX_INSERTS) {
      list.setKeys(this.listed().keys, { keepPosition: true });
      return matched;
    }
    for (const index of inserts) {
      const head = groups.ownerOf(index);
      let row = list.rowOf(head)! + 1;
      while (row < list.size && groups.ownerOf(list.keyAt(row)!) === head) row++;
      list.splice(row, 0, [index]);
    }
    list.append(tail);
    // Their headings say what they hold.
    for (const head of touched) list.invalidate(head);
    return matched;
  }

  /**
   * `added` rows were put before the others (an older page): the groups are made again, and the rows
   * on screen stay where they are. Returns how many events pass the filter.
   */
  prepend(added: number): number {
    const list = this.list;
    const ownerBefore = new Map(list.renderedKeys().map((key) => [key + added, this.groups.ownerOf(key) >= 0 ? this.groups.ownerOf(key) + added : -1]));
    const old = list.keyList.map((key) => key + added);
    this.groups = RequestGroups.of(this.views());
    const { keys, counted } = this.listed();
    const prefix = keys.length - old.length;
    if (prefix < 0 || old.some((key, at) => keys[prefix + at] !== key)) {
      // Rows that were listed moved into a group of the older page: the list is made again.
      const top = list.topKey();
      list.setKeys(keys, { keepPosition: true });
      if (!list.stick && top !== undefined) requestAnimationFrame(() => list.scrollToKey(top + added));
      return counted;
    }
    list.prepend(keys.slice(0, prefix), added);
    // The rows on screen that joined a group, and every heading (their numbers moved up), are drawn again.
    for (const [key, owner] of ownerBefore) if (this.groups.ownerOf(key) !== owner || this.groups.isHead(key)) list.invalidate(key);
    return counted;
  }

  private isCollapsed(start: number): boolean {
    return this.collapsed.has(this.rows.view(start).id);
  }

  private views(): RowView[] {
    const views: RowView[] = [];
    for (let index = 0; index < this.rows.length; index++) views.push(this.rows.view(index));
    return views;
  }
}

// The transcript's rows as the host sent them (src/history/transcriptRows.ts): each event's view, in
// the session's order, found by event id. The webview draws them and never describes an event itself;
// the search text of a row is made when a search first needs it.
import { searchTextOf, type RowView } from './eventView';
import type { RowUpdate } from './protocol';

/**
 * One copy of each of the few short strings every row repeats (types, kinds, titles, labels): a
 * message arrives with a copy of every string in it, and a long history would keep thousands of each.
 */
const sharedStrings = new Map<string, string>();

function share<T extends string>(text: T): T {
  const shared = sharedStrings.get(text);
  if (shared !== undefined) return shared as T;
  sharedStrings.set(text, text);
  return text;
}

function shareStrings(row: RowView): RowView {
  row.type = share(row.type);
  row.kind = share(row.kind);
  row.layout = share(row.layout);
  row.title = share(row.title);
  if (row.icon) row.icon = share(row.icon);
  if (row.tone) row.tone = share(row.tone);
  if (row.thread) row.thread = share(row.thread);
  for (const payload of row.payloads ?? []) payload.label = share(payload.label);
  for (const badge of row.badges ?? []) badge.text = share(badge.text);
  for (const link of row.links ?? []) link.label = share(link.label);
  return row;
}

export class Rows {
  private views: RowView[] = [];
  private readonly byId = new Map<string, number>();
  private searchTexts: (string | undefined)[] = [];

  get length(): number {
    return this.views.length;
  }

  view(index: number): RowView {
    return this.views[index];
  }

  indexOf(eventId: string): number | undefined {
    return this.byId.get(eventId);
  }

  /** The lower-case text the search box matches the row against. */
  searchText(index: number): string {
    return (this.searchTexts[index] ??= searchTextOf(this.views[index]));
  }

  clear(): void {
    this.views = [];
    this.byId.clear();
    this.searchTexts = [];
  }

  /** Adds rows at the end; returns the index of the first. */
  append(rows: readonly RowView[]): number {
    const start = this.views.length;
    for (const row of rows) {
      if (row.id) this.byId.set(row.id, this.views.length);
      this.views.push(shareStrings(row));
    }
    return start;
  }

  /** Puts rows before the others: every row already here moves up by `rows.length`. */
  prepend(rows: readonly RowView[]): void {
    this.views = [...rows.map(shareStrings), ...this.views];
    this.searchTexts = [...new Array<undefined>(rows.length), ...this.searchTexts];
    this.byId.clear();
    this.views.forEach((view, index) => view.id && this.byId.set(view.id, index));
  }

  update({ index, row }: RowUpdate): void {
    if (index < 0 || index >= this.views.length) return;
    const before = this.views[index];
    if (before.id && this.byId.get(before.id) === index) this.byId.delete(before.id);
    if (row.id) this.byId.set(row.id, index);
    this.views[index] = shareStrings(row);
    this.searchTexts[index] = undefined;
  }
}

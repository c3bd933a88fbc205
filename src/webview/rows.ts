// The transcript's rows as the host sent them (src/history/transcriptRows.ts): each event's view, in
// the session's order, found by event id. The webview draws them and never describes an event itself;
// the search text of a row is made when a search first needs it.
import { searchTextOf, type EventView } from './eventView';
import type { RowUpdate } from './protocol';

export class Rows {
  private views: EventView[] = [];
  private readonly byId = new Map<string, number>();
  private searchTexts: (string | undefined)[] = [];

  get length(): number {
    return this.views.length;
  }

  view(index: number): EventView {
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
  append(views: readonly EventView[]): number {
    const start = this.views.length;
    for (const view of views) {
      if (view.id) this.byId.set(view.id, this.views.length);
      this.views.push(view);
    }
    return start;
  }

  /** Puts rows before the others: every row already here moves up by `views.length`. */
  prepend(views: readonly EventView[]): void {
    this.views = [...views, ...this.views];
    this.searchTexts = [...new Array<undefined>(views.length), ...this.searchTexts];
    this.byId.clear();
    this.views.forEach((view, index) => view.id && this.byId.set(view.id, index));
  }

  update({ index, row }: RowUpdate): void {
    if (index < 0 || index >= this.views.length) return;
    const before = this.views[index];
    if (before.id && this.byId.get(before.id) === index) this.byId.delete(before.id);
    if (row.id) this.byId.set(row.id, index);
    this.views[index] = row;
    this.searchTexts[index] = undefined;
  }
}

// Cursor pagination as the API does it: each page has `data` and `next_page`; the next request
// passes that cursor as `page`. A PagedList is an async iterable over every item of every page,
// and also gives the pages themselves (the sidebar loads one page at a time).
import type { Page } from '../resources/shared';

export type PageFetcher<T> = (cursor: string | undefined) => Promise<Page<T>>;

/**
 * Empty pages in a row after which a listing stops. An empty page with a next cursor can happen, but
 * a server that sends them without end (or 10,000 of them) would otherwise keep a listing going forever.
 */
export const MAX_EMPTY_PAGES_IN_A_ROW = 100;

export class PagedList<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly startCursor?: string,
    /** Told why a listing stopped before the server said it was done. */
    private readonly onWarning?: (message: string) => void,
  ) {}

  /** The first page only (or the page at the cursor the list was created with). */
  firstPage(): Promise<Page<T>> {
    return this.fetchPage(this.startCursor);
  }

  async *pages(): AsyncGenerator<Page<T>> {
    let cursor = this.startCursor;
    const seen = new Set<string>();
    let emptyInARow = 0;
    for (;;) {
      const page = await this.fetchPage(cursor);
      yield page;
      const next = page.next_page;
      if (!next) return;
      // A server that repeats a cursor would loop forever; stop instead.
      if (seen.has(next)) return this.onWarning?.(`The server sent the page cursor "${next.slice(0, 40)}" a second time; the listing stopped there.`);
      emptyInARow = page.data?.length ? 0 : emptyInARow + 1;
      if (emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW) return this.onWarning?.(`The server sent ${emptyInARow} empty pages in a row; the listing stopped there.`);
      seen.add(next);
      cursor = next;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.pages()) {
      for (const item of page.data ?? []) yield item;
    }
  }

  /** Collects every item (or the first `max`). */
  async toArray(max = Infinity): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) {
      if (items.length >= max) break;
      items.push(item);
    }
    return items;
  }
}

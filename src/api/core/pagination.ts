// Cursor pagination as the API does it: each page has `data` and `next_page`; the next request
// passes that cursor as `page`. A PagedList is an async iterable over every item of every page,
// and also gives the pages themselves (the sidebar loads one page at a time).

export interface PageResponse<T> {
  data: T[];
  next_page: string | null;
  prev_page?: string | null;
}

export type PageFetcher<T> = (cursor: string | undefined) => Promise<PageResponse<T>>;

export class PagedList<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly startCursor?: string,
  ) {}

  /** The first page only (or the page at the cursor the list was created with). */
  firstPage(): Promise<PageResponse<T>> {
    return this.fetchPage(this.startCursor);
  }

  async *pages(): AsyncGenerator<PageResponse<T>> {
    let cursor = this.startCursor;
    const seen = new Set<string>();
    for (;;) {
      const page = await this.fetchPage(cursor);
      yield page;
      const next = page.next_page;
      // A server that repeats a cursor would loop forever; stop instead.
      if (!next || seen.has(next)) return;
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

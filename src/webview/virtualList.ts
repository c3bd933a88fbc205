// A windowed list: all rows live in a JS array, only those on screen plus a margin are in the DOM.
// Heights start as estimates and are replaced by measurements (ResizeObserver); the first visible row
// stays put while rows above it are measured or added (older events), and the list sticks to the
// bottom while it is there.
import { HeightIndex } from './heightIndex';
import { h } from './dom';

export interface VirtualListSource {
  /** Builds the element of a row (called when it scrolls into the window, or after invalidate). */
  render(key: number): HTMLElement;
  /** A guess at a row's height before it was ever rendered. */
  estimate(key: number): number;
}

const MARGIN_PX = 800;
const STICK_THRESHOLD_PX = 24;

export class VirtualList {
  private keys: number[] = [];
  private readonly rowOfKey = new Map<number, number>();
  private readonly heights = new HeightIndex();
  private nodes = new Map<number, HTMLElement>(); // row -> element
  private start = 0;
  private end = 0;
  private readonly top = h('div', { class: 'spacer', 'aria-hidden': 'true' });
  private readonly bottom = h('div', { class: 'spacer', 'aria-hidden': 'true' });
  private readonly observer: ResizeObserver;
  private frame = 0;
  private anchor: { row: number; delta: number } | undefined;
  /** The scroll position the list last set or saw; another one means the reader scrolled since. */
  private knownScrollTop = 0;
  /** True while the view follows the newest row. */
  stick = true;
  /** Called after every layout pass (e.g. to show "Jump to latest"). */
  onLayout: () => void = () => undefined;

  constructor(
    readonly scroller: HTMLElement,
    readonly list: HTMLElement,
    private readonly source: VirtualListSource,
  ) {
    list.append(this.top, this.bottom);
    this.observer = new ResizeObserver((entries) => this.onResize(entries));
    this.observer.observe(scroller);
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  get size(): number {
    return this.keys.length;
  }

  get atBottom(): boolean {
    const s = this.scroller;
    return s.scrollHeight - s.clientHeight - s.scrollTop <= STICK_THRESHOLD_PX;
  }

  /** The key of the row at the top of the viewport, if any. */
  topKey(): number | undefined {
    if (!this.keys.length) return undefined;
    const y = this.scroller.scrollTop - this.list.offsetTop;
    return this.keys[this.heights.rowAt(Math.max(0, y))];
  }

  has(key: number): boolean {
    return this.rowOfKey.has(key);
  }

  /** Where a key is listed (its row), if it is. */
  rowOf(key: number): number | undefined {
    return this.rowOfKey.get(key);
  }

  /** The key listed at a row. */
  keyAt(row: number): number | undefined {
    return this.keys[row];
  }

  /** Every listed key, in order. */
  get keyList(): readonly number[] {
    return this.keys;
  }

  /** The keys of the rows in the DOM. */
  renderedKeys(): number[] {
    return [...this.nodes.keys()].map((row) => this.keys[row]);
  }

  /** The key `offset` rows from `key` (clamped to the ends), or the last key when `key` is not listed. */
  neighbor(key: number | undefined, offset: number): number | undefined {
    if (!this.keys.length) return undefined;
    const row = key === undefined ? undefined : this.rowOfKey.get(key);
    if (row === undefined) return this.keys[this.keys.length - 1];
    return this.keys[Math.min(this.keys.length - 1, Math.max(0, row + offset))];
  }

  /** The first and last keys, in list order. */
  get firstKey(): number | undefined {
    return this.keys[0];
  }

  get lastKey(): number | undefined {
    return this.keys[this.keys.length - 1];
  }

  /** The element of a row if it is rendered (in the window around the viewport). */
  nodeOf(key: number): HTMLElement | undefined {
    const row = this.rowOfKey.get(key);
    return row === undefined ? undefined : this.nodes.get(row);
  }

  /** How many rows fit in the viewport, by the rendered rows' heights (at least 1). */
  rowsPerPage(): number {
    let height = 0;
    let count = 0;
    for (const node of this.nodes.values()) {
      height += node.offsetHeight;
      count++;
    }
    const average = count ? height / count : 40;
    return Math.max(1, Math.floor(this.scroller.clientHeight / Math.max(average, 1)) - 1);
  }

  /** Replaces every row (filter or search changed, or a reset). */
  setKeys(keys: number[], options: { keepPosition?: boolean } = {}): void {
    for (const node of this.nodes.values()) this.detach(node);
    this.nodes.clear();
    this.keys = keys.slice();
    this.rowOfKey.clear();
    this.keys.forEach((key, row) => this.rowOfKey.set(key, row));
    this.heights.reset(this.keys.map((key) => this.source.estimate(key)));
    this.start = this.end = 0;
    this.anchor = undefined;
    if (!options.keepPosition) this.stick = true;
    this.schedule();
  }

  /** Adds rows at the end without touching the rendered ones. */
  append(keys: number[]): void {
    for (const key of keys) {
      if (this.rowOfKey.has(key)) continue;
      this.rowOfKey.set(key, this.keys.length);
      this.keys.push(key);
      this.heights.push(this.source.estimate(key));
    }
    if (!keys.length) return;
    // Following live output, a few new rows go into the DOM now rather than a frame later, so a live
    // event is on screen by the next paint; bigger batches wait for the frame.
    if (this.stick && keys.length <= 8 && !this.frame) this.layout();
    else this.schedule();
  }

  /**
   * Adds rows before the others (an older page), keeping what is on screen where it is: the rendered
   * rows, their focus and the scroll position stay; keys already listed move up by `shift` (the
   * number of events added before them, listed or not).
   */
  prepend(keys: number[], shift: number): void {
    if (!shift) return;
    // A row on screen, to keep where it is: the index holds whole pixels, rows are not, and the rows
    // drawn above it add up their fractions.
    const top = this.scroller.getBoundingClientRect().top;
    const pin = [...this.nodes.values()].find((node) => node.getBoundingClientRect().bottom > top);
    const pinTop = pin?.getBoundingClientRect().top;
    const added = keys.length;
    this.keys = [...keys, ...this.keys.map((key) => key + shift)];
    this.rowOfKey.clear();
    this.keys.forEach((key, row) => this.rowOfKey.set(key, row));
    if (added) {
      this.heights.prepend(keys.map((key) => this.source.estimate(key)));
      const moved = new Map<number, HTMLElement>();
      for (const [row, node] of this.nodes) {
        moved.set(row + added, node);
        node.dataset.row = String(row + added);
        node.setAttribute('aria-posinset', String(row + added + 1));
      }
      this.nodes = moved;
      this.start += added;
      this.end += added;
      if (this.anchor) this.anchor.row += added;
    }
    // At once, not on the next frame: the spacer above and the scroll position change together.
    this.layout();
    if (pin?.isConnected && pinTop !== undefined && !this.stick) {
      const drift = pin.getBoundingClientRect().top - pinTop;
      if (Math.abs(drift) >= 0.5) {
        this.setScrollTop(this.scroller.scrollTop + drift);
        this.captureAnchor();
      }
    }
  }

  /**
   * Replaces `removed` rows from `row` on with `keys` (a group folded or unfolded, a row that joins a
   * group above the end). The other rows keep their measured heights and their elements; what is on
   * screen stays where it is, unless the change is above it and the list follows the newest row.
   */
  splice(row: number, removed: number, keys: number[]): void {
    removed = Math.max(0, Math.min(removed, this.keys.length - row));
    if (!removed && !keys.length) return;
    const delta = keys.length - removed;
    // The rendered rows are one run [start, end): the change is after it, before it, or cuts it (the
    // rows from the change on leave the DOM, and the next layout draws what is missing).
    const after = row >= this.end;
    const before = !after && row + removed <= this.start;
    const moved = new Map<number, HTMLElement>();
    for (const [at, node] of this.nodes) {
      if (after || (!before && at < row)) moved.set(at, node);
      else if (before) {
        moved.set(at + delta, node);
        node.dataset.row = String(at + delta);
        node.setAttribute('aria-posinset', String(at + delta + 1));
      } else this.detach(node);
    }
    this.nodes = moved;
    if (before) {
      this.start += delta;
      this.end += delta;
    } else if (!after) {
      if (row > this.start) this.end = row;
      else this.start = this.end = row;
    }
    this.keys.splice(row, removed, ...keys);
    this.rowOfKey.clear();
    this.keys.forEach((key, at) => this.rowOfKey.set(key, at));
    this.heights.splice(row, removed, keys.map((key) => this.source.estimate(key)));
    if (this.anchor && this.anchor.row >= row + removed) this.anchor.row += delta;
    else if (this.anchor && this.anchor.row >= row) this.anchor = { row, delta: 0 };
    this.layout();
  }

  /**
   * Runs a change (a group the reader folds or unfolds) keeping a rendered row where it is on screen,
   * even while the list follows the newest row: what the reader clicked does not move.
   */
  keepInPlace(key: number, change: () => void): void {
    const top = this.nodeOf(key)?.getBoundingClientRect().top;
    change();
    const node = this.nodeOf(key);
    if (top === undefined || !node) return;
    const drift = node.getBoundingClientRect().top - top;
    if (Math.abs(drift) < 0.5) return;
    this.setScrollTop(this.scroller.scrollTop + drift);
    this.stick = this.atBottom;
    this.captureAnchor();
  }

  /** Re-renders a row if it is in the DOM (its event changed). */
  invalidate(key: number): void {
    const row = this.rowOfKey.get(key);
    if (row === undefined) return;
    const node = this.nodes.get(row);
    if (!node) return;
    const fresh = this.build(row);
    // Keyboard focus inside the old row stays with the row (a screen reader user reading it).
    const hadFocus = node.contains(document.activeElement);
    node.replaceWith(fresh);
    this.detach(node);
    this.nodes.set(row, fresh);
    if (hadFocus) fresh.focus({ preventScroll: true });
    this.schedule();
  }

  /** Scrolls so the row is in view (near the top), rendering it first. */
  scrollToKey(key: number): HTMLElement | undefined {
    const row = this.rowOfKey.get(key);
    if (row === undefined) return undefined;
    this.stick = false;
    this.layout(this.heights.offsetOf(row) - 40);
    const target = this.heights.offsetOf(row) - 40;
    this.setScrollTop(Math.max(0, target));
    this.anchor = { row, delta: -40 };
    this.layout();
    return this.nodes.get(row);
  }

  scrollToBottom(): void {
    this.stick = true;
    this.layout();
  }

  /** Runs a layout pass on the next animation frame. */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.layout();
    });
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.observer.disconnect();
  }

  private onScroll(): void {
    // The list's own scrolling is reported too, a frame later: by then the scroller may have shrunk (the
    // lanes appeared above it) and the old bottom is no longer the bottom. Only the reader unsticks it.
    if (Math.abs(this.scroller.scrollTop - this.knownScrollTop) < 1) return;
    this.stick = this.atBottom;
    this.captureAnchor();
    this.schedule();
  }

  private onResize(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      if (entry.target === this.scroller) {
        changed = true;
        continue;
      }
      const row = Number((entry.target as HTMLElement).dataset.row);
      if (!Number.isInteger(row) || this.nodes.get(row) !== entry.target) continue;
      const height = (entry.target as HTMLElement).offsetHeight;
      if (height && this.heights.set(row, height)) changed = true;
    }
    if (changed) this.schedule();
  }

  /** Puts the rows around the viewport into the DOM, measures them and keeps the view steady. */
  private layout(forcedTop?: number): void {
    const scroller = this.scroller;
    const viewport = Math.max(scroller.clientHeight, 200);
    // The reader scrolled since the anchor was taken, and the scroll event has not come yet (a layout
    // scheduled by new data can run first): start from where the reader is, not from the old anchor.
    if (forcedTop === undefined && Math.abs(scroller.scrollTop - this.knownScrollTop) >= 1) {
      this.stick = this.atBottom;
      this.captureAnchor();
    }
    for (let pass = 0; pass < 4; pass++) {
      const listTop = this.list.offsetTop;
      let top: number;
      if (forcedTop !== undefined) top = forcedTop;
      else if (this.stick) top = Math.max(0, this.heights.total + this.tailHeight() - viewport);
      else if (this.anchor && this.anchor.row < this.keys.length) top = this.heights.offsetOf(this.anchor.row) + this.anchor.delta;
      else top = scroller.scrollTop - listTop;
      const first = this.keys.length ? this.heights.rowAt(Math.max(0, top - MARGIN_PX)) : 0;
      const last = this.keys.length ? this.heights.rowAt(top + viewport + MARGIN_PX) + 1 : 0;
      const measured = this.render(first, Math.min(last, this.keys.length));
      this.top.style.height = `${this.heights.offsetOf(this.start)}px`;
      this.bottom.style.height = `${this.heights.total - this.heights.offsetOf(this.end)}px`;
      // Where the view should be now that heights are known.
      let wanted: number;
      if (this.stick) wanted = scroller.scrollHeight - scroller.clientHeight;
      else if (forcedTop === undefined && this.anchor && this.anchor.row < this.keys.length) wanted = listTop + this.heights.offsetOf(this.anchor.row) + this.anchor.delta;
      else wanted = scroller.scrollTop;
      if (Math.abs(scroller.scrollTop - wanted) > 1) this.setScrollTop(wanted);
      forcedTop = undefined;
      if (!measured) break;
    }
    this.captureAnchor();
    for (const node of this.nodes.values()) {
      if (node.getAttribute('aria-setsize') !== String(this.keys.length)) node.setAttribute('aria-setsize', String(this.keys.length));
    }
    this.onLayout();
  }

  /** Height of what follows the list inside the scroller (previews). */
  private tailHeight(): number {
    return Math.max(0, this.scroller.scrollHeight - this.list.offsetTop - this.list.offsetHeight);
  }

  private captureAnchor(): void {
    this.knownScrollTop = this.scroller.scrollTop;
    if (!this.keys.length) {
      this.anchor = undefined;
      return;
    }
    const y = this.knownScrollTop - this.list.offsetTop;
    const row = this.heights.rowAt(Math.max(0, y));
    this.anchor = { row, delta: y - this.heights.offsetOf(row) };
  }

  private setScrollTop(value: number): void {
    this.scroller.scrollTop = value;
    this.knownScrollTop = this.scroller.scrollTop;
  }

  /** Makes rows [first, last) the rendered ones; returns whether any new height was measured. */
  private render(first: number, last: number): boolean {
    if (last <= first) {
      for (const node of this.nodes.values()) this.detach(node);
      this.nodes.clear();
      this.start = this.end = first;
      return false;
    }
    for (const [row, node] of this.nodes) {
      if (row < first || row >= last) {
        this.detach(node);
        this.nodes.delete(row);
      }
    }
    const created: number[] = [];
    const overlap = this.nodes.size > 0;
    if (overlap) {
      // Existing rows are a contiguous run inside [first, last): add before it and after it.
      let firstExisting = Math.max(first, this.start);
      while (!this.nodes.has(firstExisting)) firstExisting++;
      let lastExisting = Math.min(last, this.end) - 1;
      while (!this.nodes.has(lastExisting)) lastExisting--;
      for (let row = firstExisting - 1; row >= first; row--) {
        const node = this.build(row);
        this.list.insertBefore(node, this.nodes.get(row + 1)!);
        this.nodes.set(row, node);
        created.push(row);
      }
      for (let row = lastExisting + 1; row < last; row++) {
        const node = this.build(row);
        this.list.insertBefore(node, this.bottom);
        this.nodes.set(row, node);
        created.push(row);
      }
    } else {
      const fragment = document.createDocumentFragment();
      for (let row = first; row < last; row++) {
        const node = this.build(row);
        fragment.appendChild(node);
        this.nodes.set(row, node);
        created.push(row);
      }
      this.list.insertBefore(fragment, this.bottom);
    }
    this.start = first;
    this.end = last;
    let changed = false;
    for (const row of created) {
      const height = this.nodes.get(row)!.offsetHeight;
      if (height && this.heights.set(row, height)) changed = true;
    }
    return changed;
  }

  private build(row: number): HTMLElement {
    const node = this.source.render(this.keys[row]);
    node.dataset.row = String(row);
    // Only a window of rows is in the DOM: say where each one is in the whole list.
    node.setAttribute('aria-posinset', String(row + 1));
    node.setAttribute('aria-setsize', String(this.keys.length));
    this.observer.observe(node);
    return node;
  }

  private detach(node: HTMLElement): void {
    this.observer.unobserve(node);
    node.remove();
  }
}

// Keyboard in the transcript: it is one Tab stop. One row at a time has tabindex 0 (and only its
// buttons, toggles and links are in the Tab order), so Tab goes header -> chips -> search -> a row ->
// waiting tool calls -> reply box. In the list, Up / Down / Page Up / Page Down / Home / End move
// between rows, Enter or Space opens or folds the focused row, Escape goes back from a control to its
// row. Grouped by model request, Right unfolds a group's heading (then goes to its first row), Left folds
// it, and Left on a row of a group goes to its heading. Rows are known by key: their index in the transcript.
import type { VirtualList } from './virtualList';

const ROW_CONTROLS = 'button, summary, a[href], input, textarea, select';

export class RowFocus {
  /** The row that takes Tab focus; undefined: the newest row. */
  private activeKey: number | undefined;
  /** The row whose tabindex was last set to 0. */
  private appliedKey: number | undefined;

  /** `keyOf`: the key of the row with this event id. */
  constructor(
    private readonly list: VirtualList,
    listElement: HTMLElement,
    private readonly scroller: HTMLElement,
    private readonly keyOf: (eventId: string) => number | undefined,
  ) {
    listElement.addEventListener('focusin', (e) => {
      const key = this.keyOfRow(e.target as Element);
      if (key === undefined || key === this.activeKey) return;
      this.activeKey = key;
      this.sync();
    });
    listElement.addEventListener('keydown', (e) => this.onKeyDown(e));
    // Focus that reaches the scroller while rows exist (its Tab stop row scrolled out of the window)
    // goes to the first row in view.
    scroller.addEventListener('focus', () => {
      if (!list.size) return;
      const top = scroller.getBoundingClientRect().top;
      for (const row of listElement.querySelectorAll<HTMLElement>('.row[data-event-id]')) {
        if (row.getBoundingClientRect().bottom > top) {
          const key = this.keyOfRow(row);
          if (key !== undefined) this.focus(key);
          return;
        }
      }
    });
  }

  /** A row being put into the list: tabbable when it is the Tab stop row. */
  withRovingFocus(row: HTMLElement, key: number): HTMLElement {
    setRowTabbable(row, key === this.tabbableKey());
    return row;
  }

  /** After every layout: the Tab stop row is the active (or newest) one; the scroller only while that row is not rendered. */
  sync(): void {
    const key = this.tabbableKey();
    if (key !== this.appliedKey) {
      const previous = this.appliedKey === undefined ? undefined : this.list.nodeOf(this.appliedKey);
      if (previous) setRowTabbable(previous, false);
      this.appliedKey = key;
      const node = key === undefined ? undefined : this.list.nodeOf(key);
      if (node) setRowTabbable(node, true);
    }
    const scrollerTabIndex = key !== undefined && this.list.nodeOf(key) ? -1 : 0;
    if (this.scroller.tabIndex !== scrollerTabIndex) this.scroller.tabIndex = scrollerTabIndex;
  }

  /** Makes the row the Tab stop and focuses it, scrolling it into view. */
  focus(key: number): void {
    this.activeKey = key;
    if (key === this.list.lastKey) this.list.scrollToBottom();
    const node = this.list.nodeOf(key) ?? this.list.scrollToKey(key);
    this.sync();
    if (!node) return;
    node.scrollIntoView({ block: 'nearest' });
    node.focus({ preventScroll: true });
  }

  /** Makes a rendered row the Tab stop and focuses it where it is. */
  focusInPlace(key: number, node: HTMLElement): void {
    this.activeKey = key;
    this.sync();
    node.focus({ preventScroll: true });
  }

  /** Rows were put before the others: keys move up by `added`. */
  shift(added: number): void {
    if (this.activeKey !== undefined) this.activeKey += added;
    if (this.appliedKey !== undefined) this.appliedKey += added;
  }

  /** The transcript starts over: the newest row takes Tab focus. */
  reset(): void {
    this.activeKey = undefined;
  }

  private tabbableKey(): number | undefined {
    return this.activeKey !== undefined && this.list.has(this.activeKey) ? this.activeKey : this.list.lastKey;
  }

  private keyOfRow(element: Element | null): number | undefined {
    const row = element?.closest<HTMLElement>('.row[data-event-id]');
    return row ? this.keyOf(row.dataset.eventId ?? '') : undefined;
  }

  private onKeyDown(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>('.row[data-event-id]');
    const key = this.keyOfRow(row);
    if (!row || key === undefined || e.altKey || e.ctrlKey || e.metaKey || target.matches('input, textarea, select')) return;
    const list = this.list;
    let next: number | undefined;
    switch (e.key) {
      case 'ArrowDown':
        next = list.neighbor(key, 1);
        break;
      case 'ArrowUp':
        next = list.neighbor(key, -1);
        break;
      case 'PageDown':
        next = list.neighbor(key, list.rowsPerPage());
        break;
      case 'PageUp':
        next = list.neighbor(key, -list.rowsPerPage());
        break;
      case 'Home':
        next = list.firstKey;
        break;
      case 'End':
        next = list.lastKey;
        break;
      case 'ArrowRight':
      case 'ArrowLeft': {
        if (target !== row) return;
        const toggle = row.querySelector<HTMLElement>(':scope > .group-head > .group-toggle');
        const expanded = toggle?.getAttribute('aria-expanded') === 'true';
        if (toggle && (e.key === 'ArrowRight') !== expanded) {
          e.preventDefault();
          toggle.click();
          return;
        }
        if (toggle && e.key === 'ArrowRight') next = list.neighbor(key, 1);
        else if (!toggle && e.key === 'ArrowLeft' && row.dataset.group) next = this.keyOf(row.dataset.group);
        else return;
        break;
      }
      case 'Enter':
      case ' ': {
        const toggle = target === row ? row.querySelector<HTMLElement>(':scope > .group-head > .group-toggle') : null;
        if (toggle) {
          e.preventDefault();
          toggle.click();
          return;
        }
        const details = target === row ? row.querySelector<HTMLDetailsElement>(':scope > .fold > details') : null;
        if (!details) return;
        e.preventDefault();
        details.open = !details.open;
        return;
      }
      case 'Escape':
        if (target === row) return;
        e.preventDefault();
        row.focus();
        return;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
    if (next !== undefined) this.focus(next);
  }
}

function setRowTabbable(row: HTMLElement, tabbable: boolean): void {
  row.tabIndex = tabbable ? 0 : -1;
  for (const control of row.querySelectorAll<HTMLElement>(ROW_CONTROLS)) {
    if (tabbable) control.removeAttribute('tabindex');
    else control.tabIndex = -1;
  }
}

// The filter bar: a chip per event kind (one toolbar, one Tab stop: Left / Right / Home / End move
// between the chips, Space or Enter shows or hides a kind, aria-pressed says which), the search box
// (Ctrl+F), the toggle that groups the transcript by model request, and how many events are shown. The
// filter, the search and the grouping are kept in the webview's state.
import { EVENT_KINDS, type EventKind } from './eventView';
import { codicon, h } from './dom';
import { saveState, webviewState } from './webviewState';

const SEARCH_DELAY_MS = 150;

export class FilterBar {
  readonly element: HTMLElement;
  private readonly chips = h('div', { class: 'chips', role: 'toolbar', 'aria-label': 'Show event kinds' });
  private readonly search = h('input', { class: 'search', type: 'search', placeholder: 'Search events', 'aria-label': 'Search events', value: webviewState().search ?? '' });
  private readonly count = h('span', { class: 'count detail' });
  private readonly groupToggle = h(
    'button',
    { class: 'group-by-request', type: 'button', 'data-action': 'toggle-grouping', 'aria-pressed': String(webviewState().groupByRequest === true), title: "Show each model request as one group: its thinking, messages and tool calls (and the tools' results) under a heading" },
    codicon('list-tree'),
    'Group by model request',
  );
  private searchTimer = 0;

  readonly actions = {
    'toggle-kind': (chip: HTMLElement) => {
      const kind = chip.dataset.kind as EventKind;
      const hidden = new Set(webviewState().hiddenKinds ?? []);
      if (hidden.has(kind)) hidden.delete(kind);
      else hidden.add(kind);
      chip.setAttribute('aria-pressed', String(!hidden.has(kind)));
      saveState({ hiddenKinds: [...hidden] });
      this.changed();
    },
    'toggle-grouping': () => {
      const on = !this.grouping();
      this.groupToggle.setAttribute('aria-pressed', String(on));
      saveState({ groupByRequest: on });
      this.changed();
    },
  };

  /** `changed`: the filter or the search changed (the rows shown are chosen again). */
  constructor(private readonly changed: () => void) {
    const hiddenKinds = webviewState().hiddenKinds ?? [];
    EVENT_KINDS.forEach(({ kind, label }, index) => {
      this.chips.appendChild(h('button', { class: 'chip', type: 'button', 'data-action': 'toggle-kind', 'data-kind': kind, 'aria-pressed': String(!hiddenKinds.includes(kind)), title: `Show ${label.toLowerCase()} events`, tabindex: index === 0 ? '0' : '-1' }, label));
    });
    this.chips.addEventListener('keydown', (e) => this.moveBetweenChips(e));
    this.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => {
        saveState({ search: this.search.value });
        this.changed();
      }, SEARCH_DELAY_MS);
    });
    this.element = h('div', { class: 'toolbar', role: 'region', 'aria-label': 'Filter events' }, this.chips, this.groupToggle, h('span', { class: 'spacer-flex' }), this.search, this.count);
  }

  /** Whether some events are hidden by kind or by the search. */
  filtering(): boolean {
    const state = webviewState();
    return Boolean(state.hiddenKinds?.length || state.search?.trim());
  }

  /** Whether the transcript shows each model request as one group. */
  grouping(): boolean {
    return webviewState().groupByRequest === true;
  }

  /** Whether an event of this kind, with this (lower-case) search text, is shown. */
  matches(kind: EventKind, searchText: () => string): boolean {
    if (!this.filtering()) return true;
    const state = webviewState();
    if (state.hiddenKinds?.includes(kind)) return false;
    const query = state.search?.trim().toLowerCase();
    return !query || searchText().includes(query);
  }

  /** Shows every kind and clears the search. */
  showAll(): void {
    saveState({ hiddenKinds: [], search: '' });
    this.search.value = '';
    for (const chip of this.chips.querySelectorAll('[data-kind]')) chip.setAttribute('aria-pressed', 'true');
    this.changed();
  }

  /** "120 events", or "12 of 120" while filtering; `more`: older events remain. */
  setCount(shown: number, total: number, more: boolean): void {
    const plus = more ? '+' : '';
    this.count.textContent = this.filtering() ? `${shown} of ${total}${plus}` : `${total}${plus} events`;
  }

  focusSearch(): void {
    this.search.focus();
    this.search.select();
  }

  private moveBetweenChips(e: KeyboardEvent): void {
    const chips = [...this.chips.querySelectorAll<HTMLButtonElement>('.chip')];
    const at = chips.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: chips.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = chips[(next + chips.length) % chips.length];
    for (const chip of chips) chip.tabIndex = chip === target ? 0 : -1;
    target.focus();
  }
}

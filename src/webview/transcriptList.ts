// The transcript: the rows the filter lets through, windowed (only those near the screen are in the
// DOM), with the previews of messages still being written below them and "Jump to latest". It stays at
// the newest row while the reader is there, and keeps the reader's place when rows arrive above.
import { copyTextOf, type RowView } from './eventView';
import { codicon, clear, h } from './dom';
import type { FilterBar } from './filterBar';
import type { Notice } from './notice';
import { MAX_COPY_CHARS, type PreviewView, type RowUpdate } from './protocol';
import { GroupedList } from './groupedList';
import { renderEvent, renderPreview, type OpenState } from './renderEvent';
import { RowFocus } from './rowFocus';
import { Rows } from './rows';
import { VirtualList } from './virtualList';
import { post } from './vscodeApi';

export class TranscriptList {
  readonly rows = new Rows();
  readonly element: HTMLElement;
  readonly list: VirtualList;
  readonly focus: RowFocus;
  private readonly scroller: HTMLElement;
  private readonly listElement = h('div', { class: 'list', role: 'list', 'aria-label': 'Session events', 'aria-busy': 'true' });
  private readonly empty = h('div', { class: 'empty detail' }, 'Loading history…');
  private readonly previewsElement = h('div', { class: 'previews', 'aria-live': 'off' });
  private readonly jumpButton = h('button', { class: 'jump', type: 'button', 'data-action': 'jump-latest', hidden: true, title: 'Jump to latest (End)' }, 'Jump to latest', codicon('arrow-down'));
  /** Which collapsible parts the reader opened or folded (see renderEvent). */
  private readonly open: OpenState = new Map();
  private previews: readonly PreviewView[] = [];
  /** The rows grouped by model request, while the filter bar's grouping is on. */
  private grouped: GroupedList | undefined;
  /** How many events pass the filter (listed, or inside a folded group). */
  private matched = 0;

  readonly actions = {
    'jump-latest': () => this.list.scrollToBottom(),
    jump: (link: HTMLElement) => this.jumpTo(link.dataset.target ?? ''),
    'copy-event': (button: HTMLElement) => {
      const index = this.indexOfRowAround(button);
      if (index !== undefined) this.copy(copyTextOf(this.rows.view(index)), button);
    },
    'copy-payload': (button: HTMLElement) => {
      const index = this.indexOfRowAround(button);
      const payload = index !== undefined ? this.rows.view(index).payloads?.[Number(button.dataset.index)] : undefined;
      if (payload) this.copy(payload.text, button);
    },
    'open-json': (button: HTMLElement) => {
      const eventId = button.closest<HTMLElement>('[data-event-id]')?.dataset.eventId;
      if (eventId) post({ type: 'openEventJson', eventId });
    },
    'copy-code': (button: HTMLElement) => {
      const code = button.closest('pre')?.querySelector('code');
      if (code) this.copy(code.textContent ?? '', button);
    },
    'toggle-group': (button: HTMLElement) => {
      const index = this.indexOfRowAround(button);
      if (index !== undefined) this.grouped?.toggle(index, button === document.activeElement);
    },
    'load-image': (button: HTMLElement) => post({ type: 'loadImage', url: button.dataset.src ?? '', ...this.revealAfterReload(button) }),
    'load-images-from': (button: HTMLElement) => post({ type: 'loadImagesFrom', origin: button.dataset.origin ?? '', ...this.revealAfterReload(button) }),
  };

  /** `olderBar`: shown above the first row; `afterLayout`: runs after every layout pass. */
  constructor(
    private readonly filter: FilterBar,
    private readonly notice: Notice,
    olderBar: HTMLElement,
    afterLayout: () => void,
  ) {
    this.scroller = h('main', { class: 'scroller', tabindex: '0', 'aria-label': 'Transcript' }, this.empty, olderBar, this.listElement, this.previewsElement);
    this.element = h('div', { class: 'transcript' }, this.scroller, this.jumpButton);
    this.list = new VirtualList(this.scroller, this.listElement, {
      render: (index) => this.focus.withRovingFocus(this.renderRow(index), index),
      estimate: (index) => (this.grouped?.isHead(index) ? 30 : estimateHeight(this.rows.view(index))),
    });
    this.focus = new RowFocus(this.list, this.listElement, this.scroller, (eventId) => this.rows.indexOf(eventId));
    if (filter.grouping()) this.grouped = this.newGroupedList();
    this.list.onLayout = () => {
      this.jumpButton.hidden = this.list.stick || this.list.size === 0;
      this.focus.sync();
      afterLayout();
    };
  }

  /** A part of a row was opened or folded: it stays so when the row is drawn again. */
  rememberOpen(details: HTMLDetailsElement): void {
    if (details.dataset.openKey) this.open.set(details.dataset.openKey, details.open);
  }

  /** How many events pass the filter (the filter bar's count). */
  get shownCount(): number {
    return this.matched;
  }

  get previewCount(): number {
    return this.previews.length;
  }

  /** Near the top of what is loaded: within a screen (at least 400 px) of the first row. */
  nearTop(): boolean {
    return this.scroller.scrollTop - this.listElement.offsetTop <= Math.max(this.scroller.clientHeight, 400);
  }

  /** The transcript starts over (a new or reloaded session). */
  reset(): void {
    this.rows.clear();
    this.grouped = this.filter.grouping() ? this.newGroupedList() : undefined;
    this.matched = 0;
    this.listElement.setAttribute('aria-busy', 'true');
    this.focus.reset();
    this.setPreviews([]);
    this.list.setKeys([]);
  }

  /** The whole history is in (the newest events and the live stream are joined). */
  historyLoaded(): void {
    this.listElement.setAttribute('aria-busy', 'false');
  }

  /** New rows at the end (the filter decides which are shown); returns the index of the first. */
  append(rows: readonly RowView[]): number {
    const start = this.rows.append(rows);
    if (this.grouped) {
      this.matched += this.grouped.append(start);
      return start;
    }
    const keys: number[] = [];
    for (let index = start; index < this.rows.length; index++) if (this.matches(index)) keys.push(index);
    this.matched += keys.length;
    this.list.append(keys);
    return start;
  }

  /** Rows older than all others (an older page): they go above, and the screen stays where it was. */
  prepend(rows: readonly RowView[]): void {
    const added = rows.length;
    if (!added) return;
    this.rows.prepend(rows);
    this.focus.shift(added);
    if (this.grouped) {
      this.matched = this.grouped.prepend(added);
      return;
    }
    const keys: number[] = [];
    for (let index = 0; index < added; index++) if (this.matches(index)) keys.push(index);
    this.matched += keys.length;
    this.list.prepend(keys, added);
  }

  /** Rows that changed in place are drawn again where they are in the DOM. */
  update(updates: readonly RowUpdate[]): void {
    for (const update of updates) {
      this.rows.update(update);
      this.list.invalidate(update.index);
      // A heading says what its rows are (the end's duration and tokens).
      const head = this.grouped?.ownerOf(update.index) ?? -1;
      if (head >= 0 && head !== update.index) this.list.invalidate(head);
    }
  }

  setPreviews(previews: readonly PreviewView[]): void {
    this.previews = previews;
    clear(this.previewsElement);
    for (const preview of previews) this.previewsElement.appendChild(renderPreview(preview.eventType, preview.text));
    this.list.schedule();
  }

  /** Chooses the rows shown again (the filter or the search changed), keeping the reader's place. */
  rebuild(): void {
    const list = this.list;
    const wasAtBottom = list.stick;
    const top = list.topKey();
    if (!this.filter.grouping()) this.grouped = undefined;
    else this.grouped ??= this.newGroupedList();
    const keys = this.listedKeys();
    list.setKeys(keys, { keepPosition: true });
    // Stay where the reader was: at the bottom, or at the first remaining row from the old top on.
    if (wasAtBottom || top === undefined) list.scrollToBottom();
    else {
      const topLevel = (key: number) => this.grouped?.topLevelOf(key) ?? key;
      const next = list.has(top) ? top : keys.find((key) => topLevel(key) >= topLevel(top));
      if (next === undefined) list.scrollToBottom();
      else requestAnimationFrame(() => list.scrollToKey(next));
    }
  }

  /** The rows to list (in order) by the filter and the grouping; counts the events that pass. */
  private listedKeys(): number[] {
    if (this.grouped) {
      const { keys, counted } = this.grouped.listed();
      this.matched = counted;
      return keys;
    }
    const keys: number[] = [];
    for (let index = 0; index < this.rows.length; index++) if (this.matches(index)) keys.push(index);
    this.matched = keys.length;
    return keys;
  }

  private renderRow(index: number): HTMLElement {
    return this.grouped?.render(index, this.open) ?? renderEvent(this.rows.view(index), this.open);
  }

  /** Says "Loading history…" or "No events yet" while there is nothing to show. */
  showEmpty(historyComplete: boolean): void {
    this.empty.hidden = this.rows.length > 0 || this.previews.length > 0;
    if (!this.empty.hidden) this.empty.textContent = historyComplete ? 'No events yet. Send a message to start.' : 'Loading history…';
  }

  /** Scrolls to an event, highlights it and focuses it; shows every event first when the filter hides it. */
  jumpTo(eventId: string): void {
    const index = this.rows.indexOf(eventId);
    if (index === undefined) return this.notice.show('That event is not in the transcript.', 'info');
    // Inside a folded group: unfold it.
    this.grouped?.unfoldAround(index);
    // Hidden by the filter: show everything again.
    if (!this.list.has(index)) this.filter.showAll();
    requestAnimationFrame(() => {
      const node = this.list.scrollToKey(index);
      if (node) {
        node.classList.add('highlight');
        setTimeout(() => node.classList.remove('highlight'), 1600);
        this.focus.focusInPlace(index, node);
      }
    });
  }

  /** End on the transcript (or nowhere in particular) goes to the newest event. */
  isEndTarget(target: EventTarget | null): boolean {
    return target === this.scroller || target === document.body;
  }

  private newGroupedList(): GroupedList {
    return new GroupedList(this.rows, this.list, (index) => this.matches(index));
  }

  private matches(index: number): boolean {
    return this.filter.matches(this.rows.view(index).kind, () => this.rows.searchText(index));
  }

  private indexOfRowAround(element: HTMLElement): number | undefined {
    const row = element.closest<HTMLElement>('[data-event-id]');
    return row ? this.rows.indexOf(row.dataset.eventId ?? '') : undefined;
  }

  /** The event a button is in, to come back to after the panel reloads (to load an image). */
  private revealAfterReload(element: HTMLElement): { reveal?: string } {
    const eventId = element.closest<HTMLElement>('[data-event-id]')?.dataset.eventId;
    return eventId ? { reveal: eventId } : {};
  }

  private copy(text: string, button: HTMLElement): void {
    if (text.length > MAX_COPY_CHARS) return this.notice.show(`This is too large to copy (${Math.round(text.length / 1024 / 1024)} MB). Export the transcript instead.`, 'info');
    post({ type: 'copy', text });
    button.classList.add('done');
    setTimeout(() => button.classList.remove('done'), 900);
  }
}

/** A row's height before it is measured, by its layout and the length of its text. */
function estimateHeight(view: RowView | undefined): number {
  switch (view?.layout) {
    case 'message':
      return 56 + Math.ceil((view.markdown ?? view.text ?? '').length / 90) * 19;
    case 'card':
      return 36;
    default:
      return 28;
  }
}

// The transcript: the rows the filter lets through, windowed (only those near the screen are in the
// DOM), with the previews of messages still being written below them and "Jump to latest". It stays at
// the newest row while the reader is there, and keeps the reader's place when rows arrive above.
import { copyTextOf, type RowView } from './eventView';
import { codicon, clear, h } from './dom';
import type { FilterBar } from './filterBar';
import type { Notice } from './notice';
import { MAX_COPY_CHARS, type PreviewView, type RowUpdate } from './protocol';
import { markGroupMember, renderGroupHead } from './groupHead';
import { renderEvent, renderPreview, type OpenState } from './renderEvent';
import { activityOf, RequestGroups } from './requestGroups';
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
  private groups: RequestGroups | undefined;
  /** The groups the reader folded, by their start event's id. */
  private readonly collapsedGroups = new Set<string>();
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
      if (index !== undefined) this.toggleGroup(index, button === document.activeElement);
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
      estimate: (index) => (this.groups?.isHead(index) ? 30 : estimateHeight(this.rows.view(index))),
    });
    this.focus = new RowFocus(this.list, this.listElement, this.scroller, (eventId) => this.rows.indexOf(eventId));
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
    this.groups = this.filter.grouping() ? new RequestGroups() : undefined;
    this.collapsedGroups.clear();
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
    if (this.groups) {
      this.appendGrouped(start, this.groups);
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
    if (this.groups) return this.prependGrouped(added);
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
      const head = this.groups?.ownerOf(update.index) ?? -1;
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
    if (!this.filter.grouping()) this.groups = undefined;
    else if (!this.groups) this.groups = RequestGroups.of(this.allViews());
    const keys = this.listedKeys();
    list.setKeys(keys, { keepPosition: true });
    // Stay where the reader was: at the bottom, or at the first remaining row from the old top on.
    if (wasAtBottom || top === undefined) list.scrollToBottom();
    else {
      const next = list.has(top) ? top : keys.find((key) => this.topLevelOf(key) >= this.topLevelOf(top));
      if (next === undefined) list.scrollToBottom();
      else requestAnimationFrame(() => list.scrollToKey(next));
    }
  }

  /** The rows to list (in order) by the filter and the grouping; counts the events that pass. */
  private listedKeys(): number[] {
    if (this.groups) {
      const { keys, counted } = this.groups.listed(
        (index) => this.matches(index),
        (start) => this.isCollapsed(start),
      );
      this.matched = counted;
      return keys;
    }
    const keys: number[] = [];
    for (let index = 0; index < this.rows.length; index++) if (this.matches(index)) keys.push(index);
    this.matched = keys.length;
    return keys;
  }

  private allViews(): RowView[] {
    const views: RowView[] = [];
    for (let index = 0; index < this.rows.length; index++) views.push(this.rows.view(index));
    return views;
  }

  /** Where a row sits among the rows outside any group and the groups' headings. */
  private topLevelOf(key: number): number {
    const owner = this.groups?.ownerOf(key) ?? -1;
    return owner >= 0 ? owner : key;
  }

  private isCollapsed(start: number): boolean {
    return this.collapsedGroups.has(this.rows.view(start).id);
  }

  private renderRow(index: number): HTMLElement {
    const groups = this.groups;
    const view = this.rows.view(index);
    const owner = groups?.ownerOf(index) ?? -1;
    if (!groups || owner < 0) return renderEvent(view, this.open);
    if (owner !== index) return markGroupMember(renderEvent(view, this.open), this.rows.view(owner).id);
    const group = groups.group(index)!;
    return renderGroupHead({
      start: view,
      end: group.end === undefined ? undefined : this.rows.view(group.end),
      number: groups.numberOf(index),
      activity: activityOf(group.members.map((member) => this.rows.view(member).type)),
      events: group.members.length + 1,
      expanded: !this.isCollapsed(index),
    });
  }

  /** Folds or unfolds the group of a heading; the focus stays on the heading (or its button). */
  toggleGroup(start: number, onButton = false): void {
    const group = this.groups?.group(start);
    if (!group) return;
    const id = this.rows.view(start).id;
    const collapse = !this.collapsedGroups.has(id);
    if (collapse) this.collapsedGroups.add(id);
    else this.collapsedGroups.delete(id);
    this.list.keepInPlace(start, () => {
      const row = this.list.rowOf(start);
      if (row !== undefined) {
        if (collapse) {
          let count = 0;
          while (this.groups!.ownerOf(this.list.keyAt(row + 1 + count) ?? -1) === start) count++;
          this.list.splice(row + 1, count, []);
        } else this.list.splice(row + 1, 0, group.members.filter((member) => this.matches(member)));
      }
      this.list.invalidate(start);
    });
    if (onButton) this.list.nodeOf(start)?.querySelector<HTMLElement>('.group-toggle')?.focus();
  }

  /**
   * New rows while grouping: a row outside any request, or a new request's heading, goes at the end; a
   * row of a request goes after its group's last listed row (at the end, when that group is last).
   */
  private appendGrouped(start: number, groups: RequestGroups): void {
    const list = this.list;
    const tail: number[] = [];
    /** The headings in `tail` (a long history brings many groups at once). */
    const tailHeads = new Set<number>();
    const inserts: number[] = [];
    const touched = new Set<number>();
    let relist = false;
    const lastKey = () => (tail.length ? tail[tail.length - 1] : list.lastKey);
    const listed = (head: number) => list.has(head) || tailHeads.has(head);
    for (let index = start; index < this.rows.length; index++) {
      const placement = groups.add(index, this.rows.view(index));
      const matches = this.matches(index);
      if (matches) this.matched++;
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
    if (relist || inserts.length > 8) {
      list.setKeys(this.listedKeys(), { keepPosition: true });
      return;
    }
    for (const index of inserts) {
      const head = groups.ownerOf(index);
      let row = list.rowOf(head)! + 1;
      while (row < list.size && groups.ownerOf(list.keyAt(row)!) === head) row++;
      list.splice(row, 0, [index]);
    }
    list.append(tail);
    for (const head of touched) list.invalidate(head);
  }

  /** Older rows while grouping: the groups are made again; the rows on screen stay where they are. */
  private prependGrouped(added: number): void {
    const list = this.list;
    const before = new Map(list.renderedKeys().map((key) => [key + added, this.groups!.ownerOf(key) >= 0 ? this.groups!.ownerOf(key) + added : -1]));
    const old = list.keyList.map((key) => key + added);
    this.groups = RequestGroups.of(this.allViews());
    const keys = this.listedKeys();
    const prefix = keys.length - old.length;
    if (prefix < 0 || old.some((key, at) => keys[prefix + at] !== key)) {
      // Rows that were listed moved into a group of the older page: the list is made again.
      const top = list.topKey();
      list.setKeys(keys, { keepPosition: true });
      if (!list.stick && top !== undefined) requestAnimationFrame(() => list.scrollToKey(top + added));
      return;
    }
    list.prepend(keys.slice(0, prefix), added);
    // The rows on screen that joined a group, and every heading (their numbers moved up), are drawn again.
    for (const [key, owner] of before) if (this.groups.ownerOf(key) !== owner || this.groups.isHead(key)) list.invalidate(key);
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
    const head = this.groups?.ownerOf(index) ?? -1;
    if (head >= 0 && head !== index && this.isCollapsed(head)) this.toggleGroup(head);
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

// Where the loaded history starts, above the first row. The host sends the newest events first; older
// pages are asked for as the reader scrolls near the top (a page at a time), or all of them while a
// search or filter is on (it must see the whole history), which the reader can cancel. The bar's
// height never changes, so the rows below do not move.
import { h } from './dom';
import type { OlderHistory } from './protocol';
import { post } from './vscodeApi';

const NOTHING_OLDER: OlderHistory = { hasOlder: false, loading: 'none', loaded: 0 };

export class OlderHistoryBar {
  private readonly text = h('span', { class: 'older-text' });
  private readonly button = h('button', { class: 'link-button', type: 'button', 'data-action': 'load-older' }, 'Load older events');
  readonly element = h('div', { class: 'older detail', role: 'status', 'aria-live': 'polite', hidden: true }, this.text, this.button);
  /** The older part of the history, as the host last said. */
  private older: OlderHistory = NOTHING_OLDER;
  /** A page was asked for and the host has not answered yet. */
  private asked = false;
  /** The reader cancelled loading the whole history for the search or filter as it is now. */
  private wholeHistoryCancelled = false;

  readonly actions = {
    'load-older': () => {
      this.asked = true;
      this.render();
      post({ type: 'loadOlder', all: false });
    },
    'cancel-older': () => {
      this.wholeHistoryCancelled = true;
      post({ type: 'cancelOlder' });
    },
  };

  /** `rowCount`: how many events are loaded; `filtering`: whether a search or filter is on. */
  constructor(
    private readonly rowCount: () => number,
    private readonly filtering: () => boolean,
  ) {}

  /** Older events remain on the server. */
  get hasOlder(): boolean {
    return this.older.hasOlder;
  }

  reset(): void {
    this.older = NOTHING_OLDER;
    this.asked = false;
    this.render();
  }

  /** What the host says of the older history now. */
  set(older: OlderHistory): void {
    this.older = older;
    this.asked = false;
    this.render();
  }

  /** An older page arrived. */
  pageArrived(): void {
    this.asked = false;
  }

  /** A search or filter looks at the whole history: asks for the rest while one is on (unless the reader cancelled it). */
  loadWholeHistoryIfFiltering(changed = false): void {
    if (changed) this.wholeHistoryCancelled = false;
    if (this.wholeHistoryCancelled || !this.filtering()) return;
    this.loadWholeHistory();
  }

  /** Asks for every older page (unless they are on their way already). */
  loadWholeHistory(): void {
    if (!this.older.hasOlder || this.older.loading === 'all') return;
    this.older = { ...this.older, loading: 'all' };
    post({ type: 'loadOlder', all: true });
    this.render();
  }

  /** The host has said what is older since the last reset (until then, hasOlder is a guess). */
  get known(): boolean {
    return this.older !== NOTHING_OLDER;
  }

  /** Older pages are on their way. */
  get loading(): boolean {
    return this.older.loading !== 'none';
  }

  /** Near the top of what is loaded (`nearTop`, checked last: it reads the layout), with more above: asks for the next older page. */
  maybeLoadOlder(nearTop: () => boolean): void {
    const older = this.older;
    if (!older.hasOlder || older.loading !== 'none' || older.error || this.asked || !this.rowCount()) return;
    if (!nearTop()) return;
    this.asked = true;
    post({ type: 'loadOlder', all: false });
    this.render();
  }

  render(): void {
    const older = this.older;
    this.element.hidden = this.rowCount() === 0 && !older.hasOlder;
    const loaded = older.loaded.toLocaleString('en-US');
    let text: string;
    let action: 'load-older' | 'cancel-older' | undefined;
    if (older.loading === 'all') {
      text = `Loading the whole history${this.filtering() ? ' for the search and filter' : ''}: ${loaded} events so far…`;
      action = 'cancel-older';
    } else if (older.loading === 'page' || this.asked) {
      text = 'Loading older events…';
    } else if (older.error) {
      text = `Older events could not be loaded: ${older.error}`;
      action = 'load-older';
    } else if (older.hasOlder) {
      text = this.filtering() ? `Showing matches among the newest ${loaded} events.` : 'Older events: scroll up to load them.';
      action = 'load-older';
    } else {
      text = 'Start of the session.';
    }
    this.text.textContent = text;
    this.element.title = text;
    this.button.hidden = action === undefined;
    this.button.dataset.action = action ?? 'load-older';
    this.button.textContent = action === 'cancel-older' ? 'Cancel' : older.error ? 'Retry' : 'Load older events';
  }
}

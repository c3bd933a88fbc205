// The lanes of a multiagent session: one per thread (the coordinator first), each a bar over the
// session's time showing when the thread worked, waited on the user, sat idle or ended. Choosing a lane
// shows that thread's own transcript (the host follows it live); the coordinator's lane, or Back, shows
// the session's again. The lanes are buttons in one Tab stop (the arrows move between them).
import { clear, codicon, h } from './dom';
import type { LaneState, LanesView, LaneView, ViewedThread } from './protocol';
import { post } from './vscodeApi';

const STATE_LABELS: Record<LaneState, string> = { working: 'working', waiting: 'waiting for you', idle: 'idle', ended: 'ended' };
/** The colours of the states, as the legend's swatches have them (media/history.css). */
const STATE_COLOURS: Record<LaneState, string> = { working: 'var(--tone-info)', waiting: 'var(--tone-warning)', idle: 'var(--muted)', ended: 'var(--tone-error)' };
/** While a lane reaches "now", its bars are drawn again this often. */
const LIVE_REDRAW_MS = 1_000;

export class ThreadLanes {
  private readonly list = h('div', { class: 'lanes-list', role: 'group', 'aria-label': 'Threads: choose one to show its transcript' });
  private readonly banner = h('div', { class: 'thread-banner', hidden: true });
  readonly element = h(
    'section',
    { class: 'lanes', 'aria-label': 'Threads', hidden: true },
    h(
      'div',
      { class: 'lanes-head' },
      h('span', { class: 'lanes-title' }, 'Threads'),
      h('span', { class: 'lanes-legend', 'aria-hidden': 'true' }, ...(['working', 'waiting', 'idle', 'ended'] as const).map((state) => h('span', { class: `legend-item` }, h('span', { class: `lane-swatch state-${state}` }), STATE_LABELS[state]))),
    ),
    this.list,
    this.banner,
  );
  private view: LanesView | undefined;
  private viewed: ViewedThread | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** A redraw waiting for the page to be idle. */
  private idle: number | undefined;

  readonly actions = {
    'open-lane': (button: HTMLElement) => this.choose(button.dataset.thread || null),
    'close-thread': () => this.choose(null),
  };

  constructor() {
    this.list.addEventListener('keydown', (e) => this.onKey(e));
  }

  show(view: LanesView): void {
    const sameRows = this.view !== undefined && this.view.lanes.length === view.lanes.length;
    this.view = view;
    if (!sameRows) {
      // Lanes that appear (or a lane more) change the transcript's height: drawn at once, before its rows.
      this.render();
      return;
    }
    // The same lanes, later: drawn when the page is idle, so a live row is not kept waiting behind them.
    if (this.idle === undefined) this.idle = requestIdleCallback(() => ((this.idle = undefined), this.render()), { timeout: 250 });
  }

  /** Whose transcript is shown, in words, for a multiagent session (undefined for a single agent's). */
  get shownWhose(): string | undefined {
    if (this.viewed) return `The tool calls in the thread of ${this.viewed.name}.`;
    return this.view ? 'The coordinator’s tool calls; a subagent’s are counted when its lane is chosen.' : undefined;
  }

  /** The transcript shown is this thread's (undefined: the session's). */
  viewing(thread: ViewedThread | undefined): void {
    this.viewed = thread;
    clear(this.banner);
    this.banner.hidden = !thread;
    if (thread) {
      this.banner.append(
        codicon('comment-discussion'),
        h('span', { class: 'thread-banner-text' }, `The thread of ${thread.name}: its own events, live. Replies go to the coordinator.`),
        h('button', { class: 'link-button', type: 'button', 'data-action': 'close-thread' }, 'Back to the session'),
      );
    }
    this.render();
  }

  /** Forgets the lanes (the panel shows another session, or starts over). */
  reset(): void {
    this.view = undefined;
    this.viewing(undefined);
  }

  private choose(threadId: string | null): void {
    if ((this.viewed?.id ?? null) === threadId) return;
    post({ type: 'openThread', threadId });
  }

  private render(): void {
    if (this.idle !== undefined) cancelIdleCallback(this.idle);
    this.idle = undefined;
    const view = this.view;
    this.element.hidden = !view;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!view) return;
    const focused = this.list.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.thread : undefined;
    clear(this.list);
    const selected = this.viewed?.id ?? '';
    for (const lane of view.lanes) this.list.append(this.laneButton(lane, view, selected));
    if (focused !== undefined) this.list.querySelector<HTMLElement>(`[data-thread="${CSS.escape(focused)}"]`)?.focus();
    if (view.end === null) this.timer = setInterval(() => this.redrawBars(), LIVE_REDRAW_MS);
  }

  private laneButton(lane: LaneView, view: LanesView, selected: string): HTMLElement {
    const id = lane.threadId ?? '';
    const current = id === selected;
    const track = h('span', { class: 'lane-track', 'aria-hidden': 'true' });
    const button = h(
      'button',
      {
        type: 'button',
        class: `lane state-${lane.state}${current ? ' current' : ''}`,
        'data-action': 'open-lane',
        'data-thread': id,
        'aria-current': current ? 'true' : undefined,
        tabindex: current ? 0 : -1,
        title: lane.threadId ? `Show the thread of ${lane.name}` : 'Show the session’s transcript (the coordinator’s)',
      },
      h('span', { class: 'lane-name' }, lane.name),
      h('span', { class: 'lane-role' }, lane.role),
      h('span', { class: 'lane-state' }, STATE_LABELS[lane.state]),
      track,
      h('span', { class: 'sr-only' }, `; ${lane.summary}`),
    );
    this.drawBars(track, lane, view);
    return button;
  }

  /**
   * The lane's spans as bars placed by their share of the session's time so far: two gradients on the
   * track (the bars, and the thin idle line under them), so a long session's hundreds of spans cost no
   * element each.
   */
  private drawBars(track: HTMLElement, lane: LaneView, view: LanesView): void {
    let end = view.end ?? Date.now();
    for (const span of lane.spans) end = Math.max(end, span.end ?? span.start);
    const total = Math.max(1, end - view.start);
    const bars: string[] = [];
    const idle: string[] = [];
    for (const span of lane.spans) {
      const from = (((span.start - view.start) / total) * 100).toFixed(3);
      const to = ((((span.end ?? end) - view.start) / total) * 100).toFixed(3);
      // At least 2 px, so a short stretch still shows.
      (span.state === 'idle' ? idle : bars).push(`transparent ${from}%, ${STATE_COLOURS[span.state]} ${from}%, ${STATE_COLOURS[span.state]} max(${to}%, ${from}% + 2px), transparent max(${to}%, ${from}% + 2px)`);
    }
    const gradient = (stops: string[]) => (stops.length ? `linear-gradient(to right, ${stops.join(', ')})` : 'none');
    // CSSOM, not a style attribute: the CSP allows no inline styles.
    track.style.backgroundImage = `${gradient(bars)}, ${gradient(idle)}`;
  }

  private redrawBars(): void {
    const view = this.view;
    if (!view) return;
    const tracks = this.list.querySelectorAll<HTMLElement>('.lane-track');
    view.lanes.forEach((lane, index) => {
      const track = tracks[index];
      if (track) this.drawBars(track, lane, view);
    });
  }

  private onKey(e: KeyboardEvent): void {
    const lanes = [...this.list.querySelectorAll<HTMLElement>('.lane')];
    const at = lanes.indexOf(e.target as HTMLElement);
    if (at < 0) return;
    const next = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? lanes.length - 1 : undefined;
    if (next === undefined) return;
    e.preventDefault();
    const target = lanes[Math.max(0, Math.min(lanes.length - 1, next))];
    for (const lane of lanes) lane.tabIndex = lane === target ? 0 : -1;
    target.focus();
  }
}

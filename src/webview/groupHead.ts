// The heading of a model request's group in the transcript (grouping by model request): its number,
// how long it took and its tokens (the end event's line), what it did, and a button that folds or
// unfolds the group. It stands for the request's start event (the row of that event id).
import type { RowView } from './eventView';
import { codicon, h, timeElement } from './dom';

export interface GroupHeadView {
  /** The span.model_request_start row. */
  start: RowView;
  /** The span.model_request_end row, once it came. */
  end?: RowView;
  number: number;
  /** What it did: "thinking, 2 tool calls, message". */
  activity: string;
  /** How many events the group holds, its heading's own included. */
  events: number;
  expanded: boolean;
}

export function renderGroupHead(view: GroupHeadView): HTMLElement {
  const title = `Model request ${view.number}`;
  const failed = view.end?.tone === 'error';
  const detail = view.end ? view.end.detail ?? '' : 'in progress';
  const activity = view.activity || (view.end ? 'no output' : '');
  const toggle = h(
    'button',
    { class: 'group-toggle', type: 'button', 'data-action': 'toggle-group', 'aria-expanded': String(view.expanded), title: view.expanded ? 'Fold this request (Left)' : 'Show its events (Right)' },
    codicon('chevron-right', 'twistie'),
    h('span', { class: 'title' }, title),
  );
  const parts: HTMLElement[] = [toggle];
  if (failed) parts.push(h('span', { class: 'badge tone-error' }, 'failed'));
  if (detail) parts.push(h('span', { class: 'detail', title: detail }, detail));
  if (activity) parts.push(h('span', { class: 'activity' }, activity));
  parts.push(h('span', { class: 'spacer-flex' }), timeElement(view.start.time));
  const spoken = [title, failed ? 'failed' : '', detail].filter(Boolean).join(', ');
  const events = `${view.events} ${view.events === 1 ? 'event' : 'events'}`;
  return h(
    'div',
    {
      class: `row group-row kind-span${failed ? ' tone-error' : ''}`,
      'data-event-id': view.start.id,
      'data-type': view.start.type,
      'data-vscode-context': JSON.stringify({ webviewSection: 'event', eventId: view.start.id }),
      role: 'listitem',
      tabindex: '-1',
      'aria-level': '1',
      'aria-label': `${spoken}${activity ? `: ${activity}` : ''}; ${events}, ${view.expanded ? 'expanded' : 'collapsed'}`,
    },
    h('div', { class: 'head group-head' }, ...parts),
  );
}

/** A row inside a group: indented under its heading, which Left goes back to. */
export function markGroupMember(row: HTMLElement, startId: string): HTMLElement {
  row.classList.add('in-group');
  row.dataset.group = startId;
  row.setAttribute('aria-level', '2');
  return row;
}

// The inspector's Events tab: the raw JSON of the event the user chose (the transcript row that last had
// the focus, by keyboard or click), pretty-printed in a focusable block a screen reader reads line by
// line, with Copy, Open in Editor and Show in Transcript. The host holds the events and sends one event's
// JSON when asked (`inspectEvent`), cut when huge; Copy and Open in Editor take the whole event from it.
import { h } from './dom';
import type { EventJsonView } from './protocol';

/** What the tab knows: no event chosen; chosen and asked for; or the host's answer (null: not held). */
export type EventsTabState = { chosen: undefined } | { chosen: string; answer?: EventJsonView | null };

export function eventsTab(state: EventsTabState): HTMLElement[] {
  if (state.chosen === undefined) return [hint('Move to an event in the transcript (or click it): its raw JSON shows here.')];
  if (state.answer === undefined) return [h('p', { class: 'inspector-loading muted' }, 'Loading the event’s JSON…')];
  if (state.answer === null) return [hint('This event is not loaded in the panel (any more). Choose an event in the transcript again.')];
  const event = state.answer;
  const cut = event.json.length < event.totalChars;
  const parts: (HTMLElement | null)[] = [
    h('div', { class: 'inspector-event-head' }, h('span', { class: 'inspector-name' }, event.eventType || 'event'), ' ', h('code', {}, event.eventId)),
    h(
      'div',
      { class: 'inspector-actions' },
      h('button', { class: 'secondary', type: 'button', 'data-action': 'inspector-copy-json', 'data-event-id': event.eventId, title: 'Copy the whole event’s JSON' }, 'Copy'),
      h('button', { class: 'secondary', type: 'button', 'data-action': 'inspector-open-json', 'data-event-id': event.eventId, title: 'Open the event’s JSON in a read-only editor' }, 'Open in Editor'),
      h('button', { class: 'link-button', type: 'button', 'data-action': 'jump', 'data-target': event.eventId }, 'Show in Transcript'),
    ),
    cut ? h('p', { class: 'inspector-note' }, `Showing the first ${event.json.length.toLocaleString('en-US')} of ${event.totalChars.toLocaleString('en-US')} characters. Open in Editor shows the whole event; Copy copies all of it.`) : null,
    h('pre', { class: 'inspector-pre inspector-json', tabindex: 0, role: 'region', 'aria-label': `JSON of the ${event.eventType || 'event'} event${cut ? ' (its start)' : ''}` }, event.json),
  ];
  return parts.filter((part): part is HTMLElement => part !== null);
}

function hint(text: string): HTMLElement {
  return h('p', { class: 'inspector-empty muted' }, text);
}

// An event's row (its view, as the host sent it) -> DOM for one row of the list. Text goes in with
// textContent; agent Markdown through dom.markdownElement (escaped HTML, allowlisted tags). Buttons
// carry data-action for the one delegated click handler (clicks.ts); no inline handlers (the CSP would
// refuse them anyway).
import { MAX_PAYLOAD_CHARS, iconOf, type PayloadView, type RowView } from './eventView';
import { codicon, h, markdownElement, timeElement } from './dom';

/** Whether each collapsible part is open, by `${eventId}` (body) or `${eventId}#${payloadIndex}`. */
export type OpenState = Map<string, boolean>;

export function renderEvent(view: RowView, open: OpenState): HTMLElement {
  // Rows take focus one at a time (main.ts moves tabindex 0 with the arrow keys); the label is what a
  // screen reader says when a row gets focus.
  const row = h('div', {
    class: `row kind-${view.kind} layout-${view.layout} tone-${view.tone ?? 'default'}`,
    'data-event-id': view.id,
    'data-type': view.type,
    // VS Code's context menu of a row (package.json `webview/context`) gets the event's id; the session's
    // comes from the page (main.ts).
    'data-vscode-context': JSON.stringify({ webviewSection: 'event', eventId: view.id }),
    role: 'listitem',
    tabindex: '-1',
    'aria-label': rowLabel(view),
  });
  switch (view.layout) {
    case 'message':
      row.appendChild(renderMessage(view));
      break;
    case 'card':
      row.appendChild(renderCard(view, open));
      break;
    default:
      row.appendChild(renderLine(view, open));
  }
  return row;
}

/** "Agent message, 14:03:07: Looking into the failing test…" (the start of the text, for messages). */
export function rowLabel(view: RowView): string {
  const parts = [view.title];
  if (view.detail) parts.push(view.detail);
  for (const badge of view.badges ?? []) parts.push(badge.text);
  parts.push(view.time ? spokenTime(view.time) : 'queued');
  const body = (view.text || view.markdown || '')
    .slice(0, 2000)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // Markdown links and images: their text
    .replace(/[*_`~#>|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const label = parts.filter(Boolean).join(', ');
  return body ? `${label}: ${body.length > 300 ? `${body.slice(0, 300)}…` : body}` : label;
}

function spokenTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}

/**
 * A summary that says whether its details are open (kept in sync by main.ts's toggle listener), led by
 * a chevron that history.css turns down while open. It holds no control: a button inside a summary is
 * an interactive element inside another, which screen readers cannot reach reliably.
 */
export function summary(attributes: Record<string, string>, open: boolean, ...children: (HTMLElement | string)[]): HTMLElement {
  return h('summary', { ...attributes, 'aria-expanded': String(open) }, codicon('chevron-right', 'twistie'), ...children);
}

/**
 * A foldable part: its summary with the body under it, and its buttons beside the summary, not in it.
 * The wrapper is a grid (history.css) that puts the buttons on the summary's line; the details element
 * itself lays out as its children, so the body spans the whole width.
 */
function fold(className: string, openKey: string, isOpen: boolean, head: HTMLElement[], actions: HTMLElement[], body: HTMLElement): HTMLElement {
  const details = h('details', { class: 'fold-details', 'data-open-key': openKey });
  details.open = isOpen;
  details.append(summary({ class: className === 'payload' ? 'payload-head' : 'head' }, isOpen, ...head), body);
  const wrapper = h('div', { class: `fold ${className}` }, details);
  if (actions.length) wrapper.appendChild(h('div', { class: 'head-actions' }, ...actions));
  return wrapper;
}

function headLine(view: RowView): HTMLElement[] {
  const parts: HTMLElement[] = [
    codicon(iconOf(view), 'icon'),
    h('span', { class: 'title' }, view.title),
  ];
  if (view.detail) parts.push(h('span', { class: 'detail', title: view.detail }, view.detail));
  for (const badge of view.badges ?? []) parts.push(h('span', { class: `badge tone-${badge.tone}` }, badge.text));
  parts.push(h('span', { class: 'spacer-flex' }));
  parts.push(timeElement(view.time));
  return parts;
}

/** The row's buttons: links to related events ("Tool call ->"), then Copy and JSON. */
function headActions(view: RowView, withCopy: boolean): HTMLElement[] {
  const viewLinks = view.links ?? [];
  const actions: HTMLElement[] = viewLinks.slice(0, 6).map((link) =>
    link.otherSide
      ? h('button', { class: 'link-button', type: 'button', 'data-action': 'open-other-side', 'data-target': link.eventId, title: 'Show this message in the other thread' }, link.label, codicon('arrow-swap'))
      : h('button', { class: 'link-button', type: 'button', 'data-action': 'jump', 'data-target': link.eventId, title: `Go to ${link.label.toLowerCase()}` }, link.label, codicon('arrow-right')),
  );
  if (viewLinks.length > 6) actions.push(h('span', { class: 'detail' }, `+${viewLinks.length - 6}`));
  if (withCopy) {
    actions.push(h('button', { class: 'icon-button', type: 'button', 'data-action': 'copy-event', title: 'Copy to the clipboard', 'aria-label': `Copy ${view.title}` }, 'Copy'));
    actions.push(h('button', { class: 'icon-button', type: 'button', 'data-action': 'open-json', title: 'Open the event as JSON in an editor', 'aria-label': `JSON of ${view.title}` }, 'JSON'));
  }
  return actions;
}

function renderMessage(view: RowView): HTMLElement {
  const head = h('div', { class: 'head' }, ...headLine(view), ...headActions(view, true));
  const body =
    view.markdown !== undefined
      ? markdownElement(view.markdown || '_(empty message)_')
      : h('div', { class: 'text' }, view.text || '(empty)');
  return h('div', { class: 'message' }, head, body);
}

function renderCard(view: RowView, open: OpenState): HTMLElement {
  const body = h('div', { class: 'body' });
  if (view.markdown !== undefined) body.appendChild(markdownElement(view.markdown));
  if (view.text) body.appendChild(h('div', { class: 'text' }, view.text));
  view.payloads?.forEach((payload, index) => body.appendChild(renderPayload(view, payload, index, open)));
  return fold('card', view.id, open.get(view.id) ?? !view.collapsed, headLine(view), headActions(view, true), body);
}

function renderLine(view: RowView, open: OpenState): HTMLElement {
  const hasBody = Boolean(view.text || view.markdown || view.payloads?.length);
  if (!hasBody) return h('div', { class: 'line head' }, ...headLine(view), ...headActions(view, false));
  const body = h('div', { class: 'body' });
  if (view.markdown) body.appendChild(markdownElement(view.markdown));
  if (view.text) body.appendChild(h('div', { class: 'text' }, view.text));
  view.payloads?.forEach((payload, index) => body.appendChild(renderPayload(view, payload, index, open)));
  return fold('line', view.id, open.get(view.id) ?? !view.collapsed, headLine(view), headActions(view, true), body);
}

function renderPayload(view: RowView, payload: PayloadView, index: number, open: OpenState): HTMLElement {
  const key = `${view.id}#${index}`;
  const cut = payload.text.length > MAX_PAYLOAD_CHARS;
  const shown = cut ? `${payload.text.slice(0, MAX_PAYLOAD_CHARS)}\n… ${payload.text.length - MAX_PAYLOAD_CHARS} more characters (Copy gets all of them)` : payload.text;
  return fold(
    'payload',
    key,
    open.get(key) ?? true,
    [h('span', { class: 'payload-label' }, payload.label), h('span', { class: 'detail' }, `${payload.text.length.toLocaleString()} chars`)],
    [h('button', { class: 'icon-button', type: 'button', 'data-action': 'copy-payload', 'data-index': index, title: `Copy the ${payload.label.toLowerCase()} to the clipboard`, 'aria-label': `Copy ${payload.label}` }, 'Copy')],
    h('pre', { class: payload.json ? 'payload-text json' : 'payload-text' }, shown),
  );
}

/** An agent message or thinking block still being written. */
export function renderPreview(eventType: string, text: string): HTMLElement {
  const thinking = eventType === 'agent.thinking';
  const head = h(
    'div',
    { class: 'head' },
    codicon(thinking ? 'thinking' : 'sparkle', 'icon'),
    h('span', { class: 'title' }, thinking ? 'Thinking' : 'Agent'),
    h('span', { class: 'badge tone-info writing' }, 'writing…'),
  );
  const body = thinking ? h('div', { class: 'text muted' }, text) : markdownElement(text || '…');
  return h('div', { class: `row preview kind-${thinking ? 'thinking' : 'agent'} layout-message`, 'data-preview': eventType }, h('div', { class: 'message' }, head, body));
}

// The Session history webview: header, filter bar, windowed transcript with live previews, pending
// tool actions and the reply box. Everything it knows comes from the host over the typed protocol in
// src/webview/protocol.ts; everything it does goes back the same way (it holds no API key).
import { EVENT_KINDS, SESSION_STATUS_ICONS, describeEvent, summarizeInput, type EventKind, type EventView } from './eventView';
import { toJson } from './format';
import { isSafeLink } from './markdown';
import { MAX_COPY_CHARS, MAX_DRAFT_CHARS, MAX_LOG_CHARS, type ConnectionIndicator, type HistoryWebviewState, type HostMessage, type OlderHistory, type PreviewView, type SessionHeader } from './protocol';
import { Transcript, type PendingAction } from '../history/transcript';
import type { SessionEvent } from '../api/resources/sessions/events/types';
import { append, clear, codicon, h, setAllowedImages } from './dom';
import { renderEvent, renderPreview, rowLabel, summary, type OpenState } from './renderEvent';
import { VirtualList } from './virtualList';
import { post, vscode } from './vscodeApi';

// ---- state --------------------------------------------------------------------------------------

const saved: HistoryWebviewState | undefined = vscode.getState();
let state: HistoryWebviewState = { sessionId: saved?.sessionId ?? '', draft: saved?.draft ?? '', hiddenKinds: saved?.hiddenKinds ?? [], search: saved?.search ?? '' };
const transcript = new Transcript();
const views: (EventView | undefined)[] = [];
const open: OpenState = new Map();
let header: SessionHeader | null = null;
let connection: ConnectionIndicator = 'connecting';
let historyComplete = false;
/** The older part of the history, as the host last said; loaded as the reader scrolls up to it. */
let older: OlderHistory = { hasOlder: false, loading: 'none', loaded: 0 };
/** A page was asked for and the host has not answered yet. */
let olderAsked = false;
/** The reader cancelled loading the whole history for the search or filter as it is now. */
let wholeHistoryCancelled = false;
let previews: PreviewView[] = [];
let pendingKey = '';
const requests = new Map<string, (ok: boolean, error?: string) => void>();
let requestCounter = 0;
/** The transcript row that takes Tab focus (a transcript index); undefined: the newest row. */
let activeKey: number | undefined;
/** The row whose tabindex was last set to 0. */
let appliedKey: number | undefined;
/** The event to show once the history is in: where the user was before the panel reloaded (to load an image). */
let revealWhenComplete: string | undefined;

function saveState(patch: Partial<HistoryWebviewState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

function viewOf(index: number): EventView {
  let view = views[index];
  if (!view) {
    view = describeEvent(transcript.events[index], transcript);
    views[index] = view;
  }
  return view;
}

// ---- layout -------------------------------------------------------------------------------------

const app = document.getElementById('app') ?? document.body.appendChild(h('div', { id: 'app' }));
clear(app);
app.removeAttribute('aria-busy');

const titleEl = h('h1', { class: 'session-title' }, 'Session');
// Status and connection are polite live regions: a screen reader hears "idle" when a turn ends and
// "reconnecting…" when the stream drops. Their icons are decoration (aria-hidden).
const statusEl = h('span', { class: 'status status-unknown', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }, '…');
const connectionTextEl = h('span', {}, 'connecting');
const connectionEl = h('span', { class: 'connection connecting' }, codicon('circle-filled', 'connection-dot'), connectionTextEl);
const connectionRegion = h('span', { class: 'connection-region', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }, h('span', { class: 'sr-only' }, 'Connection: '), connectionEl);
const metaEl = h('div', { class: 'meta' });
const interruptButton = button('Interrupt', 'interrupt', 'Stop the running turn (user.interrupt)');
const archiveButton = button('Archive', 'archive', 'Archive this session');
const deleteButton = button('Delete', 'delete', 'Delete this session and its history for good');
const raiseBudgetButton = button('Raise Budget', 'raise-budget', 'Open an update of this session with a higher budget');
raiseBudgetButton.hidden = true;
const refreshButton = button('Refresh', 'refresh', 'Reload the session and its history');
const exportButton = button('Export', 'export', 'Save the transcript as Markdown or JSON');
const headerEl = h(
  'header',
  { class: 'header' },
  h('div', { class: 'title-row' }, titleEl, statusEl, connectionRegion, h('span', { class: 'spacer-flex' }), raiseBudgetButton, interruptButton, archiveButton, deleteButton, refreshButton, exportButton),
  metaEl,
);

const searchInput = h('input', { class: 'search', type: 'search', placeholder: 'Search events', 'aria-label': 'Search events', value: state.search ?? '' });
const countEl = h('span', { class: 'count detail' });
// The kind chips are one toolbar: one Tab stop, Left / Right / Home / End move between the chips,
// Space or Enter toggles one (aria-pressed says whether that kind is shown).
const chipsEl = h('div', { class: 'chips', role: 'toolbar', 'aria-label': 'Show event kinds' });
EVENT_KINDS.forEach(({ kind, label }, index) => {
  chipsEl.appendChild(h('button', { class: 'chip', type: 'button', 'data-action': 'toggle-kind', 'data-kind': kind, 'aria-pressed': String(!state.hiddenKinds?.includes(kind)), title: `Show ${label.toLowerCase()} events`, tabindex: index === 0 ? '0' : '-1' }, label));
});
chipsEl.addEventListener('keydown', (e) => {
  const chips = [...chipsEl.querySelectorAll<HTMLButtonElement>('.chip')];
  const at = chips.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: chips.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  const target = chips[(next + chips.length) % chips.length];
  for (const chip of chips) chip.tabIndex = chip === target ? 0 : -1;
  target.focus();
});
const toolbarEl = h('div', { class: 'toolbar', role: 'region', 'aria-label': 'Filter events' }, chipsEl, h('span', { class: 'spacer-flex' }), searchInput, countEl);
const noticeEl = h('div', { class: 'notice', role: 'alert', hidden: true });

const listEl = h('div', { class: 'list', role: 'list', 'aria-label': 'Session events', 'aria-busy': 'true' });
const emptyEl = h('div', { class: 'empty detail' }, 'Loading history…');
// Above the first row: where the loaded history starts. Its height never changes, so the rows below do not move.
const olderTextEl = h('span', { class: 'older-text' });
const olderButton = h('button', { class: 'link-button', type: 'button', 'data-action': 'load-older' }, 'Load older events');
const olderEl = h('div', { class: 'older detail', role: 'status', 'aria-live': 'polite', hidden: true }, olderTextEl, olderButton);
const previewsEl = h('div', { class: 'previews', 'aria-live': 'off' });
const scroller = h('main', { class: 'scroller', tabindex: '0', 'aria-label': 'Transcript' }, emptyEl, olderEl, listEl, previewsEl);
const jumpButton = h('button', { class: 'jump', type: 'button', 'data-action': 'jump-latest', hidden: true, title: 'Jump to latest (End)' }, 'Jump to latest', codicon('arrow-down'));
// What a screen reader should hear as it happens: a new agent message, a tool call waiting for you.
const announcer = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
const transcriptEl = h('div', { class: 'transcript' }, scroller, jumpButton);

const actionsEl = h('section', { class: 'actions', 'aria-label': 'Waiting for you', hidden: true });

const draftHint = h('span', { id: 'draft-hint', class: 'sr-only' }, 'Enter sends, Shift+Enter starts a new line.');
const draftInput = h('textarea', { class: 'draft', rows: 3, placeholder: 'Reply to the agent… (Enter to send, Shift+Enter for a new line)', 'aria-label': 'Reply', 'aria-describedby': 'draft-hint composer-error' });
draftInput.value = state.draft ?? '';
const sendButton = h('button', { class: 'primary', type: 'button', 'data-action': 'send', 'aria-label': 'Send reply' }, 'Send');
const composerError = h('div', { id: 'composer-error', class: 'composer-error', role: 'alert', hidden: true });
const composerEl = h('footer', { class: 'composer', role: 'region', 'aria-label': 'Reply to the agent' }, h('div', { class: 'composer-row' }, draftInput, sendButton), draftHint, composerError);

append(app, headerEl, toolbarEl, noticeEl, transcriptEl, actionsEl, composerEl, announcer);

function button(label: string, action: string, title: string): HTMLButtonElement {
  return h('button', { class: 'secondary', type: 'button', 'data-action': action, title }, label);
}

const list = new VirtualList(scroller, listEl, {
  render: (index) => withRovingFocus(renderEvent(viewOf(index), open), index),
  estimate: estimateHeight,
});
list.onLayout = () => {
  jumpButton.hidden = list.stick || list.size === 0;
  syncRovingFocus();
  scheduleReport();
  maybeLoadOlder();
};

function estimateHeight(index: number): number {
  const event = transcript.events[index];
  switch (event?.type) {
    case 'agent.message':
    case 'user.message':
    case 'system.message':
    case 'agent.thread_message_received':
    case 'agent.thread_message_sent': {
      const blocks: unknown[] = Array.isArray(event.content) ? event.content : [];
      let length = 0;
      for (const block of blocks) {
        const text = (block as { text?: unknown } | null)?.text;
        length += typeof text === 'string' ? text.length : 40;
      }
      return 56 + Math.ceil(length / 90) * 19;
    }
    case 'agent.tool_use':
    case 'agent.mcp_tool_use':
    case 'agent.custom_tool_use':
    case 'user.define_outcome':
    case 'span.outcome_evaluation_end':
    case 'workflow_run.created':
      return 36;
    default:
      return 28;
  }
}

// ---- keyboard: the transcript is one Tab stop ------------------------------------------------------
// One row at a time has tabindex 0 (and only its buttons, toggles and links are in the Tab order), so Tab
// goes header -> chips -> search -> a row -> waiting tool calls -> reply box. In the list, Up / Down /
// Page Up / Page Down / Home / End move between rows, Enter or Space opens or folds the focused row,
// Escape goes back from a control to its row.

const ROW_CONTROLS = 'button, summary, a[href], input, textarea, select';

function tabbableKey(): number | undefined {
  return activeKey !== undefined && list.has(activeKey) ? activeKey : list.lastKey;
}

function setRowTabbable(row: HTMLElement, tabbable: boolean): void {
  row.tabIndex = tabbable ? 0 : -1;
  for (const control of row.querySelectorAll<HTMLElement>(ROW_CONTROLS)) {
    if (tabbable) control.removeAttribute('tabindex');
    else control.tabIndex = -1;
  }
}

function withRovingFocus(row: HTMLElement, key: number): HTMLElement {
  setRowTabbable(row, key === tabbableKey());
  return row;
}

/** After every layout: the Tab stop row is the active (or newest) one; the scroller only while that row is not rendered. */
function syncRovingFocus(): void {
  const key = tabbableKey();
  if (key !== appliedKey) {
    const previous = appliedKey === undefined ? undefined : list.nodeOf(appliedKey);
    if (previous) setRowTabbable(previous, false);
    appliedKey = key;
    const node = key === undefined ? undefined : list.nodeOf(key);
    if (node) setRowTabbable(node, true);
  }
  const scrollerTabIndex = key !== undefined && list.nodeOf(key) ? -1 : 0;
  if (scroller.tabIndex !== scrollerTabIndex) scroller.tabIndex = scrollerTabIndex;
}

function keyOfRow(element: Element | null): number | undefined {
  const row = element?.closest<HTMLElement>('.row[data-event-id]');
  return row ? transcript.indexOf(row.dataset.eventId ?? '') : undefined;
}

function focusRow(key: number): void {
  activeKey = key;
  if (key === list.lastKey) list.scrollToBottom();
  const node = list.nodeOf(key) ?? list.scrollToKey(key);
  syncRovingFocus();
  if (!node) return;
  node.scrollIntoView({ block: 'nearest' });
  node.focus({ preventScroll: true });
}

listEl.addEventListener('focusin', (e) => {
  const key = keyOfRow(e.target as Element);
  if (key === undefined || key === activeKey) return;
  activeKey = key;
  syncRovingFocus();
});

listEl.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement;
  const row = target.closest<HTMLElement>('.row[data-event-id]');
  const key = keyOfRow(row);
  if (!row || key === undefined || e.altKey || e.ctrlKey || e.metaKey || target.matches('input, textarea, select')) return;
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
    case 'Enter':
    case ' ': {
      const details = target === row ? row.querySelector<HTMLDetailsElement>(':scope > details') : null;
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
  if (next !== undefined) focusRow(next);
});

// Focus that reaches the scroller while rows exist (its Tab stop row scrolled out of the window) goes
// to the first row in view.
scroller.addEventListener('focus', () => {
  if (!list.size) return;
  const top = scroller.getBoundingClientRect().top;
  for (const row of listEl.querySelectorAll<HTMLElement>('.row[data-event-id]')) {
    if (row.getBoundingClientRect().bottom > top) {
      const key = keyOfRow(row);
      if (key !== undefined) focusRow(key);
      return;
    }
  }
});

let announceTimer = 0;
/** Says `text` through the polite live region (cleared first, so the same text is said again). */
function announce(text: string): void {
  clearTimeout(announceTimer);
  announcer.textContent = '';
  announceTimer = window.setTimeout(() => (announcer.textContent = text.length > 400 ? `${text.slice(0, 400)}…` : text), 100);
}

// ---- filtering ----------------------------------------------------------------------------------

function filtering(): boolean {
  return Boolean(state.hiddenKinds?.length || state.search?.trim());
}

function matches(index: number): boolean {
  if (!filtering()) return true;
  const view = viewOf(index);
  if (state.hiddenKinds?.includes(view.kind)) return false;
  const query = state.search?.trim().toLowerCase();
  return !query || view.searchText.includes(query);
}

function rebuildList(): void {
  const wasAtBottom = list.stick;
  const top = list.topKey();
  const keys: number[] = [];
  for (let i = 0; i < transcript.length; i++) if (matches(i)) keys.push(i);
  list.setKeys(keys, { keepPosition: true });
  // Stay where the reader was: at the bottom, or at the first remaining row from the old top on.
  if (wasAtBottom || top === undefined) list.scrollToBottom();
  else {
    const next = keys.find((key) => key >= top);
    if (next === undefined) list.scrollToBottom();
    else requestAnimationFrame(() => list.scrollToKey(next));
  }
  updateCount();
}

function updateCount(): void {
  const more = older.hasOlder ? '+' : '';
  countEl.textContent = filtering() ? `${list.size} of ${transcript.length}${more}` : `${transcript.length}${more} events`;
  emptyEl.hidden = transcript.length > 0 || previews.length > 0;
  if (!emptyEl.hidden) emptyEl.textContent = historyComplete ? 'No events yet. Send a message to start.' : 'Loading history…';
}

let searchTimer = 0;
searchInput.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => {
    saveState({ search: searchInput.value });
    rebuildList();
    loadWholeHistoryIfFiltering(true);
  }, 150);
});

// ---- older history --------------------------------------------------------------------------------
// The host sends the newest events first. Older pages come as the reader scrolls near the top (a page
// at a time), or all of them while a search or filter is on (it must see the whole history); the
// reader can cancel that.

/** A search or filter looks at the whole history: ask for the rest while one is on (unless the reader cancelled it). */
function loadWholeHistoryIfFiltering(changed = false): void {
  if (changed) wholeHistoryCancelled = false;
  if (wholeHistoryCancelled || !filtering() || !older.hasOlder || older.loading === 'all') return;
  older = { ...older, loading: 'all' };
  post({ type: 'loadOlder', all: true });
  renderOlder();
}

/** Near the top of what is loaded, with more above: ask for the next older page. Called after each layout, when positions are known. */
function maybeLoadOlder(): void {
  if (!older.hasOlder || older.loading !== 'none' || older.error || olderAsked || !transcript.length) return;
  if (scroller.scrollTop - listEl.offsetTop > Math.max(scroller.clientHeight, 400)) return;
  olderAsked = true;
  post({ type: 'loadOlder', all: false });
  renderOlder();
}

function renderOlder(): void {
  olderEl.hidden = transcript.length === 0 && !older.hasOlder;
  const loaded = older.loaded.toLocaleString('en-US');
  let text: string;
  let action: 'load-older' | 'cancel-older' | undefined;
  if (older.loading === 'all') {
    text = `Loading the whole history${filtering() ? ' for the search and filter' : ''}: ${loaded} events so far…`;
    action = 'cancel-older';
  } else if (older.loading === 'page' || olderAsked) {
    text = 'Loading older events…';
  } else if (older.error) {
    text = `Older events could not be loaded: ${older.error}`;
    action = 'load-older';
  } else if (older.hasOlder) {
    text = filtering() ? `Showing matches among the newest ${loaded} events.` : 'Older events: scroll up to load them.';
    action = 'load-older';
  } else {
    text = 'Start of the session.';
  }
  olderTextEl.textContent = text;
  olderEl.title = text;
  olderButton.hidden = action === undefined;
  olderButton.dataset.action = action ?? 'load-older';
  olderButton.textContent = action === 'cancel-older' ? 'Cancel' : older.error ? 'Retry' : 'Load older events';
  updateCount();
}

/** An older page arrived: its events go before all others, and the screen stays where it was. */
function prependEvents(events: SessionEvent[]): void {
  const before = list.renderedKeys().map((key) => [key, views[key]] as const);
  const added = transcript.prepend(events);
  if (!added) return;
  // Views may change when an event they point at arrives (a result's tool call): rebuilt on demand.
  views.length = 0;
  if (activeKey !== undefined) activeKey += added;
  if (appliedKey !== undefined) appliedKey += added;
  const keys: number[] = [];
  for (let i = 0; i < added; i++) if (matches(i)) keys.push(i);
  list.prepend(keys, added);
  for (const [oldKey, view] of before) {
    const key = oldKey + added;
    if (!view || JSON.stringify(viewOf(key)) !== JSON.stringify(view)) list.invalidate(key);
  }
  renderActions();
  updateCount();
}

// ---- host messages ------------------------------------------------------------------------------

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const message = e.data;
  if (!message || typeof message !== 'object') return;
  try {
    handle(message);
  } catch (error) {
    logToHost('error', `handling ${String(message.type)}: ${String(error instanceof Error ? error.stack : error)}`);
  }
});

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'init':
      setAllowedImages(message.images);
      revealWhenComplete = message.reveal;
      transcript.clear();
      views.length = 0;
      historyComplete = false;
      older = { hasOlder: false, loading: 'none', loaded: 0 };
      olderAsked = false;
      renderOlder();
      listEl.setAttribute('aria-busy', 'true');
      activeKey = undefined;
      previews = [];
      renderPreviews();
      saveState({ sessionId: message.sessionId });
      if (!draftInput.value && message.draft) {
        draftInput.value = message.draft;
        saveState({ draft: message.draft });
      }
      if (message.header) setHeader(message.header);
      else titleEl.textContent = message.sessionId;
      list.setKeys([]);
      renderActions();
      updateCount();
      return;
    case 'header':
      setHeader(message.header);
      return;
    case 'events':
      addEvents(message.events, historyComplete);
      if (message.historyComplete) {
        historyComplete = true;
        listEl.setAttribute('aria-busy', 'false');
        if (revealWhenComplete) {
          jumpTo(revealWhenComplete);
          revealWhenComplete = undefined;
        }
      }
      renderOlder();
      return;
    case 'older':
      olderAsked = false;
      prependEvents(message.events);
      return;
    case 'history':
      older = message.history;
      olderAsked = false;
      renderOlder();
      loadWholeHistoryIfFiltering();
      // Near the top (or the loaded events do not fill the screen): the next layout asks for more.
      list.schedule();
      return;
    case 'previews':
      previews = message.previews;
      renderPreviews();
      return;
    case 'connection':
      setConnection(message.state, message.detail, message.retryInMs);
      return;
    case 'result': {
      const callback = requests.get(message.requestId);
      requests.delete(message.requestId);
      callback?.(message.ok, message.error);
      return;
    }
    case 'notice':
      showNotice(message.text, message.level);
      return;
  }
}

function addEvents(events: SessionEvent[], live = false): void {
  const added: number[] = [];
  const spoken: string[] = [];
  for (const event of events) {
    const preview = previews.find((p) => p.id === event.id);
    if (preview) {
      transcript.rememberPreview(event.id, preview.text);
      previews = previews.filter((p) => p !== preview);
    }
    const result = transcript.upsert(event);
    views[result.index] = undefined;
    if (result.added) {
      if (matches(result.index)) added.push(result.index);
      if (live && event.type === 'agent.message') spoken.push(rowLabel(viewOf(result.index)));
    } else {
      list.invalidate(result.index);
    }
    for (const index of result.affected) {
      views[index] = undefined;
      list.invalidate(index);
    }
  }
  list.append(added);
  renderPreviews();
  const waiting = renderActions(); // cheap when nothing changed: it compares the pending ids first
  // One announcement: the newest agent message, then what the agent waits for.
  const text = [spoken[spoken.length - 1], waiting].filter(Boolean).join(' ');
  if (text) announce(text);
}

function setHeader(next: SessionHeader): void {
  header = next;
  titleEl.textContent = next.title;
  titleEl.title = next.id;
  const stoppedByBudget = next.budgetReached && next.status === 'idle' && !next.archived;
  const words = next.archived ? `${next.status} · archived` : stoppedByBudget ? `${next.status} · budget reached` : next.status;
  if (statusEl.dataset.words !== words) {
    statusEl.dataset.words = words;
    clear(statusEl);
    append(statusEl, codicon(SESSION_STATUS_ICONS[next.status]), ` ${words}`);
    statusEl.title = `Session status: ${words.replace(' · ', ', ')}`;
  }
  statusEl.className = `status status-${next.status}${next.archived ? ' archived' : ''}${stoppedByBudget ? ' budget-reached' : ''}`;
  clear(metaEl);
  const items: [string, string][] = [
    ['Agent', next.agentName ? `${next.agentName}${next.agentVersion !== null ? ` v${next.agentVersion}` : ''}` : ''],
    ['Model', next.model],
    ['Environment', next.environment],
    ['Tokens', next.tokens],
    ['Cost', next.cost],
    ['Active', next.activeTime],
    ['Budget', next.budget],
  ];
  for (const [label, value] of items) {
    if (value) metaEl.appendChild(h('span', { class: 'meta-item' }, h('span', { class: 'meta-label' }, `${label} `), value));
  }
  interruptButton.disabled = !(next.status === 'running' || next.status === 'rescheduling');
  archiveButton.disabled = next.archived;
  raiseBudgetButton.hidden = !stoppedByBudget;
  const closed = next.archived || next.status === 'terminated';
  draftInput.disabled = closed;
  sendButton.disabled = closed;
  draftInput.placeholder = closed
    ? `This session is ${next.archived ? 'archived' : 'terminated'}; it cannot take new messages.`
    : 'Reply to the agent… (Enter to send, Shift+Enter for a new line)';
}

function setConnection(next: ConnectionIndicator, detail?: string, retryInMs?: number): void {
  connection = next;
  const labels: Record<ConnectionIndicator, string> = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', offline: 'offline' };
  connectionTextEl.textContent = labels[next];
  connectionEl.className = `connection ${next}`;
  connectionEl.title = [detail, retryInMs !== undefined ? `retrying in ${Math.round(retryInMs / 100) / 10}s` : ''].filter(Boolean).join(' · ') || labels[next];
  if (next === 'offline' && detail) showNotice(`Not following the session: ${detail}`, 'error');
  else if (next === 'live' && noticeEl.dataset.source === 'connection') hideNotice();
  if (next === 'offline') noticeEl.dataset.source = 'connection';
}

function showNotice(text: string, level: 'info' | 'error'): void {
  noticeEl.textContent = text;
  noticeEl.className = `notice ${level}`;
  noticeEl.hidden = false;
  delete noticeEl.dataset.source;
  noticeEl.appendChild(h('button', { class: 'icon-button', type: 'button', 'data-action': 'dismiss-notice', 'aria-label': 'Dismiss', title: 'Dismiss' }, codicon('close')));
}

function hideNotice(): void {
  noticeEl.hidden = true;
  clear(noticeEl);
}

// ---- previews -----------------------------------------------------------------------------------

function renderPreviews(): void {
  clear(previewsEl);
  for (const preview of previews) previewsEl.appendChild(renderPreview(preview.eventType, preview.text));
  updateCount();
  list.schedule();
}

// ---- pending actions ----------------------------------------------------------------------------

const actionInputs = new Map<string, { reason?: string; result?: string; isError?: boolean }>();

/** Shows the tool calls the session waits on; returns what to announce when they changed during the live stream. */
function renderActions(): string | undefined {
  const actions = transcript.pendingActions();
  const key = actions.map((a) => a.eventId).join(',');
  if (key === pendingKey) return undefined;
  pendingKey = key;
  clear(actionsEl);
  actionsEl.hidden = actions.length === 0;
  if (!actions.length) return undefined;
  actionsEl.appendChild(h('div', { class: 'actions-title' }, actions.length === 1 ? 'The agent is waiting for you' : `The agent is waiting for you (${actions.length} tool calls)`));
  for (const action of actions) actionsEl.appendChild(renderAction(action));
  scheduleReport();
  const first = actions[0];
  return historyComplete ? `The agent is waiting for you: ${ACTION_PROMPTS[first.kind](first.name)}.` : undefined;
}

/** What the announcer says the agent waits for. */
const ACTION_PROMPTS: Record<PendingAction['kind'], (name: string) => string> = {
  confirm: (name) => `allow or deny ${name}`,
  custom: (name) => `a result for ${name}`,
  client: (name) => `run ${name} on your runner and send its output`,
};

const ACTION_LABELS: Record<PendingAction['kind'], string> = {
  confirm: 'Tool call waiting for approval',
  custom: 'Custom tool waiting for a result',
  client: 'Tool call waiting for its output from your runner',
};

function renderAction(action: PendingAction): HTMLElement {
  const saved = actionInputs.get(action.eventId) ?? {};
  actionInputs.set(action.eventId, saved);
  const error = h('div', { class: 'action-error', role: 'alert', hidden: true });
  const head = h(
    'div',
    { class: 'action-head' },
    codicon('tools', 'icon'),
    h('span', { class: 'title' }, action.name),
    h('span', { class: 'detail' }, summarizeInput(action.input)),
    h('button', { class: 'link-button', type: 'button', 'data-action': 'jump', 'data-target': action.eventId, 'aria-label': `Show the call of ${action.name} in the transcript` }, 'Show call', codicon('arrow-right')),
  );
  const input = h('details', { class: 'payload' }, summary({ class: 'payload-head', 'aria-label': `Input of ${action.name}` }, false, 'Input'), h('pre', { class: 'payload-text json' }, toJson(action.input ?? {})));
  const item = h('div', { class: 'action', 'data-action-id': action.eventId, 'data-kind': action.kind, role: 'group', 'aria-label': `${ACTION_LABELS[action.kind]}: ${action.name}` }, head, input);
  if (action.kind === 'confirm') {
    const reason = h('input', { class: 'deny-reason', type: 'text', placeholder: 'Reason for denying (optional)', 'aria-label': 'Reason for denying', value: saved.reason ?? '' });
    reason.addEventListener('input', () => (saved.reason = reason.value));
    const allow = h('button', { class: 'primary', type: 'button', 'data-action': 'allow', 'data-target': action.eventId, 'aria-label': `Allow ${action.name}` }, 'Allow');
    const deny = h('button', { class: 'secondary', type: 'button', 'data-action': 'deny', 'data-target': action.eventId, 'aria-label': `Deny ${action.name}` }, 'Deny');
    item.appendChild(h('div', { class: 'action-row' }, allow, deny, reason));
  } else {
    if (action.kind === 'client') item.appendChild(h('div', { class: 'action-hint' }, 'This environment is self-hosted: run the call on your runner, then send what it printed.'));
    const placeholder = action.kind === 'client' ? `Output of ${action.name} on your runner (text the agent receives)` : `Result of ${action.name} (text the agent receives)`;
    const result = h('textarea', { class: 'custom-result', rows: 3, placeholder, 'aria-label': `Result of ${action.name}` });
    result.value = saved.result ?? '';
    result.addEventListener('input', () => (saved.result = result.value));
    const isError = h('input', { type: 'checkbox', class: 'custom-is-error' });
    isError.checked = saved.isError ?? false;
    isError.addEventListener('change', () => (saved.isError = isError.checked));
    const submit = h('button', { class: 'primary', type: 'button', 'data-action': 'tool-result', 'data-tool': action.kind, 'data-target': action.eventId, 'aria-label': `Send the result of ${action.name}` }, 'Send result');
    item.append(result, h('div', { class: 'action-row' }, submit, h('label', { class: 'checkbox' }, isError, ' Report as an error')));
  }
  item.appendChild(error);
  return item;
}

// ---- requests -----------------------------------------------------------------------------------

function request(build: (requestId: string) => Parameters<typeof post>[0], done: (ok: boolean, error?: string) => void): void {
  const requestId = `r${++requestCounter}`;
  requests.set(requestId, done);
  post(build(requestId));
}

let sending = false;

function sendDraft(): void {
  const text = draftInput.value;
  if (sending || !text.trim() || draftInput.disabled) return;
  sending = true;
  sendButton.disabled = true;
  composerError.hidden = true;
  request(
    (requestId) => ({ type: 'send', requestId, text }),
    (ok, error) => {
      sending = false;
      sendButton.disabled = draftInput.disabled;
      if (ok) {
        // Only clear what was sent: the user may have kept typing.
        if (draftInput.value === text) draftInput.value = '';
        saveState({ draft: draftInput.value });
        list.scrollToBottom();
      } else {
        composerError.textContent = `Not sent: ${error ?? 'unknown error'}. Your message is still here.`;
        composerError.hidden = false;
      }
    },
  );
}

let draftTimer = 0;
draftInput.addEventListener('input', () => {
  saveState({ draft: draftInput.value });
  clearTimeout(draftTimer);
  // A draft beyond the bound stays in the webview's own state only.
  draftTimer = window.setTimeout(() => draftInput.value.length <= MAX_DRAFT_CHARS && post({ type: 'draft', text: draftInput.value }), 300);
});
draftInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    sendDraft();
  }
});

function actionElement(target: string): HTMLElement | null {
  return actionsEl.querySelector<HTMLElement>(`[data-action-id="${CSS.escape(target)}"]`);
}

function actionRequest(target: string, build: (requestId: string) => Parameters<typeof post>[0]): void {
  const item = actionElement(target);
  const buttons = item ? [...item.querySelectorAll('button')] : [];
  for (const b of buttons) b.disabled = true;
  const errorEl = item?.querySelector<HTMLElement>('.action-error');
  if (errorEl) errorEl.hidden = true;
  request(build, (ok, error) => {
    for (const b of buttons) b.disabled = false;
    if (ok) {
      actionInputs.delete(target);
      return; // the answer event arrives and removes the action
    }
    if (errorEl) {
      errorEl.textContent = `Failed: ${error ?? 'unknown error'}`;
      errorEl.hidden = false;
    }
  });
}

// ---- clicks -------------------------------------------------------------------------------------

document.addEventListener('click', (e) => {
  const target = e.target as HTMLElement | null;
  const anchor = target?.closest('a');
  if (anchor) {
    e.preventDefault();
    const href = anchor.getAttribute('href') ?? '';
    if (href && isSafeLink(href)) post({ type: 'openLink', url: href });
    return;
  }
  const actionEl = target?.closest<HTMLElement>('[data-action]');
  if (!actionEl) return;
  if (actionEl.closest('summary')) e.preventDefault(); // a button in a summary must not toggle it
  const row = actionEl.closest<HTMLElement>('[data-event-id]');
  const eventIndex = row ? transcript.indexOf(row.dataset.eventId ?? '') : undefined;
  switch (actionEl.dataset.action) {
    case 'send':
      sendDraft();
      return;
    case 'interrupt':
      interruptButton.disabled = true;
      request((requestId) => ({ type: 'interrupt', requestId }), (ok, error) => {
        if (!ok) showNotice(`Interrupt failed: ${error}`, 'error');
        if (header) interruptButton.disabled = !(header.status === 'running' || header.status === 'rescheduling');
      });
      return;
    case 'archive':
      request((requestId) => ({ type: 'archive', requestId }), (ok, error) => {
        if (!ok && error !== 'cancelled') showNotice(`Archive failed: ${error}`, 'error');
      });
      return;
    case 'delete':
      request((requestId) => ({ type: 'delete', requestId }), (ok, error) => {
        if (!ok && error !== 'cancelled') showNotice(`Delete failed: ${error}`, 'error');
      });
      return;
    case 'raise-budget':
      post({ type: 'raiseBudget' });
      return;
    case 'refresh':
      post({ type: 'refresh' });
      return;
    case 'export':
      post({ type: 'export' });
      return;
    case 'dismiss-notice':
      hideNotice();
      return;
    case 'load-older':
      olderAsked = true;
      renderOlder();
      post({ type: 'loadOlder', all: false });
      return;
    case 'cancel-older':
      wholeHistoryCancelled = true;
      post({ type: 'cancelOlder' });
      return;
    case 'jump-latest':
      list.scrollToBottom();
      return;
    case 'toggle-kind': {
      const kind = actionEl.dataset.kind as EventKind;
      const hidden = new Set(state.hiddenKinds ?? []);
      if (hidden.has(kind)) hidden.delete(kind);
      else hidden.add(kind);
      actionEl.setAttribute('aria-pressed', String(!hidden.has(kind)));
      saveState({ hiddenKinds: [...hidden] });
      rebuildList();
      loadWholeHistoryIfFiltering(true);
      return;
    }
    case 'jump':
      jumpTo(actionEl.dataset.target ?? '');
      return;
    case 'copy-event':
      if (eventIndex !== undefined) copy(viewOf(eventIndex).copyText, actionEl);
      return;
    case 'copy-payload': {
      const payload = eventIndex !== undefined ? viewOf(eventIndex).payloads[Number(actionEl.dataset.index)] : undefined;
      if (payload) copy(payload.text, actionEl);
      return;
    }
    case 'copy-code': {
      const code = actionEl.closest('pre')?.querySelector('code');
      if (code) copy(code.textContent ?? '', actionEl);
      return;
    }
    case 'load-image':
      post({ type: 'loadImage', url: actionEl.dataset.src ?? '', ...(row?.dataset.eventId ? { reveal: row.dataset.eventId } : {}) });
      return;
    case 'load-images-from':
      post({ type: 'loadImagesFrom', origin: actionEl.dataset.origin ?? '', ...(row?.dataset.eventId ? { reveal: row.dataset.eventId } : {}) });
      return;
    case 'allow':
    case 'deny': {
      const toolUseId = actionEl.dataset.target ?? '';
      const result = actionEl.dataset.action;
      const denyMessage = result === 'deny' ? (actionInputs.get(toolUseId)?.reason ?? '') : undefined;
      actionRequest(toolUseId, (requestId) => ({ type: 'confirm', requestId, toolUseId, result, ...(denyMessage ? { denyMessage } : {}) }));
      return;
    }
    case 'tool-result': {
      const toolUseId = actionEl.dataset.target ?? '';
      const tool = actionEl.dataset.tool === 'client' ? 'client' : 'custom';
      const saved = actionInputs.get(toolUseId) ?? {};
      actionRequest(toolUseId, (requestId) => ({ type: 'toolResult', requestId, tool, toolUseId, text: saved.result ?? '', isError: Boolean(saved.isError) }));
      return;
    }
  }
});

document.addEventListener(
  'toggle',
  (e) => {
    const details = e.target as HTMLElement;
    if (!(details instanceof HTMLDetailsElement)) return;
    details.querySelector(':scope > summary')?.setAttribute('aria-expanded', String(details.open));
    if (details.dataset.openKey) open.set(details.dataset.openKey, details.open);
  },
  true,
);

document.addEventListener('keydown', (e) => {
  if (e.key === 'End' && (e.target === scroller || e.target === document.body)) {
    e.preventDefault();
    list.scrollToBottom();
  }
  if ((e.ctrlKey || e.metaKey) && e.key === 'f') {
    e.preventDefault();
    searchInput.focus();
    searchInput.select();
  }
});

function jumpTo(eventId: string): void {
  const index = transcript.indexOf(eventId);
  if (index === undefined) return showNotice('That event is not in the transcript.', 'info');
  if (!list.has(index)) {
    // Hidden by the filter: show everything again.
    saveState({ hiddenKinds: [], search: '' });
    searchInput.value = '';
    for (const chip of chipsEl.querySelectorAll('[data-kind]')) chip.setAttribute('aria-pressed', 'true');
    rebuildList();
  }
  requestAnimationFrame(() => {
    const node = list.scrollToKey(index);
    if (node) {
      node.classList.add('highlight');
      setTimeout(() => node.classList.remove('highlight'), 1600);
      activeKey = index;
      syncRovingFocus();
      node.focus({ preventScroll: true });
    }
  });
}

function copy(text: string, button: HTMLElement): void {
  if (text.length > MAX_COPY_CHARS) return showNotice(`This is too large to copy (${Math.round(text.length / 1024 / 1024)} MB). Export the transcript instead.`, 'info');
  post({ type: 'copy', text });
  flash(button);
}

/** Tells the host's log; a long message is shortened to what the host takes. */
function logToHost(level: 'info' | 'error', message: string): void {
  post({ type: 'log', level, message: message.length > MAX_LOG_CHARS ? `${message.slice(0, MAX_LOG_CHARS - 1)}…` : message });
}

function flash(element: HTMLElement): void {
  element.classList.add('done');
  setTimeout(() => element.classList.remove('done'), 900);
}

// ---- reporting ----------------------------------------------------------------------------------

let reportTimer = 0;
function scheduleReport(): void {
  if (reportTimer) return;
  reportTimer = window.setTimeout(() => {
    reportTimer = 0;
    post({
      type: 'rendered',
      eventCount: transcript.length,
      domRows: list.renderedCount,
      lastEventId: transcript.events[transcript.length - 1]?.id ?? null,
      previews: previews.length,
      pendingActions: transcript.pendingActions().length,
    });
  }, 150);
}

window.addEventListener('error', (e) => logToHost('error', `${e.message} at ${e.filename}:${e.lineno}`));
window.addEventListener('unhandledrejection', (e) => logToHost('error', `unhandled rejection: ${String(e.reason)}`));

void connection;
post({ type: 'ready', state });

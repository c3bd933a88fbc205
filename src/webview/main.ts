// The Session history webview: the parts of the page (header, filter bar, message line, transcript,
// waiting tool calls, reply box, announcer) put together, and the host's messages handed to them.
// Everything it shows comes from the host over the typed protocol in src/webview/protocol.ts, ready to
// draw (the host describes the events); everything it does goes back the same way (it holds no API key).
import { Announcer } from './announcer';
import { handleClicks } from './clicks';
import { Composer } from './composer';
import { clear, h, setAllowedImages } from './dom';
import { FilterBar } from './filterBar';
import { HeaderBar } from './headerBar';
import { Inspector } from './inspector';
import { ThreadLanes } from './lanes';
import { Notice } from './notice';
import { OlderHistoryBar } from './olderHistory';
import type { HostMessage, SessionHeader, ViewedThread } from './protocol';
import { rowLabel } from './renderEvent';
import { answered } from './requests';
import { TranscriptList } from './transcriptList';
import { logToHost, post } from './vscodeApi';
import { WaitingCalls } from './waitingCalls';
import { saveState, webviewState } from './webviewState';

// ---- the parts ----------------------------------------------------------------------------------

const notice = new Notice();
const header = new HeaderBar(notice);
const inspector = new Inspector((open) => header.setInspectorOpen(open));
header.setInspectorOpen(inspector.open);
const filter = new FilterBar(() => {
  transcript.rebuild();
  showCounts();
  older.loadWholeHistoryIfFiltering(true);
});
const older: OlderHistoryBar = new OlderHistoryBar(
  () => transcript.rows.length,
  () => filter.filtering(),
);
const transcript: TranscriptList = new TranscriptList(filter, notice, older.element, () => older.maybeLoadOlder(() => transcript.nearTop()));
const waiting = new WaitingCalls();
const composer = new Composer(() => transcript.list.scrollToBottom());
const announcer = new Announcer();
const lanes = new ThreadLanes();

/** The newest events and the live stream are joined: what arrives now happens live. */
let historyComplete = false;
/** The event to show once the history is in: where the user was before the panel reloaded (to load an image), or a link's. */
let revealWhenComplete: string | undefined;
/** An event to show that is further back than the history loaded: shown when an older page brings it. */
let revealWhenLoaded: string | undefined;

const app = document.getElementById('app') ?? document.body.appendChild(h('div', { id: 'app' }));
clear(app);
app.removeAttribute('aria-busy');
app.append(header.element, inspector.element, lanes.element, filter.element, notice.element, transcript.element, waiting.element, composer.element, announcer.element);

// The inspector's Events tab follows the transcript row that has the focus (from the keyboard or a click).
transcript.element.addEventListener('focusin', (e) => {
  const eventId = (e.target as Element).closest<HTMLElement>('.row[data-event-id]')?.dataset.eventId;
  if (eventId) inspector.followEvent(eventId);
});

handleClicks({ ...header.actions, 'toggle-inspector': () => inspector.toggle(), ...inspector.actions, ...lanes.actions, 'open-other-side': (link) => post({ type: 'openCounterpart', eventId: link.dataset.target ?? '' }), ...filter.actions, ...notice.actions, ...older.actions, ...transcript.actions, ...waiting.actions, ...composer.actions });

// Every summary says whether its details are open; the transcript keeps its rows' parts as the reader left them.
document.addEventListener(
  'toggle',
  (e) => {
    const details = e.target as HTMLElement;
    if (!(details instanceof HTMLDetailsElement)) return;
    details.querySelector(':scope > summary')?.setAttribute('aria-expanded', String(details.open));
    transcript.rememberOpen(details);
  },
  true,
);

document.addEventListener('keydown', (e) => {
  if (e.key === 'End' && transcript.isEndTarget(e.target)) {
    e.preventDefault();
    transcript.list.scrollToBottom();
  }
  if ((e.ctrlKey || e.metaKey) && e.key === 'f') {
    e.preventDefault();
    filter.focusSearch();
  }
});

function showCounts(): void {
  filter.setCount(transcript.shownCount, transcript.rows.length, older.hasOlder);
  transcript.showEmpty(historyComplete);
}

function showHeader(next: SessionHeader): void {
  header.show(next);
  composer.setClosed(next.archived ? 'archived' : next.status === 'terminated' ? 'terminated' : undefined);
}

// ---- host messages ------------------------------------------------------------------------------

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'init':
      setAllowedImages(message.images);
      // VS Code's context menu of a row gets the session's id from here (the row adds its event's).
      app.dataset.vscodeContext = JSON.stringify({ sessionId: message.sessionId });
      lanes.reset();
      startTranscript(message);
      saveState({ sessionId: message.sessionId });
      composer.restore(message.draft);
      if (message.header) showHeader(message.header);
      else header.showSessionId(message.sessionId);
      waiting.show([]);
      inspector.sessionStarted();
      showCounts();
      return;
    case 'header':
      showHeader(message.header);
      return;
    case 'transcript':
      startTranscript(message);
      waiting.show([]);
      showCounts();
      return;
    case 'lanes':
      lanes.show(message.lanes);
      inspector.setToolsScope(lanes.shownWhose);
      return;
    case 'console':
      header.setConsoleAvailable(message.available);
      return;
    case 'rubricFile':
      composer.rubricFileChosen(message);
      return;
    case 'patch':
      applyPatch(message);
      return;
    case 'history':
      older.set(message.history);
      inspector.setOlderRemain(message.history.hasOlder);
      showCounts();
      if (revealWhenLoaded) revealEvent(revealWhenLoaded);
      older.loadWholeHistoryIfFiltering();
      // Near the top (or the loaded events do not fill the screen): the next layout asks for more.
      transcript.list.schedule();
      return;
    case 'connection':
      header.setConnection(message.state, message.detail, message.retryInMs);
      return;
    case 'tools':
      inspector.showTools(message.tools);
      return;
    case 'result':
      answered(message);
      return;
    case 'notice':
      notice.show(message.text, message.level);
      return;
    case 'attached':
      composer.attached(message.paths);
      return;
    case 'inspector':
      inspector.show(message.inspector);
      return;
    case 'eventJson':
      inspector.showEvent(message.eventId, message.event);
      return;
    case 'reveal':
      if (historyComplete) revealEvent(message.eventId);
      else revealWhenComplete = message.eventId;
      return;
  }
}

/** Forgets the rows shown: the session's or a thread's transcript comes next, from the start. */
function startTranscript(next: { reveal?: string; thread?: ViewedThread }): void {
  revealWhenComplete = next.reveal;
  revealWhenLoaded = undefined;
  historyComplete = false;
  transcript.reset();
  older.reset();
  lanes.viewing(next.thread);
  inspector.setToolsScope(lanes.shownWhose);
}

/**
 * Shows an event: at once when it is loaded; else loads the older history until a page brings it, or
 * says it is not there once the whole history is in.
 */
function revealEvent(eventId: string): void {
  revealWhenLoaded = undefined;
  if (transcript.rows.indexOf(eventId) !== undefined) return transcript.jumpTo(eventId);
  if (!older.known || older.hasOlder) {
    revealWhenLoaded = eventId;
    older.loadWholeHistory();
    return;
  }
  if (older.loading) {
    revealWhenLoaded = eventId;
    return;
  }
  transcript.jumpTo(eventId); // says the event is not in the transcript
}

function applyPatch(patch: Extract<HostMessage, { type: 'patch' }>): void {
  // Only what arrives after the history is in is said aloud.
  const live = historyComplete;
  if (patch.prepend) {
    older.pageArrived();
    transcript.prepend(patch.prepend);
  }
  if (patch.update) transcript.update(patch.update);
  // One announcement: the newest agent message, then what the agent waits for.
  let spoken: string | undefined;
  if (patch.append) {
    const { rows } = transcript;
    const start = transcript.append(patch.append);
    for (let index = rows.length - 1; live && index >= start && !spoken; index--) if (rows.view(index).type === 'agent.message') spoken = rowLabel(rows.view(index));
  }
  if (patch.previews) transcript.setPreviews(patch.previews);
  const waitingText = patch.waiting ? waiting.show(patch.waiting) : undefined;
  const text = [spoken, live ? waitingText : undefined].filter(Boolean).join(' ');
  if (text) announcer.say(text);
  if (patch.historyComplete) {
    historyComplete = true;
    transcript.historyLoaded();
    inspector.historyLoaded();
    if (revealWhenComplete) {
      revealEvent(revealWhenComplete);
      revealWhenComplete = undefined;
    }
  }
  older.render();
  showCounts();
  if (revealWhenLoaded && transcript.rows.indexOf(revealWhenLoaded) !== undefined) {
    const eventId = revealWhenLoaded;
    revealWhenLoaded = undefined;
    // The page with the event is in: the rest is not needed (unless a search or filter wants it).
    if (older.loading && !filter.filtering()) post({ type: 'cancelOlder' });
    transcript.jumpTo(eventId);
  }
}

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const message = e.data;
  if (!message || typeof message !== 'object') return;
  try {
    handle(message);
  } catch (error) {
    logToHost('error', `handling ${String(message.type)}: ${String(error instanceof Error ? error.stack : error)}`);
  }
});

window.addEventListener('error', (e) => logToHost('error', `${e.message} at ${e.filename}:${e.lineno}`));
window.addEventListener('unhandledrejection', (e) => logToHost('error', `unhandled rejection: ${String(e.reason)}`));

post({ type: 'ready', state: webviewState() });

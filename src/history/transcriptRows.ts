// The transcript as the history webview draws it, kept on the host: a row per event (its view), the
// previews of messages still being written, and the tool calls the session waits on. Each change is
// remembered until the panel takes it as `patch` messages, so the webview only draws; a webview that
// (re)loads is sent all of it. Pure: no vscode.
import type { FollowItem } from '../api';
import type { SessionEvent } from '../api/resources/sessions/events/types';
import { summarizeInput, type RowView } from '../webview/eventView';
import { toJson } from '../webview/format';
import { EVENT_CHUNK_SIZE, type HostMessage, type PreviewView, type RowUpdate, type WaitingView } from '../webview/protocol';
import { Transcript, type PendingAction } from './transcript';

export type PatchMessage = Extract<HostMessage, { type: 'patch' }>;

/** An event_start or event_delta frame of a message or thinking block being written. */
export type PreviewFrame = Extract<FollowItem, { kind: 'preview' }>['event'];

/** Events after which no preview is still being written. */
const PREVIEW_CLEARING_TYPES = new Set(['span.model_request_end', 'session.status_idle', 'session.status_terminated', 'user.interrupt']);

export class TranscriptRows {
  readonly transcript = new Transcript();
  private readonly previews = new Map<string, PreviewView>();

  // What the webview holds, as of the last patch taken: rows [older, shown) of the transcript.
  /** Rows put before the others since the last patch (they are the first `older` rows). */
  private older = 0;
  /** The end of the rows the webview holds; rows from here on are new. */
  private shown = 0;
  /** Indexes of rows the webview holds whose views changed. */
  private stale = new Set<number>();
  private previewsChanged = false;
  /** The waiting tool calls the webview shows (their ids). */
  private waitingKey = '';
  private toldComplete = false;

  get length(): number {
    return this.transcript.length;
  }

  /** Forgets everything; the webview is told to start over (`init`) and gets what follows. */
  clear(): void {
    this.transcript.clear();
    this.previews.clear();
    this.resetSent();
  }

  /** Appends an event, or replaces the one with the same id, and takes over the text of its preview. */
  accept(event: SessionEvent): void {
    const preview = this.previews.get(event.id);
    if (preview) {
      this.transcript.rememberPreview(event.id, preview.text);
      this.previews.delete(event.id);
      this.previewsChanged = true;
    }
    if (PREVIEW_CLEARING_TYPES.has(event.type) && this.previews.size) {
      this.previews.clear();
      this.previewsChanged = true;
    }
    const { index, affected } = this.transcript.upsert(event);
    this.markStale(index);
    for (const other of affected) this.markStale(other);
  }

  /** Puts older events (older pages, oldest first) before the others; returns how many were added. */
  prepend(events: readonly SessionEvent[]): number {
    const { added, affected } = this.transcript.prepend(events);
    if (!added) return 0;
    this.older += added;
    this.shown += added;
    this.stale = new Set([...this.stale].map((index) => index + added));
    for (const index of affected) this.markStale(index);
    return added;
  }

  /** A message or thinking block being written: started, or more of its text. */
  preview(frame: PreviewFrame): void {
    if (frame.type === 'event_start') {
      const type = frame.event?.type === 'agent.thinking' ? 'agent.thinking' : 'agent.message';
      if (!this.previews.has(frame.event.id)) this.previews.set(frame.event.id, { id: frame.event.id, eventType: type, text: '' });
    } else {
      const preview = this.previews.get(frame.event_id) ?? { id: frame.event_id, eventType: 'agent.message' as const, text: '' };
      const text = frame.delta?.content?.text;
      preview.text += typeof text === 'string' ? text : '';
      this.previews.set(frame.event_id, preview);
    }
    this.previewsChanged = true;
  }

  /**
   * What changed since the last call, as patch messages (at most EVENT_CHUNK_SIZE rows each): older
   * rows first, newest chunk first, then one or more with the updates, new rows, previews and waiting
   * tool calls. Empty when nothing changed.
   */
  takePatches(historyComplete: boolean): PatchMessage[] {
    const patches: PatchMessage[] = [];
    // Each chunk is older than every row the webview holds by the time it arrives.
    for (let end = this.older; end > 0; end -= EVENT_CHUNK_SIZE) patches.push({ type: 'patch', prepend: this.rows(Math.max(0, end - EVENT_CHUNK_SIZE), end) });
    this.older = 0;
    const update: RowUpdate[] = [];
    if (this.stale.size) {
      for (const index of [...this.stale].sort((a, b) => a - b)) update.push({ index, row: this.transcript.describe(index) });
      this.stale.clear();
    }
    const appended: PatchMessage[] = [];
    for (let start = this.shown; start < this.transcript.length; start += EVENT_CHUNK_SIZE) {
      appended.push({ type: 'patch', append: this.rows(start, Math.min(start + EVENT_CHUNK_SIZE, this.transcript.length)) });
    }
    this.shown = this.transcript.length;
    const waiting = this.waitingIfChanged();
    const complete = historyComplete && !this.toldComplete;
    this.toldComplete ||= historyComplete;
    if (!appended.length && (update.length || this.previewsChanged || waiting || complete)) appended.push({ type: 'patch' });
    if (appended.length) {
      const first = appended[0];
      const last = appended[appended.length - 1];
      if (update.length) first.update = update;
      if (this.previewsChanged) last.previews = [...this.previews.values()];
      if (waiting) last.waiting = waiting;
      if (complete) last.historyComplete = true;
    }
    this.previewsChanged = false;
    if (!patches.length) return appended;
    patches.push(...appended);
    return patches;
  }

  /** Everything, for a webview that has just been told to start over (`init`). */
  allPatches(historyComplete: boolean): PatchMessage[] {
    this.resetSent();
    this.previewsChanged = true;
    return this.takePatches(historyComplete);
  }

  private resetSent(): void {
    this.older = 0;
    this.shown = 0;
    this.stale.clear();
    this.previewsChanged = false;
    this.waitingKey = '';
    this.toldComplete = false;
  }

  /** A row the webview holds is described again at the next patch; newer ones are described then anyway. */
  private markStale(index: number): void {
    if (index >= this.older && index < this.shown) this.stale.add(index);
  }

  private rows(start: number, end: number): RowView[] {
    const rows = new Array<RowView>(end - start);
    for (let i = start; i < end; i++) rows[i - start] = this.transcript.describe(i);
    return rows;
  }

  private waitingIfChanged(): WaitingView[] | undefined {
    if (!this.waitingKey && !this.transcript.mayWait) return undefined;
    const actions = this.transcript.pendingActions();
    const key = actions.map((action) => action.eventId).join(',');
    if (key === this.waitingKey) return undefined;
    this.waitingKey = key;
    return actions.map(waitingView);
  }
}

function waitingView(action: PendingAction): WaitingView {
  return { eventId: action.eventId, kind: action.kind, name: action.name, summary: summarizeInput(action.input), input: toJson(action.input ?? {}) };
}

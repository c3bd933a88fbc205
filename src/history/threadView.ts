// The transcript of one subagent thread, shown in the history panel in place of the session's when the
// user chooses its lane: the thread's own events (which the session's stream only summarises), followed
// live. The panel keeps following the session meanwhile (lanes, header, waiting calls).
import { followThread, type ManagedAgentsClient } from '../api';
import { describeError } from '../shared/errors';
import type { ConnectionIndicator, ViewedThread } from '../webview/protocol';
import { ToolStats } from './toolStats';
import { TranscriptRows } from './transcriptRows';

export interface ThreadViewEvents {
  /** The rows changed (or the history became complete): the panel flushes. */
  changed(): void;
  connection(state: ConnectionIndicator, detail?: string, retryInMs?: number): void;
  /** The whole thread so far is in (its first page); fired once. */
  loaded(): void;
  warn(message: string): void;
}

export class ThreadView {
  readonly rows = new TranscriptRows();
  /** The thread's own tool calls, for the inspector's Tools tab while the thread is shown. */
  readonly toolStats = new ToolStats();
  /** The whole thread so far is in and joined with its live stream. */
  historyComplete = false;
  /** The thread's stream, as the header's indicator shows it while the thread is shown. */
  connection: { state: ConnectionIndicator; detail?: string } = { state: 'connecting' };
  private readonly controller = new AbortController();

  constructor(
    client: ManagedAgentsClient,
    sessionId: string,
    readonly thread: ViewedThread,
    private readonly events: ThreadViewEvents,
  ) {
    void this.follow(client, sessionId);
  }

  get disposed(): boolean {
    return this.controller.signal.aborted;
  }

  dispose(): void {
    this.controller.abort();
  }

  private setConnection(state: ConnectionIndicator, detail?: string, retryInMs?: number): void {
    this.connection = { state, ...(detail ? { detail } : {}) };
    this.events.connection(state, detail, retryInMs);
  }

  private async follow(client: ManagedAgentsClient, sessionId: string): Promise<void> {
    const signal = this.controller.signal;
    const follower = followThread(client, sessionId, this.thread.id, { signal, eventDeltas: ['agent.message', 'agent.thinking'], onWarning: (message) => this.events.warn(message) });
    try {
      for await (const item of follower) {
        if (signal.aborted) return;
        switch (item.kind) {
          case 'event':
            this.rows.accept(item.event);
            this.toolStats.add(item.event);
            break;
          case 'preview':
            this.rows.preview(item.event);
            break;
          case 'connection':
            if (item.state === 'live' && !this.historyComplete) {
              this.historyComplete = true;
              this.events.loaded();
            }
            this.setConnection(item.state, item.error ? describeError(item.error) : undefined, item.retryInMs);
            break;
          case 'page':
            break;
        }
        this.events.changed();
      }
      if (!signal.aborted) this.setConnection('offline', 'The thread’s event stream ended.');
    } catch (error) {
      if (signal.aborted) return;
      this.events.warn(`following the thread ${this.thread.id} stopped: ${describeError(error)}`);
      this.setConnection('offline', describeError(error));
      if (!this.historyComplete) {
        this.historyComplete = true;
        this.events.loaded();
      }
      this.events.changed();
    }
  }
}

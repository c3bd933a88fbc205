// The host's side of the history webview for the browser tests: events go through the panel's own
// TranscriptRows (src/history/transcriptRows.ts) and reach the page as the patches the panel posts.
import type { SessionEvent } from '../../../src/api';
import { TranscriptRows } from '../../../src/history/transcriptRows';
import type { HostMessage, PreviewView } from '../../../src/webview/protocol';

export class HostFeed {
  /** The rows as the panel holds them. */
  rows = new TranscriptRows();

  constructor(private readonly send: (message: HostMessage) => Promise<unknown>) {}

  /** Starts over, as the panel does on a refresh or a webview reload: `init`, then everything it holds. */
  async init(message: Extract<HostMessage, { type: 'init' }>): Promise<void> {
    this.rows = new TranscriptRows();
    await this.send(message);
  }

  /** New events (or events replacing ones with the same id), then the patches of a flush. */
  async events(events: readonly SessionEvent[], historyComplete: boolean): Promise<void> {
    for (const event of events) this.rows.accept(event);
    await this.flush(historyComplete);
  }

  /** An older page (oldest first), then the patches of a flush. */
  async older(events: readonly SessionEvent[], historyComplete = true): Promise<void> {
    this.rows.prepend(events);
    await this.flush(historyComplete);
  }

  /** Messages being written, as event_start and event_delta frames. */
  async previews(previews: readonly PreviewView[], historyComplete = true): Promise<void> {
    for (const { id, eventType, text } of previews) {
      this.rows.preview({ type: 'event_start', event: { id, type: eventType } });
      this.rows.preview({ type: 'event_delta', event_id: id, delta: { type: 'content_delta', content: { type: 'text', text } } });
    }
    await this.flush(historyComplete);
  }

  /** The patches the panel would post now. */
  async flush(historyComplete: boolean): Promise<void> {
    for (const patch of this.rows.takePatches(historyComplete)) await this.send(patch);
  }
}

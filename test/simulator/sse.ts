/**
 * One `GET /v1/sessions/:id/events/stream` connection: SSE framing (`event:` + `data:` lines and a
 * blank line), heartbeats, opt-in previews, backpressure, and the stream-drop fault.
 */
import type { ServerResponse } from 'node:http';
import type { Frame, Subscriber } from './store';

export interface StreamDrop {
  /** Frames (events and previews, not pings) delivered in full before the drop. */
  afterEvents: number;
  /** Send half of the next frame before destroying the socket, so the client sees a partial frame. */
  midEvent: boolean;
  /** Instead of destroying the socket, send `event: error` with this error type and end the stream. */
  errorType?: string;
}

export interface SseOptions {
  requestId: string;
  /** More response headers (the organization and workspace the key resolved to). */
  headers?: Record<string, string>;
  heartbeatMs: number;
  /** Preview types the client asked for with `event_deltas[]`. */
  deltas: ReadonlySet<string>;
  drop?: StreamDrop;
  onClose(): void;
}

const PING = 'event: ping\ndata: {"type":"ping"}\n\n';

export class SseConnection implements Subscriber {
  private delivered = 0;
  private closed = false;
  private corked = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: SseOptions,
  ) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'request-id': options.requestId,
      ...options.headers,
    });
    res.flushHeaders();
    this.heartbeat = setInterval(() => this.write(PING), options.heartbeatMs);
    res.on('close', () => this.cleanup());
    // Closed before it started ('close' has already fired): stop the heartbeat now. The request's socket
    // is the connection (a response queued behind another on it has none of its own yet).
    if (res.destroyed || res.req.socket.destroyed) this.cleanup();
    if (options.drop && !options.drop.midEvent && options.drop.afterEvents <= 0) {
      if (options.drop.errorType) this.failWith(options.drop.errorType);
      else this.destroyAfter('');
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  deliver(frame: Frame): void {
    if (this.closed) return;
    if (frame.kind === 'preview' && !(frame.previewOf && this.options.deltas.has(frame.previewOf))) return;
    const text = `event: ${frame.type}\ndata: ${frame.json}\n\n`;
    const drop = this.options.drop;
    if (drop?.midEvent && this.delivered >= drop.afterEvents) {
      this.destroyAfter(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      return;
    }
    this.delivered++;
    if (drop && !drop.midEvent && this.delivered >= drop.afterEvents) {
      if (drop.errorType) {
        this.write(text);
        this.failWith(drop.errorType);
      } else {
        this.destroyAfter(text);
      }
      return;
    }
    this.write(text);
  }

  /** An in-band stream error, which the SDK raises as an APIError. */
  private failWith(errorType: string): void {
    const body = { type: 'error', error: { type: errorType, message: `Simulated stream error (${errorType}).` } };
    this.write(`event: error\ndata: ${JSON.stringify(body)}\n\n`);
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.cleanup();
    this.res.end();
  }

  needsDrain(): boolean {
    return !this.closed && this.res.writableNeedDrain;
  }

  drained(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.needsDrain()) return resolve();
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  private write(text: string): void {
    if (this.closed) return;
    // Coalesce the frames produced in one tick into one chunk (bulk turns emit thousands).
    if (!this.corked) {
      this.corked = true;
      this.res.cork();
      process.nextTick(() => {
        this.corked = false;
        this.res.uncork();
      });
    }
    this.res.write(text);
  }

  /** Writes `text`, then destroys the socket once it is flushed: the client sees a dropped connection. */
  private destroyAfter(text: string): void {
    const socket = this.res.req.socket;
    this.cleanup();
    if (text === '') {
      setImmediate(() => socket.destroy());
      return;
    }
    this.res.write(text, () => socket.destroy());
    if (this.corked) {
      this.corked = false;
      this.res.uncork();
    }
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.options.onClose();
  }
}

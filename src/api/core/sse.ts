// A byte-level Server-Sent Events decoder (https://html.spec.whatwg.org/multipage/server-sent-events.html).
// It works on raw bytes and turns only complete lines into strings, so a chunk may end anywhere,
// even inside a multi-byte UTF-8 character, without corrupting text. Line terminators are LF, CRLF
// or CR. Field names are compared as bytes and `data:` lines take a fast path, because a long
// session stream is mostly `data:` lines.

export interface ServerSentEvent {
  /** The `event:` field, or null when the event had none. */
  event: string | null;
  /** The `data:` lines joined with "\n". */
  data: string;
  /** The last `id:` seen on the stream so far (the spec's "last event ID"), or null. */
  id: string | null;
  /** The `retry:` field in milliseconds, when this event carried one. */
  retry?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const D = 0x64;
const A = 0x61;
const T = 0x74;

export class SSEDecoder {
  /** Bytes of a line that has not ended yet. */
  private pending: Buffer | null = null;
  /** The previous chunk ended with CR, so an LF at the start of the next one belongs to it. */
  private skipLeadingLF = false;
  private eventName: string | null = null;
  private data: string | null = null;
  private retry: number | undefined;
  private lastEventId: string | null = null;

  /** Feeds the next chunk of the stream; returns the events it completed. */
  decode(chunk: Uint8Array): ServerSentEvent[] {
    const out: ServerSentEvent[] = [];
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const len = buf.length;
    let pos = 0;
    if (this.skipLeadingLF) {
      this.skipLeadingLF = false;
      if (len > 0 && buf[0] === LF) pos = 1;
    }
    const hasCR = buf.indexOf(CR, pos) !== -1;

    while (pos < len) {
      let lineEnd: number;
      let next: number;
      if (!hasCR) {
        lineEnd = buf.indexOf(LF, pos);
        if (lineEnd === -1) break;
        next = lineEnd + 1;
      } else {
        const lf = buf.indexOf(LF, pos);
        const cr = buf.indexOf(CR, pos);
        if (lf === -1 && cr === -1) break;
        if (cr !== -1 && (lf === -1 || cr < lf)) {
          lineEnd = cr;
          if (cr + 1 < len) next = buf[cr + 1] === LF ? cr + 2 : cr + 1;
          else {
            next = len;
            this.skipLeadingLF = true;
          }
        } else {
          lineEnd = lf;
          next = lf + 1;
        }
      }
      if (this.pending) {
        const line = Buffer.concat([this.pending, buf.subarray(pos, lineEnd)]);
        this.pending = null;
        this.processLine(line, 0, line.length, out);
      } else {
        this.processLine(buf, pos, lineEnd, out);
      }
      pos = next;
    }
    if (pos < len) {
      // Copy, so that a large chunk is not kept alive by a short tail.
      const tail = Buffer.from(buf.subarray(pos));
      this.pending = this.pending ? Buffer.concat([this.pending, tail]) : tail;
    }
    return out;
  }

  /**
   * Ends the stream. An event without its closing blank line is dropped, as the spec says: a stream
   * cut mid-event must not yield half an event.
   */
  end(): void {
    this.pending = null;
    this.resetEvent();
  }

  private processLine(buf: Buffer, start: number, end: number, out: ServerSentEvent[]): void {
    if (start === end) {
      this.dispatch(out);
      return;
    }
    // Fast path for `data:` lines.
    if (buf[start] === D && end - start >= 5 && buf[start + 1] === A && buf[start + 2] === T && buf[start + 3] === A && buf[start + 4] === COLON) {
      let valueStart = start + 5;
      if (valueStart < end && buf[valueStart] === SPACE) valueStart++;
      const value = buf.toString('utf8', valueStart, end);
      this.data = this.data === null ? value : `${this.data}\n${value}`;
      return;
    }
    if (buf[start] === COLON) return; // a comment
    let colon = buf.indexOf(COLON, start);
    if (colon === -1 || colon > end) colon = end;
    const field = buf.toString('latin1', start, colon);
    let valueStart = colon < end ? colon + 1 : end;
    if (valueStart < end && buf[valueStart] === SPACE) valueStart++;
    const value = buf.toString('utf8', valueStart, end);
    switch (field) {
      case 'event':
        this.eventName = value;
        break;
      case 'data':
        this.data = this.data === null ? value : `${this.data}\n${value}`;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      // Unknown fields are ignored, as the spec says.
    }
  }

  private dispatch(out: ServerSentEvent[]): void {
    if (this.data === null && this.eventName === null) {
      this.retry = undefined;
      return;
    }
    const event: ServerSentEvent = { event: this.eventName, data: this.data ?? '', id: this.lastEventId };
    if (this.retry !== undefined) event.retry = this.retry;
    out.push(event);
    this.resetEvent();
  }

  private resetEvent(): void {
    this.eventName = null;
    this.data = null;
    this.retry = undefined;
  }
}

// A Server-Sent Events decoder (https://html.spec.whatwg.org/multipage/server-sent-events.html) fed
// with raw bytes. A chunk may end anywhere, even inside a multi-byte UTF-8 character: a streaming
// UTF-8 decoder keeps the incomplete tail for the next chunk. Each chunk is decoded to text once, and
// lines are cut out of that text as slices, because a long session stream is mostly `data:` lines
// and per-line byte-to-string conversion would cost more than the JSON parsing that follows.
// Line terminators are LF, CRLF or CR.
import { StringDecoder } from 'node:string_decoder';

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

/** Receives one decoded event: its `event` name, `data`, the last event id and `retry`. */
export type EventCallback = (event: string | null, data: string, id: string | null, retry: number | undefined) => void;

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;

export class SSEDecoder {
  private readonly utf8 = new StringDecoder('utf8');
  /** Text of a line that has not ended yet. */
  private pending = '';
  /** The previous chunk ended with CR, so an LF at the start of the next one belongs to it. */
  private skipLeadingLF = false;
  private eventName: string | null = null;
  private data: string | null = null;
  private retry: number | undefined;
  private lastEventId: string | null = null;

  /** Feeds the next chunk of the stream; returns the events it completed. */
  decode(chunk: Uint8Array): ServerSentEvent[] {
    const out: ServerSentEvent[] = [];
    this.decodeEach(chunk, (event, data, id, retry) => {
      const sse: ServerSentEvent = { event, data, id };
      if (retry !== undefined) sse.retry = retry;
      out.push(sse);
    });
    return out;
  }

  /** Like decode(), but calls `onEvent` for each completed event instead of building objects. */
  decodeEach(chunk: Uint8Array, onEvent: EventCallback): void {
    const out = onEvent;
    const decoded = this.utf8.write(chunk as Buffer);
    if (!decoded) return;
    const text = decoded;
    let pos = 0;
    if (this.skipLeadingLF) {
      this.skipLeadingLF = false;
      if (text.charCodeAt(0) === LF) pos = 1;
    }
    if (this.pending) {
      // Finish the line the previous chunk left open without copying this whole chunk onto it.
      const lf = text.indexOf('\n', pos);
      const cr = text.indexOf('\r', pos);
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      if (end === -1) {
        this.pending += text.slice(pos);
        return;
      }
      const line = this.pending + text.slice(pos, end);
      this.pending = '';
      this.line(line, 0, line.length, out);
      pos = end + 1;
      if (end === cr) {
        if (cr + 1 === text.length) this.skipLeadingLF = true;
        else if (text.charCodeAt(cr + 1) === LF) pos++;
      }
    }
    const len = text.length;
    if (text.indexOf('\r', pos) === -1) {
      // The common case: LF only.
      for (let end = text.indexOf('\n', pos); end !== -1; end = text.indexOf('\n', pos)) {
        this.line(text, pos, end, out);
        pos = end + 1;
      }
    } else {
      while (pos < len) {
        let end = pos;
        while (end < len) {
          const c = text.charCodeAt(end);
          if (c === LF || c === CR) break;
          end++;
        }
        if (end === len) break;
        this.line(text, pos, end, out);
        if (text.charCodeAt(end) === CR) {
          if (end + 1 === len) this.skipLeadingLF = true;
          else if (text.charCodeAt(end + 1) === LF) end++;
        }
        pos = end + 1;
      }
    }
    if (pos < len) this.pending = text.slice(pos);
  }

  /**
   * Ends the stream. An event without its closing blank line is dropped, as the spec says: a stream
   * cut mid-event must not yield half an event.
   */
  end(): void {
    this.pending = '';
    this.utf8.end();
    this.resetEvent();
  }

  private line(text: string, start: number, end: number, out: EventCallback): void {
    if (start === end) {
      this.dispatch(out);
      return;
    }
    const first = text.charCodeAt(start);
    if (first === COLON) return; // a comment
    // Fast path: `data:` lines carry almost all of the bytes.
    if (first === 100 /* d */ && text.startsWith('data:', start)) {
      const valueStart = text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5;
      const value = text.slice(valueStart, end);
      this.data = this.data === null ? value : `${this.data}\n${value}`;
      return;
    }
    let colon = text.indexOf(':', start);
    if (colon === -1 || colon > end) colon = end;
    const field = text.slice(start, colon);
    let valueStart = colon < end ? colon + 1 : end;
    if (valueStart < end && text.charCodeAt(valueStart) === SPACE) valueStart++;
    const value = text.slice(valueStart, end);
    switch (field) {
      case 'event':
        // Reuse the previous name when it repeats, so every event of a stream shares one string.
        this.eventName = value === this.lastEventName ? this.lastEventName : (this.lastEventName = value);
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

  private lastEventName: string | null = null;

  private dispatch(out: EventCallback): void {
    if (this.data === null && this.eventName === null) {
      this.retry = undefined;
      return;
    }
    const { eventName, data, retry } = this;
    this.resetEvent();
    out(eventName, data ?? '', this.lastEventId, retry);
  }

  private resetEvent(): void {
    this.eventName = null;
    this.data = null;
    this.retry = undefined;
  }
}

/**
 * The events one chunk completed, in the form the event stream parses them: their `data` texts as one
 * JSON array text, so the stream makes one JSON.parse call per chunk rather than one per event. `ping`
 * events and empty data are left out; an `event: error` ends the batch (what followed it is dropped,
 * as the stream ends there). Built on the stream thread, or in-thread when there is none.
 */
export interface EventBatch {
  /** `[data1,data2,…]`: the data texts joined with commas. */
  json: string;
  /** Where each data text ends in `json`, so a batch that does not parse as a whole can be parsed event by event. */
  ends: number[];
  /** The data of an `event: error`, raised after the batch's events. */
  error?: string;
  /** Bytes of the stream this batch was cut from (the stream thread's flow control counts them). */
  bytes: number;
}

/** Decodes chunks of an SSE stream into event batches: add() as bytes arrive, take() to hand a batch out. */
export class EventBatcher {
  private readonly decoder = new SSEDecoder();
  private datas: string[] = [];
  private error: string | undefined;
  private bytes = 0;
  private readonly onEvent: EventCallback = (event, data) => {
    if (event === 'ping' || this.error !== undefined) return;
    if (event === 'error') this.error = data;
    else if (data) this.datas.push(data);
  };

  add(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    this.decoder.decodeEach(chunk, this.onEvent);
  }

  /** The events added since the last take(), or undefined when none is complete yet. */
  take(): EventBatch | undefined {
    const { datas, error } = this;
    if (datas.length === 0 && error === undefined) return undefined;
    const ends = new Array<number>(datas.length);
    let at = 1;
    for (let i = 0; i < datas.length; i++) {
      at += datas[i].length;
      ends[i] = at;
      at++;
    }
    const batch: EventBatch = { json: `[${datas.join(',')}]`, ends, bytes: this.bytes };
    if (error !== undefined) batch.error = error;
    this.datas = [];
    this.error = undefined;
    this.bytes = 0;
    return batch;
  }

  end(): void {
    this.decoder.end();
  }
}

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
 * The events one chunk completed, in the form the event stream parses them: their `data` as one JSON
 * array, so the stream makes one JSON.parse call per chunk rather than one per event. `ping` events
 * and empty data are left out; an `event: error` ends the batch (what followed it is dropped, as the
 * stream ends there). Built on the stream thread, or in-thread when there is none.
 *
 * The array is UTF-8 bytes, not text: the stream thread hands it over without a copy (its buffer is
 * transferred), and the reader's one decode of a batch costs a small part of what copying a string
 * between threads would.
 */
export interface EventBatch {
  /** `[data1,data2,…]`: the data of the events joined with commas, as UTF-8; it owns its whole buffer. */
  json: Uint8Array;
  /** Where each data ends in `json` (a byte offset), so a batch that does not parse as a whole can be parsed event by event. */
  ends: number[];
  /** The data of an `event: error`, raised after the batch's events. */
  error?: string;
  /** Bytes of the stream this batch was cut from (the stream thread's flow control counts them). */
  bytes: number;
}

/** The text of a batch's JSON array, or of one event's data when `start`/`end` are given. */
export function batchText(batch: EventBatch, start = 0, end = batch.json.length): string {
  const { json } = batch;
  return Buffer.from(json.buffer, json.byteOffset + start, end - start).toString('utf8');
}

/** What an event's `event:` field said, as far as batching cares. */
const NAME_NONE = 0;
const NAME_PING = 1;
const NAME_ERROR = 2;
const NAME_OTHER = 3;

const DATA = Buffer.from('data');
const EVENT = Buffer.from('event');
const PING = Buffer.from('ping');
const ERROR = Buffer.from('error');
const BOM = [0xef, 0xbb, 0xbf];

/** Whether `bytes` holds `word` at `at` (short words: a loop beats a native call). */
function startsWith(bytes: Buffer, at: number, word: Buffer): boolean {
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word[i]) return false;
  return true;
}

/**
 * Decodes chunks of an SSE stream into event batches: add() as bytes arrive, take() to hand a batch out.
 *
 * It frames the stream on its bytes: lines are found with the native indexOf, each chunk is copied
 * into the batch once and the events' data moved together in it, so nothing is decoded to text here.
 * Multi-byte characters are never cut, because only whole events are taken and the bytes are decoded
 * once, by the reader. A stream that uses CR line ends goes to the text decoder (SSEDecoder), from
 * the event where the first CR is on.
 */
export class EventBatcher {
  /**
   * The start of an event that has not ended yet, copied (chunks are not ours to keep) into one buffer
   * that is kept and reused: an array of pieces changed its element kind at every stream's first carry,
   * which threw away the framing's optimized code in each new process.
   */
  private carry = NO_CARRY;
  private carryLength = 0;
  /** Set once a CR line end is seen: the text decoder reads the rest of the stream. */
  private decoder: SSEDecoder | undefined;
  private started = false;
  /** The batch's array being written (NO_BYTES until there is something to write). */
  private out = NO_BYTES;
  private outLength = 0;
  private ends: number[] = [];
  private error: string | undefined;
  /** An `event: error` was seen: the stream ends there, so nothing after it is batched. */
  private errored = false;
  private bytes = 0;

  add(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (!this.started) {
      this.started = true;
      // A byte order mark at the very start is not part of the stream (the SSE spec).
      if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) bytes = bytes.subarray(3);
    }
    if (this.decoder) {
      this.decoder.decodeEach(bytes, this.onDecodedEvent);
      return;
    }
    if (bytes.indexOf(CR) !== -1) {
      const decoder = (this.decoder = new SSEDecoder());
      decoder.decodeEach(this.carryLength ? Buffer.concat([this.carry.subarray(0, this.carryLength), bytes]) : bytes, this.onDecodedEvent);
      this.carryLength = 0;
      return;
    }
    if (this.carryLength) {
      // Finish the open event with this chunk's first bytes, then frame the rest where it is.
      let split: number;
      if (this.carry[this.carryLength - 1] === LF && bytes[0] === LF) split = 1;
      else {
        const blank = bytes.indexOf(BLANK_LINE);
        split = blank === -1 ? -1 : blank + 2;
      }
      if (split === -1) {
        this.keep(bytes, 0, bytes.length);
        return;
      }
      this.keep(bytes, 0, split);
      const event = this.carry.subarray(0, this.carryLength);
      // The event ends in it, so framing it carries nothing over into the buffer it is read from.
      this.carryLength = 0;
      this.frame(event);
      // A very long event's room is not kept for the rest of the stream.
      if (this.carry.length > MAX_KEPT_CARRY) this.carry = NO_CARRY;
      bytes = bytes.subarray(split);
    }
    this.frame(bytes);
  }

  /** The events added since the last take(), or undefined when none is complete yet. */
  take(): EventBatch | undefined {
    const { ends, error } = this;
    if (ends.length === 0 && error === undefined) return undefined;
    let json: Uint8Array;
    if (ends.length === 0) json = new Uint8Array(0);
    else {
      const out = this.out;
      out[this.outLength++] = 93; // ]
      json = new Uint8Array(out.buffer, 0, this.outLength);
      this.out = NO_BYTES;
    }
    const batch: EventBatch = { json, ends, bytes: this.bytes };
    if (error !== undefined) batch.error = error;
    this.outLength = 0;
    this.ends = [];
    this.error = undefined;
    this.bytes = 0;
    return batch;
  }

  end(): void {
    this.carry = NO_CARRY;
    this.carryLength = 0;
    this.decoder?.end();
  }

  /** Frames `bytes`, which start at an event's start; keeps the start of an event that does not end in it. */
  private frame(bytes: Buffer): void {
    // The bytes go into the batch's buffer as they are, in one copy; each event's data then moves
    // down over the framing before it. The output never overtakes what is still to be read, since
    // every event loses at least `data:` and its blank line.
    this.reserve(bytes.length);
    const base = this.outLength;
    this.out.set(bytes, base);
    let eventStart = 0;
    let name = NAME_NONE;
    let dataStart = -1;
    let dataEnd = -1;
    /** Further data lines of the event, joined to the first with LF as the spec says (rare). */
    let moreData: Buffer[] | undefined;
    for (let pos = 0, lf = bytes.indexOf(LF); lf !== -1; pos = lf + 1, lf = bytes.indexOf(LF, pos)) {
      if (lf === pos) {
        // A blank line ends the event.
        if (dataStart !== -1 || name !== NAME_NONE) this.event(name, bytes, base, dataStart, dataEnd, moreData);
        eventStart = lf + 1;
        name = NAME_NONE;
        dataStart = dataEnd = -1;
        moreData = undefined;
        continue;
      }
      const first = bytes[pos];
      if (first === COLON) continue; // a comment
      const fieldEnd = lineFieldEnd(bytes, pos, lf);
      let valueStart = fieldEnd < lf ? fieldEnd + 1 : lf;
      if (valueStart < lf && bytes[valueStart] === SPACE) valueStart++;
      const fieldLength = fieldEnd - pos;
      if (fieldLength === 4 && startsWith(bytes, pos, DATA)) {
        if (dataStart === -1) {
          dataStart = valueStart;
          dataEnd = lf;
        } else (moreData ??= []).push(bytes.subarray(valueStart, lf));
      } else if (fieldLength === 5 && startsWith(bytes, pos, EVENT)) {
        const valueLength = lf - valueStart;
        name = valueLength === 4 && startsWith(bytes, valueStart, PING) ? NAME_PING : valueLength === 5 && startsWith(bytes, valueStart, ERROR) ? NAME_ERROR : NAME_OTHER;
      }
      // id and retry do not reach the batch (reconnection resumes from the events' own ids); unknown fields are ignored.
    }
    if (eventStart < bytes.length) this.keep(bytes, eventStart, bytes.length);
  }

  /** Appends `bytes[start, end)` to the carried start of an event. */
  private keep(bytes: Buffer, start: number, end: number): void {
    const needed = this.carryLength + end - start;
    if (this.carry.length < needed) {
      // Not from the shared pool: it lives as long as the stream.
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.carry.length * 2, 1024));
      this.carry.copy(grown, 0, 0, this.carryLength);
      this.carry = grown;
    }
    bytes.copy(this.carry, this.carryLength, start, end);
    this.carryLength = needed;
  }

  /** One framed event; `bytes` were staged in the batch's buffer at `base`. */
  private event(name: number, bytes: Buffer, base: number, dataStart: number, dataEnd: number, moreData: Buffer[] | undefined): void {
    if (name === NAME_PING || this.errored) return;
    if (moreData) {
      const data = Buffer.concat([bytes.subarray(dataStart, dataEnd), ...moreData.flatMap((line) => [NEWLINE, line])]);
      if (name === NAME_ERROR) this.fail(data.toString('utf8'));
      else this.append(data);
      return;
    }
    if (name === NAME_ERROR) this.fail(dataStart === -1 ? '' : bytes.toString('utf8', dataStart, dataEnd));
    else if (dataEnd > dataStart) {
      const out = this.out;
      out[this.outLength++] = this.ends.length === 0 ? 91 /* [ */ : 44 /* , */;
      out.copyWithin(this.outLength, base + dataStart, base + dataEnd);
      this.outLength += dataEnd - dataStart;
      this.ends.push(this.outLength);
    }
  }

  private fail(data: string): void {
    this.errored = true;
    this.error = data;
  }

  private readonly onDecodedEvent: EventCallback = (event, data) => {
    if (event === 'ping' || this.errored) return;
    if (event === 'error') this.fail(data);
    else if (data) this.append(Buffer.from(data, 'utf8'));
  };

  /** Adds one event's data, from elsewhere than the staged bytes, to the batch's array. */
  private append(data: Uint8Array): void {
    this.reserve(data.length);
    const out = this.out;
    out[this.outLength++] = this.ends.length === 0 ? 91 /* [ */ : 44 /* , */;
    out.set(data, this.outLength);
    this.outLength += data.length;
    this.ends.push(this.outLength);
  }

  /** Makes room for `length` more bytes of data, a comma and the closing bracket. */
  private reserve(length: number): void {
    const needed = this.outLength + length + 2;
    const out = this.out;
    if (out.length >= needed) return;
    // Its own ArrayBuffer (not the pool's), so that the stream thread can transfer it; a plain
    // Uint8Array, as copyWithin is several times slower on a Buffer.
    const size = out.length ? Math.max(needed, out.length * 2) : needed;
    const grown = new Uint8Array(Buffer.allocUnsafeSlow(size).buffer, 0, size);
    // All of it, not just the output: bytes staged by frame() lie beyond it.
    grown.set(out);
    this.out = grown;
  }
}

const NEWLINE = Buffer.from('\n');
const NO_BYTES = new Uint8Array(0);
const NO_CARRY = Buffer.alloc(0);
const MAX_KEPT_CARRY = 1024 * 1024;
const BLANK_LINE = Buffer.from('\n\n');

/** Where a line's field name ends: its first colon, or the line's end. */
function lineFieldEnd(bytes: Buffer, start: number, end: number): number {
  // Field names are short: a scan beats a native indexOf call here.
  for (let i = start; i < end; i++) if (bytes[i] === COLON) return i;
  return end;
}

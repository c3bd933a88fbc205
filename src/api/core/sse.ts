// A Server-Sent Events decoder (https://html.spec.whatwg.org/multipage/server-sent-events.html) fed
// with raw bytes. Lines are found on the bytes: CR and LF never occur inside a multi-byte UTF-8
// character, so a chunk may end anywhere, and each finished line's value is decoded once. Line
// terminators are LF, CRLF or CR. Both decoders here bound one event at MAX_EVENT_BYTES, so a server
// that never ends a line or an event cannot make them hold more.
import { MalformedResponseError } from './errors';

/**
 * The largest event read from a stream: the bytes of its lines, their line ends included (the blank
 * line that closes it not). Past it the stream fails with a MalformedResponseError. The API's events
 * are far smaller; a bigger one is a broken or hostile server, and memory must stay bounded.
 */
export const MAX_EVENT_BYTES = 64 * 1024 * 1024;

/** What a stream fails with when one event is larger than `maxEventBytes`. */
export function eventTooLargeMessage(maxEventBytes: number): string {
  const size = maxEventBytes % (1024 * 1024) === 0 ? `${maxEventBytes / 1024 / 1024} MiB` : `${maxEventBytes} bytes`;
  return `The server sent an event too large to read (over ${size}), so the event stream was closed.`;
}

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

export interface DecoderOptions {
  /** The largest event accepted, in bytes (default MAX_EVENT_BYTES). */
  maxEventBytes?: number;
  /** False when the first bytes fed are not the stream's start (a byte order mark is skipped only there). */
  atStreamStart?: boolean;
}

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
const BOM = [0xef, 0xbb, 0xbf];

const DATA = Buffer.from('data');
const EVENT = Buffer.from('event');
const ID = Buffer.from('id');
const RETRY = Buffer.from('retry');
const PING = Buffer.from('ping');
const ERROR = Buffer.from('error');

/** Whether `bytes` holds `word` at `at` (short words: a loop beats a native call). */
function startsWith(bytes: Buffer, at: number, word: Buffer): boolean {
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word[i]) return false;
  return true;
}

/** Where a line's field name ends: its first colon, or the line's end. */
function lineFieldEnd(bytes: Buffer, start: number, end: number): number {
  // Field names are short: a scan beats a native indexOf call here.
  for (let i = start; i < end; i++) if (bytes[i] === COLON) return i;
  return end;
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
}

/** A byte order mark at the very start is not part of the stream (the SSE spec), even when its bytes come in separate chunks. */
class StreamStart {
  private held: Buffer | undefined;

  /** `done`: the bytes fed do not start the stream, so there is no mark to skip. */
  constructor(private done = false) {}

  /** The chunk, without the mark at the stream's start; undefined while the first bytes may still be one. */
  take(chunk: Uint8Array): Buffer | undefined {
    const bytes = asBuffer(chunk);
    if (this.done) return bytes;
    const rest = this.strip(bytes);
    if (rest) this.done = true;
    return rest;
  }

  private strip(bytes: Buffer): Buffer | undefined {
    const head = this.held ? Buffer.concat([this.held, bytes]) : bytes;
    this.held = undefined;
    if (head.length === 0) return undefined;
    for (let i = 0; i < Math.min(3, head.length); i++) if (head[i] !== BOM[i]) return head;
    if (head.length < 3) {
      // Chunks are not ours to keep.
      this.held = Buffer.from(head);
      return undefined;
    }
    return head.subarray(3);
  }
}

/** Bytes of a line that has not ended yet, copied into one buffer that is kept and reused. */
class LineBuffer {
  bytes = NO_CARRY;
  length = 0;

  append(from: Buffer, start: number, end: number): void {
    const needed = this.length + end - start;
    if (this.bytes.length < needed) {
      // Not from the shared pool: it lives as long as the stream.
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.bytes.length * 2, 1024));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    from.copy(this.bytes, this.length, start, end);
    this.length = needed;
  }

  /** Empties it; a very long line's room is not kept for the rest of the stream. */
  reset(): void {
    this.length = 0;
    if (this.bytes.length > MAX_KEPT_CARRY) this.bytes = NO_CARRY;
  }
}

const NO_CARRY = Buffer.alloc(0);
const MAX_KEPT_CARRY = 1024 * 1024;

export class SSEDecoder {
  private readonly maxEventBytes: number;
  private readonly start: StreamStart;
  /** The line the previous chunk left open. */
  private readonly open = new LineBuffer();
  /** The previous chunk ended with CR, so an LF at the start of the next one belongs to it. */
  private skipLeadingLF = false;
  private lastLineBlank = true;
  /** Bytes of the lines of the event being read, line ends included. */
  private eventBytes = 0;
  private failure: MalformedResponseError | undefined;
  private eventName: string | null = null;
  private lastEventName: string | null = null;
  private data: string | null = null;
  private retry: number | undefined;
  private lastEventId: string | null = null;

  constructor(options: DecoderOptions = {}) {
    this.maxEventBytes = options.maxEventBytes ?? MAX_EVENT_BYTES;
    this.start = new StreamStart(options.atStreamStart === false);
  }

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

  /**
   * Like decode(), but calls `onEvent` for each completed event instead of building objects. Throws a
   * MalformedResponseError (after the events before it) when an event is larger than the limit.
   */
  decodeEach(chunk: Uint8Array, onEvent: EventCallback): void {
    if (this.failure) throw this.failure;
    const bytes = this.start.take(chunk);
    if (!bytes) return;
    const len = bytes.length;
    let pos = 0;
    if (this.skipLeadingLF && len) {
      this.skipLeadingLF = false;
      if (bytes[0] === LF) {
        pos = 1;
        // The LF of a CRLF that ended a field line is part of the event's bytes.
        if (!this.lastLineBlank) this.count(1);
      }
    }
    let nextLF = bytes.indexOf(LF, pos);
    let nextCR = bytes.indexOf(CR, pos);
    while (pos < len) {
      if (nextLF !== -1 && nextLF < pos) nextLF = bytes.indexOf(LF, pos);
      if (nextCR !== -1 && nextCR < pos) nextCR = bytes.indexOf(CR, pos);
      const end = nextCR === -1 || (nextLF !== -1 && nextLF < nextCR) ? nextLF : nextCR;
      if (end === -1) break;
      let terminator = 1;
      if (bytes[end] === CR) {
        if (end + 1 === len) this.skipLeadingLF = true;
        else if (bytes[end + 1] === LF) terminator = 2;
      }
      if (this.open.length) {
        this.open.append(bytes, pos, end);
        this.lineEnded(this.open.bytes, 0, this.open.length, terminator, onEvent);
        this.open.reset();
      } else this.lineEnded(bytes, pos, end, terminator, onEvent);
      pos = end + terminator;
    }
    if (pos < len) {
      if (this.eventBytes + this.open.length + len - pos > this.maxEventBytes) throw this.fail();
      this.open.append(bytes, pos, len);
    }
  }

  /**
   * Ends the stream. An event without its closing blank line is dropped, as the spec says: a stream
   * cut mid-event must not yield half an event.
   */
  end(): void {
    this.open.reset();
    this.eventBytes = 0;
    this.resetEvent();
  }

  private lineEnded(bytes: Buffer, start: number, end: number, terminator: number, out: EventCallback): void {
    if (start === end) {
      this.lastLineBlank = true;
      this.eventBytes = 0;
      this.dispatch(out);
      return;
    }
    this.lastLineBlank = false;
    this.count(end - start + terminator);
    const first = bytes[start];
    if (first === COLON) return; // a comment
    const fieldEnd = lineFieldEnd(bytes, start, end);
    let valueStart = fieldEnd < end ? fieldEnd + 1 : end;
    if (valueStart < end && bytes[valueStart] === SPACE) valueStart++;
    const fieldLength = fieldEnd - start;
    if (fieldLength === 4 && startsWith(bytes, start, DATA)) {
      const value = bytes.toString('utf8', valueStart, end);
      this.data = this.data === null ? value : `${this.data}\n${value}`;
    } else if (fieldLength === 5 && startsWith(bytes, start, EVENT)) {
      const value = bytes.toString('utf8', valueStart, end);
      // Reuse the previous name when it repeats, so every event of a stream shares one string.
      this.eventName = value === this.lastEventName ? this.lastEventName : (this.lastEventName = value);
    } else if (fieldLength === 2 && startsWith(bytes, start, ID)) {
      const value = bytes.toString('utf8', valueStart, end);
      if (!value.includes('\0')) this.lastEventId = value;
    } else if (fieldLength === 5 && startsWith(bytes, start, RETRY)) {
      const value = bytes.toString('latin1', valueStart, end);
      if (/^\d+$/.test(value)) this.retry = Number(value);
    }
    // Unknown fields are ignored, as the spec says.
  }

  /** Adds bytes of the current event; past the limit the stream fails. */
  private count(bytes: number): void {
    this.eventBytes += bytes;
    if (this.eventBytes > this.maxEventBytes) throw this.fail();
  }

  private fail(): MalformedResponseError {
    this.open.reset();
    this.resetEvent();
    this.failure = new MalformedResponseError(eventTooLargeMessage(this.maxEventBytes), { status: 200, requestId: undefined, problem: 'tooLarge' });
    return this.failure;
  }

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
  /** The stream cannot be read on (an event over MAX_EVENT_BYTES): raised as a MalformedResponseError after the batch's events. */
  malformed?: string;
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
  private readonly maxEventBytes: number;
  private readonly start = new StreamStart();
  /**
   * The start of an event that has not ended yet, copied (chunks are not ours to keep) into one buffer
   * that is kept and reused: an array of pieces changed its element kind at every stream's first carry,
   * which threw away the framing's optimized code in each new process.
   */
  private readonly carry = new LineBuffer();
  /** Set once a CR line end is seen: the text decoder reads the rest of the stream. */
  private decoder: SSEDecoder | undefined;
  /** The batch's array being written (NO_BYTES until there is something to write). */
  private out = NO_BYTES;
  private outLength = 0;
  private ends: number[] = [];
  private error: string | undefined;
  /** An `event: error` was seen: the stream ends there, so nothing after it is batched. */
  private errored = false;
  private malformed: string | undefined;
  /** The stream could not be read on; nothing more is framed. */
  failed = false;
  private bytes = 0;

  constructor(options: Pick<DecoderOptions, 'maxEventBytes'> = {}) {
    this.maxEventBytes = options.maxEventBytes ?? MAX_EVENT_BYTES;
  }

  add(chunk: Uint8Array): void {
    if (this.failed) return;
    this.bytes += chunk.length;
    let bytes = this.start.take(chunk);
    if (!bytes) return;
    if (this.decoder) {
      this.decodeText(bytes);
      return;
    }
    if (bytes.indexOf(CR) !== -1) {
      this.decoder = new SSEDecoder({ maxEventBytes: this.maxEventBytes, atStreamStart: false });
      const carried = this.carry.length ? Buffer.concat([this.carry.bytes.subarray(0, this.carry.length), bytes]) : bytes;
      this.carry.reset();
      this.decodeText(carried);
      return;
    }
    if (this.carry.length) {
      // Finish the open event with this chunk's first bytes, then frame the rest where it is.
      let split: number;
      if (this.carry.bytes[this.carry.length - 1] === LF && bytes[0] === LF) split = 1;
      else {
        const blank = bytes.indexOf(BLANK_LINE);
        split = blank === -1 ? -1 : blank + 2;
      }
      if (split === -1) {
        this.keep(bytes, 0, bytes.length);
        return;
      }
      // Framing it checks its size (the blank line that closes it does not count).
      this.carry.append(bytes, 0, split);
      const event = this.carry.bytes.subarray(0, this.carry.length);
      // The event ends in it, so framing it carries nothing over into the buffer it is read from.
      this.carry.length = 0;
      this.frame(event);
      this.carry.reset();
      if (this.failed) return;
      bytes = bytes.subarray(split);
    }
    this.frame(bytes);
  }

  /** The events added since the last take(), or undefined when none is complete yet. */
  take(): EventBatch | undefined {
    const { ends, error, malformed } = this;
    if (ends.length === 0 && error === undefined && malformed === undefined) return undefined;
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
    if (malformed !== undefined) batch.malformed = malformed;
    this.outLength = 0;
    this.ends = [];
    this.error = undefined;
    this.malformed = undefined;
    this.bytes = 0;
    return batch;
  }

  end(): void {
    this.carry.length = 0;
    this.carry.reset();
    this.decoder?.end();
  }

  private decodeText(bytes: Buffer): void {
    try {
      this.decoder!.decodeEach(bytes, this.onDecodedEvent);
    } catch (error) {
      this.fail(error instanceof MalformedResponseError ? error.message : String(error));
    }
  }

  /** Frames `bytes`, which start at an event's start; keeps the start of an event that does not end in it. */
  private frame(bytes: Buffer): void {
    // The bytes go into the batch's buffer as they are, in one copy; each event's data then moves
    // down over the framing before it. The output never overtakes what is still to be read, since
    // every event loses at least `data:` and its blank line.
    this.reserve(bytes.length);
    const base = this.outLength;
    this.out.set(bytes, base);
    const max = this.maxEventBytes;
    let eventStart = 0;
    let name = NAME_NONE;
    let dataStart = -1;
    let dataEnd = -1;
    /** Further data lines of the event, joined to the first with LF as the spec says (rare). */
    let moreData: Buffer[] | undefined;
    for (let pos = 0, lf = bytes.indexOf(LF); lf !== -1; pos = lf + 1, lf = bytes.indexOf(LF, pos)) {
      if (lf === pos) {
        // A blank line ends the event.
        if (lf - eventStart > max) return this.fail(eventTooLargeMessage(max));
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

  /** Appends `bytes[start, end)` to the carried start of an event; past the limit the stream fails instead. */
  private keep(bytes: Buffer, start: number, end: number): void {
    if (this.carry.length + end - start > this.maxEventBytes) this.fail(eventTooLargeMessage(this.maxEventBytes));
    else this.carry.append(bytes, start, end);
  }

  /** One framed event; `bytes` were staged in the batch's buffer at `base`. */
  private event(name: number, bytes: Buffer, base: number, dataStart: number, dataEnd: number, moreData: Buffer[] | undefined): void {
    if (name === NAME_PING || this.errored) return;
    if (moreData) {
      const data = Buffer.concat([bytes.subarray(dataStart, dataEnd), ...moreData.flatMap((line) => [NEWLINE, line])]);
      if (name === NAME_ERROR) this.streamError(data.toString('utf8'));
      else this.append(data);
      return;
    }
    if (name === NAME_ERROR) this.streamError(dataStart === -1 ? '' : bytes.toString('utf8', dataStart, dataEnd));
    else if (dataEnd > dataStart) {
      const out = this.out;
      out[this.outLength++] = this.ends.length === 0 ? 91 /* [ */ : 44 /* , */;
      out.copyWithin(this.outLength, base + dataStart, base + dataEnd);
      this.outLength += dataEnd - dataStart;
      this.ends.push(this.outLength);
    }
  }

  private streamError(data: string): void {
    this.errored = true;
    this.error = data;
  }

  /** Nothing more can be read: the events batched so far are handed out, then the reason. */
  private fail(message: string): void {
    this.failed = true;
    this.malformed = message;
    this.carry.length = 0;
    this.carry.reset();
  }

  private readonly onDecodedEvent: EventCallback = (event, data) => {
    if (event === 'ping' || this.errored) return;
    if (event === 'error') this.streamError(data);
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
const BLANK_LINE = Buffer.from('\n\n');

// Property-based tests of both SSE decoders: the byte-level EventBatcher (the stream thread's and the
// in-thread reader's) and the SSEDecoder it hands CR streams to. fast-check generates streams as
// events made of lines, writes them with every line ending (LF, CRLF, CR, mixed), an optional byte
// order mark, comments, id and retry fields, unknown fields, event names, JSON split over several
// data lines and multi-byte text, cuts the bytes at random points, and what comes out is compared,
// event by event, with what was generated. Then the same through the client, on the stream thread
// and without it.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MalformedResponseError, ManagedAgentsClient } from '../../../src/api';
import { eventTooLargeMessage, MAX_EVENT_BYTES, SSEDecoder, type ServerSentEvent } from '../../../src/api/core/sse';
import { batchChunks, type Batched } from '../helpers/sseBatches';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { count, report } from './soak';

type Line =
  | { kind: 'data' | 'event' | 'id' | 'retry' | 'comment'; value: string }
  | { kind: 'unknown'; field: string; value: string | undefined };

/** One event as generated: its lines, written before the blank line that ends it. */
type Block = Line[];

type Ending = 'LF' | 'CRLF' | 'CR' | 'mixed';

interface GeneratedStream {
  bom: boolean;
  blocks: Block[];
  /** Lines after the last blank line: an event the stream was cut in, which must not come out. */
  trailing: Line[];
  ending: Ending;
  /** Per line: which line end (for `mixed`) and how the field is written. */
  picks: number[];
  /** Where the bytes are cut into chunks (taken modulo the length). */
  cuts: number[];
}

const EOL = { LF: '\n', CRLF: '\r\n', CR: '\r' } as const;
const EOLS = [EOL.LF, EOL.CRLF, EOL.CR];

/** Text of one line's value: no CR or LF; multi-byte characters, NUL, BOM and separators included. */
const text = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('a', 'Z', '0', '7', ' ', ':', '{', '"', ',', 'é', 'ß', '世', '界', '👋', '🧪', '\t', '\0', '\u2028', '\uFEFF') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    ),
    { maxLength: 12 },
  )
  .map((chars) => chars.join('').replace(/[\r\n]/g, ''))
  // Only well-formed text: a lone surrogate does not survive UTF-8.
  .filter((value) => Buffer.from(value, 'utf8').toString('utf8') === value);

const eventName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('agent.message', 'session.status_idle', 'ping', 'message', '') },
  { weight: 1, arbitrary: fc.constant('error') },
  { weight: 2, arbitrary: text },
);

const line: fc.Arbitrary<Line> = fc.oneof(
  { weight: 6, arbitrary: text.map((value) => ({ kind: 'data' as const, value })) },
  { weight: 2, arbitrary: eventName.map((value) => ({ kind: 'event' as const, value })) },
  { weight: 1, arbitrary: fc.oneof(text, fc.constant('has\0nul')).map((value) => ({ kind: 'id' as const, value })) },
  { weight: 1, arbitrary: fc.oneof(fc.nat({ max: 100_000 }).map(String), text).map((value) => ({ kind: 'retry' as const, value })) },
  { weight: 1, arbitrary: text.map((value) => ({ kind: 'comment' as const, value })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ field: fc.constantFrom('x', 'foo', 'dat', 'Data', 'DATA', 'events', 'eventx', 'ID', 'retr', 'data2', 'd', 'ping'), value: fc.option(text, { nil: undefined }) })
      .map(({ field, value }) => ({ kind: 'unknown' as const, field, value })),
  },
);

/** A JSON value written over several data lines, as a pretty-printing server would. */
const jsonBlock: fc.Arbitrary<Block> = fc.tuple(fc.option(eventName, { nil: undefined }), fc.jsonValue({ maxDepth: 2 }), fc.array(line, { maxLength: 2 })).map(([name, value, noise]) => [
  ...(name === undefined ? [] : [{ kind: 'event' as const, value: name }]),
  ...noise.filter((l) => l.kind !== 'data'),
  ...JSON.stringify(value, null, 2)
    .split('\n')
    .map((value) => ({ kind: 'data' as const, value })),
]);

const block: fc.Arbitrary<Block> = fc.oneof({ weight: 3, arbitrary: fc.array(line, { maxLength: 6 }) }, { weight: 1, arbitrary: jsonBlock });

const stream: fc.Arbitrary<GeneratedStream> = fc.record({
  bom: fc.boolean(),
  blocks: fc.array(block, { maxLength: 10 }),
  trailing: fc.array(line, { maxLength: 3 }),
  ending: fc.constantFrom<Ending>('LF', 'CRLF', 'CR', 'mixed'),
  picks: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
  cuts: fc.array(fc.nat(), { maxLength: 8 }),
});

/** How a field line is written: `name:value`, `name: value`, or a bare `name` when the value is empty. */
function writeField(name: string, value: string, pick: number): string {
  if (value === '' && pick % 3 === 2) return name;
  // A value that starts with a space needs the separating space, or the decoder eats its own.
  return `${name}:${pick % 3 === 1 || value.startsWith(' ') ? ' ' : ''}${value}`;
}

function writeLine(l: Line, pick: number): string {
  switch (l.kind) {
    case 'comment':
      return `:${l.value}`;
    case 'unknown':
      return l.value === undefined ? l.field : writeField(l.field, l.value, pick);
    default:
      return writeField(l.kind, l.value, pick);
  }
}

/** The stream's lines as written (a blank line after each block), each with its line end. */
function writtenLines(s: GeneratedStream): Array<{ text: string; eol: string; block: number }> {
  const out: Array<{ text: string; eol: string; block: number }> = [];
  let n = 0;
  let previous = '';
  const add = (textOfLine: string, blockIndex: number) => {
    const pick = s.picks[n++ % s.picks.length];
    let eol = s.ending === 'mixed' ? EOLS[pick % 3] : EOL[s.ending];
    // A CR then an LF that ends the next, empty line would read as one CRLF: write that line end otherwise.
    if (previous === '\r' && textOfLine === '' && eol === '\n') eol = '\r\n';
    out.push({ text: textOfLine, eol, block: blockIndex });
    previous = eol;
  };
  s.blocks.forEach((lines, index) => {
    for (const l of lines) add(writeLine(l, s.picks[(n * 7) % s.picks.length]), index);
    add('', index);
  });
  for (const l of s.trailing) add(writeLine(l, s.picks[(n * 7) % s.picks.length]), -1);
  return out;
}

function bytesOf(s: GeneratedStream): Buffer {
  const body = writtenLines(s)
    .map((l) => l.text + l.eol)
    .join('');
  return Buffer.from(`${s.bom ? '\uFEFF' : ''}${body}`, 'utf8');
}

function chunksOf(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

/** The events the spec says the generated stream carries (as SSEDecoder reports them). */
function expectedEvents(s: GeneratedStream): ServerSentEvent[] {
  const out: ServerSentEvent[] = [];
  let lastId: string | null = null;
  for (const lines of s.blocks) {
    let name: string | null = null;
    let data: string | null = null;
    let retry: number | undefined;
    for (const l of lines) {
      if (l.kind === 'data') data = data === null ? l.value : `${data}\n${l.value}`;
      else if (l.kind === 'event') name = l.value;
      else if (l.kind === 'id' && !l.value.includes('\0')) lastId = l.value;
      else if (l.kind === 'retry' && /^\d+$/.test(l.value)) retry = Number(l.value);
    }
    if (data === null && name === null) continue;
    out.push({ event: name, data: data ?? '', id: lastId, ...(retry === undefined ? {} : { retry }) });
  }
  return out;
}

/** What batches carry: data without pings and empty data, up to the first `event: error`. */
function expectedBatched(events: ServerSentEvent[]): Batched {
  const out: Batched = { datas: [] };
  for (const event of events) {
    if (event.event === 'ping') continue;
    if (event.event === 'error') {
      out.error = event.data;
      break;
    }
    if (event.data) out.datas.push(event.data);
  }
  return out;
}

function decodeAll(chunks: Buffer[], options?: ConstructorParameters<typeof SSEDecoder>[0]): { events: ServerSentEvent[]; error?: Error } {
  const decoder = new SSEDecoder(options);
  const events: ServerSentEvent[] = [];
  try {
    for (const chunk of chunks) decoder.decodeEach(chunk, (event, data, id, retry) => events.push({ event, data, id, ...(retry === undefined ? {} : { retry }) }));
    decoder.end();
  } catch (error) {
    return { events, error: error as Error };
  }
  return { events };
}

/** Generated streams per property: 1,000 in `npm test`, 20,000 under `npm run test:soak`. */
const RUNS = count(1_000, 20_000);

describe('SSE decoding, property-based (fast-check)', () => {
  after(() => report('SSE decoders: generated streams compared event by event, per property', RUNS));
  it('SSEDecoder yields the generated events, field by field, however the bytes are cut', () => {
    fc.assert(
      fc.property(stream, (s) => {
        const { events, error } = decodeAll(chunksOf(bytesOf(s), s.cuts));
        assert.equal(error, undefined);
        assert.deepEqual(events, expectedEvents(s));
      }),
      { numRuns: RUNS },
    );
  });

  it('EventBatcher batches the generated data, without pings and up to an error, however the bytes are cut', () => {
    fc.assert(
      fc.property(stream, (s) => {
        assert.deepEqual(batchChunks(chunksOf(bytesOf(s), s.cuts)), expectedBatched(expectedEvents(s)));
      }),
      { numRuns: RUNS },
    );
  });

  it('a byte order mark cut anywhere in the first chunks is skipped, and the first event kept', () => {
    fc.assert(
      fc.property(stream, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 }), (s, first, second) => {
        const bytes = bytesOf({ ...s, bom: true });
        const cuts = [first, first + second, ...s.cuts];
        const chunks = chunksOf(bytes, cuts);
        assert.deepEqual(decodeAll(chunks).events, expectedEvents(s));
        assert.deepEqual(batchChunks(chunks), expectedBatched(expectedEvents(s)));
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('an event over the limit fails the stream on both decoders, after the events before it, and never below it', () => {
    fc.assert(
      fc.property(stream, fc.integer({ min: 16, max: 160 }), (s, max) => {
        const lines = writtenLines(s);
        // An event's size: the bytes of its lines with their line ends, not the blank line closing it.
        const sizes = s.blocks.map((_lines, index) =>
          lines.filter((l) => l.block === index && l.text !== '').reduce((sum, l) => sum + Buffer.byteLength(l.text + l.eol), 0),
        );
        const trailingSize = lines.filter((l) => l.block === -1).reduce((sum, l) => sum + Buffer.byteLength(l.text + l.eol), 0);
        const over = sizes.findIndex((size) => size > max);
        const kept: GeneratedStream = { ...s, blocks: over === -1 ? s.blocks : s.blocks.slice(0, over) };
        const fails = over !== -1 || trailingSize > max;
        const chunks = chunksOf(bytesOf(s), s.cuts);

        const decoded = decodeAll(chunks, { maxEventBytes: max });
        assert.deepEqual(decoded.events, expectedEvents(kept));
        if (fails) {
          assert.ok(decoded.error instanceof MalformedResponseError, String(decoded.error));
          assert.equal(decoded.error.message, eventTooLargeMessage(max));
        } else assert.equal(decoded.error, undefined);

        const batched = batchChunks(chunks, { maxEventBytes: max });
        const expected = expectedBatched(expectedEvents(kept));
        assert.deepEqual(batched.datas, expected.datas);
        assert.equal(batched.error, expected.error);
        assert.equal(batched.malformed, fails ? eventTooLargeMessage(max) : undefined);
      }),
      { numRuns: RUNS },
    );
  });

  it('the limit is one documented constant: 64 MiB, named in the error', () => {
    assert.equal(MAX_EVENT_BYTES, 64 * 1024 * 1024);
    assert.equal(eventTooLargeMessage(MAX_EVENT_BYTES), 'The server sent an event too large to read (over 64 MiB), so the event stream was closed.');
  });
});

/** A stream of JSON events as the API sends them, written with every variation the decoders accept. */
const apiStream = fc
  .record({
    bom: fc.boolean(),
    events: fc.array(
      fc.record({
        name: fc.constantFrom('agent.message', 'ping', 'session.status_idle', 'message', undefined),
        text,
        pretty: fc.boolean(),
        noise: fc.array(line.filter((l) => l.kind !== 'data' && l.kind !== 'event'), { maxLength: 2 }),
      }),
      { maxLength: 12 },
    ),
    ending: fc.constantFrom<Ending>('LF', 'CRLF', 'CR', 'mixed'),
    picks: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
    cuts: fc.array(fc.nat(), { maxLength: 6 }),
  })
  .map(({ events, ...rest }) => {
    const values = events.map((event, i) => ({ type: event.name === 'session.status_idle' ? 'session.status_idle' : 'agent.message', id: `sevt_${i}`, text: event.text }));
    const blocks: Block[] = events.map((event, i) => [
      ...(event.name === undefined ? [] : [{ kind: 'event' as const, value: event.name }]),
      ...event.noise,
      ...JSON.stringify(values[i], null, event.pretty ? 2 : undefined)
        .split('\n')
        .map((value) => ({ kind: 'data' as const, value })),
    ]);
    const expected = values.filter((_value, i) => events[i].name !== 'ping');
    return { stream: { ...rest, blocks, trailing: [] }, expected };
  });

describe('SSE decoding through the client, property-based', function () {
  this.timeout(120_000);
  let server: TestServer;
  let current: Buffer[] = [];

  before(async () => {
    server = await startTestServer(async (_req, res) => {
      const chunks = current;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      for (const chunk of chunks) {
        res.write(chunk);
        // Let each chunk go out on its own (as far as the sockets allow).
        await new Promise((resolve) => setImmediate(resolve));
      }
      res.end();
    });
  });
  after(() => server.close());

  for (const streamThread of [true, false]) {
    it(`yields the generated events ${streamThread ? 'on the stream thread' : 'in the host thread (the fallback)'}`, async () => {
      const client = new ManagedAgentsClient({ baseURL: server.url, apiKey: () => 'sk-test', streamThread, maxRetries: 0 });
      try {
        await fc.assert(
          fc.asyncProperty(apiStream, async ({ stream: s, expected }) => {
            current = chunksOf(bytesOf(s), s.cuts);
            const received: unknown[] = [];
            for await (const event of await client.sessions.events.stream('sesn_1')) received.push(event);
            assert.deepEqual(received, expected);
          }),
          { numRuns: Math.max(10, Math.ceil(RUNS / 20)) },
        );
        if (streamThread) assert.ok(client.streamThreadId, 'the stream thread read them');
      } finally {
        await client.close();
      }
    });
  }
});

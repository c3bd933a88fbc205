import assert from 'node:assert/strict';
import { batchText, SSEDecoder, type ServerSentEvent } from '../../src/api/core/sse';
import { batchChunks } from './helpers/sseBatches';

function decodeChunks(chunks: Uint8Array[]): ServerSentEvent[] {
  const decoder = new SSEDecoder();
  const out: ServerSentEvent[] = [];
  for (const chunk of chunks) out.push(...decoder.decode(chunk));
  decoder.end();
  return out;
}

const SAMPLE = [
  ': a comment the decoder must ignore',
  'event: agent.message',
  'data: {"type":"agent.message","content":[{"type":"text","text":"héllo 👋 世界"}]}',
  '',
  'event: ping',
  'data: {"type":"ping"}',
  '',
  'id: 42',
  'event: multi',
  'data: first line',
  'data:second line without space',
  'data',
  '',
  'retry: 1500',
  'event: status',
  'data: {"type":"session.status_idle"}',
  'unknown-field: ignored',
  '',
  'event: no-data',
  '',
  '',
  '',
].join('\n');

const EXPECTED: ServerSentEvent[] = [
  { event: 'agent.message', data: '{"type":"agent.message","content":[{"type":"text","text":"héllo 👋 世界"}]}', id: null },
  { event: 'ping', data: '{"type":"ping"}', id: null },
  { event: 'multi', data: 'first line\nsecond line without space\n', id: '42' },
  { event: 'status', data: '{"type":"session.status_idle"}', id: '42', retry: 1500 },
  { event: 'no-data', data: '', id: '42' },
];

describe('SSEDecoder', () => {
  it('decodes events, comments, ids, retry and multi-line data', () => {
    assert.deepEqual(decodeChunks([Buffer.from(SAMPLE)]), EXPECTED);
  });

  it('gives the same events when the bytes are split at every boundary', () => {
    const bytes = Buffer.from(SAMPLE);
    for (let i = 1; i < bytes.length; i++) {
      assert.deepEqual(decodeChunks([bytes.subarray(0, i), bytes.subarray(i)]), EXPECTED, `split at byte ${i}`);
    }
  });

  it('gives the same events when fed one byte at a time', () => {
    const bytes = Buffer.from(SAMPLE);
    const chunks = Array.from(bytes, (_b, i) => bytes.subarray(i, i + 1));
    assert.deepEqual(decodeChunks(chunks), EXPECTED);
  });

  for (const [name, eol] of [['CRLF', '\r\n'], ['CR', '\r']] as const) {
    it(`accepts ${name} line endings, split at every boundary`, () => {
      const bytes = Buffer.from(SAMPLE.replace(/\n/g, eol));
      assert.deepEqual(decodeChunks([bytes]), EXPECTED);
      for (let i = 1; i < bytes.length; i++) {
        assert.deepEqual(decodeChunks([bytes.subarray(0, i), bytes.subarray(i)]), EXPECTED, `split at byte ${i}`);
      }
    });
  }

  it('drops an event whose closing blank line never came', () => {
    const events = decodeChunks([Buffer.from('event: a\ndata: 1\n\nevent: b\ndata: {"cut":')]);
    assert.deepEqual(events.map((e) => e.event), ['a']);
  });

  it('keeps a long line that spans many chunks intact', () => {
    const text = 'x'.repeat(100_000) + 'é';
    const bytes = Buffer.from(`data: ${text}\n\n`);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 997) chunks.push(bytes.subarray(i, i + 997));
    const events = decodeChunks(chunks);
    assert.equal(events.length, 1);
    assert.equal(events[0].data, text);
  });
});

/** What batches must carry, from the text decoder's events: data without pings and empty ones, up to the first error. */
function batchedFrom(events: ServerSentEvent[]): { datas: string[]; error?: string } {
  const out: { datas: string[]; error?: string } = { datas: [] };
  for (const event of events) {
    if (event.event === 'ping' || out.error !== undefined) continue;
    if (event.event === 'error') out.error = event.data;
    else if (event.data) out.datas.push(event.data);
  }
  return out;
}

const BATCH_SAMPLE = `${SAMPLE}event: agent.message\ndata: {"type":"agent.message","n":2}\n\nevent: error\ndata: {"type":"error","error":{"type":"overloaded_error"}}\n\nevent: agent.message\ndata: {"after":"the error"}\n\n`;
const BATCH_EXPECTED = batchedFrom(decodeChunks([Buffer.from(BATCH_SAMPLE)]));

describe('EventBatcher', () => {
  it('hands out the data the text decoder reads: no pings, no empty data, nothing after an error', () => {
    assert.deepEqual(BATCH_EXPECTED.datas.length, 4);
    assert.match(BATCH_EXPECTED.error ?? '', /overloaded_error/);
    assert.deepEqual(batchChunks([Buffer.from(BATCH_SAMPLE)]), BATCH_EXPECTED);
  });

  it('gives the same data when the bytes are split at every boundary, or fed one byte at a time', () => {
    const bytes = Buffer.from(BATCH_SAMPLE);
    for (let i = 1; i < bytes.length; i++) {
      assert.deepEqual(batchChunks([bytes.subarray(0, i), bytes.subarray(i)]), BATCH_EXPECTED, `split at byte ${i}`);
    }
    assert.deepEqual(batchChunks(Array.from(bytes, (_b, i) => bytes.subarray(i, i + 1))), BATCH_EXPECTED);
  });

  for (const [name, eol] of [['CRLF', '\r\n'], ['CR', '\r']] as const) {
    it(`accepts ${name} line endings, from the start or from the middle of the stream, split at every boundary`, () => {
      const whole = Buffer.from(BATCH_SAMPLE.replace(/\n/g, eol));
      const middle = BATCH_SAMPLE.indexOf('event: multi');
      const mixed = Buffer.from(BATCH_SAMPLE.slice(0, middle) + BATCH_SAMPLE.slice(middle).replace(/\n/g, eol));
      for (const bytes of [whole, mixed]) {
        for (let i = 1; i < bytes.length; i++) {
          assert.deepEqual(batchChunks([bytes.subarray(0, i), bytes.subarray(i)]), BATCH_EXPECTED, `split at byte ${i}`);
        }
      }
    });
  }

  it('skips a byte order mark at the start of the stream', () => {
    assert.deepEqual(batchChunks([Buffer.from(`\uFEFF${BATCH_SAMPLE}`)]), BATCH_EXPECTED);
  });

  it('makes each batch one JSON array, whose buffer can be transferred away without touching later batches', () => {
    const events = Array.from({ length: 50 }, (_v, i) => ({ type: 'agent.message', id: `sevt_${i}`, content: [{ type: 'text', text: `é ${'x'.repeat(i * 37)} 👋` }] }));
    const bytes = Buffer.from(events.map((event, i) => `${i % 7 === 0 ? 'event: ping\ndata: {"type":"ping"}\n\n' : ''}event: agent.message\ndata: ${JSON.stringify(event)}\n\n`).join(''));
    const parsed: unknown[] = [];
    const batches: number[] = [];
    batchChunks(
      Array.from({ length: Math.ceil(bytes.length / 1000) }, (_v, i) => bytes.subarray(i * 1000, i * 1000 + 1000)),
      {},
      (batch) => {
        const values = JSON.parse(batchText(batch)) as unknown[];
        assert.equal(values.length, batch.ends.length);
        parsed.push(...values);
        batches.push(values.length);
        // As the stream thread does: the batch's buffer goes to another thread and is gone from here.
        structuredClone(batch, { transfer: [batch.json.buffer as ArrayBuffer] });
        assert.equal(batch.json.byteLength, 0, 'the buffer was transferred');
      },
    );
    assert.deepEqual(parsed, events);
    assert.ok(batches.length > 5, `several batches (${batches.join(', ')})`);
  });

  it('keeps an event that spans many chunks intact, multi-byte characters included', () => {
    const text = `${'é👋x'.repeat(30_000)}`;
    const bytes = Buffer.from(`event: agent.message\ndata: ${JSON.stringify({ text })}\n\n`);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 997) chunks.push(bytes.subarray(i, i + 997));
    assert.deepEqual(batchChunks(chunks).datas.map((data) => (JSON.parse(data) as { text: string }).text), [text]);
  });

  it('frames the events around one of over a MiB, which spans chunks, the same as the text decoder', () => {
    const texts = ['before', `${'é👋x'.repeat(200_000)}`, 'after', 'and after'];
    const bytes = Buffer.from(texts.map((text) => `event: agent.message\ndata: ${JSON.stringify({ text })}\n\n`).join(''));
    for (const size of [997, 65_536]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      assert.deepEqual(batchChunks(chunks), batchedFrom(decodeChunks(chunks)), `chunks of ${size} bytes`);
      assert.deepEqual(batchChunks(chunks).datas.map((data) => (JSON.parse(data) as { text: string }).text), texts);
    }
  });
});

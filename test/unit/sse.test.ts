import assert from 'node:assert/strict';
import { SSEDecoder, type ServerSentEvent } from '../../src/api/core/sse';

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

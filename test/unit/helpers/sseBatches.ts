// Feeding chunks of an SSE stream to an EventBatcher as the readers do, for the SSE tests.
import assert from 'node:assert/strict';
import { batchText, EventBatcher, type EventBatch } from '../../../src/api/core/sse';

/** What the batches of a stream carried: each event's data, the `event: error`'s data, and why the stream failed. */
export interface Batched {
  datas: string[];
  error?: string;
  malformed?: string;
}

/**
 * Feeds the chunks to a batcher, taking a batch after each (each must be one JSON array that owns its
 * buffer); returns the data each batch's ends cut out.
 */
export function batchChunks(chunks: Uint8Array[], options: ConstructorParameters<typeof EventBatcher>[0] = {}, onBatch: (batch: EventBatch) => void = () => undefined): Batched {
  const batcher = new EventBatcher(options);
  const out: Batched = { datas: [] };
  const take = () => {
    const batch = batcher.take();
    if (!batch) return;
    assert.equal(batch.json.byteOffset, 0, 'a batch owns its buffer');
    if (batch.ends.length) {
      assert.equal(batchText(batch, 0, 1), '[');
      assert.equal(batchText(batch, batch.json.length - 1), ']');
    }
    for (let i = 0, start = 1; i < batch.ends.length; start = batch.ends[i] + 1, i++) out.datas.push(batchText(batch, start, batch.ends[i]));
    if (batch.error !== undefined && out.error === undefined) out.error = batch.error;
    if (batch.malformed !== undefined) out.malformed = batch.malformed;
    onBatch(batch);
  };
  for (const chunk of chunks) {
    batcher.add(chunk);
    take();
  }
  batcher.end();
  take();
  return out;
}

// The transcript as the panel sends it to its webview: rows (each event's view) as patches that
// append, prepend and update in place, previews merged into the events they become, and the tool
// calls the session waits on. A webview that applies every patch holds exactly the views the host
// would describe now, whatever the order events and older pages arrive in (fast-check).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SessionEvent } from '../../../src/api';
import { TranscriptRows, type PatchMessage } from '../../../src/history/transcriptRows';
import { describeEvent, describeRow, withDefaults, type EventView } from '../../../src/webview/eventView';
import { EVENT_CHUNK_SIZE } from '../../../src/webview/protocol';
import { ALL_EVENTS, EXAMPLES } from './fixtures';

const T = '2026-01-01T00:00:00Z';

/** The rows a webview holds after applying patches, as the webview applies them. */
class WebviewRows {
  rows: EventView[] = [];
  apply(patches: readonly PatchMessage[]): void {
    for (const patch of patches) {
      if (patch.prepend) this.rows = [...patch.prepend.map(withDefaults), ...this.rows];
      for (const { index, row } of patch.update ?? []) {
        assert.ok(index >= 0 && index < this.rows.length, `update of row ${index} of ${this.rows.length}`);
        this.rows[index] = withDefaults(row);
      }
      if (patch.append) this.rows.push(...patch.append.map(withDefaults));
    }
  }
}

/** Every row the webview holds is the view of the transcript's event at that place, described now. */
function assertInStep(webview: WebviewRows, rows: TranscriptRows): void {
  const { transcript } = rows;
  assert.deepEqual(
    webview.rows.map((row) => row.id),
    transcript.events.map((event) => event.id),
  );
  transcript.events.forEach((event, i) => assert.deepEqual(webview.rows[i], describeEvent(event, transcript), `row ${i} (${event.type})`));
}

function message(id: string, text: string): SessionEvent {
  return { id, type: 'agent.message', content: [{ type: 'text', text }], processed_at: T };
}

describe('history transcript rows (host -> webview patches)', () => {
  it('appends new events as their views, once, and says nothing when nothing changed', () => {
    const rows = new TranscriptRows();
    rows.accept(EXAMPLES['user.message']);
    rows.accept(EXAMPLES['agent.message']);
    // Rows leave out the fields at their default; the webview puts them back.
    const patches = rows.takePatches(false);
    assert.deepEqual(patches, [{ type: 'patch', append: [describeRow(EXAMPLES['user.message']), describeRow(EXAMPLES['agent.message'])] }]);
    assert.deepEqual(Object.keys(patches[0].append[1]).sort(), ['id', 'kind', 'layout', 'markdown', 'time', 'title', 'type']);
    assert.deepEqual(withDefaults(patches[0].append[1]), describeEvent(EXAMPLES['agent.message']));
    assert.deepEqual(rows.takePatches(false), []);
  });

  it('updates in place what the webview holds: an event replaced by id, and the tool call a result answers', () => {
    const rows = new TranscriptRows();
    const queued: SessionEvent = { id: 'u1', type: 'user.message', content: [{ type: 'text', text: 'hi' }], processed_at: null };
    rows.accept(queued);
    rows.accept(EXAMPLES['agent.tool_use']);
    const webview = new WebviewRows();
    webview.apply(rows.takePatches(false));
    assert.deepEqual(webview.rows[0].badges.map((b) => b.text), ['queued']);
    rows.accept({ ...queued, processed_at: T });
    rows.accept(EXAMPLES['agent.tool_result']);
    const patches = rows.takePatches(false);
    assert.deepEqual(patches.map((p) => [p.update?.map((u) => u.index), p.append?.map((r) => r.id)]), [[[0, 1], ['ev_result']]]);
    webview.apply(patches);
    assert.deepEqual(webview.rows[0].badges, []);
    assert.deepEqual(webview.rows[1].payloads.map((p) => p.label), ['Input', 'Result']);
    assertInStep(webview, rows);
  });

  it('sends a long history in chunks: updates with the first, the rest with the last', () => {
    const rows = new TranscriptRows();
    rows.accept(EXAMPLES['agent.tool_use']);
    const webview = new WebviewRows();
    webview.apply(rows.takePatches(false));
    rows.accept(EXAMPLES['agent.tool_result']);
    for (let i = 0; i < 2 * EVENT_CHUNK_SIZE + 10; i++) rows.accept(message(`m${i}`, `part ${i}`));
    rows.preview({ type: 'event_start', event: { id: 'p', type: 'agent.message' } });
    const patches = rows.takePatches(true);
    assert.deepEqual(
      patches.map((p) => [p.append?.length, p.update?.length, p.previews?.length, p.historyComplete]),
      [
        [EVENT_CHUNK_SIZE, 1, undefined, undefined],
        [EVENT_CHUNK_SIZE, undefined, undefined, undefined],
        [11, undefined, 1, true],
      ],
    );
    webview.apply(patches);
    assertInStep(webview, rows);
    // The history is said to be complete once.
    rows.accept(message('late', 'late'));
    assert.equal(rows.takePatches(true)[0].historyComplete, undefined);
  });

  it('puts an older page before the others, newest chunk first, and updates the rows it names', () => {
    const rows = new TranscriptRows();
    const webview = new WebviewRows();
    rows.accept(EXAMPLES['agent.tool_result']); // its tool call is on an older page
    rows.accept(message('newest', 'newest'));
    webview.apply(rows.takePatches(true));
    assert.equal(webview.rows[0].title, 'Result of tool call');
    const older = [...Array.from({ length: EVENT_CHUNK_SIZE + 5 }, (_v, i) => message(`old${i}`, `old ${i}`)), EXAMPLES['agent.tool_use']];
    assert.equal(rows.prepend(older), older.length);
    assert.equal(rows.prepend([EXAMPLES['agent.tool_use']]), 0, 'an event already here is not added again');
    const patches = rows.takePatches(true);
    assert.deepEqual(
      patches.map((p) => [p.prepend?.length, p.prepend?.[0].id, p.update?.map((u) => u.index)]),
      [
        [EVENT_CHUNK_SIZE, 'old6', undefined],
        [6, 'old0', undefined],
        [undefined, undefined, [older.length]],
      ],
    );
    webview.apply(patches);
    assert.equal(webview.rows[older.length].title, 'Result of bash');
    assertInStep(webview, rows);
  });

  it('shows a preview until its event arrives, and keeps a thinking block\'s text', () => {
    const rows = new TranscriptRows();
    rows.preview({ type: 'event_start', event: { id: 'ev_think', type: 'agent.thinking' } });
    rows.preview({ type: 'event_delta', event_id: 'ev_think', delta: { type: 'content_delta', content: { type: 'text', text: 'weighing ' } } });
    rows.preview({ type: 'event_delta', event_id: 'ev_think', delta: { type: 'content_delta', content: { type: 'text', text: 'options' } } });
    assert.deepEqual(rows.takePatches(true), [{ type: 'patch', previews: [{ id: 'ev_think', eventType: 'agent.thinking', text: 'weighing options' }], historyComplete: true }]);
    rows.accept(EXAMPLES['agent.thinking']);
    const [patch] = rows.takePatches(true);
    assert.deepEqual(patch.previews, []);
    assert.equal(patch.append?.[0].text, 'weighing options');
    // The end of a model request ends every preview.
    rows.preview({ type: 'event_start', event: { id: 'never', type: 'agent.message' } });
    rows.takePatches(true);
    rows.accept(EXAMPLES['span.model_request_end']);
    assert.deepEqual(rows.takePatches(true)[0].previews, []);
  });

  it('lists the tool calls the session waits on when they change, ready to show', () => {
    const rows = new TranscriptRows();
    rows.accept(EXAMPLES['agent.tool_use']);
    rows.accept(EXAMPLES['session.status_idle']);
    const webview = new WebviewRows();
    const first = rows.takePatches(true);
    webview.apply(first);
    assert.deepEqual(first.at(-1)?.waiting, [{ eventId: 'ev_tool', kind: 'confirm', name: 'bash', summary: 'npm test', input: '{\n  "command": "npm test"\n}' }]);
    assert.equal(webview.rows[1].detail, 'waiting for you: bash');
    rows.accept(message('m', 'still waiting'));
    const unchanged = rows.takePatches(true);
    assert.equal(unchanged[0].waiting, undefined, 'unchanged: not sent again');
    webview.apply(unchanged);
    rows.accept(EXAMPLES['user.tool_confirmation']);
    const answered = rows.takePatches(true);
    assert.deepEqual(answered.at(-1)?.waiting, []);
    webview.apply(answered);
    assert.equal(webview.rows[1].detail, 'waiting for you: bash (answered)', 'the idle row names the answered call');
    assertInStep(webview, rows);
  });

  it('sends everything again to a webview that reloaded', () => {
    const rows = new TranscriptRows();
    rows.accept(EXAMPLES['agent.tool_use']);
    rows.accept(EXAMPLES['session.status_idle']);
    rows.takePatches(true);
    const webview = new WebviewRows();
    const all = rows.allPatches(true);
    webview.apply(all);
    assertInStep(webview, rows);
    assert.deepEqual(all.at(-1)?.waiting?.map((w) => w.eventId), ['ev_tool']);
    assert.deepEqual(all.at(-1)?.previews, []);
    assert.equal(all.at(-1)?.historyComplete, true);
    rows.clear();
    assert.equal(rows.length, 0);
    assert.deepEqual(rows.allPatches(false), [{ type: 'patch', previews: [] }]);
  });

  it('keeps a webview that applies every patch in step with the transcript, whatever the order (property)', () => {
    const variant = (event: SessionEvent, n: number): SessionEvent => ({ ...event, processed_at: n % 3 === 0 ? null : `2026-01-02T00:00:0${n % 10}Z` }) as SessionEvent;
    const operation = fc.oneof(
      fc.record({ op: fc.constant('accept' as const), event: fc.nat(ALL_EVENTS.length - 1), variant: fc.nat(9) }),
      fc.record({ op: fc.constant('prepend' as const), events: fc.array(fc.nat(ALL_EVENTS.length - 1), { maxLength: 6 }) }),
      fc.record({ op: fc.constant('preview' as const), thinking: fc.boolean(), text: fc.string({ maxLength: 5 }) }),
      fc.record({ op: fc.constant('flush' as const), complete: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const rows = new TranscriptRows();
        const webview = new WebviewRows();
        for (const o of operations) {
          if (o.op === 'accept') rows.accept(o.variant ? variant(ALL_EVENTS[o.event], o.variant) : ALL_EVENTS[o.event]);
          else if (o.op === 'prepend') rows.prepend(o.events.map((i) => ALL_EVENTS[i]));
          else if (o.op === 'preview') {
            const id = o.thinking ? 'ev_think' : 'ev_agent';
            rows.preview({ type: 'event_start', event: { id, type: o.thinking ? 'agent.thinking' : 'agent.message' } });
            rows.preview({ type: 'event_delta', event_id: id, delta: { type: 'content_delta', content: { type: 'text', text: o.text } } });
          } else webview.apply(rows.takePatches(o.complete));
        }
        webview.apply(rows.takePatches(true));
        assertInStep(webview, rows);
      }),
      { numRuns: 300 },
    );
  });
});

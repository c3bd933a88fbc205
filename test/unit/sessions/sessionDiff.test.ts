import assert from 'node:assert/strict';
import { appendPage, compareNewestFirst, mergeRefreshed, upsertSession } from '../../../src/sessions/store/sessionDiff';
import { makeSession, newestFirst, withStatus } from './fixtures';

const ids = (list: { id: string }[]) => list.map((session) => session.id);

describe('sessionDiff', () => {
  describe('mergeRefreshed', () => {
    it('reports added, changed and removed sessions and keeps unchanged ones out of the diff', () => {
      const [a, b, c] = newestFirst([makeSession(), makeSession(), makeSession()]);
      const d = makeSession();
      const bRunning = withStatus(b, 'running');
      const { sessions, diff } = mergeRefreshed([a, b, c], newestFirst([d, a, bRunning]), { reachedEnd: true });
      assert.deepEqual(ids(sessions), [d.id, a.id, b.id]);
      assert.deepEqual(ids(diff.added), [d.id]);
      assert.deepEqual(diff.changed.map((pair) => [pair.previous.status, pair.current.status]), [['idle', 'running']]);
      assert.deepEqual(ids(diff.removed), [c.id]);
    });

    it('keeps sessions older than the fetched window when more pages exist', () => {
      const all = newestFirst([makeSession(), makeSession(), makeSession(), makeSession()]);
      const [first, second, third, fourth] = all;
      // Loaded 4; the refresh read only the newest 2 (and the API has more).
      const { sessions, diff } = mergeRefreshed(all, [first, second], { reachedEnd: false });
      assert.deepEqual(ids(sessions), ids([first, second, third, fourth]));
      assert.equal(diff.removed.length, 0);
    });

    it('removes a session missing from inside the fetched window (deleted or archived elsewhere)', () => {
      const [a, b, c] = newestFirst([makeSession(), makeSession(), makeSession()]);
      const { diff } = mergeRefreshed([a, b, c], [a, c], { reachedEnd: false });
      assert.deepEqual(ids(diff.removed), [b.id]);
    });

    it('replaces the whole list after a filter change', () => {
      const [a, b] = newestFirst([makeSession(), makeSession()]);
      const c = makeSession();
      const { sessions, diff } = mergeRefreshed([a, b], [c], { reachedEnd: false, replaceAll: true });
      assert.deepEqual(ids(sessions), [c.id]);
      assert.deepEqual(ids(diff.removed).sort(), [a.id, b.id].sort());
    });

    it('empties the list when the API returns nothing and no further page', () => {
      const a = makeSession();
      const { sessions, diff } = mergeRefreshed([a], [], { reachedEnd: true });
      assert.equal(sessions.length, 0);
      assert.deepEqual(ids(diff.removed), [a.id]);
    });
  });

  it('appendPage adds new sessions at the end and counts repeats as changes', () => {
    const [a, b] = newestFirst([makeSession(), makeSession()]);
    const c = makeSession({ created_at: '2020-01-01T00:00:00.000Z' });
    const { sessions, diff } = appendPage([a, b], [withStatus(b, 'terminated'), c]);
    assert.deepEqual(ids(sessions), [a.id, b.id, c.id]);
    assert.deepEqual(ids(diff.added), [c.id]);
    assert.equal(diff.changed.length, 1);
    assert.equal(sessions[1].status, 'terminated');
  });

  describe('upsertSession', () => {
    it('inserts a new session at its place by creation time', () => {
      const [newest, oldest] = newestFirst([makeSession(), makeSession()]);
      const middle = makeSession({ created_at: new Date((Date.parse(newest.created_at) + Date.parse(oldest.created_at)) / 2).toISOString() });
      const { sessions, diff } = upsertSession([newest, oldest], middle.id, middle);
      assert.deepEqual(ids(sessions), [newest.id, middle.id, oldest.id]);
      assert.deepEqual(ids(diff.added), [middle.id]);
    });

    it('replaces a changed session in place and reports nothing for an identical one', () => {
      const a = makeSession();
      assert.equal(upsertSession([a], a.id, { ...a }).diff.changed.length, 0);
      const { sessions, diff } = upsertSession([a], a.id, withStatus(a, 'running'));
      assert.equal(sessions[0].status, 'running');
      assert.equal(diff.changed.length, 1);
    });

    it('removes a session that is gone', () => {
      const a = makeSession();
      const { sessions, diff } = upsertSession([a], a.id, undefined);
      assert.equal(sessions.length, 0);
      assert.deepEqual(ids(diff.removed), [a.id]);
      assert.equal(upsertSession([], 'sesn_missing', undefined).diff.removed.length, 0);
    });
  });

  it('orders newest first, ties by id', () => {
    const a = makeSession({ created_at: '2026-01-01T00:00:00.000Z', id: 'sesn_a' });
    const b = makeSession({ created_at: '2026-01-01T00:00:00.000Z', id: 'sesn_b' });
    const c = makeSession({ created_at: '2026-02-01T00:00:00.000Z' });
    assert.deepEqual(ids([a, b, c].sort(compareNewestFirst)), [c.id, 'sesn_b', 'sesn_a']);
  });
});

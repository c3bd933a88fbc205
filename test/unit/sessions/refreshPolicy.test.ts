import assert from 'node:assert/strict';
import { RefreshPolicy } from '../../../src/sessions/store/refreshPolicy';

function visiblePolicy(options = { activeSeconds: 3, idleSeconds: 30 }): RefreshPolicy {
  const policy = new RefreshPolicy(options);
  policy.setViewVisible(true);
  policy.setWindowFocused(true);
  return policy;
}

describe('RefreshPolicy', () => {
  it('schedules nothing before the first load (the view loads the list when it is first shown)', () => {
    assert.equal(visiblePolicy().nextRefreshAt(), undefined);
  });

  it('polls fast while a session is running or rescheduling, slowly when all are idle or ended', () => {
    const policy = visiblePolicy();
    policy.record({ kind: 'ok', anyActive: true }, 1_000);
    assert.equal(policy.nextRefreshAt(), 4_000);
    policy.record({ kind: 'ok', anyActive: false }, 10_000);
    assert.equal(policy.nextRefreshAt(), 40_000);
  });

  it('follows activity learned outside a list refresh', () => {
    const policy = visiblePolicy();
    policy.record({ kind: 'ok', anyActive: false }, 0);
    policy.setAnyActive(true);
    assert.equal(policy.intervalMs(), 3_000);
  });

  it('polls fast for a while after a user action, then slowly again', () => {
    const policy = visiblePolicy();
    policy.record({ kind: 'ok', anyActive: false }, 0);
    policy.expectActivity(20_000);
    assert.equal(policy.nextRefreshAt(), 3_000);
    policy.record({ kind: 'ok', anyActive: false }, 25_000);
    assert.equal(policy.nextRefreshAt(), 55_000);
  });

  it('pauses while the view is hidden or the window is unfocused', () => {
    const policy = visiblePolicy();
    policy.record({ kind: 'ok', anyActive: true }, 0);
    policy.setViewVisible(false);
    assert.equal(policy.paused, true);
    assert.equal(policy.nextRefreshAt(), undefined);
    policy.setViewVisible(true);
    policy.setWindowFocused(false);
    assert.equal(policy.nextRefreshAt(), undefined);
  });

  it('on return refreshes at once if a refresh fell due during the pause, else when it falls due', () => {
    const policy = visiblePolicy();
    policy.record({ kind: 'ok', anyActive: false }, 0);
    policy.setWindowFocused(false);
    policy.setWindowFocused(true);
    // Returned after 5 s: the idle refresh is due at 30 s, not now.
    assert.equal(policy.nextRefreshAt(), 30_000);
    policy.setViewVisible(false);
    policy.setViewVisible(true);
    // Returned after 2 minutes: due in the past, i.e. now.
    assert.ok(policy.nextRefreshAt()! <= 120_000);
  });

  it('backs off exponentially after errors, capped, and resets on success', () => {
    const policy = visiblePolicy({ activeSeconds: 3, idleSeconds: 30 });
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      policy.record({ kind: 'error' }, 0);
      delays.push(policy.nextRefreshAt()!);
    }
    assert.deepEqual(delays, [6_000, 12_000, 24_000, 48_000, 96_000, 120_000, 120_000, 120_000]);
    assert.equal(policy.errorCount, 8);
    policy.record({ kind: 'ok', anyActive: false }, 0);
    assert.equal(policy.nextRefreshAt(), 30_000);
    assert.equal(policy.errorCount, 0);
  });

  it('honours a custom back-off cap', () => {
    const policy = visiblePolicy({ activeSeconds: 1, idleSeconds: 5, maxBackoffSeconds: 10 } as never);
    for (let i = 0; i < 10; i++) policy.record({ kind: 'error' }, 0);
    assert.equal(policy.intervalMs(), 10_000);
  });

  it('stops after a missing or rejected key until the key changes', () => {
    const policy = visiblePolicy();
    policy.record({ kind: 'ok', anyActive: true }, 0);
    policy.record({ kind: 'unauthorized' }, 1_000);
    assert.equal(policy.stopped, true);
    assert.equal(policy.nextRefreshAt(), undefined);
    policy.keyChanged();
    assert.equal(policy.stopped, false);
    assert.equal(policy.nextRefreshAt(), 4_000);
  });

  it('takes new intervals from changed settings, keeping idle no faster than active', () => {
    const policy = visiblePolicy();
    policy.record({ kind: 'ok', anyActive: false }, 0);
    policy.configure({ activeSeconds: 10, idleSeconds: 5 });
    assert.equal(policy.intervalMs(), 10_000);
    policy.configure({ activeSeconds: 2, idleSeconds: 60 });
    assert.equal(policy.intervalMs(), 60_000);
  });
});

import assert from 'node:assert/strict';
import { groupSessions, planTreeUpdate, treeShape } from '../../../src/sessions/tree/treeGrouping';
import type { SessionEntry } from '../../../src/sessions/sessionState';
import type { GroupBy } from '../../../src/sessions/store/viewOptions';
import { entry, makeSession, withStatus } from './fixtures';

const shapeOf = (entries: SessionEntry[], groupBy: GroupBy, extras: string[] = []) => treeShape(groupBy, groupSessions(entries, groupBy), extras);

describe('tree grouping', () => {
  describe('groupSessions', () => {
    const running = entry(makeSession({ status: 'running' }));
    const idle = entry(makeSession({ status: 'idle', agentId: 'agent_2', agentName: 'Docs writer' }));
    const terminated = entry(makeSession({ status: 'terminated' }));
    const archived = entry(makeSession({ status: 'idle', archived_at: '2026-01-02T00:00:00Z', agentId: 'agent_2', agentName: 'Docs writer' }));
    const rescheduling = entry(makeSession({ status: 'rescheduling' }));

    it('by status: fixed order, archived last and separate, list order kept inside groups', () => {
      const groups = groupSessions([archived, terminated, idle, running, rescheduling], 'status');
      assert.deepEqual(groups.map((g) => [g.key, g.label, g.entries.length]), [
        ['running', 'Running', 1],
        ['rescheduling', 'Rescheduling', 1],
        ['idle', 'Idle', 1],
        ['terminated', 'Terminated', 1],
        ['archived', 'Archived', 1],
      ]);
    });

    it('by agent: keyed by id, labelled and sorted by name', () => {
      const groups = groupSessions([running, idle, terminated, archived], 'agent');
      assert.deepEqual(groups.map((g) => [g.key, g.label, g.entries.map((e) => e.session.id)]), [
        ['agent_2', 'Docs writer', [idle.session.id, archived.session.id]],
        ['agent_1', 'Repo maintainer', [running.session.id, terminated.session.id]],
      ]);
    });

    it('none: one group holding the list as it is', () => {
      const groups = groupSessions([running, idle], 'none');
      assert.equal(groups.length, 1);
      assert.deepEqual(groups[0].entries, [running, idle]);
      assert.equal(groupSessions([], 'none')[0].entries.length, 0);
    });
  });

  describe('planTreeUpdate', () => {
    const a = entry(makeSession({ status: 'running' }));
    const b = entry(makeSession({ status: 'idle' }));
    const c = entry(makeSession({ status: 'idle' }));

    it('redraws everything the first time and when the grouping changes', () => {
      assert.equal(planTreeUpdate(undefined, shapeOf([a], 'none'), []).root, true);
      assert.equal(planTreeUpdate(shapeOf([a], 'none'), shapeOf([a], 'status'), []).root, true);
    });

    it('flat list: a changed session redraws only its row', () => {
      const before = shapeOf([a, b, c], 'none');
      const plan = planTreeUpdate(before, shapeOf([a, b, c], 'none'), [b.session.id]);
      assert.deepEqual(plan, { root: false, groups: [], sessions: [b.session.id] });
    });

    it('flat list: an added or removed session redraws the top level', () => {
      assert.equal(planTreeUpdate(shapeOf([a, b], 'none'), shapeOf([c, a, b], 'none'), [c.session.id]).root, true);
      assert.equal(planTreeUpdate(shapeOf([a, b], 'none'), shapeOf([a], 'none'), [b.session.id]).root, true);
    });

    it('by status: a status change within existing groups redraws just those two groups', () => {
      const before = shapeOf([a, b, c], 'status');
      const bRunning = entry(withStatus(b.session, 'running'));
      const plan = planTreeUpdate(before, shapeOf([a, bRunning, c], 'status'), [b.session.id]);
      assert.deepEqual(plan, { root: false, groups: ['running', 'idle'], sessions: [] });
    });

    it('by status: a group appearing or vanishing redraws the top level', () => {
      const before = shapeOf([a, b], 'status');
      const aIdle = entry(withStatus(a.session, 'idle'));
      assert.equal(planTreeUpdate(before, shapeOf([aIdle, b], 'status'), [a.session.id]).root, true);
    });

    it('by status: a change that keeps a session in its group redraws only its row', () => {
      const before = shapeOf([a, b], 'status');
      const bTitled = entry({ ...b.session, title: 'Renamed' });
      assert.deepEqual(planTreeUpdate(before, shapeOf([a, bTitled], 'status'), [b.session.id]), { root: false, groups: [], sessions: [b.session.id] });
    });

    it('a banner or "Load more" appearing or going redraws the top level; nothing changed redraws nothing', () => {
      const before = shapeOf([a], 'none');
      assert.equal(planTreeUpdate(before, shapeOf([a], 'none', ['loadMore']), []).root, true);
      assert.deepEqual(planTreeUpdate(before, shapeOf([a], 'none'), []), { root: false, groups: [], sessions: [] });
    });
  });
});

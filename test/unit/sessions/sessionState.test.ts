import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { carryStopReason, isActive, needsAction, needsStopReasonCheck, sessionContextValue, summarize } from '../../../src/sessions/sessionState';
import { entry, makeSession, withStatus } from './fixtures';

describe('sessionState', () => {
  it('counts running and rescheduling as active', () => {
    assert.deepEqual((['running', 'rescheduling', 'idle', 'terminated'] as const).map(isActive), [true, true, false, false]);
  });

  it('encodes status, needs-action and archived in the contextValue', () => {
    assert.equal(sessionContextValue(entry(makeSession({ status: 'running' }))), 'session.running');
    assert.equal(sessionContextValue(entry(makeSession({ status: 'idle' }), 'end_turn')), 'session.idle');
    assert.equal(sessionContextValue(entry(makeSession({ status: 'idle' }), 'requires_action')), 'session.idle.needsAction');
    assert.equal(sessionContextValue(entry(makeSession({ status: 'idle', archived_at: '2026-01-01T00:00:00Z' }))), 'session.idle.archived');
    assert.equal(sessionContextValue(entry(makeSession({ status: 'terminated', archived_at: '2026-01-01T00:00:00Z' }))), 'session.terminated.archived');
  });

  it('the menu patterns in package.json select the right actions by contextValue', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
    const pattern = (command: string): RegExp => {
      const item = manifest.contributes.menus['view/item/context'].find((m: { command: string; group: string }) => m.command === command && !m.group.startsWith('inline'));
      const source = /viewItem =~ \/(.+)\/$/.exec(item.when)![1];
      return new RegExp(source);
    };
    const [canMessage, running, notArchived] = ['managedAgents.sendMessage', 'managedAgents.interrupt', 'managedAgents.archive'].map(pattern);
    const cases: [string, boolean, boolean, boolean][] = [
      ['session.running', true, true, true],
      ['session.rescheduling', true, true, true],
      ['session.idle', true, false, true],
      ['session.idle.needsAction', true, false, true],
      ['session.idle.budgetReached', true, false, true],
      ['session.terminated', false, false, true],
      ['session.idle.archived', false, false, false],
      ['session.terminated.archived', false, false, false],
    ];
    for (const [value, message, interrupt, archive] of cases) {
      assert.deepEqual([canMessage.test(value), running.test(value), notArchived.test(value)], [message, interrupt, archive], value);
    }
  });

  it('needs action only when idle, unarchived and stopped for requires_action', () => {
    assert.equal(needsAction(entry(makeSession({ status: 'idle' }), 'requires_action')), true);
    assert.equal(needsAction(entry(makeSession({ status: 'running' }), 'requires_action')), false);
    assert.equal(needsAction(entry(makeSession({ status: 'idle', archived_at: '2026-01-01T00:00:00Z' }), 'requires_action')), false);
    assert.equal(needsAction(entry(makeSession({ status: 'idle' }), 'end_turn')), false);
  });

  it('checks the stop reason of idle sessions once per version', () => {
    const idle = makeSession({ status: 'idle' });
    assert.equal(needsStopReasonCheck(idle, undefined), true);
    assert.equal(needsStopReasonCheck(idle, { updatedAt: idle.updated_at }), false);
    assert.equal(needsStopReasonCheck(withStatus(idle, 'idle'), { updatedAt: idle.updated_at }), true);
    assert.equal(needsStopReasonCheck(makeSession({ status: 'running' }), undefined), false);
    assert.equal(needsStopReasonCheck(makeSession({ archived_at: '2026-01-01T00:00:00Z' }), undefined), false);
  });

  it('carries a known stop reason only while the session is unchanged and idle', () => {
    const idle = makeSession({ status: 'idle' });
    const known = entry(idle, 'requires_action');
    assert.equal(carryStopReason(known, { ...idle }), 'requires_action');
    assert.equal(carryStopReason(known, withStatus(idle, 'idle')), undefined);
    assert.equal(carryStopReason(known, withStatus(idle, 'running', idle.updated_at)), undefined);
    assert.equal(carryStopReason(undefined, idle), undefined);
  });

  it('summarizes active and waiting sessions, ignoring archived ones', () => {
    const summary = summarize([
      entry(makeSession({ status: 'running' })),
      entry(makeSession({ status: 'rescheduling' })),
      entry(makeSession({ status: 'idle' }), 'requires_action'),
      entry(makeSession({ status: 'idle' }), 'end_turn'),
      entry(makeSession({ status: 'running', archived_at: '2026-01-01T00:00:00Z' })),
    ]);
    assert.deepEqual(summary, { active: 2, needsAction: 1 });
  });
});

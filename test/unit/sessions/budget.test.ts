import assert from 'node:assert/strict';
import { APIError } from '../../../src/api';
import { budgetView, describeBudget, isOverBudget, suggestedBudget } from '../../../src/sessions/budget';
import { budgetRefusalAdvice, isRefusal, overBudgetAdvice, stateRefusalAdvice } from '../../../src/sessions/refusals';
import { budgetStopped, sessionContextValue } from '../../../src/sessions/sessionState';
import { entry, makeSession } from './fixtures';

const usd = (amount: string) => ({ amount, currency: 'USD' as const });
const capped = (limit: string, spent?: string) =>
  makeSession({ title: 'Audit', budget: { type: 'limit', max_list_cost: usd(limit) }, usage: spent === undefined ? {} : { list_cost: usd(spent) } });

describe('session budgets', () => {
  it('reads spend against the budget; reached at or above it', () => {
    assert.deepEqual(budgetView(capped('500', '120')), { limit: usd('500'), spent: usd('120'), reached: false });
    assert.equal(isOverBudget(capped('500', '500')), true);
    assert.equal(isOverBudget(capped('500', '501')), true);
    assert.equal(isOverBudget(capped('500')), false, 'nothing spent yet');
    assert.equal(budgetView(makeSession()), undefined, 'no budget');
    assert.equal(budgetView(capped('5.00')), undefined, 'an amount that is not minor units');
    assert.equal(describeBudget(capped('500', '120')), '$1.20 of $5.00 spent');
    assert.equal(describeBudget(makeSession()), undefined);
  });

  it('suggests a raise that leaves room for another turn', () => {
    assert.equal(suggestedBudget(capped('500', '500')), '1000', 'twice the budget');
    assert.equal(suggestedBudget(capped('100', '180')), '280', 'the budget again on top of an overshooting spend');
    assert.equal(suggestedBudget(capped('0', '3')), '103', 'a zero budget still gets room');
    assert.equal(suggestedBudget(makeSession()), undefined);
  });

  it('marks an idle, unarchived session over its budget in the contextValue', () => {
    assert.equal(sessionContextValue(entry(capped('1', '1'), 'budget_reached')), 'session.idle.budgetReached');
    assert.equal(budgetStopped(entry(capped('1', '1'))), true, 'from the session fields, before the stop reason is known');
    assert.equal(sessionContextValue(entry({ ...capped('1', '1'), status: 'running' })), 'session.running');
    assert.equal(sessionContextValue(entry({ ...capped('1', '1'), archived_at: '2026-01-01T00:00:00Z' })), 'session.idle.archived');
    assert.equal(sessionContextValue(entry(capped('100', '1'), 'budget_reached')), 'session.idle', 'raised since');
  });

  it('says what to do about a state refusal, by action and by the state now', () => {
    const archived = makeSession({ title: 'Old', archived_at: '2026-01-01T00:00:00Z' });
    const terminated = makeSession({ title: 'Ended', status: 'terminated' });
    const running = makeSession({ title: 'Busy', status: 'running' });
    assert.match(stateRefusalAdvice('send', archived)!, /"Old" is archived and accepts no messages\. Start a new session/);
    assert.match(stateRefusalAdvice('update', archived)!, /archived session cannot be changed/);
    assert.match(stateRefusalAdvice('send', terminated)!, /"Ended" has terminated and accepts no messages/);
    assert.match(stateRefusalAdvice('update', terminated)!, /can no longer change/);
    assert.match(stateRefusalAdvice('update', running)!, /only change while it is idle\. Interrupt it or wait/);
    assert.match(stateRefusalAdvice('delete', running)!, /cannot be deleted\. Interrupt it/);
    assert.equal(stateRefusalAdvice('send', running), undefined, 'a running session takes messages');
    assert.equal(stateRefusalAdvice('update', makeSession()), undefined, 'an idle session explains nothing');
  });

  it('explains each budget rejection reason the SDK documents, and only those', () => {
    const refused = (code: string, status = 400) => new APIError({ status, body: { error: { type: 'invalid_request_error', message: 'no', details: { error_code: code } } }, requestId: undefined });
    const session = capped('100', '230');
    assert.match(budgetRefusalAdvice(refused('budget_not_raised'), session)!, /above what "Audit" has already spent \(\$2\.30\)/);
    assert.match(budgetRefusalAdvice(refused('budget_create_only'), session)!, /can only be set when a session is created/);
    assert.match(budgetRefusalAdvice(refused('model_not_budgetable'), undefined)!, /no public list price.*budget: null/);
    assert.equal(budgetRefusalAdvice(refused('something_else'), session), undefined);
    assert.equal(isRefusal(refused('x', 409)), true);
    assert.equal(isRefusal(refused('x', 404)), false);
    assert.match(overBudgetAdvice(capped('1', '1'))!, /"Audit" has reached its budget \(\$0\.01 of \$0\.01 spent\), so a message would stop at once/);
    assert.equal(overBudgetAdvice(capped('100', '1')), undefined);
  });
});

// A session's budget as the UI shows it: what was spent of it, whether it stops the session, and the
// amount to suggest when raising it. Pure (no vscode).
import type { MonetaryAmount, Session } from '../api';
import { formatMoney } from '../webview/format';


const MINOR_UNITS = /^\d+$/;

/** The session's budget and spend, when it has a budget in a form the UI understands. */
export interface BudgetView {
  limit: MonetaryAmount;
  spent: MonetaryAmount;
  /** The spend has reached the budget: the session starts no new model request until it is raised. */
  reached: boolean;
}

export function budgetView(session: Pick<Session, 'budget' | 'usage'>): BudgetView | undefined {
  const limit = session.budget?.max_list_cost;
  if (!limit || !MINOR_UNITS.test(limit.amount)) return undefined;
  const cost = session.usage?.list_cost;
  const spent: MonetaryAmount = cost && MINOR_UNITS.test(cost.amount) ? cost : { amount: '0', currency: limit.currency };
  return { limit, spent, reached: BigInt(spent.amount) >= BigInt(limit.amount) };
}

/** The spend has reached the budget (so any turn stops at once with `budget_reached`). */
export function isOverBudget(session: Pick<Session, 'budget' | 'usage'>): boolean {
  return budgetView(session)?.reached ?? false;
}

/** "$0.42 of $5.00 spent", or undefined without a budget. */
export function describeBudget(session: Pick<Session, 'budget' | 'usage'>): string | undefined {
  const view = budgetView(session);
  return view && `${formatMoney(view.spent)} of ${formatMoney(view.limit)} spent`;
}

/**
 * A budget to offer when raising it, in minor units: twice the current one, and at least the current
 * one on top of what was spent (a turn can overshoot), so one more turn of the same size fits.
 */
export function suggestedBudget(session: Pick<Session, 'budget' | 'usage'>): string | undefined {
  const view = budgetView(session);
  if (!view) return undefined;
  const limit = BigInt(view.limit.amount);
  const spent = BigInt(view.spent.amount);
  const doubled = limit * 2n;
  const headroom = spent + (limit > 0n ? limit : 100n);
  return String(doubled > headroom ? doubled : headroom);
}

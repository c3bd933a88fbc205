/**
 * Session budgets as the SDK documents them: a hard ceiling on the session's tracked list cost.
 * A budget can only measure models with a public list price; the turn that reaches it stops.
 */
import { invalidRequest } from './errors';
import type { BudgetLimit, Session, SessionAgent } from './types';
import { isPlainObject } from './util';

/**
 * Whether the API prices a model publicly. The simulator prices the Claude Opus, Sonnet and Haiku
 * families; any other model id (a private or preview model) has no list price.
 */
export function hasListPrice(modelId: string): boolean {
  return /^claude-(opus|sonnet|haiku)-/.test(modelId);
}

export function validateBudget(value: unknown, path: string): BudgetLimit {
  if (!isPlainObject(value) || value.type !== 'limit' || !isPlainObject(value.max_list_cost)) {
    throw invalidRequest(`${path}: must be {"type":"limit","max_list_cost":{"amount":"2500","currency":"USD"}}`);
  }
  const { amount, currency } = value.max_list_cost;
  if (typeof amount !== 'string' || !/^(0|[1-9][0-9]*)$/.test(amount)) {
    throw invalidRequest(`${path}.max_list_cost.amount: integer string in minor units without leading zeros`);
  }
  if (currency !== 'USD') throw invalidRequest(`${path}.max_list_cost.currency: must be 'USD'`);
  return { type: 'limit', max_list_cost: { amount, currency } };
}

/** Every model the session can run must have a list price, or a budget cannot be set. */
export function requireBudgetable(agent: SessionAgent, path: string): void {
  const model = agent.model.id;
  if (!hasListPrice(model)) {
    throw invalidRequest(`${path}: model ${model} has no public list price, so a budget cannot measure its spend`, 'model_not_budgetable');
  }
}

/** The list cost consumed so far, in minor units. */
export function consumedMinorUnits(session: Session): bigint {
  return BigInt(session.usage.list_cost?.amount ?? '0');
}

/** True once the session's tracked list cost has reached its budget: no new model request may start. */
export function budgetReached(session: Session): boolean {
  return session.budget !== null && consumedMinorUnits(session) >= BigInt(session.budget.max_list_cost.amount);
}

// What to tell the user when the API refuses an action on a session, worded from the session as it
// is now: its state (running, archived, terminated) or its budget. The API sends state conflicts
// as 400 or as 409 (which one is not documented per endpoint), so both read the same here. Pure
// (no vscode).
import { APIError, type ManagedAgentsClient, type Session } from '../api';
import { describeBudget, isOverBudget } from './budget';
import { formatMoney, sessionLabel } from '../webview/format';
import { isActive } from './sessionState';

export type SessionAction = 'archive' | 'delete' | 'update' | 'send';

/** A 400 or a 409: the API refused the request as it stands (the session's state, or the request itself). */
export function isRefusal(error: unknown): error is APIError {
  return error instanceof APIError && error.isRefusal;
}

/** The session as it is now, or undefined when it cannot be read (the API's own message must do then). */
export async function currentSession(client: ManagedAgentsClient, sessionId: string): Promise<Session | undefined> {
  try {
    return await client.sessions.retrieve(sessionId, { maxRetries: 0 });
  } catch {
    return undefined;
  }
}

/**
 * Why `action` was refused and what to do, from the session's current state; undefined when its
 * state does not explain the refusal. A running session is explained too, though archive and
 * delete offer to interrupt it instead.
 */
export function stateRefusalAdvice(action: SessionAction, session: Session): string | undefined {
  const label = `"${sessionLabel(session)}"`;
  if (session.archived_at) {
    if (action === 'update') return `${label} is archived, and an archived session cannot be changed.`;
    if (action === 'send') return `${label} is archived and accepts no messages. Start a new session to go on with the work.`;
    return undefined;
  }
  if (session.status === 'terminated') {
    if (action === 'update') return `${label} has terminated, so its tools, MCP servers and budget can no longer change.`;
    if (action === 'send') return `${label} has terminated and accepts no messages. Start a new session to go on with the work.`;
    return undefined;
  }
  if (isActive(session.status)) {
    if (action === 'update') {
      return `${label} is ${session.status}, and its tools and MCP servers can only change while it is idle. Interrupt it or wait until it stops, then apply the update again.`;
    }
    if (action === 'archive' || action === 'delete') {
      return `${label} is ${session.status}, and a running session cannot be ${action === 'archive' ? 'archived' : 'deleted'}. Interrupt it, wait until it stops, and try again.`;
    }
  }
  return undefined;
}

/** What to do about a budget the API would not take (the reasons the SDK documents for `budget`). */
export function budgetRefusalAdvice(error: APIError, session: Session | undefined): string | undefined {
  const name = session ? `"${sessionLabel(session)}"` : 'the session';
  switch (error.errorCode) {
    case 'budget_not_raised': {
      const spent = formatMoney(session?.usage?.list_cost);
      return `The budget must be above what ${name} has already spent${spent ? ` (${spent})` : ''}. Set max_list_cost.amount higher (in cents: "2500" is $25.00) and apply the update again.`;
    }
    case 'budget_create_only':
      return `${session ? name : 'This session'} has no budget, and a budget can only be set when a session is created (a removed one cannot be added back). Create a new session with a budget instead.`;
    case 'model_not_budgetable':
      return `A model ${name} can run has no public list price, so a budget cannot measure its spend. Remove the budget (budget: null) instead.`;
    default:
      return undefined;
  }
}

/**
 * Said before sending to a session over its budget: the message would be taken, but the turn would
 * stop at once without a reply.
 */
export function overBudgetAdvice(session: Session): string | undefined {
  if (!isOverBudget(session)) return undefined;
  return `"${sessionLabel(session)}" has reached its budget (${describeBudget(session)}), so a message would stop at once without a reply. Raise the budget, then send it.`;
}

/**
 * For a refused request (400 or 409): what to tell the user, read from the session as it is now,
 * and that session; undefined when neither its state nor its budget explains the refusal (then the
 * API's own message is the one to show).
 */
export async function explainRefusal(
  client: ManagedAgentsClient,
  action: SessionAction,
  sessionId: string,
  error: unknown,
): Promise<{ advice: string; session: Session | undefined } | undefined> {
  if (!isRefusal(error)) return undefined;
  const session = await currentSession(client, sessionId);
  const advice = budgetRefusalAdvice(error, session) ?? (session && stateRefusalAdvice(action, session));
  return advice ? { advice, session } : undefined;
}

/*
 * Wire types for the Claude Managed Agents API (beta `managed-agents-2026-04-01`), one types file
 * beside each resource, as the official SDK keeps them (`resources/beta/{sessions,agents,environments}`):
 *   shared.ts                    pages, money and usage, which several resources carry
 *   agents/types.ts              agents and their configuration (model, tools, skills, MCP servers)
 *   environments/types.ts        environments
 *   sessions/types.ts            sessions
 *   sessions/events/types.ts     events (what a session's history holds, and what clients send)
 *   sessions/threads/types.ts    the threads of a multiagent session
 *
 * These are our own copies of the SDK's types, named by dropping the `BetaManagedAgents` / `Beta`
 * prefix. We do not import the SDK at runtime; `test/types/sdk-assignability.ts` proves at compile
 * time that these types stay compatible with the SDK's:
 *   - request types (params) here are assignable to the SDK's, and
 *   - the SDK's response types are assignable to the ones here.
 *
 * Request param types contain BODY / QUERY fields only. The SDK's header params (`betas`,
 * `workspace_id`) are deliberately left out: the HTTP client sets the `anthropic-beta` and
 * `anthropic-workspace-id` headers itself.
 *
 * These files hold types only (and one constant list of event type names), import only each other,
 * and know nothing of Node or VS Code: the webview imports them as they are.
 */

// ---------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------

/**
 * One page of a list: its items and the cursor of the next page. Lists that page both ways (sessions)
 * also give `prev_page`. Mirrors core/pagination `PageCursorResponse<Item>` and
 * `BidirectionalPageCursorResponse<Item>`.
 */
export interface Page<T> {
  data: T[];
  next_page: string | null;
  prev_page?: string | null;
}

/** The query of a paged list. Mirrors core/pagination `PageCursorParams` and `BidirectionalPageCursorParams`. */
export interface PageParams {
  /** Number of items per page. */
  limit?: number;
  /** Opaque cursor from a previous response's `next_page` (or `prev_page`). */
  page?: string | null;
}

/** Sort order used by list endpoints (inline `'asc' | 'desc'` in the SDK). */
export type SortOrder = 'asc' | 'desc';

// ---------------------------------------------------------------------------
// Money and budgets
// ---------------------------------------------------------------------------

/** Mirrors `BetaCurrency`. */
export type Currency = 'USD';

/** Mirrors `BetaMonetaryAmount`. `amount` is an integer string in minor units ("2500" = $25.00). */
export interface MonetaryAmount {
  amount: string;
  currency: Currency;
}

/** Mirrors `BetaManagedAgentsBudgetLimit`. */
export interface BudgetLimit {
  max_list_cost: MonetaryAmount;
  type: 'limit';
}

// ---------------------------------------------------------------------------
// Usage (sessions, threads and events count it alike)
// ---------------------------------------------------------------------------

/** Mirrors `BetaManagedAgentsCacheCreationUsage`. */
export interface CacheCreationUsage {
  ephemeral_1h_input_tokens?: number;
  ephemeral_5m_input_tokens?: number;
}

/** Mirrors `BetaManagedAgentsServerToolUsage`. */
export interface ServerToolUsage {
  web_fetch_requests?: number;
  web_search_requests?: number;
}

// The Managed Agents API client: HTTP and the wire format only, no editor code.
export { ManagedAgentsClient, DEFAULT_BASE_URL, ANTHROPIC_VERSION, MANAGED_AGENTS_BETA } from './client';
export type { ClientOptions, RequestOptions, RequestLogEntry } from './client';
export * from './core/errors';
export { PagedList, type PageResponse } from './core/pagination';
export { describeRoute, noProxyMatch, resolveRoute, showProxy, type NetworkOptions, type Route } from './core/proxy';
export { EventStream } from './core/streaming';
export { SSEDecoder, type ServerSentEvent } from './core/sse';
export { followSession, defaultReconnectDelayMs, FollowedEvents, type FollowItem, type FollowOptions, type FollowPlace, type ConnectionState, type SessionFollower } from './follower';
export type * from './types';
export { SESSION_EVENT_TYPES } from './types';

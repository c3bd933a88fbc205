// The Managed Agents API client: HTTP and the wire format only, no editor code. Everything outside
// src/api imports from here; the webview, which may not load client code, imports the wire types
// from the types-only files under resources/ (see resources/shared.ts).
export { ManagedAgentsClient, DEFAULT_BASE_URL, ANTHROPIC_VERSION, MANAGED_AGENTS_BETA, FILES_API_BETA } from './client';
export type { ClientOptions, RequestLogEntry } from './client';
export type { RequestOptions } from './core/resource';
export * from './core/errors';
export { PagedList } from './core/pagination';
export { describeRoute, noProxyMatch, resolveRoute, showProxy, type NetworkOptions, type Route } from './core/proxy';
export { EventStream } from './core/streaming';
export { followSession, followThread, FollowedEvents, type FollowItem, type FollowOptions, type FollowPlace, type ConnectionState, type SessionFollower } from './follower';
export type * from './resources/shared';
export type * from './resources/agents/types';
export type * from './resources/environments/types';
export type * from './resources/sessions/types';
export type * from './resources/sessions/threads/types';
export type * from './resources/sessions/events/types';
export type { DeletedSessionResource, ResourceAddParams, ResourceUpdateParams } from './resources/sessions/resources/types';
export type * from './resources/files/types';
export { DEFAULT_READ_MAX_BYTES } from './resources/files/files';
export { SESSION_EVENT_TYPES } from './resources/sessions/events/types';

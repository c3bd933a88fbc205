import { pathId } from '../../../core/path';
import type { PagedList } from '../../../core/pagination';
import { APIResource, type RequestOptions } from '../../../core/resource';
import type { EventStream } from '../../../core/streaming';
import type { SessionEvent, StreamSessionEvent } from '../events/types';
import type { ThreadEventListParams, ThreadEventStreamParams } from './types';

/** One thread's own events: a subagent's full activity, which the session's stream only summarises. */
export class SessionThreadEvents extends APIResource {
  /** GET /v1/sessions/{id}/threads/{thread_id}/events, oldest first. */
  list(sessionId: string, threadId: string, params: ThreadEventListParams = {}, options?: RequestOptions): PagedList<SessionEvent> {
    return this.client.list<SessionEvent>(`${threadPath(sessionId, threadId)}/events`, params, options);
  }

  /** GET /v1/sessions/{id}/threads/{thread_id}/stream: the thread's events from now on, as they happen. */
  stream(sessionId: string, threadId: string, params: ThreadEventStreamParams = {}, options?: RequestOptions): Promise<EventStream<StreamSessionEvent>> {
    return this.client.stream<StreamSessionEvent>({ method: 'GET', path: `${threadPath(sessionId, threadId)}/stream`, query: params, ...options });
  }
}

/** `/v1/sessions/{id}/threads/{thread_id}`, both ids escaped. */
export function threadPath(sessionId: string, threadId: string): string {
  return `/v1/sessions/${pathId(sessionId)}/threads/${pathId(threadId)}`;
}

import { pathId } from '../../../core/path';
import type { PagedList } from '../../../core/pagination';
import { APIResource, type RequestOptions } from '../../../core/resource';
import type { EventStream } from '../../../core/streaming';
import type { EventListParams, EventSendParams, EventStreamParams, SendSessionEvents, SessionEvent, StreamSessionEvent } from './types';

export class SessionEvents extends APIResource {
  /** GET /v1/sessions/{id}/events, oldest first unless `order` says otherwise. */
  list(sessionId: string, params: EventListParams = {}, options?: RequestOptions): PagedList<SessionEvent> {
    return this.client.list<SessionEvent>(`/v1/sessions/${pathId(sessionId)}/events`, params, options);
  }

  /** POST /v1/sessions/{id}/events. Never repeated after the server may have accepted the events. */
  send(sessionId: string, body: EventSendParams, options?: RequestOptions): Promise<SendSessionEvents> {
    return this.client.request({ method: 'POST', path: `/v1/sessions/${pathId(sessionId)}/events`, body, idempotent: false, ...options });
  }

  /**
   * GET /v1/sessions/{id}/events/stream: events from now on, as they happen. With `event_deltas` the
   * stream also carries `event_start` / `event_delta` previews. For a stream that survives drops and
   * includes the history, use `followSession`.
   */
  stream(sessionId: string, params: EventStreamParams = {}, options?: RequestOptions): Promise<EventStream<StreamSessionEvent>> {
    return this.client.stream<StreamSessionEvent>({ method: 'GET', path: `/v1/sessions/${pathId(sessionId)}/events/stream`, query: params, ...options });
  }
}

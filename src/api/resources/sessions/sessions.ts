import { pathId } from '../../core/path';
import type { PagedList } from '../../core/pagination';
import { APIResource, type APIClient, type RequestOptions } from '../../core/resource';
import { SessionEvents } from './events/events';
import { SessionResources } from './resources/resources';
import { SessionThreads } from './threads/threads';
import type { DeletedSession, Session, SessionCreateParams, SessionListParams, SessionUpdateParams } from './types';

export class Sessions extends APIResource {
  readonly events: SessionEvents;
  readonly threads: SessionThreads;
  readonly resources: SessionResources;

  constructor(client: APIClient) {
    super(client);
    this.resources = new SessionResources(client);
    this.events = new SessionEvents(client);
    this.threads = new SessionThreads(client);
  }

  /** POST /v1/sessions. Never repeated after the server may have created the session. */
  create(body: SessionCreateParams, options?: RequestOptions): Promise<Session> {
    return this.client.request({ method: 'POST', path: '/v1/sessions', body, idempotent: false, shape: 'entity', ...options });
  }

  retrieve(sessionId: string, options?: RequestOptions): Promise<Session> {
    return this.client.request({ method: 'GET', path: `/v1/sessions/${pathId(sessionId)}`, shape: 'entity', ...options });
  }

  /** POST /v1/sessions/{id}: title, metadata patch, agent tools / mcp_servers (replaced whole). */
  update(sessionId: string, body: SessionUpdateParams, options?: RequestOptions): Promise<Session> {
    return this.client.request({ method: 'POST', path: `/v1/sessions/${pathId(sessionId)}`, body, shape: 'entity', ...options });
  }

  /** GET /v1/sessions, newest first unless `order` says otherwise; iterate for every session. */
  list(params: SessionListParams = {}, options?: RequestOptions): PagedList<Session> {
    return this.client.list<Session>('/v1/sessions', params, options);
  }

  delete(sessionId: string, options?: RequestOptions): Promise<DeletedSession> {
    return this.client.request({ method: 'DELETE', path: `/v1/sessions/${pathId(sessionId)}`, ...options });
  }

  archive(sessionId: string, options?: RequestOptions): Promise<Session> {
    return this.client.request({ method: 'POST', path: `/v1/sessions/${pathId(sessionId)}/archive`, shape: 'entity', ...options });
  }
}

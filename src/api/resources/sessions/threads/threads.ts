import { pathId } from '../../../core/path';
import type { PagedList } from '../../../core/pagination';
import { APIResource, type APIClient, type RequestOptions } from '../../../core/resource';
import { SessionThreadEvents, threadPath } from './events';
import type { SessionThread, ThreadListParams } from './types';

/** The threads of a multiagent session: the primary one (`parent_thread_id: null`) and one per subagent. */
export class SessionThreads extends APIResource {
  readonly events: SessionThreadEvents;

  constructor(client: APIClient) {
    super(client);
    this.events = new SessionThreadEvents(client);
  }

  /** GET /v1/sessions/{id}/threads: the primary thread first, then the subagents' threads. */
  list(sessionId: string, params: ThreadListParams = {}, options?: RequestOptions): PagedList<SessionThread> {
    return this.client.list<SessionThread>(`/v1/sessions/${pathId(sessionId)}/threads`, params, options);
  }

  /** GET /v1/sessions/{id}/threads/{thread_id}. */
  retrieve(sessionId: string, threadId: string, options?: RequestOptions): Promise<SessionThread> {
    return this.client.request({ method: 'GET', path: threadPath(sessionId, threadId), shape: 'entity', ...options });
  }

  /**
   * POST /v1/sessions/{id}/threads/{thread_id}/archive: a subagent's thread that is idle. The API
   * refuses the primary thread (archive the session instead) and a thread that is still working.
   */
  archive(sessionId: string, threadId: string, options?: RequestOptions): Promise<SessionThread> {
    return this.client.request({ method: 'POST', path: `${threadPath(sessionId, threadId)}/archive`, shape: 'entity', ...options });
  }
}

import { pathId } from '../../../core/path';
import type { PagedList } from '../../../core/pagination';
import { APIResource, type RequestOptions } from '../../../core/resource';
import type { SessionThread, ThreadListParams } from './types';

export class SessionThreads extends APIResource {
  /** GET /v1/sessions/{id}/threads: the threads of a multi-agent session. */
  list(sessionId: string, params: ThreadListParams = {}, options?: RequestOptions): PagedList<SessionThread> {
    return this.client.list<SessionThread>(`/v1/sessions/${pathId(sessionId)}/threads`, params, options);
  }
}

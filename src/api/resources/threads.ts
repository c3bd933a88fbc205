import type { ManagedAgentsClient, RequestOptions } from '../client';
import type { PagedList } from '../core/pagination';
import type { SessionThread, ThreadListParams } from '../types';
import { pathId } from './path';

export class SessionThreads {
  constructor(private readonly client: ManagedAgentsClient) {}

  /** GET /v1/sessions/{id}/threads: the threads of a multi-agent session. */
  list(sessionId: string, params: ThreadListParams = {}, options?: RequestOptions): PagedList<SessionThread> {
    return this.client.list<SessionThread>(`/v1/sessions/${pathId(sessionId)}/threads`, params, options);
  }
}

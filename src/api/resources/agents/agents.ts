import { pathId } from '../../core/path';
import type { PagedList } from '../../core/pagination';
import { APIResource, type RequestOptions } from '../../core/resource';
import type { Agent, AgentListParams, AgentVersionListParams } from './types';

export class Agents extends APIResource {
  list(params: AgentListParams = {}, options?: RequestOptions): PagedList<Agent> {
    return this.client.list<Agent>('/v1/agents', params, options);
  }

  retrieve(agentId: string, options?: RequestOptions): Promise<Agent> {
    return this.client.request({ method: 'GET', path: `/v1/agents/${pathId(agentId)}`, shape: 'entity', ...options });
  }

  /** GET /v1/agents/{id}/versions: every version of the agent, each a whole agent object, newest first. */
  versions(agentId: string, params: AgentVersionListParams = {}, options?: RequestOptions): PagedList<Agent> {
    return this.client.list<Agent>(`/v1/agents/${pathId(agentId)}/versions`, params, options);
  }
}

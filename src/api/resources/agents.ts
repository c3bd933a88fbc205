import type { ManagedAgentsClient, RequestOptions } from '../client';
import type { PagedList } from '../core/pagination';
import type { Agent, AgentListParams } from '../types';
import { pathId } from './path';

export class Agents {
  constructor(private readonly client: ManagedAgentsClient) {}

  list(params: AgentListParams = {}, options?: RequestOptions): PagedList<Agent> {
    return this.client.list<Agent>('/v1/agents', params, options);
  }

  retrieve(agentId: string, options?: RequestOptions): Promise<Agent> {
    return this.client.request({ method: 'GET', path: `/v1/agents/${pathId(agentId)}`, shape: 'entity', ...options });
  }
}

import type { ManagedAgentsClient, RequestOptions } from '../client';
import type { PagedList } from '../core/pagination';
import type { Environment, EnvironmentListParams } from '../types';
import { pathId } from './path';

export class Environments {
  constructor(private readonly client: ManagedAgentsClient) {}

  list(params: EnvironmentListParams = {}, options?: RequestOptions): PagedList<Environment> {
    return this.client.list<Environment>('/v1/environments', params, options);
  }

  retrieve(environmentId: string, options?: RequestOptions): Promise<Environment> {
    return this.client.request({ method: 'GET', path: `/v1/environments/${pathId(environmentId)}`, shape: 'entity', ...options });
  }
}

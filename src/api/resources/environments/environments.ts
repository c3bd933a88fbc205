import { pathId } from '../../core/path';
import type { PagedList } from '../../core/pagination';
import { APIResource, type RequestOptions } from '../../core/resource';
import type { Environment, EnvironmentListParams } from './types';

export class Environments extends APIResource {
  list(params: EnvironmentListParams = {}, options?: RequestOptions): PagedList<Environment> {
    return this.client.list<Environment>('/v1/environments', params, options);
  }

  retrieve(environmentId: string, options?: RequestOptions): Promise<Environment> {
    return this.client.request({ method: 'GET', path: `/v1/environments/${pathId(environmentId)}`, shape: 'entity', ...options });
  }
}

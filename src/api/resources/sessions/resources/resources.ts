import { pathId } from '../../../core/path';
import type { PagedList } from '../../../core/pagination';
import { APIResource, type RequestOptions } from '../../../core/resource';
import type { PageParams } from '../../shared';
import type { DeletedSessionResource, FileResource, ResourceAddParams, ResourceUpdateParams, SessionResource } from './types';

const resourcesPath = (sessionId: string) => `/v1/sessions/${pathId(sessionId)}/resources`;
const resourcePath = (sessionId: string, resourceId: string) => `${resourcesPath(sessionId)}/${pathId(resourceId)}`;

/** What a session has mounted: files (which can be added and removed while it lives), repositories, memory stores. */
export class SessionResources extends APIResource {
  /** POST /v1/sessions/{id}/resources. Not repeated once the server may have mounted it (it would be mounted twice). */
  add(sessionId: string, body: ResourceAddParams, options?: RequestOptions): Promise<FileResource> {
    return this.client.request({ method: 'POST', path: resourcesPath(sessionId), body, idempotent: false, shape: 'entity', ...options });
  }

  list(sessionId: string, params: PageParams = {}, options?: RequestOptions): PagedList<SessionResource> {
    return this.client.list<SessionResource>(resourcesPath(sessionId), params, options);
  }

  retrieve(sessionId: string, resourceId: string, options?: RequestOptions): Promise<SessionResource> {
    return this.client.request({ method: 'GET', path: resourcePath(sessionId, resourceId), ...options });
  }

  /** POST /v1/sessions/{id}/resources/{resource_id}: a GitHub repository's new token (setting it twice is the same). */
  update(sessionId: string, resourceId: string, body: ResourceUpdateParams, options?: RequestOptions): Promise<SessionResource> {
    return this.client.request({ method: 'POST', path: resourcePath(sessionId, resourceId), body, ...options });
  }

  delete(sessionId: string, resourceId: string, options?: RequestOptions): Promise<DeletedSessionResource> {
    return this.client.request({ method: 'DELETE', path: resourcePath(sessionId, resourceId), ...options });
  }
}

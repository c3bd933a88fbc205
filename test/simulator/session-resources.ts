/**
 * A session's resources (`/v1/sessions/{id}/resources`): files are mounted at create time or added
 * later, each as the session's own copy of the uploaded file (a new file id, scoped to the session, as
 * the docs say), at most 500 per session; repositories and memory stores come only with the create body.
 */
import { invalidRequest, notFound, stateConflict } from './errors';
import { newId } from './ids';
import { rejectExtraFields } from './input-events';
import { decodeCursor, pageByKey, parseLimit } from './pagination';
import type { SessionRecord, Store } from './store';
import type { SessionResource } from './types';
import { isPlainObject } from './util';

/** "A maximum of 500 files is supported per session" (Managed Agents, Adding files). */
export const MAX_FILES_PER_SESSION = 500;

type FileResource = Extract<SessionResource, { type: 'file' }>;

const mountPathOf = (resource: SessionResource): string | null | undefined => resource.mount_path;

function overlaps(a: string, b: string): boolean {
  const strip = (value: string) => value.replace(/\/+$/, '');
  const [x, y] = [strip(a), strip(b)];
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

/**
 * Checks the file resources of a new set (existing files, the per-session limit, mount paths that do
 * not overlap), then makes each one's session copy. Nothing is copied unless all of them pass.
 */
export function mountFiles(store: Store, sessionId: string, existing: SessionResource[], added: SessionResource[]): SessionResource[] {
  const files = added.filter((resource): resource is FileResource => resource.type === 'file');
  for (const file of files) {
    if (!store.files.exists(file.file_id)) throw notFound(`File not found: ${file.file_id}`);
  }
  const count = existing.filter((resource) => resource.type === 'file').length + files.length;
  if (count > MAX_FILES_PER_SESSION) throw invalidRequest(`resources: a session can mount at most ${MAX_FILES_PER_SESSION} files (this would make ${count})`);
  const copies = new Map(files.map((file) => [file, store.files.copyForSession(file.file_id, sessionId).id]));
  const result = added.map((resource) => {
    const copy = resource.type === 'file' ? copies.get(resource) : undefined;
    if (resource.type !== 'file' || copy === undefined) return resource;
    return { ...resource, file_id: copy, mount_path: resource.mount_path || `/mnt/session/uploads/${copy}` };
  });
  const paths: string[] = existing.map(mountPathOf).filter((value): value is string => typeof value === 'string');
  for (const resource of result) {
    const mount = mountPathOf(resource);
    if (typeof mount !== 'string') continue;
    const clash = paths.find((other) => overlaps(other, mount));
    if (clash !== undefined) {
      for (const copy of copies.values()) store.files.delete(copy);
      throw invalidRequest(`mount_path: ${mount} overlaps ${clash}, where another resource is mounted`);
    }
    paths.push(mount);
  }
  return result;
}

/** POST /v1/sessions/{id}/resources: one file, as the SDK's ResourceAddParams allows. */
export function addResource(store: Store, record: SessionRecord, body: unknown): FileResource {
  if (!isPlainObject(body)) throw invalidRequest('body: must be a JSON object');
  rejectExtraFields(body, ['type', 'file_id', 'mount_path'], '');
  if (body.type !== 'file') throw invalidRequest('type: must be "file"');
  if (typeof body.file_id !== 'string' || body.file_id === '') throw invalidRequest('file_id: Field required');
  if (body.mount_path !== undefined && body.mount_path !== null && (typeof body.mount_path !== 'string' || !body.mount_path.startsWith('/'))) {
    throw invalidRequest('mount_path: must be an absolute path');
  }
  const session = record.session;
  if (session.archived_at !== null) throw stateConflict(`session ${session.id} is archived; resources cannot be added`);
  const now = new Date().toISOString();
  const draft: FileResource = { id: newId('resource'), type: 'file', file_id: body.file_id, mount_path: (body.mount_path) ?? '', created_at: now, updated_at: now };
  const [mounted] = mountFiles(store, session.id, session.resources, [draft]);
  session.resources.push(mounted);
  return mounted as FileResource;
}

export function listResources(record: SessionRecord, query: URLSearchParams): { data: SessionResource[]; next_page: string | null } {
  const indexed = record.session.resources.map((resource, index) => ({ resource, index }));
  const page = pageByKey(indexed, (item) => item.index, 'asc', parseLimit(query.get('limit'), 20, 100), decodeCursor(query.get('page')));
  return { data: page.data.map((item) => item.resource), next_page: page.next_page };
}

export function findResource(record: SessionRecord, resourceId: string): SessionResource {
  const found = record.session.resources.find((resource) => 'id' in resource && resource.id === resourceId);
  if (!found) throw notFound(`resource ${resourceId} not found in session ${record.session.id}`);
  return found;
}

/** POST /v1/sessions/{id}/resources/{resource_id}: a repository's new token; files have nothing to update. */
export function updateResource(record: SessionRecord, resourceId: string, body: unknown): SessionResource {
  if (!isPlainObject(body)) throw invalidRequest('body: must be a JSON object');
  rejectExtraFields(body, ['authorization_token'], '');
  if (typeof body.authorization_token !== 'string' || body.authorization_token === '') throw invalidRequest('authorization_token: Field required');
  const resource = findResource(record, resourceId);
  if (record.session.archived_at !== null) throw stateConflict(`session ${record.session.id} is archived; its resources cannot be updated`);
  if (resource.type !== 'github_repository') throw invalidRequest(`resource ${resourceId} is a ${resource.type} resource; only github_repository resources take an authorization_token`);
  resource.updated_at = new Date().toISOString();
  return resource;
}

/** DELETE /v1/sessions/{id}/resources/{resource_id}: files only (repositories and memory stores stay for the session's life). */
export function deleteResource(record: SessionRecord, resourceId: string): { id: string; type: 'session_resource_deleted' } {
  const resource = findResource(record, resourceId);
  if (record.session.archived_at !== null) throw stateConflict(`session ${record.session.id} is archived; its resources cannot be removed`);
  if (resource.type !== 'file') throw invalidRequest(`resource ${resourceId} is a ${resource.type} resource; only file resources can be removed`);
  record.session.resources = record.session.resources.filter((candidate) => candidate !== resource);
  return { id: resourceId, type: 'session_resource_deleted' };
}

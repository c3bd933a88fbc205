/*
 * Workspace files in a create body: a `resources` entry of type `file` may name a file of the workspace
 * with `path:` instead of an uploaded file's `file_id:`. The extension uploads it when the body is run and
 * sends the `file_id`, so what reaches the API is the body `ant beta:sessions create` takes. `path` is
 * the extension's, not the API's: the CLI does not know it.
 *
 * Pure module (no `vscode`).
 */
import type { JsonPath } from './parse';

export interface WorkspaceFileResource {
  /** Its index in `resources`. */
  readonly index: number;
  /** As written: relative to the body's folder (or the workspace folder for an unsaved buffer), or absolute. */
  readonly path: string;
  /** As written; undefined when the body leaves it to the extension (the file's path, from the base folder). */
  readonly mountPath: string | undefined;
}

export interface WorkspaceFileIssue {
  readonly path: JsonPath;
  readonly message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `path:` entries of a create body's `resources`. */
export function workspaceFileResources(body: unknown): WorkspaceFileResource[] {
  if (!isObject(body) || !Array.isArray(body.resources)) return [];
  return body.resources.flatMap((entry: unknown, index): WorkspaceFileResource[] => {
    if (!isObject(entry) || entry.type !== 'file' || !('path' in entry) || 'file_id' in entry || typeof entry.path !== 'string' || entry.path.trim() === '') return [];
    return [{ index, path: entry.path.trim(), mountPath: typeof entry.mount_path === 'string' ? entry.mount_path : undefined }];
  });
}

/** What is wrong with the `path:` entries, said where the schema cannot (it knows `file_id` only). */
export function workspaceFileIssues(body: unknown): WorkspaceFileIssue[] {
  if (!isObject(body) || !Array.isArray(body.resources)) return [];
  return body.resources.flatMap((entry: unknown, index): WorkspaceFileIssue[] => {
    if (!isObject(entry) || entry.type !== 'file' || !('path' in entry)) return [];
    if ('file_id' in entry) return [{ path: ['resources', index, 'path'], message: 'give `file_id` (an uploaded file) or `path` (a workspace file, uploaded when the body runs), not both' }];
    if (typeof entry.path !== 'string' || entry.path.trim() === '') return [{ path: ['resources', index, 'path'], message: '`path` is a workspace file, e.g. `path: data/input.csv` (relative to this file\'s folder)' }];
    return [];
  });
}

/**
 * The body with each `path:` entry turned into a `file_id:` one: the uploaded ids when given (in the
 * order of workspaceFileResources), a placeholder otherwise (for checking the rest against the schema).
 * Entries without `mount_path` get `defaultMountPaths[i]` when given.
 */
export function withUploadedFiles(body: unknown, fileIds?: readonly string[], defaultMountPaths?: readonly string[]): unknown {
  if (!isObject(body) || !Array.isArray(body.resources)) return body;
  const entries = workspaceFileResources(body);
  if (entries.length === 0) return body;
  const resources = [...(body.resources as unknown[])];
  entries.forEach((entry, order) => {
    const { path: _path, ...rest } = resources[entry.index] as Record<string, unknown>;
    const mountPath = entry.mountPath ?? defaultMountPaths?.[order];
    resources[entry.index] = { ...rest, file_id: fileIds?.[order] ?? 'file_workspace_placeholder', ...(mountPath !== undefined ? { mount_path: mountPath } : {}) };
  });
  return { ...body, resources };
}

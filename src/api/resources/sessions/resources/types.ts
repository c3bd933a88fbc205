// Wire types of a session's resources endpoints (`/v1/sessions/{id}/resources`), as the SDK 1.16 has
// them in resources/beta/sessions/resources.ts. The resources themselves are the ones sessions carry
// (../types.ts); this adds what only these endpoints use. Types only.
import type { DeleteSessionResource, FileResource, GitHubRepositoryResource, MemoryStoreResource, SessionResource } from '../types';

export type { FileResource, GitHubRepositoryResource, MemoryStoreResource, SessionResource };

/** Mirrors `BetaManagedAgentsDeleteSessionResource` (named as the resources API names it). */
export type DeletedSessionResource = DeleteSessionResource;

/** Mirrors `ResourceAddParams` (body only): files are the one kind added after creation. */
export interface ResourceAddParams {
  type: 'file';
  file_id: string;
  /** Where the agent finds it; `/mnt/session/uploads/<file_id>` when left out. */
  mount_path?: string | null;
}

/** Mirrors `ResourceUpdateParams` (body only): a new token for a GitHub repository resource. */
export interface ResourceUpdateParams {
  authorization_token: string;
}

// Wire types of the Files API (`/v1/files`), as the SDK 1.16 has them in resources/beta/files.ts
// (`BetaFileMetadata`, `BetaDeletedFile`, `FileListParams`), prefix dropped. Types only.
import type { RequestOptions } from '../../core/resource';
import type { PageParams } from '../shared';

/** Mirrors `BetaFileScope`: a file a session's agent wrote, or a session's copy of a mounted file. */
export interface FileScope {
  id: string;
  type: 'session';
}

/** Mirrors `BetaFileMetadata`. */
export interface FileMetadata {
  id: string;
  type: 'file';
  filename: string;
  mime_type: string;
  size_bytes: number;
  created_at: string;
  /** False for what you uploaded: only files made by tools and skills can be downloaded. */
  downloadable?: boolean;
  expires_at?: string | null;
  scope?: FileScope | null;
}

/** Mirrors `BetaDeletedFile`. */
export interface DeletedFile {
  id: string;
  type?: 'file_deleted';
}

/** Mirrors `FileListParams` (query only). */
export interface FileListParams extends PageParams {
  /** Only the files of this session (its agent's outputs and its mounted copies). */
  scope_id?: string;
  ids?: string[];
}

// What uploads and downloads take besides a request's options.
export interface TransferOptions extends RequestOptions {
  /** Called as bytes go out or come in; `bytesTotal` is undefined when the server did not say. */
  onProgress?: (bytesDone: number, bytesTotal: number | undefined) => void;
}

/** A file on disk (streamed, never read whole), or bytes already in memory. */
export type UploadSource = { path: string; filename?: string; mimeType?: string } | { data: Uint8Array; filename: string; mimeType?: string };

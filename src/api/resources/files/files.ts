// The Files API: upload, list, metadata, content, delete. A transfer streams: an upload reads its
// file as it sends it, a download writes each chunk as it arrives, so a 200 MB file is never whole in
// memory (only `read`, for opening a file in the editor, keeps it, up to a limit).
//
// Beta header: the Managed Agents docs ("Adding files", platform.claude.com/docs/en/managed-agents/files)
// say every Managed Agents request needs `managed-agents-2026-04-01` and their curl upload to /v1/files
// sends only that; the Files API reference (docs/en/api/files-create) asks for `files-api-2025-04-14`.
// Both go, comma-separated, which the reference allows ("use a comma separated list like beta1,beta2").
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FILES_API_BETA } from '../../core/betas';
import { FileTooLargeToReadError, MalformedResponseError } from '../../core/errors';
import { pathId } from '../../core/path';
import type { PagedList } from '../../core/pagination';
import { APIResource, type RawResponse, type RequestOptions } from '../../core/resource';
import { multipartBody } from './multipart';
import type { DeletedFile, FileListParams, FileMetadata, TransferOptions, UploadSource } from './types';

const BETAS = [FILES_API_BETA];
/** What `read` keeps in memory unless told otherwise. */
export const DEFAULT_READ_MAX_BYTES = 64 * 1024 * 1024;
const WRITE_BATCH_BYTES = 1024 * 1024;
/** An upload may take long to send; the wait for the answer starts only once it is sent, but undici's clock starts at the request. */
const UPLOAD_TIMEOUT_MS = 10 * 60_000;

export class Files extends APIResource {
  /**
   * POST /v1/files, multipart. Not repeated once bytes may have reached the server (the file would
   * exist twice): only a refusal before any work (429, 529) or a connection that never opened is retried.
   */
  async upload(source: UploadSource, options: TransferOptions = {}): Promise<FileMetadata> {
    const { onProgress, ...request } = options;
    const body = await multipartBody(source);
    onProgress?.(0, body.fileSize);
    return this.client.request<FileMetadata>({
      method: 'POST',
      path: '/v1/files',
      betas: BETAS,
      idempotent: false,
      shape: 'entity',
      timeoutMs: UPLOAD_TIMEOUT_MS,
      ...request,
      upload: { contentType: body.contentType, contentLength: body.contentLength, open: () => body.open((done) => onProgress?.(done, body.fileSize)) },
    });
  }

  /** GET /v1/files, newest first; `scope_id` lists one session's files. */
  list(params: FileListParams = {}, options?: RequestOptions): PagedList<FileMetadata> {
    return this.client.list<FileMetadata>('/v1/files', params, { ...options, betas: BETAS });
  }

  retrieveMetadata(fileId: string, options?: RequestOptions): Promise<FileMetadata> {
    return this.client.request({ method: 'GET', path: `/v1/files/${pathId(fileId)}`, betas: BETAS, shape: 'entity', ...options });
  }

  delete(fileId: string, options?: RequestOptions): Promise<DeletedFile> {
    return this.client.request({ method: 'DELETE', path: `/v1/files/${pathId(fileId)}`, betas: BETAS, ...options });
  }

  /** The whole content in memory, for an editor; refused with FileTooLargeToReadError above `maxBytes` (64 MiB by default). */
  async read(fileId: string, options: TransferOptions & { maxBytes?: number } = {}): Promise<Uint8Array> {
    const { maxBytes = DEFAULT_READ_MAX_BYTES, onProgress, ...request } = options;
    const response = await this.content(fileId, request);
    const tooLarge = (size: number | undefined) => {
      response.destroy();
      return new FileTooLargeToReadError(fileId, maxBytes, size);
    };
    if (response.contentLength !== undefined && response.contentLength > maxBytes) throw tooLarge(response.contentLength);
    const chunks: Uint8Array[] = [];
    let done = 0;
    onProgress?.(0, response.contentLength);
    for await (const chunk of response.chunks) {
      done += chunk.byteLength;
      if (done > maxBytes) throw tooLarge(undefined);
      chunks.push(chunk);
      onProgress?.(done, response.contentLength);
    }
    checkComplete(response, done);
    return Buffer.concat(chunks);
  }

  /**
   * Streams the content to a temporary file beside `destinationPath` and renames it there once whole.
   * On any error or an abort the temporary file is removed and nothing is left under the final name
   * (an existing file there is only replaced by a complete download).
   */
  async downloadTo(fileId: string, destinationPath: string, options: TransferOptions = {}): Promise<{ bytes: number }> {
    const { onProgress, ...request } = options;
    const response = await this.content(fileId, request);
    const temporary = path.join(path.dirname(destinationPath), `.${path.basename(destinationPath)}.${randomBytes(6).toString('hex')}.part`);
    let done = 0;
    let handle: fs.promises.FileHandle | undefined;
    try {
      handle = await fs.promises.open(temporary, 'wx');
      onProgress?.(0, response.contentLength);
      // Chunks go to disk a megabyte at a time: one system call per network chunk (64 KiB) is many more.
      let batch: Uint8Array[] = [];
      let batched = 0;
      for await (const chunk of response.chunks) {
        batch.push(chunk);
        batched += chunk.byteLength;
        done += chunk.byteLength;
        if (batched >= WRITE_BATCH_BYTES) {
          await handle.writev(batch);
          batch = [];
          batched = 0;
        }
        onProgress?.(done, response.contentLength);
      }
      if (batch.length > 0) await handle.writev(batch);
      checkComplete(response, done);
      await handle.close();
      handle = undefined;
      await fs.promises.rename(temporary, destinationPath);
      return { bytes: done };
    } catch (error) {
      response.destroy();
      await handle?.close().catch(() => undefined);
      await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  /** GET /v1/files/{id}/content, its body unread. */
  private content(fileId: string, options: RequestOptions): Promise<RawResponse> {
    return this.client.open({ method: 'GET', path: `/v1/files/${pathId(fileId)}/content`, betas: BETAS, accept: 'application/binary', ...options });
  }
}

/** A body shorter than its content-length (undici reports most such cuts itself; this catches the rest). */
function checkComplete(response: RawResponse, bytes: number): void {
  if (response.contentLength !== undefined && bytes !== response.contentLength) {
    throw new MalformedResponseError(`The file's content stopped after ${bytes} of ${response.contentLength} bytes. Try again.`, {
      status: response.status,
      requestId: response.requestId,
      problem: 'unreadable',
    });
  }
}

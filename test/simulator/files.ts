/**
 * The Files API's storage: metadata in memory, content in a temporary folder (removed on close), so
 * a large upload costs disk, not memory. Rules the docs give (README.md, "Files"): 500 MB per file,
 * filenames of 1 to 500 characters, uploads not downloadable (only what tools write is), a session's
 * copy of a mounted file is its own file (scoped to the session) that outlives the original's deletion.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { invalidRequest, notFound } from './errors';
import { newId } from './ids';
import { boundaryOf, fileTooLarge, receiveFilePart } from './multipart';
import { decodeCursor, pageByKey, parseLimit, queryArray } from './pagination';

/** 500 MB per file, as the Files API docs put it (decimal, the stricter reading). */
export const MAX_FILE_BYTES = 500_000_000;
/** Room for the multipart framing around the file in a request's content-length. */
const FRAMING_BYTES = 64 * 1024;

export interface FileWire {
  id: string;
  type: 'file';
  filename: string;
  mime_type: string;
  size_bytes: number;
  created_at: string;
  downloadable: boolean;
  expires_at: null;
  scope: { id: string; type: 'session' } | null;
}

interface StoredFile {
  wire: FileWire;
  contentPath: string;
  key: number;
}

export class FileStore {
  /** Per-file limit; tests lower it to try refusals without moving 500 MB. */
  maxFileBytes = MAX_FILE_BYTES;
  /** What `clear()` (the simulator's reset) puts the limit back to: the start-up option's value. */
  defaultMaxFileBytes = MAX_FILE_BYTES;
  private folder: string | undefined;
  private removeOnExit: (() => void) | undefined;
  private readonly files = new Map<string, StoredFile>();
  private nextKey = 1;

  /** The request is refused by its announced size, before it is read, as at the API's edge. */
  checkAnnouncedSize(req: IncomingMessage): void {
    if (Number(req.headers['content-length'] ?? 0) > this.maxFileBytes + FRAMING_BYTES) throw fileTooLarge(this.maxFileBytes);
  }

  /** POST /v1/files: streams the multipart body to disk. */
  async upload(req: IncomingMessage): Promise<FileWire> {
    const boundary = boundaryOf(req.headers['content-type']);
    const id = newFileId();
    const contentPath = path.join(this.dir(), id);
    try {
      const part = await receiveFilePart(req, boundary, contentPath, this.maxFileBytes);
      checkFilename(part.filename);
      const mime = part.contentType && part.contentType.length <= 255 ? part.contentType.split(';')[0].trim() : 'application/octet-stream';
      return this.insert({ id, filename: part.filename, mime_type: mime || 'application/octet-stream', size_bytes: part.size, downloadable: false, scope: null }, contentPath);
    } catch (error) {
      fs.rmSync(contentPath, { force: true });
      throw error;
    }
  }

  /** A file uploaded "elsewhere" (test helpers): as an upload, not downloadable. */
  addUpload(filename: string, mimeType: string, content: Buffer): FileWire {
    checkFilename(filename);
    const id = newFileId();
    const contentPath = path.join(this.dir(), id);
    fs.writeFileSync(contentPath, content);
    return this.insert({ id, filename, mime_type: mimeType, size_bytes: content.length, downloadable: false, scope: null }, contentPath);
  }

  /** A file a session's agent wrote (the `#write` cue): downloadable, scoped to the session. */
  addOutput(sessionId: string, filename: string, mimeType: string, content: Buffer): FileWire {
    const id = newFileId();
    const contentPath = path.join(this.dir(), id);
    fs.writeFileSync(contentPath, content);
    return this.insert({ id, filename, mime_type: mimeType, size_bytes: content.length, downloadable: true, scope: { id: sessionId, type: 'session' } }, contentPath);
  }

  /**
   * The session's own copy of a file it mounts ("a new file_id is created that references the
   * instance of the file in the session"): same content (a hard link, so deleting either leaves the other), scoped.
   */
  copyForSession(fileId: string, sessionId: string): FileWire {
    const original = this.stored(fileId);
    const id = newFileId();
    const contentPath = path.join(this.dir(), id);
    fs.linkSync(original.contentPath, contentPath);
    return this.insert({ ...original.wire, id, scope: { id: sessionId, type: 'session' } }, contentPath);
  }

  async digest(fileId: string): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of fs.createReadStream(this.stored(fileId).contentPath)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  /** A downloadable output of the session with an existing file's content (a hard link). */
  outputCopy(fileId: string, sessionId: string): FileWire {
    const copy = this.copyForSession(fileId, sessionId);
    copy.downloadable = true;
    return copy;
  }

  get(fileId: string): FileWire {
    return this.stored(fileId).wire;
  }

  /** What GET /v1/files/{id}/content streams; uploads are refused as the docs say (only tool outputs download). */
  content(fileId: string): { file: FileWire; contentPath: string } {
    const stored = this.stored(fileId);
    if (!stored.wire.downloadable) throw invalidRequest(`File ${fileId} is not downloadable: only files created by tools or skills can be downloaded`);
    return { file: stored.wire, contentPath: stored.contentPath };
  }

  /** GET /v1/files: newest first, PageCursor, `scope_id` and `ids[]` filters. */
  list(query: URLSearchParams): { data: FileWire[]; next_page: string | null } {
    const scopeId = query.get('scope_id');
    const ids = new Set(queryArray(query, 'ids'));
    const items = [...this.files.values()]
      .filter((file) => (scopeId ? file.wire.scope?.id === scopeId : true) && (ids.size ? ids.has(file.wire.id) : true))
      .sort((a, b) => b.key - a.key);
    const page = pageByKey(items, (file) => file.key, 'desc', parseLimit(query.get('limit'), 20, 1000), decodeCursor(query.get('page')));
    return { data: page.data.map((file) => file.wire), next_page: page.next_page };
  }

  delete(fileId: string): { id: string; type: 'file_deleted' } {
    const stored = this.stored(fileId);
    this.files.delete(fileId);
    fs.rmSync(stored.contentPath, { force: true });
    return { id: fileId, type: 'file_deleted' };
  }

  exists(fileId: string): boolean {
    return this.files.has(fileId);
  }

  /** Drops every file (reset); the folder stays for what comes next. */
  clear(): void {
    for (const stored of this.files.values()) fs.rmSync(stored.contentPath, { force: true });
    this.files.clear();
    this.maxFileBytes = this.defaultMaxFileBytes;
  }

  /** Removes the folder and all content (simulator closed). */
  dispose(): void {
    this.files.clear();
    if (this.folder) fs.rmSync(this.folder, { recursive: true, force: true });
    if (this.removeOnExit) process.off('exit', this.removeOnExit);
    this.folder = undefined;
    this.removeOnExit = undefined;
  }

  private stored(fileId: string): StoredFile {
    const stored = this.files.get(fileId);
    if (!stored) throw notFound(`File not found: ${fileId}`);
    return stored;
  }

  private insert(fields: Omit<FileWire, 'type' | 'created_at' | 'expires_at'>, contentPath: string): FileWire {
    const wire: FileWire = { id: fields.id, type: 'file', filename: fields.filename, mime_type: fields.mime_type, size_bytes: fields.size_bytes, created_at: new Date().toISOString(), downloadable: fields.downloadable, expires_at: null, scope: fields.scope };
    this.files.set(wire.id, { wire, contentPath, key: this.nextKey++ });
    return wire;
  }

  private dir(): string {
    if (this.folder === undefined) {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'managed-agents-sim-files-'));
      this.folder = folder;
      // A process that ends without close() (a test runner exiting, a crash) still leaves nothing behind.
      const remove = () => fs.rmSync(folder, { recursive: true, force: true });
      process.once('exit', remove);
      this.removeOnExit = remove;
    }
    return this.folder;
  }
}

/** The API reference gives filenames 1 to 500 characters; a path separator or a control character cannot name a file. */
function checkFilename(filename: string): void {
  if (filename.length < 1 || filename.length > 500) throw invalidRequest('filename: must be between 1 and 500 characters');
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f/\\]/.test(filename)) throw invalidRequest(`filename: ${JSON.stringify(filename)} may not contain path separators or control characters`);
}

function newFileId(): string {
  return newId('file');
}

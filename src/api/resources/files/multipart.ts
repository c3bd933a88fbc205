// A one-file multipart/form-data body, as the SDK's uploads send it (field `file`), written by hand so
// a file on disk is streamed with a known length: the whole body is never in memory, and the server
// (or a proxy) can refuse a file that is too large from its content-length before reading it.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { UploadSource } from './types';

export interface MultipartBody {
  contentType: string;
  contentLength: number;
  filename: string;
  /** A fresh reading of the body, each time (an attempt after a refusal re-reads the file). */
  open(onBytes: (fileBytesDone: number) => void): AsyncIterable<Uint8Array>;
  /** The file's own size (without the multipart framing), for progress. */
  fileSize: number;
}

const CHUNK_BYTES = 1024 * 1024;

export async function multipartBody(source: UploadSource): Promise<MultipartBody> {
  const filename = source.filename ?? ('path' in source ? path.basename(source.path) : '');
  const mimeType = source.mimeType ?? guessMimeType(filename);
  const fileSize = 'path' in source ? (await fs.promises.stat(source.path)).size : source.data.byteLength;
  const boundary = `----managed-agents-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${escapeQuoted(filename)}"\r\nContent-Type: ${mimeType}\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: head.length + fileSize + tail.length,
    filename,
    fileSize,
    async *open(onBytes) {
      yield head;
      let done = 0;
      if ('path' in source && fileSize > 0) {
        // Exactly the size announced in content-length, even if the file grew since.
        const stream = fs.createReadStream(source.path, { highWaterMark: CHUNK_BYTES, start: 0, end: fileSize - 1 });
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            done += chunk.length;
            yield chunk;
            onBytes(done);
          }
        } finally {
          stream.destroy();
        }
      } else if ('data' in source) {
        for (let offset = 0; offset < fileSize; offset += CHUNK_BYTES) {
          const chunk = source.data.subarray(offset, Math.min(fileSize, offset + CHUNK_BYTES));
          done += chunk.length;
          yield chunk;
          onBytes(done);
        }
      }
      yield tail;
    },
  };
}

/** As browsers write a form's filename: `"` and line breaks percent-encoded, so the header stays one quoted string. */
function escapeQuoted(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

const MIME_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.py': 'text/x-python',
  '.js': 'text/javascript',
  '.ts': 'text/plain',
};

export function guessMimeType(filename: string): string {
  return MIME_TYPES[path.extname(filename).toLowerCase()] ?? 'application/octet-stream';
}

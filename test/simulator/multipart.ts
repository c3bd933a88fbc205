/**
 * Reads a multipart/form-data upload as it arrives: the one `file` part is written to disk chunk by
 * chunk (a 500 MB upload is never in memory), and passing the size limit stops the upload at once.
 */
import type { IncomingMessage } from 'node:http';
import * as fs from 'node:fs';
import { invalidRequest, SimulatorApiError } from './errors';

export interface ReceivedPart {
  filename: string;
  /** The part's Content-Type, if it had one. */
  contentType: string | undefined;
  size: number;
}

const MAX_HEADER_BYTES = 16 * 1024;

export const fileTooLarge = (maxBytes: number): SimulatorApiError =>
  new SimulatorApiError(413, 'request_too_large', `File exceeds the maximum allowed size of ${maxBytes} bytes.`);

export function boundaryOf(contentType: string | undefined): string {
  const match = /^multipart\/form-data\s*;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? '');
  if (!match) throw invalidRequest('Content-Type must be multipart/form-data with a boundary');
  return match[1] ?? match[2];
}

/** Streams the `file` part of `req` into `destination`; refuses any other field, a missing file, and more than `maxBytes`. */
export async function receiveFilePart(req: IncomingMessage, boundary: string, destination: string, maxBytes: number): Promise<ReceivedPart> {
  const opening = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let state: 'preamble' | 'headers' | 'content' | 'after' = 'preamble';
  let pending: Buffer = Buffer.alloc(0);
  let part: ReceivedPart | undefined;
  let file: fs.promises.FileHandle | undefined;
  let sawFile = false;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (state === 'preamble') {
          const at = pending.indexOf(opening);
          if (at < 0) break;
          pending = pending.subarray(at + opening.length);
          state = 'headers';
        } else if (state === 'headers') {
          if (pending.length >= 2 && pending.subarray(0, 2).toString() === '--') {
            state = 'after';
            break;
          }
          const end = pending.indexOf('\r\n\r\n');
          if (end < 0) {
            if (pending.length > MAX_HEADER_BYTES) throw invalidRequest('multipart: part headers too long');
            break;
          }
          const headers = parseHeaders(pending.subarray(0, end).toString('utf8'));
          pending = pending.subarray(end + 4);
          const disposition = /form-data\s*;\s*name="([^"]*)"(?:\s*;\s*filename="([^"]*)")?/i.exec(headers['content-disposition'] ?? '');
          if (!disposition) throw invalidRequest('multipart: each part needs Content-Disposition: form-data; name="..."');
          if (disposition[1] !== 'file') throw invalidRequest(`${disposition[1]}: Extra inputs are not permitted`);
          if (sawFile) throw invalidRequest('file: only one file may be uploaded per request');
          if (disposition[2] === undefined) throw invalidRequest('file: must be a file (the part has no filename)');
          sawFile = true;
          part = { filename: decodeFilename(disposition[2]), contentType: headers['content-type'], size: 0 };
          file = await fs.promises.open(destination, 'w');
          state = 'content';
        } else if (state === 'content') {
          const at = pending.indexOf(delimiter);
          // Keep back what could be the start of a delimiter split across chunks.
          const upTo = at >= 0 ? at : Math.max(0, pending.length - delimiter.length + 1);
          if (upTo > 0 && part && file) {
            part.size += upTo;
            if (part.size > maxBytes) throw fileTooLarge(maxBytes);
            await file.write(pending.subarray(0, upTo));
          }
          if (at < 0) {
            pending = Buffer.from(pending.subarray(upTo));
            break;
          }
          pending = pending.subarray(at + delimiter.length);
          await file?.close();
          file = undefined;
          state = 'headers';
          // The line break after the delimiter, before the next part's headers.
          if (pending.subarray(0, 2).toString() === '\r\n') pending = pending.subarray(2);
        } else {
          break;
        }
      }
    }
    if (!part) throw invalidRequest('file: Field required');
    if (state === 'content' || state === 'preamble') throw invalidRequest('multipart: the body ended before its closing boundary');
    return part;
  } finally {
    await file?.close();
  }
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Browsers and the SDK percent-encode `"` and line breaks in a filename; everything else is UTF-8 as is. */
function decodeFilename(raw: string): string {
  return raw.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

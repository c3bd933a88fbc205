/** Small HTTP helpers: body reading and JSON replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidRequest, SimulatorApiError } from './errors';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SimulatorApiError(413, 'invalid_request_error', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; an empty body reads as `{}` (archive is a bodiless POST). */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest('body: invalid JSON');
  }
}

export interface Reply {
  status: number;
  /** Serialized JSON (large lists are assembled as strings to avoid re-serializing events). */
  json: string;
  headers?: Record<string, string>;
}

export const jsonReply = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, json: JSON.stringify(body), headers });

export function writeReply(res: ServerResponse, reply: Reply, requestId: string): void {
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(reply.json),
    'request-id': requestId,
    ...(reply.headers ?? {}),
  });
  res.end(reply.json);
}

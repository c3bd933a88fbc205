/** Small HTTP helpers: body reading and JSON replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidRequest, SimulatorApiError } from './errors';

/** Sessions, Agents and Environments accept bodies of up to 32 MB (decimal, the stricter reading). */
export const MAX_BODY_BYTES = 32_000_000;

const tooLarge = (): SimulatorApiError =>
  new SimulatorApiError(413, 'request_too_large', `Request exceeds the maximum allowed number of bytes (${MAX_BODY_BYTES}).`);

/**
 * Reads a request body. Like the API's edge, an announced `content-length` over the limit is refused
 * before any of the body is kept, and a chunked body once it has passed the limit.
 */
export async function readBody(req: IncomingMessage): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Past the limit the rest is read and dropped (leaving the loop would reset the connection before the answer).
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw tooLarge();
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

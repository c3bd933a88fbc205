/**
 * Control endpoints outside `/v1` (no authentication, not recorded in the request log):
 *
 *   GET    /_sim/health                  {"ok":true}
 *   GET    /_sim/faults                  current fault configuration (remaining counts included)
 *   POST   /_sim/faults                  set faults (JSON FaultConfig; given kinds replace current ones)
 *   DELETE /_sim/faults                  clear all faults
 *   GET    /_sim/requests                {"data":[RequestLogEntry...]}
 *   DELETE /_sim/requests                clear the request log
 *   POST   /_sim/reset                   initial data again, faults and request log cleared
 *   POST   /_sim/sessions                create a session "elsewhere" (body: a create body, optional "created_at")
 *   POST   /_sim/sessions/:id/events     append raw events: {"events":[...]} or one event object
 *   POST   /_sim/sessions/:id/status     {"status":"idle","stop_reason":{...},"emit":true}
 *   POST   /_sim/sessions/:id/turns      {"prompt":"...","ending":"end_turn"} writes a finished turn
 *   POST   /_sim/sessions/:id/files      {"copy_of":"file_..."} the session's agent wrote a copy of that file (downloadable)
 *   POST   /_sim/sessions/:id/threads/:thread/status  {"status":"running"|"idle"} moves a child thread
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorCore } from './core';
import { errorBody, invalidRequest, SimulatorApiError } from './errors';
import type { SimulatorHelpers } from './helpers';
import type { TurnEnding } from './history';
import { jsonReply, parseJson, readBody, writeReply } from './http';
import type { SimulatorServer } from './server';
import type { SessionStatus, StopReason } from './types';
import { isPlainObject } from './util';

export async function handleControl(
  core: SimulatorCore,
  helpers: SimulatorHelpers,
  server: SimulatorServer,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  method: string,
  path: string,
): Promise<void> {
  try {
    const body = method === 'POST' ? parseJson(await readBody(req)) : undefined;
    const result = dispatch(core, helpers, server, method, path, body);
    writeReply(res, jsonReply(200, result), requestId);
  } catch (error) {
    if (!(error instanceof SimulatorApiError)) throw error;
    writeReply(res, jsonReply(error.status, errorBody(error.errorType, error.message, requestId, error.details)), requestId);
  }
}

function dispatch(core: SimulatorCore, helpers: SimulatorHelpers, server: SimulatorServer, method: string, path: string, body: unknown): unknown {
  const key = `${method} ${path.replace(/^\/_sim\/sessions\/[^/]+/, '/_sim/sessions/:id').replace(/\/threads\/[^/]+/, '/threads/:thread')}`;
  const sessionId = decodeURIComponent(path.split('/')[3] ?? '');
  switch (key) {
    case 'GET /_sim/health':
      return { ok: true, openStreams: server.streams.size };
    case 'GET /_sim/faults':
      return server.faults.snapshot();
    case 'POST /_sim/faults':
      server.faults.set(body as never);
      return server.faults.snapshot();
    case 'DELETE /_sim/faults':
      server.faults.clear();
      return server.faults.snapshot();
    case 'GET /_sim/requests':
      return { data: server.requests };
    case 'DELETE /_sim/requests':
      server.resetLog();
      return { data: [] };
    case 'POST /_sim/reset':
      core.reset();
      server.faults.clear();
      server.resetLog();
      return { ok: true };
    case 'POST /_sim/sessions': {
      if (!isPlainObject(body)) throw invalidRequest('body: must be a JSON object');
      const { created_at: createdAt, ...create } = body;
      return helpers.createSession(create, { createdAt: typeof createdAt === 'string' ? createdAt : undefined });
    }
    case 'POST /_sim/sessions/:id/events': {
      const events = isPlainObject(body) && Array.isArray(body.events) ? body.events : [body];
      return { data: events.map((event) => helpers.appendEvent(sessionId, event as { type: string })) };
    }
    case 'POST /_sim/sessions/:id/status': {
      if (!isPlainObject(body) || typeof body.status !== 'string') throw invalidRequest('status: required');
      return helpers.setStatus(sessionId, body.status as SessionStatus, {
        stopReason: body.stop_reason as StopReason | undefined,
        emit: typeof body.emit === 'boolean' ? body.emit : undefined,
      });
    }
    case 'POST /_sim/sessions/:id/threads/:thread/status': {
      const status = isPlainObject(body) ? body.status : undefined;
      if (status !== 'running' && status !== 'idle') throw invalidRequest('status: must be running or idle');
      return helpers.setThreadStatus(sessionId, decodeURIComponent(path.split('/')[5] ?? ''), status);
    }
    case 'POST /_sim/sessions/:id/turns': {
      if (!isPlainObject(body) || typeof body.prompt !== 'string') throw invalidRequest('prompt: required string');
      return { data: helpers.appendTurn(sessionId, body.prompt, (body.ending as TurnEnding | undefined) ?? 'end_turn') };
    }
    case 'POST /_sim/sessions/:id/files': {
      if (!isPlainObject(body) || typeof body.copy_of !== 'string') throw invalidRequest('copy_of: required file id');
      return helpers.writeOutputCopy(sessionId, body.copy_of);
    }
    default:
      throw new SimulatorApiError(404, 'not_found_error', `Not found: ${method} ${path}`);
  }
}

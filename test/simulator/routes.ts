/**
 * The `/v1` endpoints, exactly as the SDK calls them. Handlers return a reply (or ask the server to
 * open an event stream); errors are thrown as SimulatorApiError.
 */
import type { SimulatorCore } from './core';
import { invalidRequest, SimulatorApiError, stateConflict } from './errors';
import { jsonReply, type Reply } from './http';
import { decodeCursor, pageByKey, parseLimit, parseOrder, parseTimeFilters, queryArray, queryBoolean } from './pagination';
import { archiveSession, createSession, deleteSession, listSessions, sendEvents, SESSION_STATUSES, updateSession } from './sessions';
import type { FileWire } from './files';
import { addResource, deleteResource, findResource, listResources, updateResource } from './session-resources';
import type { EventTarget, SessionRecord } from './store';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: string[];
  /** Parsed JSON body (POST only; `{}` when empty). */
  body: unknown;
}

/** A stream reads the session (its primary thread) or one child thread. */
export type ApiResult =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'stream'; record: EventTarget; deltas: Set<string> }
  /** A file's content, streamed from disk. */
  | { kind: 'file'; contentPath: string; file: FileWire };

type Handler = (core: SimulatorCore, request: ApiRequest) => ApiResult;

interface Route {
  pattern: RegExp;
  methods: Partial<Record<'GET' | 'POST' | 'DELETE', Handler>>;
}

const reply = (status: number, body: unknown): ApiResult => ({ kind: 'reply', reply: jsonReply(status, body) });

const ID = '([^/]+)';

function listEvents(core: SimulatorCore, request: ApiRequest, record: EventTarget): ApiResult {
  const query = request.query;
  const types = queryArray(query, 'types');
  const page = core.store.listEvents(record, {
    order: parseOrder(query.get('order'), 'asc'),
    limit: parseLimit(query.get('limit'), 20, 1000),
    cursor: decodeCursor(query.get('page')),
    types: types.length > 0 ? new Set(types) : undefined,
    time: parseTimeFilters(query),
  });
  // Events are serialized once when logged; the page is assembled from those strings.
  const json = `{"data":[${page.json.join(',')}],"next_page":${JSON.stringify(page.next_page)}}`;
  return { kind: 'reply', reply: { status: 200, json } };
}

function parseDeltas(query: URLSearchParams): Set<string> {
  const deltas = new Set(queryArray(query, 'event_deltas'));
  for (const type of deltas) {
    if (type !== 'agent.message' && type !== 'agent.thinking') throw invalidRequest(`event_deltas: must be agent.message or agent.thinking, got ${JSON.stringify(type)}`);
  }
  return deltas;
}

/** A thread of the session by id: the session itself for the primary thread; 404 for any other id. */
function threadTarget(core: SimulatorCore, record: SessionRecord, threadId: string): EventTarget {
  return core.store.thread(record, threadId) ?? record;
}

/** The thread on the wire, primary or child. */
function threadWire(core: SimulatorCore, record: SessionRecord, threadId: string): unknown {
  const thread = core.store.thread(record, threadId);
  return thread === null ? core.store.threadOf(record) : core.store.childThreadOf(record, thread);
}

/** PageCursor pages (agents, environments, threads, versions) keyed by a list key, newest first. */
function cursorPage<T>(items: T[], key: (item: T) => number, query: URLSearchParams): { data: T[]; next_page: string | null } {
  const limit = parseLimit(query.get('limit'), 20, 100);
  const sorted = [...items].sort((a, b) => key(b) - key(a));
  const page = pageByKey(sorted, key, 'desc', limit, decodeCursor(query.get('page')));
  return { data: page.data, next_page: page.next_page };
}

const ROUTES: Route[] = [
  {
    // POST (the upload) is read as a stream by the server itself (server.ts), never as JSON.
    pattern: /^\/v1\/files$/,
    methods: {
      GET: (core, request) => reply(200, core.store.files.list(request.query)),
    },
  },
  {
    pattern: new RegExp(`^/v1/files/${ID}$`),
    methods: {
      GET: (core, request) => reply(200, core.store.files.get(request.params[0])),
      DELETE: (core, request) => reply(200, core.store.files.delete(request.params[0])),
    },
  },
  {
    pattern: new RegExp(`^/v1/files/${ID}/content$`),
    methods: {
      GET: (core, request) => ({ kind: 'file', ...core.store.files.content(request.params[0]) }),
    },
  },
  {
    pattern: new RegExp(`^/v1/sessions/${ID}/resources$`),
    methods: {
      GET: (core, request) => reply(200, listResources(core.store.record(request.params[0]), request.query)),
      POST: (core, request) => reply(200, addResource(core.store, core.store.record(request.params[0]), request.body)),
    },
  },
  {
    pattern: new RegExp(`^/v1/sessions/${ID}/resources/${ID}$`),
    methods: {
      GET: (core, request) => reply(200, findResource(core.store.record(request.params[0]), request.params[1])),
      POST: (core, request) => reply(200, updateResource(core.store.record(request.params[0]), request.params[1], request.body)),
      DELETE: (core, request) => reply(200, deleteResource(core.store.record(request.params[0]), request.params[1])),
    },
  },
  {
    pattern: /^\/v1\/sessions$/,
    methods: {
      GET: (core, request) => reply(200, listSessions(core.store, request.query)),
      POST: (core, request) => reply(200, core.store.toWire(createSession(core.store, request.body))),
    },
  },
  {
    pattern: new RegExp(`^/v1/sessions/${ID}$`),
    methods: {
      GET: (core, request) => reply(200, core.store.toWire(core.store.record(request.params[0]))),
      POST: (core, request) => {
        const record = core.store.record(request.params[0]);
        updateSession(core.store, record, request.body);
        return reply(200, core.store.toWire(record));
      },
      DELETE: (core, request) => {
        const record = core.store.record(request.params[0]);
        deleteSession(core.store, record);
        return reply(200, { id: record.id, type: 'session_deleted' });
      },
    },
  },
  {
    pattern: new RegExp(`^/v1/sessions/${ID}/archive$`),
    methods: {
      POST: (core, request) => {
        const record = core.store.record(request.params[0]);
        archiveSession(record);
        return reply(200, core.store.toWire(record));
      },
    },
  },
  {
    pattern: new RegExp(`^/v1/sessions/${ID}/events$`),
    methods: {
      GET: (core, request) => listEvents(core, request, core.store.record(request.params[0])),
      POST: (core, request) => reply(200, { data: sendEvents(core.store, core.store.record(request.params[0]), request.body) }),
    },
  },
  {
    pattern: new RegExp(`^/v1/sessions/${ID}/events/stream$`),
    methods: {
      GET: (core, request) => ({ kind: 'stream', record: core.store.record(request.params[0]), deltas: parseDeltas(request.query) }),
    },
  },
  {
    pattern: new RegExp(`^/v1/sessions/${ID}/threads$`),
    methods: {
      GET: (core, request) => {
        const record = core.store.record(request.params[0]);
        const statuses = queryArray(request.query, 'statuses');
        for (const status of statuses) {
          if (!SESSION_STATUSES.includes(status as never)) throw invalidRequest(`statuses: invalid status ${JSON.stringify(status)}`);
        }
        // The primary first, then the children in creation order (the list key is that position).
        const threads = [core.store.threadOf(record), ...record.threads.map((thread) => core.store.childThreadOf(record, thread))]
          .map((thread, index) => ({ thread, key: index + 1 }))
          .filter(({ thread }) => statuses.length === 0 || statuses.includes(thread.status));
        const page = pageByKey(threads, (item) => item.key, 'asc', parseLimit(request.query.get('limit'), 20, 100), decodeCursor(request.query.get('page')));
        return reply(200, { data: page.data.map((item) => item.thread), next_page: page.next_page });
      },
    },
  },
  {
    pattern: new RegExp(`^/v1/sessions/${ID}/threads/${ID}$`),
    methods: {
      GET: (core, request) => reply(200, threadWire(core, core.store.record(request.params[0]), request.params[1])),
    },
  },
  {
    pattern: new RegExp(`^/v1/sessions/${ID}/threads/${ID}/archive$`),
    methods: {
      POST: (core, request) => {
        const record = core.store.record(request.params[0]);
        const thread = core.store.thread(record, request.params[1]);
        if (thread === null) throw stateConflict(`thread ${request.params[1]} is the primary thread of session ${record.id} and cannot be archived; archive the session instead`);
        if (thread.archivedAt === null) {
          if (thread.status !== 'idle' || thread.waitingOn.size > 0) {
            const state = thread.status === 'idle' ? 'waiting for tool confirmations or results' : thread.status;
            throw stateConflict(`thread ${thread.id} is ${state}; send user.interrupt with its session_thread_id and wait for session.thread_status_idle before archiving`);
          }
          thread.archivedAt = new Date().toISOString();
          core.store.setThreadStatus(record, thread, 'terminated');
        }
        return reply(200, core.store.childThreadOf(record, thread));
      },
    },
  },
  {
    pattern: new RegExp(`^/v1/sessions/${ID}/threads/${ID}/events$`),
    methods: {
      // The primary thread's events are the session's events.
      GET: (core, request) => {
        const record = core.store.record(request.params[0]);
        return listEvents(core, request, threadTarget(core, record, request.params[1]));
      },
    },
  },
  {
    pattern: new RegExp(`^/v1/sessions/${ID}/threads/${ID}/stream$`),
    methods: {
      GET: (core, request) => {
        const record = core.store.record(request.params[0]);
        return { kind: 'stream', record: threadTarget(core, record, request.params[1]), deltas: parseDeltas(request.query) };
      },
    },
  },
  {
    pattern: /^\/v1\/agents$/,
    methods: {
      GET: (core, request) => {
        const includeArchived = queryBoolean(request.query, 'include_archived') ?? false;
        const created = parseTimeFilters(request.query);
        const agents = core.store
          .latestAgents()
          .filter((agent) => (includeArchived || agent.archived_at === null) && (!created || created(Date.parse(agent.created_at))));
        return reply(200, cursorPage(agents, (agent) => core.store.listKey(agent.id), request.query));
      },
    },
  },
  {
    pattern: new RegExp(`^/v1/agents/${ID}$`),
    methods: {
      GET: (core, request) => {
        const raw = request.query.get('version');
        const version = raw === null || raw === '' ? undefined : Number(raw);
        if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw invalidRequest('version: must be an integer of at least 1');
        return reply(200, core.store.agent(request.params[0], version));
      },
    },
  },
  {
    pattern: new RegExp(`^/v1/agents/${ID}/versions$`),
    methods: {
      GET: (core, request) => reply(200, cursorPage(core.store.versionsOf(request.params[0]), (agent) => agent.version, request.query)),
    },
  },
  {
    pattern: /^\/v1\/environments$/,
    methods: {
      GET: (core, request) => {
        const includeArchived = queryBoolean(request.query, 'include_archived') ?? false;
        const environments = core.store.allEnvironments().filter((environment) => includeArchived || environment.archived_at === null);
        return reply(200, cursorPage(environments, (environment) => core.store.listKey(environment.id), request.query));
      },
    },
  },
  {
    pattern: new RegExp(`^/v1/environments/${ID}$`),
    methods: {
      GET: (core, request) => reply(200, core.store.environment(request.params[0])),
    },
  },
];

/** Finds the handler; 404 for unknown paths, 405 for known paths with another method. */
export function route(method: string, path: string): { handler: Handler; params: string[] } {
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const handler = candidate.methods[method as 'GET' | 'POST' | 'DELETE'];
    if (!handler) {
      throw new SimulatorApiError(405, 'invalid_request_error', `${method} ${path} is not supported by the simulator (allowed: ${Object.keys(candidate.methods).join(', ')})`);
    }
    return { handler, params: match.slice(1).map((param) => decodeURIComponent(param)) };
  }
  throw new SimulatorApiError(404, 'not_found_error', `Not found: ${method} ${path}`);
}

// Deterministic benchmark data, built in memory: stream events, history pages, mixed transcript
// events for the webview and sessions for the tree. Same inputs give the same bytes in every process.

const T0 = Date.parse('2026-11-21T10:00:00.000Z');
const FILLER = 'The quick brown fox jumps over the lazy dog while the build keeps running. '.repeat(3);

export const SESSION_ID = 'sesn_bench_0000000000000001';

const iso = (i) => new Date(T0 + i * 250).toISOString();
const eventId = (i) => `sevt_${i.toString(36).padStart(24, '0')}`;

/** One `agent.message` of a few hundred bytes (like the simulator's `#long=N` turn). */
export function agentMessage(i, count) {
  return { type: 'agent.message', id: eventId(i), content: [{ type: 'text', text: `Progress ${i + 1} of ${count}: ${FILLER}` }], processed_at: iso(i) };
}

/** The `data:` payloads of the stream, as JSON text (what the floor parses). */
export function streamPayloads(count) {
  const out = new Array(count);
  for (let i = 0; i < count; i++) out[i] = JSON.stringify(agentMessage(i, count));
  return out;
}

/** The whole SSE body: `event:` + `data:` + blank line per event, with a ping every 1,000 events. */
export function sseBody(count) {
  const payloads = streamPayloads(count);
  const parts = [];
  for (let i = 0; i < count; i++) {
    if (i % 1000 === 0) parts.push('event: ping\ndata: {"type":"ping"}\n\n');
    parts.push(`event: agent.message\ndata: ${payloads[i]}\n\n`);
  }
  return { body: Buffer.from(parts.join(''), 'utf8'), payloads };
}

/**
 * A realistic turn-shaped mix of event types for history listing and the webview: user messages,
 * status changes, model request spans, thinking, markdown answers with code, tool calls and results.
 */
export function mixedEvents(count, offset = 0) {
  const events = [];
  const usage = { input_tokens: 1800, output_tokens: 240, cache_read_input_tokens: 9000, cache_creation_input_tokens: 600 };
  for (let k = 0; k < count; k++) {
    const i = k + offset;
    const id = eventId(i);
    const processed_at = iso(i);
    const turn = Math.floor(i / 12);
    switch (i % 12) {
      case 0: events.push({ id, type: 'user.message', content: [{ type: 'text', text: `Turn ${turn}: please look at the failing test in src/module${turn % 17}.ts and fix it.` }], processed_at }); break;
      case 1: events.push({ id, type: 'session.status_running', processed_at }); break;
      case 2: events.push({ id, type: 'span.model_request_start', processed_at }); break;
      case 3: events.push({ id, type: 'agent.thinking', processed_at }); break;
      case 4: events.push({ id, type: 'agent.message', content: [{ type: 'text', text: `Looking into **module${turn % 17}** now.\n\n${i % 48 === 4 ? FILLER.repeat(4) + '\n\n' : ''}\`\`\`ts\nexport function greet(name: string) {\n  return \`hello \${name}\`;\n}\n\`\`\`` }], processed_at }); break;
      case 5: events.push({ id, type: 'agent.tool_use', name: 'bash', input: { command: `npm test -- --grep module${turn % 17}` }, evaluated_permission: 'allow', processed_at }); break;
      case 6: events.push({ id, type: 'agent.tool_result', tool_use_id: eventId(i - 1), content: [{ type: 'text', text: `  ${20 + (turn % 5)} passing\n  1 failing\n\n  1) greet\n     AssertionError: expected 'hello' to equal 'hello world'` }], is_error: false, processed_at }); break;
      case 7: events.push({ id, type: 'span.model_request_end', model_request_start_id: eventId(i - 5), is_error: false, model_usage: usage, processed_at }); break;
      case 8: events.push({ id, type: 'agent.tool_use', name: 'str_replace_based_edit_tool', input: { command: 'str_replace', path: `src/module${turn % 17}.ts`, old_str: 'hello', new_str: 'hello world' }, evaluated_permission: 'allow', processed_at }); break;
      case 9: events.push({ id, type: 'agent.tool_result', tool_use_id: eventId(i - 1), content: [{ type: 'text', text: 'The file was edited.' }], is_error: false, processed_at }); break;
      case 10: events.push({ id, type: 'agent.message', content: [{ type: 'text', text: `Fixed: the greeting now includes the name. All ${20 + (turn % 5)} tests pass.` }], processed_at }); break;
      default: events.push({ id, type: 'session.status_idle', stop_reason: { type: 'end_turn' }, stop_details: null, processed_at }); break;
    }
  }
  return events;
}

/**
 * A multiagent session's primary thread: the coordinator starts `threads` subagent threads, then the
 * turns of mixedEvents with, after each, a round of delegation to one thread (the message sent, the
 * thread running, its answer received, the thread idle again). `count` events in all, from `offset`.
 */
export function multiagentEvents(count, threads, offset = 0) {
  const agents = ['Researcher', 'Test writer', 'Reviewer', 'Docs writer', 'Release manager'];
  const threadId = (k) => `sthr_bench${String(k).padStart(20, '0')}`;
  const agentName = (k) => agents[k % agents.length];
  const events = [];
  let base = offset;
  let round = 0;
  const push = (event) => events.push({ ...event, id: `sevt_ma${(offset + events.length).toString(36).padStart(21, '0')}`, processed_at: iso(offset + events.length) });
  if (offset === 0) for (let k = 0; k < threads; k++) push({ type: 'session.thread_created', agent_name: agentName(k), session_thread_id: threadId(k), workflow_run_id: null });
  while (events.length < count) {
    // One turn of the coordinator's own work, its tool results still pointing at their calls.
    const turn = mixedEvents(12, base).map((event) => ({ ...event }));
    base += 12;
    const ids = new Map();
    for (const event of turn) {
      if (events.length >= count) break;
      const old = event.id;
      push(event);
      ids.set(old, events[events.length - 1].id);
      const last = events[events.length - 1];
      if (last.tool_use_id) last.tool_use_id = ids.get(last.tool_use_id) ?? last.tool_use_id;
      if (last.model_request_start_id) last.model_request_start_id = ids.get(last.model_request_start_id) ?? last.model_request_start_id;
    }
    const k = round++ % threads;
    const delegation = [
      { type: 'agent.thread_message_sent', to_session_thread_id: threadId(k), to_agent_name: agentName(k), content: [{ type: 'text', text: `Please take part ${round} of the job: check module${round % 17}.` }] },
      { type: 'session.thread_status_running', agent_name: agentName(k), session_thread_id: threadId(k) },
      { type: 'agent.thread_message_received', from_session_thread_id: threadId(k), from_agent_name: agentName(k), content: [{ type: 'text', text: `Part ${round} done: module${round % 17} is fine.` }] },
      { type: 'session.thread_status_idle', agent_name: agentName(k), session_thread_id: threadId(k), stop_reason: { type: 'end_turn' }, stop_details: null },
    ];
    for (const event of delegation) if (events.length < count) push(event);
  }
  return events;
}

/** Pre-serialized `GET /v1/sessions/:id/events` pages keyed by cursor ('' = first page). */
export function historyPages(count, pageSize) {
  const events = mixedEvents(count);
  const pages = new Map();
  for (let start = 0, n = 0; start < count; start += pageSize, n++) {
    const next = start + pageSize < count ? `page_${n + 1}` : null;
    const body = JSON.stringify({ data: events.slice(start, start + pageSize), next_page: next, prev_page: n ? `page_${n - 1}` : null });
    pages.set(n === 0 ? '' : `page_${n}`, Buffer.from(body));
  }
  return pages;
}

/** The same history as `historyPages`, paged newest first (what `order=desc` answers), keyed by cursor ('' = the newest page). */
export function historyPagesDesc(count, pageSize) {
  const events = mixedEvents(count).reverse();
  const pages = new Map();
  for (let start = 0, n = 0; start < count; start += pageSize, n++) {
    const next = start + pageSize < count ? `desc_${n + 1}` : null;
    pages.set(n === 0 ? '' : `desc_${n}`, Buffer.from(JSON.stringify({ data: events.slice(start, start + pageSize), next_page: next })));
  }
  return pages;
}

/** The id of the newest event of `mixedEvents(count)`. */
export const newestEventId = (count) => eventId(count - 1);

const STATUSES = ['idle', 'idle', 'idle', 'running', 'terminated', 'rescheduling'];
const AGENTS = [['agent_repo', 'Repo maintainer'], ['agent_triage', 'Support triage'], ['agent_docs', 'Docs writer']];

/** `count` wire-shaped sessions, newest first. */
export function makeSessions(count) {
  const sessions = [];
  for (let i = 0; i < count; i++) {
    const created = new Date(T0 - i * 60_000).toISOString();
    const [agentId, agentName] = AGENTS[i % AGENTS.length];
    sessions.push({
      id: `sesn_${String(i).padStart(24, '0')}`,
      type: 'session',
      agent: { id: agentId, name: agentName, type: 'agent', version: 1 + (i % 3), description: null, execution_identity: {}, mcp_servers: [], model: { id: 'claude-sonnet-4-6' }, skills: [], system: null, tools: [], multiagent: null },
      archived_at: i % 25 === 24 ? created : null,
      budget: null,
      created_at: created,
      updated_at: created,
      environment_id: 'env_python',
      metadata: i % 4 === 0 ? { ticket: `ABC-${i}` } : {},
      outcome_evaluations: [],
      resources: [],
      stats: { active_seconds: i % 300, duration_seconds: i % 900 },
      status: STATUSES[i % STATUSES.length],
      title: i % 5 === 0 ? null : `Session ${i}: fix the flaky test`,
      usage: { input_tokens: 1000 + i, output_tokens: 200 + i, cache_read_input_tokens: 9000, cache_creation_input_tokens: 0 },
      vault_ids: [],
    });
  }
  return sessions;
}

/** The first page of the sidebar's list (`limit` sessions, newest first), serialized. */
export function sessionsPage(count) {
  return Buffer.from(JSON.stringify({ data: makeSessions(count), next_page: null }));
}

/** What the sidebar's "why did it stop" look-up gets: the last `session.status_idle`. */
export function stopReasonPage() {
  return Buffer.from(JSON.stringify({ data: [{ id: 'sevt_idle', type: 'session.status_idle', stop_reason: { type: 'end_turn' }, stop_details: null, processed_at: iso(1) }], next_page: 'page_more' }));
}

// A session from the wire, made safe for the sidebar and the history header: every field the UI reads
// gets the type the UI expects, whatever a broken server or proxy sent. Unknown statuses are kept (a
// newer API may add one); values of the wrong type are replaced by empty ones. Pure (no vscode).
import type { Session } from '../../api';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The session with well-typed fields, or undefined when it has no usable id. Returns the same object when nothing needed fixing. */
export function sanitizeSession(raw: unknown): Session | undefined {
  if (!isObject(raw) || typeof raw.id !== 'string' || !raw.id) return undefined;
  if (isWellFormed(raw)) return raw as unknown as Session;
  const agent = isObject(raw.agent) ? raw.agent : {};
  const model = isObject(agent.model) ? agent.model : undefined;
  const metadata: Record<string, string> = {};
  if (isObject(raw.metadata)) for (const [key, value] of Object.entries(raw.metadata)) if (typeof value === 'string') metadata[key] = value;
  const usage = isObject(raw.usage) ? raw.usage : {};
  const stats = isObject(raw.stats) ? raw.stats : {};
  const cost = isObject(usage.list_cost) && typeof usage.list_cost.amount === 'string' && typeof usage.list_cost.currency === 'string' ? usage.list_cost : null;
  return {
    ...raw,
    id: raw.id,
    type: 'session',
    title: strOrNull(raw.title),
    status: (typeof raw.status === 'string' && raw.status ? raw.status : 'idle') as Session['status'],
    archived_at: strOrNull(raw.archived_at),
    created_at: str(raw.created_at),
    updated_at: str(raw.updated_at, str(raw.created_at)),
    environment_id: str(raw.environment_id),
    metadata,
    agent: {
      ...agent,
      id: str(agent.id),
      name: str(agent.name),
      version: num(agent.version) ?? 0,
      ...(model ? { model: { ...model, id: str(model.id) } } : {}),
    } as unknown as Session['agent'],
    usage: {
      input_tokens: num(usage.input_tokens),
      output_tokens: num(usage.output_tokens),
      cache_read_input_tokens: num(usage.cache_read_input_tokens),
      active_seconds: num(usage.active_seconds),
      list_cost: cost as Session['usage']['list_cost'],
    },
    stats: { active_seconds: num(stats.active_seconds), duration_seconds: num(stats.duration_seconds) },
  } as Session;
}

/** The fields the UI reads, checked; the common case costs a few typeofs. */
function isWellFormed(raw: Record<string, unknown>): boolean {
  const agent = raw.agent;
  return (
    (raw.title === null || raw.title === undefined || typeof raw.title === 'string') &&
    typeof raw.status === 'string' &&
    (raw.archived_at === null || raw.archived_at === undefined || typeof raw.archived_at === 'string') &&
    typeof raw.created_at === 'string' &&
    typeof raw.updated_at === 'string' &&
    typeof raw.environment_id === 'string' &&
    (raw.metadata === undefined || (isObject(raw.metadata) && Object.values(raw.metadata).every((value) => typeof value === 'string'))) &&
    isObject(agent) &&
    typeof agent.id === 'string' &&
    (agent.name === undefined || typeof agent.name === 'string') &&
    (agent.version === undefined || typeof agent.version === 'number') &&
    (agent.model === undefined || (isObject(agent.model) && (agent.model.id === undefined || typeof agent.model.id === 'string'))) &&
    (raw.usage === undefined || (isObject(raw.usage) && usageWellFormed(raw.usage))) &&
    (raw.stats === undefined || (isObject(raw.stats) && Object.values(raw.stats).every((value) => value === undefined || typeof value === 'number')))
  );
}

function usageWellFormed(usage: Record<string, unknown>): boolean {
  for (const key of ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'active_seconds']) {
    if (usage[key] !== undefined && typeof usage[key] !== 'number') return false;
  }
  const cost = usage.list_cost;
  return cost === undefined || cost === null || (isObject(cost) && typeof cost.amount === 'string' && typeof cost.currency === 'string');
}

/** Sanitized sessions of a page, those without an id left out. */
export function sanitizeSessions(raw: readonly unknown[]): Session[] {
  const out: Session[] = [];
  for (const item of raw) {
    const session = sanitizeSession(item);
    if (session) out.push(session);
  }
  return out;
}

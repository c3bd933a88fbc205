/**
 * Validation of the events a client sends (`POST /v1/sessions/:id/events`, `initial_events` on
 * create). Returns the echo the API answers with: each event gets an id and `processed_at: null`
 * (it is queued; it gets a timestamp when the agent processes it).
 */
import { invalidRequest, notFound } from './errors';
import { newId } from './ids';
import type { SessionRecord } from './store';
import type { SimEvent } from './types';
import { isPlainObject } from './util';

const MAX_EVENTS = 50;
/** The most characters of a text rubric (the SDK's `BetaManagedAgentsTextRubricParams.content`). */
export const MAX_RUBRIC_CHARS = 262_144;

/**
 * Models that take no mid-conversation system message: those released before Claude Opus 4.8 answer
 * "role 'system' is not supported on this model". Newer and unknown ids are taken (the docs limit
 * `system.message` to "models that accept mid-conversation system messages", and name no others).
 */
const NO_MID_CONVERSATION_SYSTEM = new Set([
  'claude-opus-4-7',
  'claude-opus-4-6',
  'claude-sonnet-4-6',
  'claude-haiku-4-5',
  'claude-haiku-4-5-20251001',
  'claude-opus-4-5',
  'claude-opus-4-5-20251101',
  'claude-sonnet-4-5',
  'claude-sonnet-4-5-20250929',
]);

export function acceptsMidConversationSystem(modelId: string): boolean {
  return !NO_MID_CONVERSATION_SYSTEM.has(modelId);
}

export const SENDABLE_TYPES = [
  'user.message',
  'user.interrupt',
  'user.tool_confirmation',
  'user.custom_tool_result',
  'user.define_outcome',
  'user.tool_result',
  'system.message',
] as const;

export function rejectExtraFields(value: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw invalidRequest(`${path}${path ? '.' : ''}${key}: Extra inputs are not permitted`);
  }
}

function requireString(value: unknown, path: string, options: { nonEmpty?: boolean } = {}): string {
  if (typeof value !== 'string') throw invalidRequest(`${path}: Field required (string)`);
  if (options.nonEmpty && value.length === 0) throw invalidRequest(`${path}: must not be empty`);
  return value;
}

function validateSource(source: unknown, path: string, kinds: string[]): void {
  if (!isPlainObject(source) || typeof source.type !== 'string' || !kinds.includes(source.type)) {
    throw invalidRequest(`${path}.type: must be one of ${kinds.join(', ')}`);
  }
  if (source.type === 'base64') {
    requireString(source.data, `${path}.data`, { nonEmpty: true });
    requireString(source.media_type, `${path}.media_type`, { nonEmpty: true });
  } else if (source.type === 'url') {
    requireString(source.url, `${path}.url`, { nonEmpty: true });
  } else if (source.type === 'file') {
    requireString(source.file_id, `${path}.file_id`, { nonEmpty: true });
  } else if (source.type === 'text') {
    requireString(source.data, `${path}.data`);
    if (source.media_type !== 'text/plain') throw invalidRequest(`${path}.media_type: must be 'text/plain'`);
  }
}

/** Content blocks of user messages and tool results. */
function validateContent(content: unknown, path: string, options: { required: boolean; allowSearchResult: boolean }): unknown[] | undefined {
  if (content === undefined && !options.required) return undefined;
  if (!Array.isArray(content)) throw invalidRequest(`${path}: Field required (array of content blocks)`);
  if (options.required && content.length === 0) throw invalidRequest(`${path}: must contain at least one content block`);
  content.forEach((block: unknown, index) => {
    const blockPath = `${path}[${index}]`;
    if (!isPlainObject(block)) throw invalidRequest(`${blockPath}: must be an object`);
    switch (block.type) {
      case 'text':
        rejectExtraFields(block, ['type', 'text'], blockPath);
        requireString(block.text, `${blockPath}.text`);
        break;
      case 'image':
        validateSource(block.source, `${blockPath}.source`, ['base64', 'url', 'file']);
        break;
      case 'document':
        validateSource(block.source, `${blockPath}.source`, ['base64', 'text', 'url', 'file']);
        break;
      case 'search_result':
        if (!options.allowSearchResult) throw invalidRequest(`${blockPath}.type: search_result is not allowed here`);
        break;
      default:
        throw invalidRequest(`${blockPath}.type: must be one of text, image, document`);
    }
  });
  return content;
}

function pendingToolUse(record: SessionRecord | undefined, id: string, kind: 'confirmation' | 'custom_tool' | 'tool_result', path: string): void {
  if (record?.blockers.get(id)?.kind !== kind) {
    const what = kind === 'confirmation' ? 'tool use awaiting confirmation' : kind === 'custom_tool' ? 'custom tool use awaiting a result' : 'tool use awaiting a result';
    throw invalidRequest(`${path}: no ${what} with id ${JSON.stringify(id)} in this session`);
  }
}

export interface ParseContext {
  /** The target session (absent for `initial_events`, which may only hold messages and outcomes). */
  record?: SessionRecord;
  selfHosted: boolean;
  allowedTypes: readonly string[];
  /** Whether the Files API holds this file (a file rubric must name one, as a file resource must). */
  fileExists: (fileId: string) => boolean;
}

export function parseInputEvents(raw: unknown, path: string, context: ParseContext): SimEvent[] {
  if (!Array.isArray(raw)) throw invalidRequest(`${path}: Field required (array of events)`);
  if (raw.length === 0) throw invalidRequest(`${path}: must contain at least one event`);
  if (raw.length > MAX_EVENTS) throw invalidRequest(`${path}: at most ${MAX_EVENTS} events per request`);
  const resolvedIds = new Set<string>();
  return raw.map((input: unknown, index): SimEvent => {
    const eventPath = `${path}[${index}]`;
    if (!isPlainObject(input)) throw invalidRequest(`${eventPath}: must be an object`);
    const type = input.type;
    if (typeof type !== 'string' || !context.allowedTypes.includes(type)) {
      throw invalidRequest(`${eventPath}.type: must be one of ${context.allowedTypes.join(', ')}`);
    }
    const echo: SimEvent = { id: newId('event'), type, processed_at: null };
    switch (type) {
      case 'user.message': {
        rejectExtraFields(input, ['type', 'content'], eventPath);
        echo.content = validateContent(input.content, `${eventPath}.content`, { required: true, allowSearchResult: false });
        return echo;
      }
      case 'user.interrupt': {
        rejectExtraFields(input, ['type', 'session_thread_id'], eventPath);
        const threadId = input.session_thread_id;
        if (threadId !== undefined && threadId !== null) {
          const record = context.record;
          const known = record !== undefined && (threadId === record.threadId || record.threads.some((thread) => thread.id === threadId));
          if (!known) throw invalidRequest(`${eventPath}.session_thread_id: no thread ${JSON.stringify(threadId)} in this session`);
          echo.session_thread_id = threadId;
        }
        return echo;
      }
      case 'user.tool_confirmation': {
        rejectExtraFields(input, ['type', 'tool_use_id', 'result', 'deny_message'], eventPath);
        const toolUseId = requireString(input.tool_use_id, `${eventPath}.tool_use_id`, { nonEmpty: true });
        if (input.result !== 'allow' && input.result !== 'deny') throw invalidRequest(`${eventPath}.result: must be 'allow' or 'deny'`);
        if (input.deny_message !== undefined && input.deny_message !== null) {
          if (input.result !== 'deny') throw invalidRequest(`${eventPath}.deny_message: only allowed when result is 'deny'`);
          echo.deny_message = requireString(input.deny_message, `${eventPath}.deny_message`);
        }
        if (resolvedIds.has(toolUseId)) throw invalidRequest(`${eventPath}.tool_use_id: ${toolUseId} is answered twice in this request`);
        pendingToolUse(context.record, toolUseId, 'confirmation', `${eventPath}.tool_use_id`);
        resolvedIds.add(toolUseId);
        echo.tool_use_id = toolUseId;
        echo.result = input.result;
        return echo;
      }
      case 'user.custom_tool_result':
      case 'user.tool_result': {
        const idField = type === 'user.custom_tool_result' ? 'custom_tool_use_id' : 'tool_use_id';
        rejectExtraFields(input, ['type', idField, 'content', 'is_error'], eventPath);
        if (type === 'user.tool_result' && !context.selfHosted) {
          throw invalidRequest(`${eventPath}.type: user.tool_result is only valid on self_hosted environments`);
        }
        const toolUseId = requireString(input[idField], `${eventPath}.${idField}`, { nonEmpty: true });
        if (resolvedIds.has(toolUseId)) throw invalidRequest(`${eventPath}.${idField}: ${toolUseId} is answered twice in this request`);
        pendingToolUse(context.record, toolUseId, type === 'user.custom_tool_result' ? 'custom_tool' : 'tool_result', `${eventPath}.${idField}`);
        resolvedIds.add(toolUseId);
        echo[idField] = toolUseId;
        const content = validateContent(input.content, `${eventPath}.content`, { required: false, allowSearchResult: true });
        if (content !== undefined) echo.content = content;
        if (input.is_error !== undefined && input.is_error !== null) {
          if (typeof input.is_error !== 'boolean') throw invalidRequest(`${eventPath}.is_error: must be a boolean`);
          echo.is_error = input.is_error;
        }
        return echo;
      }
      case 'user.define_outcome': {
        rejectExtraFields(input, ['type', 'description', 'rubric', 'max_iterations'], eventPath);
        echo.description = requireString(input.description, `${eventPath}.description`, { nonEmpty: true });
        const rubric = input.rubric;
        if (isPlainObject(rubric) && rubric.type === 'text') {
          const content = requireString(rubric.content, `${eventPath}.rubric.content`, { nonEmpty: true });
          if (content.length > MAX_RUBRIC_CHARS) throw invalidRequest(`${eventPath}.rubric.content: at most ${MAX_RUBRIC_CHARS} characters (got ${content.length})`);
          echo.rubric = { type: 'text', content };
        } else if (isPlainObject(rubric) && rubric.type === 'file') {
          const fileId = requireString(rubric.file_id, `${eventPath}.rubric.file_id`, { nonEmpty: true });
          if (!context.fileExists(fileId)) throw notFound(`File not found: ${fileId}`);
          echo.rubric = { type: 'file', file_id: fileId };
        } else {
          throw invalidRequest(`${eventPath}.rubric: must be {"type":"text","content":...} or {"type":"file","file_id":...}`);
        }
        const maxIterations = input.max_iterations ?? 3;
        if (!Number.isInteger(maxIterations) || (maxIterations as number) < 1 || (maxIterations as number) > 20) {
          throw invalidRequest(`${eventPath}.max_iterations: must be an integer between 1 and 20`);
        }
        echo.max_iterations = maxIterations;
        echo.outcome_id = newId('outcome');
        return echo;
      }
      case 'system.message': {
        rejectExtraFields(input, ['type', 'content'], eventPath);
        const previous = raw[index - 1] as { type?: unknown } | undefined;
        if (index !== raw.length - 1 || !['user.message', 'user.tool_result', 'user.custom_tool_result'].includes(String(previous?.type))) {
          throw invalidRequest(`${eventPath}: a system.message must be the last event and directly follow a user.message, user.tool_result or user.custom_tool_result`);
        }
        const content = input.content;
        if (!Array.isArray(content) || content.length === 0) throw invalidRequest(`${eventPath}.content: Field required (text blocks)`);
        content.forEach((block: unknown, blockIndex) => {
          if (!isPlainObject(block) || block.type !== 'text' || typeof block.text !== 'string') {
            throw invalidRequest(`${eventPath}.content[${blockIndex}]: system messages are text-only`);
          }
        });
        const model = context.record?.session.agent.model.id;
        if (model !== undefined && !acceptsMidConversationSystem(model)) {
          throw invalidRequest(`${eventPath}.type: system.message is not supported on model ${model}: role 'system' is not supported on this model`);
        }
        echo.content = content;
        return echo;
      }
      default:
        throw invalidRequest(`${eventPath}.type: unsupported event type ${type}`);
    }
  });
}

// The event types a body may hold, read from the request schemas (so they follow the API), with
// the schema's description of each. Pure (no vscode).
import { SESSION_EVENT_TYPES } from '../../api';
import { BODY_SCHEMAS } from '../bodies';
import type { Schema } from '../validate';

export interface EventTypeInfo {
  type: string;
  description?: string;
}

function definitions(schema: Schema): Record<string, Schema> {
  return schema.definitions ?? {};
}

function deref(schema: Schema, root: Schema): Schema {
  const name = schema.$ref?.replace('#/definitions/', '');
  return name ? definitions(root)[name] ?? {} : schema;
}

/** The `type` consts of a union of event params, in schema order. */
function eventTypesOf(union: Schema | undefined, root: Schema): EventTypeInfo[] {
  if (!union) return [];
  const members = deref(union, root).anyOf ?? [union];
  const out: EventTypeInfo[] = [];
  for (const member of members) {
    const resolved = deref(member, root);
    const type = resolved.properties?.type?.const;
    if (typeof type === 'string' && (SESSION_EVENT_TYPES as readonly string[]).includes(type)) {
      out.push({ type, ...(resolved.description ? { description: resolved.description } : {}) });
    }
  }
  return out;
}

function topLevelProperty(root: Schema, field: string): Schema | undefined {
  return deref(root, root).properties?.[field];
}

/** Event types POST /v1/sessions/{id}/events accepts (`events:` of a send body). */
export function sendableEventTypes(): readonly EventTypeInfo[] {
  return (sendable ??= eventTypesOf(topLevelProperty(BODY_SCHEMAS.send, 'events')?.items, BODY_SCHEMAS.send));
}
let sendable: readonly EventTypeInfo[] | undefined;

/** Event types a create body's `initial_events:` accepts. */
export function initialEventTypes(): readonly EventTypeInfo[] {
  return (initial ??= eventTypesOf(topLevelProperty(BODY_SCHEMAS.create, 'initial_events')?.items, BODY_SCHEMAS.create));
}
let initial: readonly EventTypeInfo[] | undefined;

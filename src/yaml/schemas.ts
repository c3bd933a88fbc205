/*
 * The JSON Schemas of the three request bodies (generated into schemas/ by
 * scripts/generate-schemas.mjs from src/api/types.ts). Imported as JSON so esbuild bundles them.
 */
import createSchema from '../../schemas/session-create.schema.json';
import updateSchema from '../../schemas/session-update.schema.json';
import sendSchema from '../../schemas/events-send.schema.json';
import type { Schema } from './validate';

/** The three YAML buffer kinds: POST /v1/sessions, POST /v1/sessions/{id}, POST /v1/sessions/{id}/events. */
export type BodyKind = 'create' | 'update' | 'send';

export const BODY_KINDS: readonly BodyKind[] = ['create', 'update', 'send'];

export const BODY_SCHEMAS: Readonly<Record<BodyKind, Schema>> = {
  create: createSchema as unknown as Schema,
  update: updateSchema as unknown as Schema,
  send: sendSchema as unknown as Schema,
};

/** The file name of a kind's schema under schemas/ (for `yamlValidation`). */
export const BODY_SCHEMA_FILES: Readonly<Record<BodyKind, string>> = {
  create: 'schemas/session-create.schema.json',
  update: 'schemas/session-update.schema.json',
  send: 'schemas/events-send.schema.json',
};

/** The top-level fields a body of this kind may have. */
export function topLevelFields(kind: BodyKind): string[] {
  const schema = BODY_SCHEMAS[kind];
  const name = schema.$ref?.replace('#/definitions/', '') ?? '';
  return Object.keys(schema.definitions?.[name]?.properties ?? {});
}

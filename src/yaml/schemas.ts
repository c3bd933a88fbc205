/*
 * The JSON Schemas of the three request bodies (generated into schemas/ by
 * scripts/generate-schemas.mjs from the wire types in src/api/resources/). They ship in the package anyway (for the YAML
 * extension's `yamlValidation`), so they are read from there on first use rather than bundled: that
 * keeps 60 KB out of the extension bundle and out of activation.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Schema } from './validate';

/** The three YAML buffer kinds: POST /v1/sessions, POST /v1/sessions/{id}, POST /v1/sessions/{id}/events. */
export type BodyKind = 'create' | 'update' | 'send';

export const BODY_KINDS: readonly BodyKind[] = ['create', 'update', 'send'];

/** The file name of a kind's schema under schemas/ (for `yamlValidation`). */
export const BODY_SCHEMA_FILES: Readonly<Record<BodyKind, string>> = {
  create: 'schemas/session-create.schema.json',
  update: 'schemas/session-update.schema.json',
  send: 'schemas/events-send.schema.json',
};

const loaded = new Map<BodyKind, Schema>();

/** The package root: dist/ (bundled) or out/src/yaml/ (compiled tests) lie below it. */
function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'schemas', 'session-create.schema.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`The request body schemas were not found above ${__dirname}; reinstall the extension.`);
  }
}

function loadSchema(kind: BodyKind): Schema {
  let schema = loaded.get(kind);
  if (!schema) {
    schema = JSON.parse(fs.readFileSync(path.join(packageRoot(), BODY_SCHEMA_FILES[kind]), 'utf8')) as Schema;
    loaded.set(kind, schema);
  }
  return schema;
}

/** The schema of each body kind, read on first use. */
export const BODY_SCHEMAS: Readonly<Record<BodyKind, Schema>> = Object.defineProperties({} as Record<BodyKind, Schema>, {
  create: { get: () => loadSchema('create'), enumerable: true },
  update: { get: () => loadSchema('update'), enumerable: true },
  send: { get: () => loadSchema('send'), enumerable: true },
});

/** The top-level fields a body of this kind may have. */
export function topLevelFields(kind: BodyKind): string[] {
  const schema = BODY_SCHEMAS[kind];
  const name = schema.$ref?.replace('#/definitions/', '') ?? '';
  return Object.keys(schema.definitions?.[name]?.properties ?? {});
}

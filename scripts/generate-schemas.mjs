#!/usr/bin/env node
// Generates the JSON Schemas of the three YAML request bodies from our wire types.
//
//   node scripts/generate-schemas.mjs          write schemas/*.schema.json
//   node scripts/generate-schemas.mjs --check  exit 1 if a committed schema differs from a fresh one
//
// Source of truth: our wire types, src/api/resources/sessions/types.ts (SessionCreateParams,
// SessionUpdateParams) and src/api/resources/sessions/events/types.ts (EventSendParams), with the
// types files they import (src/api/resources/**/types.ts, src/api/resources/shared.ts).
//  1. ts-json-schema-generator turns each root type into a draft-07 schema. It bundles its own
//     TypeScript 5 (our project compiles with TypeScript 7, which has no JS compiler API); we load
//     that TypeScript from next to the generator, never the project's.
//  2. Descriptions come from doc comments: every wire type says which SDK type it mirrors
//     ("Mirrors `BetaManagedAgentsX`"), so each definition and property gets the SDK's doc comment
//     (node_modules/@anthropic-ai/sdk/src/resources/beta), with "Body param: " prefixes dropped; a
//     property the SDK leaves undocumented keeps our own doc comment, if any.
//  3. Limits the SDK states in prose ("Maximum 16 pairs, keys up to 64 chars, values up to 512
//     chars", "Maximum 50 events", "1-128 characters", ...) become maxProperties / maxItems /
//     minLength / maxLength / pattern. Each is printed, so a change in the SDK's wording shows up.
//  4. Every object without an index signature is closed (`additionalProperties: false`): the API
//     rejects unknown fields in request bodies. Open maps (metadata) and the custom tool's
//     `input_schema` (itself a JSON Schema) stay open.
// The output only uses the keywords src/yaml/validate.ts implements; the script fails otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resourcesDir = path.join(root, 'src/api/resources');
const sdkDir = path.join(root, 'node_modules/@anthropic-ai/sdk/src/resources/beta');
const outDir = path.join(root, 'schemas');
const check = process.argv.includes('--check');
const quiet = process.argv.includes('--quiet') || check;

const BODIES = [
  {
    file: 'session-create.schema.json',
    source: 'src/api/resources/sessions/types.ts',
    type: 'SessionCreateParams',
    title: 'Create a Managed Agents session',
    description:
      'Request body of POST /v1/sessions (`ant beta:sessions create`): the agent to run, the environment to run it in, and optionally a title, metadata, resources, vaults, a budget and initial events.',
  },
  {
    file: 'session-update.schema.json',
    source: 'src/api/resources/sessions/types.ts',
    type: 'SessionUpdateParams',
    title: 'Update a Managed Agents session',
    description:
      'Request body of POST /v1/sessions/{session_id} (`ant beta:sessions update`). Omitted fields are preserved; `metadata` is a patch (a null value deletes the key); `agent.tools` and `agent.mcp_servers` replace the whole list.',
  },
  {
    file: 'events-send.schema.json',
    source: 'src/api/resources/sessions/events/types.ts',
    type: 'EventSendParams',
    title: 'Send events to a Managed Agents session',
    description:
      'Request body of POST /v1/sessions/{session_id}/events (`ant beta:sessions:events send`): a list of user or system events.',
  },
];

/** Keywords src/yaml/validate.ts understands. Anything else in the output is a generator error. */
const SUPPORTED_KEYWORDS = new Set([
  '$schema', '$ref', '$comment', 'definitions', 'title', 'description',
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf',
  'maxProperties', 'propertyNames', 'maxItems', 'minItems', 'maxLength', 'minLength', 'pattern',
]);

// ---------------------------------------------------------------------------
// Load ts-json-schema-generator and the TypeScript 5 it depends on.
// ---------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const searchPaths = [root, ...(process.env.SCHEMA_GEN_MODULES ? [process.env.SCHEMA_GEN_MODULES] : [])];
let tsjEntry;
try {
  tsjEntry = require.resolve('ts-json-schema-generator', { paths: searchPaths });
} catch {
  console.error(
    'generate-schemas: ts-json-schema-generator is not installed (npm i -D ts-json-schema-generator),\n' +
      'or point SCHEMA_GEN_MODULES at a folder whose node_modules has it.',
  );
  process.exit(2);
}
const tsj = await import(pathToFileURL(tsjEntry).href);
const ts = createRequire(tsjEntry)('typescript');
const createGenerator = tsj.createGenerator ?? tsj.default?.createGenerator;

// ---------------------------------------------------------------------------
// Doc comments: ours (the wire types files) and the SDK's.
// ---------------------------------------------------------------------------

function cleanDoc(text) {
  if (!text) return undefined;
  const paragraphs = String(text)
    .replace(/\r/g, '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  let doc = paragraphs.join('\n\n').replace(/^(Body|Query|Header|Path) param:\s*/, '');
  return doc || undefined;
}

function jsDocOf(node) {
  const docs = node.jsDoc;
  if (!docs || docs.length === 0) return undefined;
  const last = docs[docs.length - 1];
  return cleanDoc(typeof last.comment === 'string' ? last.comment : ts.getTextOfJSDocComment(last.comment));
}

/** name -> { doc, props: Map<name, doc> } for interfaces and type aliases in a set of files. */
function indexDocs(files) {
  const index = new Map();
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const stmt of source.statements) {
      if (!ts.isInterfaceDeclaration(stmt) && !ts.isTypeAliasDeclaration(stmt)) continue;
      const name = stmt.name.text;
      if (index.has(name)) continue; // first file wins (files are ordered by preference)
      const props = new Map();
      const members = ts.isInterfaceDeclaration(stmt)
        ? stmt.members
        : ts.isTypeLiteralNode(stmt.type)
          ? stmt.type.members
          : [];
      for (const m of members) {
        if (ts.isPropertySignature(m) && m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) {
          const doc = jsDocOf(m);
          if (doc) props.set(m.name.text, doc);
        }
      }
      index.set(name, { doc: jsDocOf(stmt), props });
    }
  }
  return index;
}

function listTs(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

if (!fs.existsSync(sdkDir)) {
  console.error(`generate-schemas: SDK sources not found at ${path.relative(root, sdkDir)} (is @anthropic-ai/sdk installed?)`);
  process.exit(2);
}
const preferred = ['sessions/sessions.ts', 'sessions/events.ts', 'sessions/resources.ts', 'agents/agents.ts'];
const sdkFiles = listTs(sdkDir).sort((a, b) => {
  const ra = preferred.indexOf(path.relative(sdkDir, a).split(path.sep).join('/'));
  const rb = preferred.indexOf(path.relative(sdkDir, b).split(path.sep).join('/'));
  return (ra < 0 ? preferred.length : ra) - (rb < 0 ? preferred.length : rb);
});
const sdkDocs = indexDocs(sdkFiles);
const ourFiles = listTs(resourcesDir).filter((file) => file.endsWith(`${path.sep}types.ts`) || file === path.join(resourcesDir, 'shared.ts'));
const ourDocs = indexDocs(ourFiles);

/** Our definition name -> the SDK doc entry it mirrors (type doc + property docs). */
function sdkEntryFor(defName) {
  const ours = ourDocs.get(defName);
  const m = ours?.doc && /`([A-Za-z0-9_]+)(?:\['([A-Za-z0-9_]+)'\])?/.exec(ours.doc);
  if (!m) return undefined;
  const [, typeName, propName] = m;
  const entry = sdkDocs.get(typeName);
  if (!entry) return undefined;
  if (propName) return { doc: entry.props.get(propName), props: new Map() };
  return entry;
}

// ---------------------------------------------------------------------------
// Limits stated in the SDK's prose.
// ---------------------------------------------------------------------------

const num = (s) => Number(s.replace(/,/g, ''));
const added = [];

function typesOf(schema) {
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

/** The members of a property schema that a limit can attach to (anyOf members, or itself). */
function targets(schema, type) {
  const all = schema.anyOf ? schema.anyOf : [schema];
  return all.filter((s) => typesOf(s).includes(type));
}

function applyLimits(where, schema, doc) {
  const note = (what) => added.push(`${where}: ${what}`);
  let m;
  if ((m = /Maximum (\d+) pairs, keys up to (\d+) chars, values up to (\d+) chars/i.exec(doc))) {
    for (const t of targets(schema, 'object')) {
      t.maxProperties = num(m[1]);
      t.propertyNames = { maxLength: num(m[2]) };
      for (const v of t.additionalProperties && typeof t.additionalProperties === 'object'
        ? targets(t.additionalProperties, 'string')
        : []) {
        v.maxLength = num(m[3]);
      }
      note(`maxProperties ${m[1]}, key maxLength ${m[2]}, value maxLength ${m[3]}`);
    }
  }
  if ((m = /(?:Maximum (\d+) events|At most (\d+) entries)/i.exec(doc))) {
    for (const t of targets(schema, 'array')) {
      t.maxItems = num(m[1] ?? m[2]);
      note(`maxItems ${t.maxItems}`);
    }
  }
  if ((m = /Between (\d+) and (\d+) entries/i.exec(doc))) {
    for (const t of targets(schema, 'array')) {
      t.minItems = num(m[1]);
      t.maxItems = num(m[2]);
      note(`minItems ${m[1]}, maxItems ${m[2]}`);
    }
  } else if (/an empty list is rejected/i.test(doc)) {
    for (const t of targets(schema, 'array')) {
      t.minItems = 1;
      note('minItems 1');
    }
  }
  if ((m = /(\d+)-([\d,]+) characters/i.exec(doc))) {
    for (const t of targets(schema, 'string')) {
      t.minLength = num(m[1]);
      t.maxLength = num(m[2]);
      note(`minLength ${m[1]}, maxLength ${t.maxLength}`);
    }
  } else if ((m = /(?:Up to|Max(?:imum)?) ([\d,]+) (?:chars|characters)\b/i.exec(doc))) {
    for (const t of targets(schema, 'string')) {
      t.maxLength = num(m[1]);
      note(`maxLength ${t.maxLength}`);
    }
  }
  if (/letters, digits, underscores, and hyphens/i.test(doc)) {
    for (const t of targets(schema, 'string')) {
      t.pattern = '^[A-Za-z0-9_-]+$';
      note(`pattern ${t.pattern}`);
    }
  }
}

// ---------------------------------------------------------------------------
// Build one schema.
// ---------------------------------------------------------------------------

const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A mapped type (BuiltinToolConfigParams, "Mirrors `BetaManagedAgentsBashToolConfigParams` / ...")
 * becomes an anyOf of inline objects, one per literal. Member i mirrors the SDK type named like the
 * first one with the first member's literal replaced by member i's ("Bash" -> "Edit").
 */
function memberEntries(defName, members) {
  const ours = ourDocs.get(defName);
  const first = ours?.doc && /`([A-Za-z0-9_]+)`/.exec(ours.doc)?.[1];
  const literal = (obj) => Object.values(obj.properties).find((p) => typeof p.const === 'string')?.const;
  const base = literal(members[0]);
  return members.map((obj) => {
    const lit = literal(obj);
    if (!first || !base || !lit || !first.includes(capitalize(base))) return undefined;
    return sdkDocs.get(first.replace(capitalize(base), capitalize(lit)));
  });
}

function decorate(defName, def) {
  const entry = sdkEntryFor(defName);
  const ours = ourDocs.get(defName);
  delete def.description;
  if (entry?.doc) def.description = entry.doc;
  const inline = def.properties ? [] : (def.anyOf ?? []).filter((s) => s.properties);
  const objects = def.properties ? [[def, entry]] : inline.map((obj, i) => [obj, memberEntries(defName, inline)[i]]);
  for (const [obj, objEntry] of objects) {
    if (obj !== def && objEntry?.doc) obj.description = objEntry.doc;
    for (const [prop, schema] of Object.entries(obj.properties)) {
      const doc = objEntry?.props.get(prop) ?? ours?.props.get(prop);
      if (!doc) continue;
      schema.description = doc;
      applyLimits(`${defName}.${prop}`, schema, doc);
    }
  }
}

function checkKeywords(schema, where, inProperties = false) {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  for (const [k, v] of Object.entries(schema)) {
    if (inProperties) {
      checkKeywords(v, `${where}.${k}`);
      continue;
    }
    if (!SUPPORTED_KEYWORDS.has(k)) throw new Error(`unsupported keyword "${k}" at ${where}`);
    if (k === 'properties' || k === 'definitions') checkKeywords(v, `${where}/${k}`, true);
    else if (k === 'anyOf') v.forEach((s, i) => checkKeywords(s, `${where}/anyOf/${i}`));
    else if (k === 'items' || k === 'additionalProperties' || k === 'propertyNames') checkKeywords(v, `${where}/${k}`);
  }
}

function build(body) {
  const generator = createGenerator({
    path: path.join(root, body.source),
    type: body.type,
    expose: 'export',
    topRef: true,
    jsDoc: 'none',
    skipTypeCheck: true,
    additionalProperties: false,
    sortProps: false,
    // No tsconfig: the project's is written for TypeScript 7; the wire types need only the defaults.
  });
  const generated = generator.createSchema(body.type);
  for (const [name, def] of Object.entries(generated.definitions)) decorate(name, def);
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `Generated from ${body.source} (${body.type}) by scripts/generate-schemas.mjs; do not edit.`,
    title: body.title,
    description: body.description,
    $ref: generated.$ref,
    definitions: generated.definitions,
  };
  checkKeywords(schema, body.file);
  return JSON.stringify(schema, null, 2) + '\n';
}

let stale = 0;
for (const body of BODIES) {
  const text = build(body);
  const file = path.join(outDir, body.file);
  if (check) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current !== text) {
      console.error(`generate-schemas: schemas/${body.file} is out of date; run node scripts/generate-schemas.mjs`);
      stale++;
    }
  } else {
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(file, text);
    if (!quiet) console.log(`schemas/${body.file} ${(text.length / 1024).toFixed(1)} KiB`);
  }
}
if (!quiet) for (const line of [...new Set(added)]) console.log(`  limit from SDK docs: ${line}`);
process.exit(stale ? 1 : 0);

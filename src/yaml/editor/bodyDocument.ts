// Which YAML buffers are our request bodies, and checking them as such. A buffer is ours when it
// has the `# managed-agents:` header, follows the file-name convention, or its fields say so
// (`detectBodyKind` alone calls every mapping a create body, so arbitrary YAML such as CI
// workflows must be ruled out first). Pure (no vscode).
import { checkBody, parseHeader, topLevelFields, BODY_KINDS, type BodyCheck, type BodyHeader, type BodyKind } from '../bodies';
import { parseYaml } from '../parse';
import { closest } from '../validate';
import { kindFromFileName } from './fileNames';

export type BodyReason = 'header' | 'fileName' | 'content';

export interface BodyClassification {
  /** The kind to check as: header, else file name, else undefined (checkBody guesses from fields). */
  kind: BodyKind | undefined;
  reason: BodyReason;
  header?: BodyHeader;
}

const KNOWN_FIELDS = [...new Set(BODY_KINDS.flatMap((kind) => topLevelFields(kind)))];
/** Fields that only our bodies have at the top level; one of them must appear. */
const DISTINCTIVE_FIELDS = ['agent', 'environment_id', 'events', 'initial_events'];
/** A cheap test before parsing: one distinctive key at column 0 (block or JSON style). */
const DISTINCTIVE_KEY_RE = /^(?:agent|environment_id|events|initial_events)\s*:|^\s*\{?\s*"(?:agent|environment_id|events|initial_events)"\s*:/m;

export function classifyBody(text: string, fileName: string): BodyClassification | undefined {
  const header = parseHeader(text);
  if (header) {
    const suggested = BODY_KINDS.find((kind) => header.problems.some((problem) => problem.suggestion === kind));
    return { kind: header.kind ?? suggested, reason: 'header', header };
  }
  const named = kindFromFileName(fileName);
  if (named) return { kind: named, reason: 'fileName' };
  if (!DISTINCTIVE_KEY_RE.test(text)) return undefined;
  return looksLikeBody(parseYaml(text).value) ? { kind: undefined, reason: 'content' } : undefined;
}

/** A mapping with a distinctive field whose keys are (nearly all) body fields. */
export function looksLikeBody(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (!keys.some((key) => DISTINCTIVE_FIELDS.includes(key))) return false;
  const known = keys.filter((key) => KNOWN_FIELDS.includes(key) || closest(key, KNOWN_FIELDS) !== undefined);
  return known.length * 2 > keys.length;
}

export interface DocumentBodyCheck extends BodyCheck {
  classification: BodyClassification;
}

/** Checks a buffer that is ours; undefined for other YAML. */
export function checkDocumentBody(text: string, fileName: string): DocumentBodyCheck | undefined {
  const classification = classifyBody(text, fileName);
  if (!classification) return undefined;
  return { ...checkBody(text, classification.header ? undefined : classification.kind), classification };
}

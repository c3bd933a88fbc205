// Which YAML buffers are our request bodies, and checking them as such. A buffer is ours when it
// has the `# managed-agents:` header, follows the file-name convention, or its fields say so
// (`detectBodyKind` alone calls every mapping a create body, so arbitrary YAML such as CI
// workflows must be ruled out first). A buffer is parsed once per check, and one too large to
// check while typing is not parsed at all. Pure (no vscode).
import { checkBody, parseHeader, topLevelFields, BODY_KINDS, type BodyCheck, type BodyHeader, type BodyKind } from '../bodies';
import { parseYaml, type ParsedYaml, type Problem } from '../parse';
import { closest } from '../validate';
import { kindFromFileName } from './fileNames';

export type BodyReason = 'header' | 'fileName' | 'content';

export interface BodyClassification {
  /** The kind to check as: header, else file name, else undefined (checkBody guesses from fields). */
  kind: BodyKind | undefined;
  reason: BodyReason;
  header?: BodyHeader;
}

/** Characters above which a buffer is not checked while typing (the default of `managedAgents.yaml.maxLiveCheckKB`). */
export const DEFAULT_MAX_LIVE_CHECK_CHARS = 1024 * 1024;
/** How much of a large buffer is read for its header (the leading comment lines). */
export const HEAD_CHARS = 64 * 1024;

const KNOWN_FIELDS = [...new Set(BODY_KINDS.flatMap((kind) => topLevelFields(kind)))];
/** Fields that only our bodies have at the top level; one of them must appear. */
const DISTINCTIVE_FIELDS = ['agent', 'environment_id', 'events', 'initial_events'];
/** A cheap test before parsing: one distinctive key at column 0 (block or JSON style). */
const DISTINCTIVE_KEY_RE = /^(?:agent|environment_id|events|initial_events)\s*:|^\s*\{?\s*"(?:agent|environment_id|events|initial_events)"\s*:/m;

export function classifyBody(text: string, fileName: string): BodyClassification | undefined {
  return classify(text, fileName, true)?.classification;
}

/** Classifies without parsing when `parse` is false (then only the header or the file name can tell); returns the parse it made. */
function classify(text: string, fileName: string, parse: boolean): { classification: BodyClassification; parsed?: ParsedYaml } | undefined {
  const header = parseHeader(text);
  if (header) {
    const suggested = BODY_KINDS.find((kind) => header.problems.some((problem) => problem.suggestion === kind));
    return { classification: { kind: header.kind ?? suggested, reason: 'header', header } };
  }
  const named = kindFromFileName(fileName);
  if (named) return { classification: { kind: named, reason: 'fileName' } };
  if (!parse || !DISTINCTIVE_KEY_RE.test(text)) return undefined;
  const parsed = parseYaml(text);
  return looksLikeBody(parsed.value) ? { classification: { kind: undefined, reason: 'content' }, parsed } : undefined;
}

/** A mapping with a distinctive field whose keys are (nearly all) body fields. */
function looksLikeBody(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (!keys.some((key) => DISTINCTIVE_FIELDS.includes(key))) return false;
  const known = keys.filter((key) => KNOWN_FIELDS.includes(key) || closest(key, KNOWN_FIELDS) !== undefined);
  return known.length * 2 > keys.length;
}

export interface DocumentBodyCheck extends BodyCheck {
  classification: BodyClassification;
  /** Too large to check while typing: `problems` is one note saying so, and the body is checked in full when it is run. */
  deferred?: boolean;
}

/**
 * Checks a buffer that is ours, parsing it once; undefined for other YAML. A buffer of more than
 * `maxLiveChars` characters is not parsed: only its header or file name can make it a body, and its
 * check is deferred (one informational note).
 */
export function checkDocumentBody(text: string, fileName: string, maxLiveChars = Infinity): DocumentBodyCheck | undefined {
  if (text.length > maxLiveChars) return deferredCheck(text.slice(0, HEAD_CHARS), text.length, fileName, maxLiveChars);
  const found = classify(text, fileName, true);
  if (!found) return undefined;
  const { classification, parsed } = found;
  return { ...checkBody(text, classification.header ? undefined : classification.kind, parsed), classification };
}

/**
 * The check of a buffer of `chars` characters, over the live limit, from its first HEAD_CHARS characters
 * (`head`): the caller need not even read the rest.
 */
export function deferredCheck(head: string, chars: number, fileName: string, maxLiveChars: number): DocumentBodyCheck | undefined {
  const found = classify(head, fileName, false);
  if (!found) return undefined;
  const { classification } = found;
  const { header } = classification;
  const note: Problem = {
    message:
      `not checked while you type: this body is ${formatSize(chars)}, over the ${formatSize(maxLiveChars)} limit ("managedAgents.yaml.maxLiveCheckKB"). ` +
      'It is checked in full when you run it, or with "Validate YAML Body".',
    range: header?.range ?? { line: 0, character: 0, endLine: 0, endCharacter: 0 },
    severity: 'info',
    code: 'not-checked',
  };
  return {
    kind: classification.kind,
    value: null,
    problems: [...(header?.problems ?? []), note],
    ...(header ? { header } : {}),
    ...(header?.sessionId ? { sessionId: header.sessionId } : {}),
    parsed: { value: null, errors: [], ranges: new Map(), text: '' },
    classification,
    deferred: true,
  };
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.round(chars / 1024)} KB`;
}

// Big inputs never freeze the editor: a buffer is parsed once per check (not once to classify it
// and again to check it), a body over the live size limit is not parsed at all while typing (one
// note instead, its header and file name still read), and a body with more problems than a spread
// call takes still reports every one.
import assert from 'node:assert/strict';
import { checkBody } from '../../../src/yaml/bodies';
import { checkDocumentBody, DEFAULT_MAX_LIVE_CHECK_CHARS } from '../../../src/yaml/editor/bodyDocument';
import { bigCreateBody } from './bigBody';

// parse.ts calls `yaml.parseDocument` through the module's exports, so counting calls there counts parses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yamlModule = require('yaml') as { parseDocument: (...args: unknown[]) => unknown };

function countingParses<T>(run: () => T): { result: T; parses: number } {
  const original = yamlModule.parseDocument;
  let parses = 0;
  yamlModule.parseDocument = (...args: unknown[]) => {
    parses++;
    return original(...args);
  };
  try {
    return { result: run(), parses };
  } finally {
    yamlModule.parseDocument = original;
  }
}

describe('yaml: big inputs', function () {
  this.timeout(60_000);

  it('parses a body found by its content once, not once to classify it and again to check it', () => {
    const text = 'agent: agent_1\nenvironment_id: env_1\ntitle: found by its fields\n';
    const { result, parses } = countingParses(() => checkDocumentBody(text, '/w/untitled.yaml'));
    assert.equal(result?.classification.reason, 'content');
    assert.equal(result?.kind, 'create');
    assert.deepEqual(result?.problems, []);
    assert.equal(parses, 1);
    // A body named by its header or file name was parsed once before too.
    assert.equal(countingParses(() => checkDocumentBody(`# managed-agents: create\n${text}`, '/w/x.yaml')).parses, 1);
    assert.equal(countingParses(() => checkDocumentBody(text, '/w/x.session.yaml')).parses, 1);
  });

  it('does not parse a body over the live limit: one informational note, the header still read', () => {
    const text = bigCreateBody(2 * 1024 * 1024);
    assert.ok(text.length > DEFAULT_MAX_LIVE_CHECK_CHARS);
    const { result, parses } = countingParses(() => checkDocumentBody(text, '/w/big.yaml', DEFAULT_MAX_LIVE_CHECK_CHARS));
    assert.equal(parses, 0);
    assert.ok(result?.deferred);
    assert.equal(result.kind, 'create');
    assert.equal(result.classification.reason, 'header');
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0].severity, 'info');
    assert.equal(result.problems[0].code, 'not-checked');
    assert.match(result.problems[0].message, /^not checked while you type: this body is 2 MB, over the 1 MB limit \("managedAgents\.yaml\.maxLiveCheckKB"\)\. It is checked in full when you run it, or with "Validate YAML Body"\.$/);
    assert.deepEqual(result.problems[0].range, { line: 0, character: 0, endLine: 0, endCharacter: 24 });
  });

  it('over the limit, a body is still known by its file name, and a header problem is still shown; other YAML is left alone unparsed', () => {
    const body = bigCreateBody(1_200_000, '');
    const named = countingParses(() => checkDocumentBody(body, '/w/big.session.yaml', DEFAULT_MAX_LIVE_CHECK_CHARS));
    assert.equal(named.parses, 0);
    assert.equal(named.result?.kind, 'create');
    assert.equal(named.result?.classification.reason, 'fileName');
    const misspelt = checkDocumentBody(`# managed-agents: craete\n${body}`, '/w/big.yaml', DEFAULT_MAX_LIVE_CHECK_CHARS);
    assert.deepEqual(misspelt?.problems.map((p) => p.severity), ['error', 'info']);
    // Found only by its fields: that takes a parse, which a buffer this size does not get while typing.
    const byContent = countingParses(() => checkDocumentBody(body, '/w/big.yaml', DEFAULT_MAX_LIVE_CHECK_CHARS));
    assert.equal(byContent.parses, 0);
    assert.equal(byContent.result, undefined);
    // Under the limit (or checked in full), the same body is parsed and checked.
    const full = countingParses(() => checkDocumentBody(body, '/w/big.session.yaml'));
    assert.equal(full.parses, 1);
    assert.equal(full.result?.deferred, undefined);
    assert.deepEqual(full.result?.problems.map((p) => p.code), ['limit'], 'checked: too many initial events');
  });

  it('reports every problem of a body with more of them than one call can take as arguments (150,000)', () => {
    const text = `# managed-agents: send sesn_1\nevents:\n${'  - 7\n'.repeat(150_000)}`;
    const check = checkBody(text);
    assert.equal(check.kind, 'send');
    const errors = check.problems.filter((p) => p.severity === 'error');
    assert.ok(errors.length >= 150_000, `${errors.length} errors`);
    assert.equal(errors[0].range.line, 2);
  });
});

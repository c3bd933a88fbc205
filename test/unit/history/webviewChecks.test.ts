// What the history panel takes from its webview: well-formed messages with bounded text that fit the
// panel's state. A tool confirmation or result must name a tool use waiting for that very answer.
import assert from 'node:assert/strict';
import { isImageAllowed } from '../../../src/webview/links';
import { MAX_RUBRIC_CHARS } from '../../../src/webview/outcome';
import { MAX_COPY_CHARS, MAX_DRAFT_CHARS, MAX_LOG_CHARS } from '../../../src/webview/protocol';
import type { PendingAction } from '../../../src/history/transcript';
import { checkWebviewMessage } from '../../../src/history/webviewChecks';

const waiting: PendingAction[] = [
  { eventId: 'tool_confirm', kind: 'confirm', name: 'bash', input: {}, threadId: null },
  { eventId: 'tool_custom', kind: 'custom', name: 'lookup', input: {}, threadId: null },
  { eventId: 'tool_client', kind: 'client', name: 'read', input: {}, threadId: null },
];
const check = (message: unknown) => checkWebviewMessage(message, () => waiting);

describe('history: messages from the webview', () => {
  it('takes a confirmation or a result only for a tool use that waits for that answer', () => {
    assert.ok(check({ type: 'confirm', requestId: 'r1', toolUseId: 'tool_confirm', result: 'allow' }).ok);
    assert.ok(check({ type: 'toolResult', requestId: 'r2', tool: 'custom', toolUseId: 'tool_custom', text: 'x', isError: false }).ok);
    assert.ok(check({ type: 'toolResult', requestId: 'r3', tool: 'client', toolUseId: 'tool_client', text: 'x', isError: true }).ok);
    for (const message of [
      { type: 'confirm', requestId: 'r4', toolUseId: 'tool_gone', result: 'allow' },
      { type: 'confirm', requestId: 'r5', toolUseId: 'tool_custom', result: 'deny' },
      { type: 'toolResult', requestId: 'r6', tool: 'custom', toolUseId: 'tool_confirm', text: 'x', isError: false },
      { type: 'toolResult', requestId: 'r7', tool: 'client', toolUseId: 'tool_custom', text: 'x', isError: false },
    ]) {
      const checked = check(message);
      assert.ok(!checked.ok, JSON.stringify(message));
      assert.equal(checked.requestId, message.requestId, 'the waiting request is answered');
      assert.match(checked.answer ?? '', /not waiting for this answer/);
    }
  });

  it('takes copy, draft and log with bounded text only', () => {
    assert.ok(check({ type: 'copy', text: 'x'.repeat(MAX_COPY_CHARS) }).ok);
    assert.ok(!check({ type: 'copy', text: 'x'.repeat(MAX_COPY_CHARS + 1) }).ok);
    assert.ok(check({ type: 'draft', text: 'x'.repeat(MAX_DRAFT_CHARS) }).ok);
    assert.ok(!check({ type: 'draft', text: 'x'.repeat(MAX_DRAFT_CHARS + 1) }).ok);
    assert.ok(check({ type: 'log', level: 'error', message: 'x'.repeat(MAX_LOG_CHARS) }).ok);
    const long = check({ type: 'log', level: 'error', message: 'x'.repeat(MAX_LOG_CHARS + 1) });
    assert.ok(!long.ok);
    assert.equal(long.kind, 'log too long');
  });

  it('drops anything else, answering a request it recognises so the webview is not left waiting', () => {
    for (const type of ['openEventJson', 'inspectEvent', 'copyEventJson', 'openCounterpart']) assert.ok(check({ type, eventId: 'sevt_1' }).ok, type);
    assert.ok(check({ type: 'openThread', threadId: 'sthr_1' }).ok);
    assert.ok(check({ type: 'openThread', threadId: null }).ok, 'null: the session again');
    for (const bad of [null, 'ready', 42, {}, { type: 'eval', code: 'alert(1)' }, { type: 'send', text: 'no request id' }, { type: 'openLink', url: 7 }, { type: 'openEventJson', eventId: 7 }, { type: 'openEventJson' }, { type: 'inspectEvent', eventId: ['sevt_1'] }, { type: 'copyEventJson' }, { type: 'openThread' }, { type: 'openThread', threadId: 3 }, { type: 'openCounterpart' }]) {
      const checked = check(bad);
      assert.ok(!checked.ok, JSON.stringify(bad));
      assert.equal(checked.requestId, undefined);
    }
    const malformed = check({ type: 'interrupt', requestId: 'r9', extra: true, toolUseId: 3 });
    assert.ok(malformed.ok, 'extra fields are ignored');
    const wrong = check({ type: 'archive', requestId: 5 });
    assert.ok(!wrong.ok && wrong.kind === 'malformed archive');
    const unknown = check({ type: 'eval', requestId: 'r10' });
    assert.ok(!unknown.ok && unknown.requestId === 'r10');
  });

  it('takes a reply with a system note of a draft\'s size at most, and answers a longer one with what to do', () => {
    assert.ok(check({ type: 'send', requestId: 'r1', text: 'hi' }).ok);
    assert.ok(check({ type: 'send', requestId: 'r2', text: 'hi', steer: 'x'.repeat(MAX_DRAFT_CHARS) }).ok);
    const long = check({ type: 'send', requestId: 'r3', text: 'hi', steer: 'x'.repeat(MAX_DRAFT_CHARS + 1) });
    assert.ok(!long.ok && long.requestId === 'r3');
    assert.match(long.answer ?? '', /system note is longer than .* shorten it/);
    const wrong = check({ type: 'send', requestId: 'r4', text: 'hi', steer: 7 });
    assert.ok(!wrong.ok && wrong.kind === 'malformed send' && wrong.requestId === 'r4');
  });

  it('takes an outcome the API would take, and answers any other with each problem', () => {
    const outcome = (fields: Record<string, unknown>) => check({ type: 'defineOutcome', requestId: 'r1', description: 'Ship it', rubric: 'CI green', maxIterations: '', ...fields });
    assert.ok(outcome({}).ok);
    assert.ok(outcome({ maxIterations: '1' }).ok);
    assert.ok(outcome({ maxIterations: '20' }).ok);
    assert.ok(outcome({ rubric: 'x'.repeat(MAX_RUBRIC_CHARS) }).ok);
    for (const [fields, problem] of [
      [{ description: '  ' }, /Say what the agent should produce/],
      [{ rubric: '' }, /Write the rubric/],
      [{ rubric: 'x'.repeat(MAX_RUBRIC_CHARS + 1) }, /at most 262144/],
      [{ maxIterations: '0' }, /from 1 to 20/],
      [{ maxIterations: '21' }, /from 1 to 20/],
      [{ maxIterations: '2.5' }, /from 1 to 20/],
      [{ maxIterations: '1e1' }, /from 1 to 20/],
    ] as const) {
      const checked = outcome(fields);
      assert.ok(!checked.ok, JSON.stringify(fields).slice(0, 80));
      assert.equal(checked.requestId, 'r1', 'the form is answered');
      assert.match(checked.answer ?? '', problem);
    }
    assert.ok(outcome({ rubric: '', rubricFile: 'token-1' }).ok, 'a rubric file stands for the text');
    const badFile = outcome({ rubricFile: 42 });
    assert.ok(!badFile.ok && badFile.kind === 'malformed defineOutcome');
    assert.ok(check({ type: 'pickRubricFile' }).ok);
    const numeric = check({ type: 'defineOutcome', requestId: 'r2', description: 'd', rubric: 'r', maxIterations: 3 });
    assert.ok(!numeric.ok && numeric.kind === 'malformed defineOutcome', 'the count comes as typed, a string');
  });

  it('takes the inspector\'s request to load, which carries nothing', () => {
    assert.ok(check({ type: 'inspect' }).ok);
    assert.ok(!check({ type: 'inspector' }).ok, 'the host message is not one the webview sends');
  });

  it('loads only remote https images, by URL or by origin', () => {
    assert.ok(check({ type: 'loadImage', url: 'https://img.example/cat.png' }).ok);
    assert.ok(check({ type: 'loadImagesFrom', origin: 'https://img.example' }).ok);
    for (const bad of [
      { type: 'loadImage', url: 'http://img.example/cat.png' },
      { type: 'loadImage', url: 'javascript:alert(1)' },
      { type: 'loadImage', url: 'https://user:pass@img.example/cat.png' },
      { type: 'loadImagesFrom', origin: 'https://img.example/path' },
      { type: 'loadImagesFrom', origin: 'http://img.example' },
      { type: 'loadImagesFrom', origin: '*' },
    ]) assert.ok(!check(bad).ok, JSON.stringify(bad));
  });

  it('shows an image only when its exact URL or its origin was chosen', () => {
    const allowance = { urls: ['https://img.example/cat.png?size=2'], origins: ['https://cdn.example'] };
    assert.equal(isImageAllowed('https://img.example/cat.png?size=2', allowance), true);
    assert.equal(isImageAllowed('https://img.example/cat.png?size=3', allowance), false);
    assert.equal(isImageAllowed('https://img.example/dog.png', allowance), false);
    assert.equal(isImageAllowed('https://cdn.example/any/thing.png', allowance), true);
    assert.equal(isImageAllowed('http://cdn.example/any/thing.png', allowance), false);
    assert.equal(isImageAllowed('https://cdn.example.evil.com/x.png', allowance), false);
  });
});

// The reply box's Define outcome form and Steer note in the built history webview
// (media/dist/webview.js) in headless Chromium: opened from the keyboard, checked before anything is
// sent (each problem next to its field), sent as the host expects, the text kept when the API
// refuses, kept across a reload, and nothing serious under axe. Skipped without Chromium or the bundle.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { SessionHeader, WebviewMessage } from '../../../src/webview/protocol';
import { openWebviewPage, webviewPageAvailable, type Page, type WebviewPage } from '../helpers/webviewPage';
import { HEADER } from './fixtures';

// Browser globals for the callbacks run in the page (this file compiles without the DOM library).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const header: SessionHeader = { ...HEADER, id: 'sesn_compose', title: 'Composer', status: 'idle', archived: false };

type Posted<T extends WebviewMessage['type']> = Extract<WebviewMessage, { type: T }>;

describe('the outcome form and the steer note in the history webview in Chromium', function () {
  this.timeout(60_000);
  let view: WebviewPage | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  const dom = <T>(fn: () => T) => page.evaluate<T>(fn);
  const postedOf = async <T extends WebviewMessage['type']>(type: T): Promise<Posted<T>[]> =>
    (await page.evaluate<WebviewMessage[]>('window.__posted')).filter((message): message is Posted<T> => message.type === type);
  /** The outcome form's fields, its problems as shown, and where the focus is. */
  const form = () =>
    dom(() => {
      const field = (id: string) => document.getElementById(id);
      const shown = (id: string) => (field(id).hidden ? '' : field(id).textContent);
      return {
        open: !field('outcome-form').hidden,
        expanded: document.querySelector('[data-action="toggle-outcome"]').getAttribute('aria-expanded'),
        description: field('outcome-description').value,
        rubric: field('outcome-rubric').value,
        iterations: field('outcome-iterations').value,
        errors: { description: shown('outcome-description-error'), rubric: shown('outcome-rubric-error'), iterations: shown('outcome-iterations-error') },
        invalid: ['outcome-description', 'outcome-rubric', 'outcome-iterations'].filter((id) => field(id).getAttribute('aria-invalid') === 'true'),
        refusal: shown('outcome-refusal'),
        focused: document.activeElement?.id || document.activeElement?.dataset?.action || '',
      };
    });

  before(async function () {
    if (!webviewPageAvailable()) return this.skip();
    view = await openWebviewPage(header.title, { keepState: true });
    ({ page, pageErrors } = view);
    await view.send({ type: 'init', sessionId: header.id, draft: '', header });
  });

  after(async () => {
    await view?.close();
  });

  afterEach(() => {
    assert.deepEqual(pageErrors.splice(0), [], 'errors in the page (CSP violations included)');
  });

  it('opens the outcome form from the keyboard, with the focus in its first field and the API default shown', async () => {
    assert.equal((await form()).open, false, 'closed at first');
    await page.press('[data-action="toggle-outcome"]', 'Enter');
    const opened = await form();
    assert.equal(opened.open, true);
    assert.equal(opened.expanded, 'true');
    assert.equal(opened.focused, 'outcome-description');
    const defaults = await dom(() => ({ placeholder: document.getElementById('outcome-iterations').placeholder, hint: document.getElementById('outcome-iterations-hint').textContent }));
    assert.equal(defaults.placeholder, '3');
    assert.match(defaults.hint, /default, 3\. At most 20/);
  });

  it('says what is wrong next to each field and sends nothing until it is fixed', async () => {
    await page.press('#outcome-description', 'Control+Enter');
    const empty = await form();
    assert.match(empty.errors.description, /Say what the agent should produce/);
    assert.match(empty.errors.rubric, /Write the rubric/);
    assert.equal(empty.errors.iterations, '');
    assert.deepEqual(empty.invalid, ['outcome-description', 'outcome-rubric']);
    assert.equal(empty.focused, 'outcome-description', 'the focus goes to the first field to fix');

    await page.fill('#outcome-description', 'A release note for v2');
    await page.fill('#outcome-rubric', '- Names every breaking change\n- Under 300 words');
    await page.fill('#outcome-iterations', '25');
    const fixedTwo = await form();
    assert.equal(fixedTwo.errors.description, '', 'a fixed problem goes as the user types');
    assert.deepEqual(fixedTwo.invalid, []);
    await page.click('[data-action="define-outcome"]');
    const tooMany = await form();
    assert.match(tooMany.errors.iterations, /whole number from 1 to 20, or leave it empty for the default \(3\)/);
    assert.equal(tooMany.focused, 'outcome-iterations');
    assert.equal((await postedOf('defineOutcome')).length, 0, 'nothing was sent');
  });

  it('sends the outcome; a refusal keeps the text with the API reason, and success clears and closes the form', async () => {
    await page.fill('#outcome-iterations', '5');
    await page.press('#outcome-rubric', 'Control+Enter');
    const [sent] = await postedOf('defineOutcome');
    assert.deepEqual({ ...sent, requestId: '' }, { type: 'defineOutcome', requestId: '', description: 'A release note for v2', rubric: '- Names every breaking change\n- Under 300 words', maxIterations: '5' });

    await view!.send({ type: 'result', requestId: sent.requestId, ok: false, error: 'events[0].rubric.content: at most 262144 characters' });
    await page.waitForFunction(() => !document.getElementById('outcome-refusal').hidden);
    const refused = await form();
    assert.equal(refused.open, true);
    assert.equal(refused.description, 'A release note for v2');
    assert.equal(refused.iterations, '5');
    assert.match(refused.refusal, /^Not defined: events\[0\]\.rubric\.content: at most 262144 characters\. Your outcome is still here/);
    assert.equal(await dom(() => document.getElementById('outcome-refusal').getAttribute('role')), 'alert');

    await page.click('[data-action="define-outcome"]');
    const again = (await postedOf('defineOutcome')).at(-1)!;
    assert.notEqual(again.requestId, sent.requestId);
    await view!.send({ type: 'result', requestId: again.requestId, ok: true });
    await page.waitForFunction(() => document.getElementById('outcome-form').hidden);
    const done = await form();
    assert.deepEqual([done.description, done.rubric, done.iterations, done.expanded], ['', '', '', 'false']);
    assert.equal(done.focused, 'toggle-outcome', 'the focus goes back to the button');
  });

  it('closes the form with Escape, keeping what was typed', async () => {
    await page.press('[data-action="toggle-outcome"]', 'Enter');
    await page.fill('#outcome-description', 'Half written');
    await page.press('#outcome-description', 'Escape');
    const closed = await form();
    assert.equal(closed.open, false);
    assert.equal(closed.focused, 'toggle-outcome');
    await page.press('[data-action="toggle-outcome"]', 'Enter');
    assert.equal((await form()).description, 'Half written');
  });

  it('Steer reveals a second box; its note goes with the reply, never alone, and stays with it when the API refuses', async () => {
    const steer = () =>
      dom(() => ({
        shown: !document.getElementById('steer-box').hidden,
        expanded: document.querySelector('[data-action="toggle-steer"]').getAttribute('aria-expanded'),
        note: document.getElementById('steer').value,
        reply: document.querySelector('.composer-row .draft').value,
        error: document.getElementById('composer-error').hidden ? '' : document.getElementById('composer-error').textContent,
        focused: document.activeElement === document.querySelector('.composer-row .draft') ? 'reply' : (document.activeElement?.id ?? ''),
      }));
    assert.equal((await steer()).shown, false, 'out of the way at first');
    await page.press('[data-action="toggle-steer"]', 'Enter');
    assert.deepEqual(await steer(), { shown: true, expanded: 'true', note: '', reply: '', error: '', focused: 'steer' });

    await page.fill('#steer', 'Answer in French from now on.');
    await page.press('#steer', 'Enter');
    const alone = await steer();
    assert.match(alone.error, /A system note is sent with a reply: type the reply first/);
    assert.equal(alone.focused, 'reply', 'the focus goes to the reply box to type it');
    assert.equal((await postedOf('send')).length, 0, 'no note was sent alone');

    await page.fill('.composer-row .draft', 'Summarise the diff.');
    await page.press('.composer-row .draft', 'Enter');
    const [sent] = await postedOf('send');
    assert.equal(sent.text, 'Summarise the diff.');
    assert.equal(sent.steer, 'Answer in French from now on.');
    await view!.send({ type: 'result', requestId: sent.requestId, ok: false, error: "events[1].type: system.message is not supported on model claude-sonnet-4-6: role 'system' is not supported on this model" });
    await page.waitForFunction(() => !document.getElementById('composer-error').hidden && document.getElementById('composer-error').textContent.startsWith('Not sent'));
    const refused = await steer();
    assert.equal(refused.reply, 'Summarise the diff.');
    assert.equal(refused.note, 'Answer in French from now on.');
    assert.match(refused.error, /not supported on model claude-sonnet-4-6.*Your message and its system note are still here; to send the message alone, hide the note with Steer\./);

    await page.press('[data-action="toggle-steer"]', 'Enter');
    await page.press('.composer-row .draft', 'Enter');
    const hidden = (await postedOf('send')).at(-1)!;
    assert.equal(hidden.steer, undefined, 'a hidden note is not sent');
    await view!.send({ type: 'result', requestId: hidden.requestId, ok: true });
    await page.waitForFunction(() => document.querySelector('.composer-row .draft').value === '');
    assert.equal((await steer()).note, 'Answer in French from now on.', 'the hidden note stays for later');

    await page.press('[data-action="toggle-steer"]', 'Enter');
    await page.fill('.composer-row .draft', 'Go on.');
    await page.press('.composer-row .draft', 'Enter');
    const withNote = (await postedOf('send')).at(-1)!;
    assert.equal(withNote.steer, 'Answer in French from now on.');
    await view!.send({ type: 'result', requestId: withNote.requestId, ok: true });
    await page.waitForFunction(() => document.getElementById('steer').value === '' && document.querySelector('.composer-row .draft').value === '');
  });

  it('keeps the note and the outcome form, open, across a reload', async () => {
    await page.fill('#steer', 'Be brief.');
    await page.fill('#outcome-rubric', 'Short and right');
    await view!.reload({ urls: [], origins: [] });
    await view!.send({ type: 'init', sessionId: header.id, draft: '', header });
    const restored = await dom(() => ({
      steerShown: !document.getElementById('steer-box').hidden,
      note: document.getElementById('steer').value,
      formOpen: !document.getElementById('outcome-form').hidden,
      description: document.getElementById('outcome-description').value,
      rubric: document.getElementById('outcome-rubric').value,
    }));
    assert.deepEqual(restored, { steerShown: true, note: 'Be brief.', formOpen: true, description: 'Half written', rubric: 'Short and right' });
  });

  it('Use a workspace file… asks the host; the file it chose is the rubric, sent by its token, until Write the rubric instead', async () => {
    await page.click('[data-action="pick-rubric-file"]');
    assert.equal((await page.evaluate<WebviewMessage[]>('window.__posted')).filter((message) => message.type === 'pickRubricFile').length, 1, 'the host was asked');
    await view!.send({ type: 'rubricFile', token: 'tok-1', name: 'docs/<b>rubric</b>.md' });
    await page.waitForFunction(() => !document.getElementById('outcome-rubric-file-line').hidden);
    const chosen = await dom(() => ({
      textShown: !document.querySelector('.rubric-text').hidden,
      name: document.getElementById('outcome-rubric-file').textContent,
      bold: document.querySelectorAll('#outcome-form b').length,
      pick: document.querySelector('[data-action="pick-rubric-file"]').textContent,
      describedBy: document.querySelector('[data-action="pick-rubric-file"]').getAttribute('aria-describedby'),
      focused: document.activeElement?.dataset?.action,
    }));
    assert.deepEqual(chosen, { textShown: false, name: 'docs/<b>rubric</b>.md', bold: 0, pick: 'Choose another file…', describedBy: 'outcome-rubric-file-line', focused: 'pick-rubric-file' });
    assert.deepEqual((await page.evaluate<{ outcomeRubricFile?: unknown }>('window.__state')).outcomeRubricFile, { token: 'tok-1', name: 'docs/<b>rubric</b>.md' }, 'kept in the webview state');

    await page.fill('#outcome-description', 'Graded by the file');
    await page.click('[data-action="define-outcome"]');
    const sent = (await postedOf('defineOutcome')).at(-1)!;
    assert.equal(sent.rubricFile, 'tok-1');
    assert.equal(sent.description, 'Graded by the file');
    await view!.send({ type: 'result', requestId: sent.requestId, ok: false, error: 'The rubric file could not be uploaded: HTTP 500' });
    await page.waitForFunction(() => !document.getElementById('outcome-refusal').hidden);
    assert.equal(await dom(() => document.getElementById('outcome-rubric-file').textContent), 'docs/<b>rubric</b>.md', 'the file stays chosen after a refusal');

    await page.click('[data-action="clear-rubric-file"]');
    const back = await dom(() => ({ textShown: !document.querySelector('.rubric-text').hidden, rubric: document.getElementById('outcome-rubric').value, focused: document.activeElement?.id }));
    assert.deepEqual(back, { textShown: true, rubric: 'Short and right', focused: 'outcome-rubric' }, 'the typed rubric was kept');
    await page.click('[data-action="define-outcome"]');
    const textAgain = (await postedOf('defineOutcome')).at(-1)!;
    assert.equal(textAgain.rubricFile, undefined, 'the text rubric is sent again');
    await view!.send({ type: 'result', requestId: textAgain.requestId, ok: false, error: 'HTTP 500' });
    await page.waitForFunction(() => !document.querySelector('[data-action="define-outcome"]').disabled);
  });

  it('finds nothing serious under axe with the form and the note open, problems shown', async () => {
    await page.fill('#outcome-description', '');
    await page.click('[data-action="define-outcome"]');
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const findings = (await page.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('.composer'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
      return result.violations.flatMap((v: { id: string; impact: string; nodes: { impact?: string; target: string[] }[] }) => v.nodes.map((n) => ({ rule: v.id, impact: n.impact ?? v.impact, target: n.target.join(' ') })));
    })) as { rule: string; impact: string; target: string }[];
    assert.deepEqual(
      findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical'),
      [],
    );
    assert.equal(await dom(() => document.getElementById('outcome-description').getAttribute('aria-invalid')), 'true', 'the check ran with a problem shown');
  });

  it('takes no outcome or note in an archived session', async () => {
    await view!.send({ type: 'header', header: { ...header, archived: true } });
    await page.waitForFunction(() => document.querySelector('[data-action="define-outcome"]').disabled);
    const disabled = await dom(() => ['outcome-description', 'outcome-rubric', 'outcome-iterations', 'steer'].map((id) => document.getElementById(id).disabled));
    assert.deepEqual(disabled, [true, true, true, true]);
  });
});

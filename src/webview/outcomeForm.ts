// The Define outcome form above the reply box: what the agent should produce, the rubric the grader
// checks it against (typed, or a workspace file the host uploads), and how many evaluate-and-revise
// cycles it gets. Checked before anything is sent
// (each problem is said next to its field); a refusal keeps the text, with the API's reason. The form
// as the user left it is kept in the webview's state.
import { h } from './dom';
import type { HistoryWebviewState } from './protocol';
import { post } from './vscodeApi';
import { DEFAULT_OUTCOME_ITERATIONS, MAX_OUTCOME_ITERATIONS, outcomeProblems, type OutcomeFields } from './outcome';
import { request } from './requests';
import { saveState, webviewState } from './webviewState';

type Field = keyof OutcomeFields;
const FIELDS: readonly Field[] = ['description', 'rubric', 'maxIterations'];

export class OutcomeForm {
  readonly element: HTMLElement;
  private readonly inputs: Record<Field, HTMLTextAreaElement | HTMLInputElement> = {
    description: h('textarea', { id: 'outcome-description', class: 'field outcome-input', rows: 2, 'aria-describedby': 'outcome-description-error' }),
    rubric: h('textarea', { id: 'outcome-rubric', class: 'field outcome-input', rows: 4, 'aria-describedby': 'outcome-rubric-hint outcome-rubric-error' }),
    maxIterations: h('input', {
      id: 'outcome-iterations',
      class: 'field outcome-iterations',
      type: 'text',
      inputmode: 'numeric',
      placeholder: String(DEFAULT_OUTCOME_ITERATIONS),
      'aria-describedby': 'outcome-iterations-hint outcome-iterations-error',
    }),
  };
  private readonly errors: Record<Field, HTMLElement> = {
    description: h('div', { id: 'outcome-description-error', class: 'field-error', hidden: true }),
    rubric: h('div', { id: 'outcome-rubric-error', class: 'field-error', hidden: true }),
    maxIterations: h('div', { id: 'outcome-iterations-error', class: 'field-error', hidden: true }),
  };
  private readonly refusal = h('div', { id: 'outcome-refusal', class: 'outcome-refusal', role: 'alert', hidden: true });
  private readonly rubricText = h('div', { class: 'rubric-text' });
  private readonly rubricFileName = h('code', { id: 'outcome-rubric-file' });
  private readonly rubricFileLine = h('div', { id: 'outcome-rubric-file-line', class: 'rubric-file', hidden: true }, 'Rubric file: ', this.rubricFileName, ' (uploaded when the outcome is sent)');
  private readonly pickButton = h('button', { class: 'link-button', type: 'button', 'data-action': 'pick-rubric-file' }, 'Use a workspace file…');
  private readonly textButton = h('button', { class: 'link-button', type: 'button', 'data-action': 'clear-rubric-file', hidden: true }, 'Write the rubric instead');
  private rubricFile: HistoryWebviewState['outcomeRubricFile'];
  private readonly submitButton = h('button', { class: 'primary', type: 'button', 'data-action': 'define-outcome' }, 'Define outcome');
  private sending = false;
  private closed = false;

  readonly actions = {
    'define-outcome': () => this.submit(),
    'cancel-outcome': () => this.setOpen(false),
    'pick-rubric-file': () => post({ type: 'pickRubricFile' }),
    'clear-rubric-file': () => {
      this.setRubricFile(undefined);
      this.inputs.rubric.focus();
    },
  };

  /**
   * `toggle`: the button that opens the form (focus goes back to it when the form closes);
   * `sent`: an outcome went out.
   */
  constructor(
    private readonly toggle: HTMLButtonElement,
    private readonly sent: () => void,
  ) {
    const saved = webviewState().outcome;
    for (const field of FIELDS) this.inputs[field].value = saved?.[field] ?? '';
    const label = (field: Field, text: string) => h('label', { for: this.inputs[field].id }, text);
    this.element = h(
      'section',
      { id: 'outcome-form', class: 'outcome-form', role: 'region', 'aria-label': 'Define an outcome', hidden: true },
      label('description', 'What the agent should produce'),
      this.inputs.description,
      this.errors.description,
      this.rubricText,
      this.rubricFileLine,
      h('div', { class: 'rubric-source' }, this.pickButton, this.textButton),
      this.errors.rubric,
      h(
        'div',
        { class: 'outcome-iterations-row' },
        label('maxIterations', 'Most evaluate-and-revise cycles'),
        this.inputs.maxIterations,
        h('span', { id: 'outcome-iterations-hint', class: 'field-hint' }, `Empty: the API's default, ${DEFAULT_OUTCOME_ITERATIONS}. At most ${MAX_OUTCOME_ITERATIONS}.`),
      ),
      this.errors.maxIterations,
      this.refusal,
      h('div', { class: 'outcome-buttons' }, this.submitButton, h('button', { class: 'secondary', type: 'button', 'data-action': 'cancel-outcome' }, 'Cancel')),
    );
    this.rubricText.append(
      label('rubric', 'Rubric: how the result is graded'),
      h('div', { id: 'outcome-rubric-hint', class: 'field-hint' }, 'Markdown; explicit criteria the grader checks one by one.'),
      this.inputs.rubric,
    );
    this.setRubricFile(webviewState().outcomeRubricFile);
    for (const field of FIELDS) {
      this.inputs[field].addEventListener('input', () => {
        this.save();
        // A problem said once goes as soon as it is fixed; new ones wait for the next try.
        if (!this.errors[field].hidden && !outcomeProblems(this.fields(), this.rubricFile !== undefined)[field]) this.showProblem(field, undefined);
      });
    }
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.setOpen(false);
      } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.setOpen(webviewState().outcomeOpen === true, false);
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  /** Opens or closes the form; `focus`: move the focus into it, or back to its button. */
  setOpen(open: boolean, focus = true): void {
    this.element.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    saveState({ outcomeOpen: open });
    if (!focus) return;
    if (open) this.inputs.description.focus();
    else this.toggle.focus();
  }

  /** The rubric is this workspace file (the host chose it and keeps its token), or the text again. */
  setRubricFile(file: HistoryWebviewState['outcomeRubricFile']): void {
    this.rubricFile = file;
    saveState({ outcomeRubricFile: file });
    this.rubricText.hidden = file !== undefined;
    this.rubricFileLine.hidden = file === undefined;
    this.rubricFileName.textContent = file?.name ?? '';
    this.pickButton.textContent = file ? 'Choose another file…' : 'Use a workspace file…';
    this.textButton.hidden = file === undefined;
    // Reached from the keyboard, the button says which file is chosen.
    if (file) this.pickButton.setAttribute('aria-describedby', 'outcome-rubric-file-line');
    else this.pickButton.removeAttribute('aria-describedby');
    if (file) {
      this.showProblem('rubric', undefined);
      this.pickButton.focus();
    }
  }

  /** An archived or terminated session takes no outcome. */
  setClosed(closed: boolean): void {
    this.closed = closed;
    for (const field of FIELDS) this.inputs[field].disabled = closed;
    this.pickButton.disabled = closed;
    this.textButton.disabled = closed;
    this.submitButton.disabled = closed || this.sending;
  }

  private fields(): OutcomeFields {
    return { description: this.inputs.description.value, rubric: this.inputs.rubric.value, maxIterations: this.inputs.maxIterations.value };
  }

  private save(): void {
    saveState({ outcome: this.fields() });
  }

  private showProblem(field: Field, problem: string | undefined): void {
    this.errors[field].textContent = problem ?? '';
    this.errors[field].hidden = !problem;
    if (problem) this.inputs[field].setAttribute('aria-invalid', 'true');
    else this.inputs[field].removeAttribute('aria-invalid');
  }

  private submit(): void {
    if (this.sending || this.closed) return;
    const fields = this.fields();
    const rubricFile = this.rubricFile?.token;
    const problems = outcomeProblems(fields, rubricFile !== undefined);
    for (const field of FIELDS) this.showProblem(field, problems[field]);
    this.refusal.hidden = true;
    const first = FIELDS.find((field) => problems[field]);
    if (first) {
      (first === 'rubric' && rubricFile !== undefined ? this.pickButton : this.inputs[first]).focus();
      return;
    }
    this.sending = true;
    this.submitButton.disabled = true;
    request(
      (requestId) => ({ type: 'defineOutcome', requestId, ...fields, ...(rubricFile !== undefined ? { rubricFile } : {}) }),
      (ok, error) => {
        this.sending = false;
        this.submitButton.disabled = this.closed;
        if (!ok) {
          this.refusal.textContent = `Not defined: ${error ?? 'unknown error'}. Your outcome is still here: change what the reason names and press Define outcome again.`;
          this.refusal.hidden = false;
          return;
        }
        // Only clear what was sent: the user may have kept typing.
        const now = this.fields();
        if (FIELDS.every((field) => now[field] === fields[field])) {
          for (const field of FIELDS) this.inputs[field].value = '';
          if (this.rubricFile?.token === rubricFile) this.setRubricFile(undefined);
        }
        this.save();
        this.setOpen(false);
        this.sent();
      },
    );
  }
}

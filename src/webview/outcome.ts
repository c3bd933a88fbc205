// What an outcome defined from the panel must be before it is sent (the SDK's limits for
// `user.define_outcome`): checked by the form as the user types it and by the host as untrusted
// input. Pure: no DOM, no vscode.

/** The most characters of a text rubric (`BetaManagedAgentsTextRubricParams.content`). */
export const MAX_RUBRIC_CHARS = 262_144;
/** Evaluate-and-revise cycles: the API's default when none is given, and its most. */
export const DEFAULT_OUTCOME_ITERATIONS = 3;
export const MAX_OUTCOME_ITERATIONS = 20;
/** The most characters of a description the panel sends (the API names no bound; this keeps a message bounded). */
export const MAX_OUTCOME_DESCRIPTION_CHARS = 1024 * 1024;

export interface OutcomeFields {
  description: string;
  rubric: string;
  /** As typed: "" leaves it to the API's default. */
  maxIterations: string;
}

export type OutcomeProblems = Partial<Record<keyof OutcomeFields, string>>;

/**
 * What is wrong with each field, said so the user knows what to do; empty when it can be sent.
 * `rubricFromFile`: the rubric is a workspace file (uploaded when sent), not the text.
 */
export function outcomeProblems(fields: OutcomeFields, rubricFromFile = false): OutcomeProblems {
  const problems: OutcomeProblems = {};
  if (!fields.description.trim()) problems.description = 'Say what the agent should produce.';
  else if (fields.description.length > MAX_OUTCOME_DESCRIPTION_CHARS) problems.description = `The description is ${fields.description.length} characters; shorten it to at most ${MAX_OUTCOME_DESCRIPTION_CHARS}.`;
  if (rubricFromFile) {
    // The file is the rubric; the text box's content is not sent.
  } else if (!fields.rubric.trim()) problems.rubric = 'Write the rubric (the criteria the grader checks the result against), or use a workspace file.';
  else if (fields.rubric.length > MAX_RUBRIC_CHARS) problems.rubric = `The rubric is ${fields.rubric.length} characters; the API takes at most ${MAX_RUBRIC_CHARS}. Shorten it.`;
  const iterations = fields.maxIterations.trim();
  if (iterations && !(/^\d+$/.test(iterations) && Number(iterations) >= 1 && Number(iterations) <= MAX_OUTCOME_ITERATIONS)) {
    problems.maxIterations = `Give a whole number from 1 to ${MAX_OUTCOME_ITERATIONS}, or leave it empty for the default (${DEFAULT_OUTCOME_ITERATIONS}).`;
  }
  return problems;
}

// A send body (the body of POST /v1/sessions/{id}/events) for tests: one user.message, with every
// other kind of event the API takes shown commented out, each valid when uncommented.
import { stringify } from 'yaml';
import { formatHeader } from '../../../src/yaml/bodies';

const SESSION_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;

export interface SendTemplateOptions {
  sessionId?: string;
  /** The text of the user message (default: a placeholder to replace). */
  text?: string;
}

/** A send body: one user.message, with the other event kinds shown commented out. */
export function sendTemplate(options: SendTemplateOptions = {}): string {
  const o: SendTemplateOptions = typeof options === 'object' && options !== null && !Array.isArray(options) ? options : {};
  const id = typeof o.sessionId === 'string' && SESSION_ID_RE.test(o.sessionId) ? o.sessionId : undefined;
  const text = typeof o.text === 'string' && o.text ? o.text : 'Hello!';
  const textLines = block({ text }).split('\n');
  return [
    formatHeader('send', id),
    '# Events to send to the session: the body of POST /v1/sessions/{id}/events, as `ant beta:sessions:events send` reads it.',
    '# Other kinds of event are commented out: uncomment one (Ctrl+/) to send it too.',
    '',
    'events:',
    '  - type: user.message',
    '    content:',
    `      - type: text`,
    ...textLines.map((l) => `        ${l}`),
    '  # - type: user.interrupt  # stop what the agent is doing',
    '  # - type: user.tool_confirmation  # answer a tool call that waits for permission',
    '  #   tool_use_id: sevt_...',
    '  #   result: allow  # or deny, with an optional deny_message',
    '  # - type: user.custom_tool_result  # the result of a custom tool call',
    '  #   custom_tool_use_id: sevt_...',
    '  #   content: [{type: text, text: "the result"}]',
    '  # - type: user.define_outcome  # an outcome for the agent to work towards, graded by a rubric',
    '  #   description: What done looks like.',
    '  #   rubric: {type: text, content: "The criteria, in plain text or markdown."}',
    '  # - type: system.message  # extra system context; at most one, and it must be the last event',
    '  #   content: [{type: text, text: "Context for the agent."}]',
    '',
  ].join('\n');
}

function block(value: Record<string, unknown>): string {
  return stringify(value, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).replace(/\n$/, '');
}

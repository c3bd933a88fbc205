// What the history panel takes from its webview. The webview is the panel's own code, but what it
// shows comes from the server, so each message is checked as untrusted input: it must be well formed,
// carry bounded text, and fit the panel's state (a tool confirmation or result must name a tool use
// that waits for exactly that answer; an image to load must be a remote https one). Pure (no vscode).
import { imageOrigin, isImageOrigin } from '../webview/links';
import { outcomeProblems } from '../webview/outcome';
import { isWebviewMessage, MAX_COPY_CHARS, MAX_DRAFT_CHARS, MAX_LOG_CHARS, type WebviewMessage } from '../webview/protocol';
import type { PendingAction } from './transcript';

/** A message the panel does not take, and why. */
export interface DroppedMessage {
  /** What was wrong, for the log. */
  reason: string;
  /** The kind of problem: the panel logs each kind once. */
  kind: string;
  /** The request the webview waits on, to answer with `answer` (so its buttons come back). */
  requestId?: string;
  answer?: string;
}

export type WebviewMessageCheck = { ok: true; message: WebviewMessage } | ({ ok: false } & DroppedMessage);

export function checkWebviewMessage(raw: unknown, pendingActions: () => readonly PendingAction[]): WebviewMessageCheck {
  if (!isWebviewMessage(raw)) {
    const type = typeof (raw as { type?: unknown } | null)?.type === 'string' ? String((raw as { type: string }).type).slice(0, 40) : typeof raw;
    const requestId = (raw as { requestId?: unknown } | null)?.requestId;
    return {
      ok: false,
      kind: `malformed ${type}`,
      reason: `a message the panel does not take (type ${JSON.stringify(type)}, or fields of the wrong type)`,
      ...(typeof requestId === 'string' ? { requestId, answer: 'The panel did not take this request.' } : {}),
    };
  }
  const message = raw;
  const tooLong = (limit: number, text: string) => ({ ok: false as const, kind: `${message.type} too long`, reason: `a "${message.type}" of ${text.length} characters (at most ${limit})` });
  switch (message.type) {
    case 'confirm':
    case 'toolResult': {
      const wanted = message.type === 'confirm' ? 'confirm' : message.tool;
      const waiting = pendingActions().find((action) => action.eventId === message.toolUseId);
      if (waiting?.kind === wanted) return { ok: true, message };
      return {
        ok: false,
        kind: `${message.type} not waiting`,
        reason: `a ${message.type === 'confirm' ? 'tool confirmation' : `${wanted} tool result`} for ${JSON.stringify(message.toolUseId.slice(0, 80))}, which is not waiting for one`,
        requestId: message.requestId,
        answer: 'That tool call is not waiting for this answer any more',
      };
    }
    case 'send':
      // The reply itself is as long as the user likes (the API bounds the request); the note is a draft's size at most.
      return (message.steer?.length ?? 0) > MAX_DRAFT_CHARS ? { ...tooLong(MAX_DRAFT_CHARS, message.steer ?? ''), requestId: message.requestId, answer: `The system note is longer than ${MAX_DRAFT_CHARS} characters; shorten it` } : { ok: true, message };
    case 'defineOutcome': {
      const problems = Object.values(outcomeProblems(message, message.rubricFile !== undefined));
      if (problems.length === 0) return { ok: true, message };
      return { ok: false, kind: 'defineOutcome invalid', reason: `an outcome the API would refuse (${problems.join(' ')})`, requestId: message.requestId, answer: problems.join(' ') };
    }
    case 'copy':
      return message.text.length > MAX_COPY_CHARS ? tooLong(MAX_COPY_CHARS, message.text) : { ok: true, message };
    case 'draft':
      return message.text.length > MAX_DRAFT_CHARS ? tooLong(MAX_DRAFT_CHARS, message.text) : { ok: true, message };
    case 'log':
      return message.message.length > MAX_LOG_CHARS ? tooLong(MAX_LOG_CHARS, message.message) : { ok: true, message };
    case 'loadImage':
      return imageOrigin(message.url) ? { ok: true, message } : { ok: false, kind: 'loadImage not https', reason: 'a request to load an image that is not a remote https one' };
    case 'loadImagesFrom':
      return isImageOrigin(message.origin) ? { ok: true, message } : { ok: false, kind: 'loadImagesFrom not https', reason: 'a request to load the images of something that is not an https origin' };
    default:
      return { ok: true, message };
  }
}

// What the link commands are run on: a session (a tree row, its id, the panel), or one event of a
// session (a row of the history panel, whose webview context names both). Pure (no vscode).
import { sessionIdFrom } from '../sessions/sessionArgument';
import type { EventLinkTarget } from './eventLink';

/** The session and event a history row's context menu passes (its `data-vscode-context`), or undefined. */
export function eventTargetFrom(argument: unknown): Required<EventLinkTarget> | undefined {
  if (typeof argument !== 'object' || argument === null) return undefined;
  const { sessionId, eventId } = argument as Record<string, unknown>;
  return typeof sessionId === 'string' && sessionId && typeof eventId === 'string' && eventId ? { sessionId, eventId } : undefined;
}

/** The session a command argument names, with the event when it names one. */
export function linkTargetFrom(argument: unknown): EventLinkTarget | undefined {
  const event = eventTargetFrom(argument);
  if (event) return event;
  const sessionId = sessionIdFrom(argument);
  return sessionId ? { sessionId } : undefined;
}

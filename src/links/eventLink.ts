// A link to a session, or to one event in it, that opens this extension's history panel there:
// <scheme>://<extension id>/open?session=<id>&event=<id>. A teammate with the extension who follows it
// lands on the same row. Pure (no vscode): building and reading the link are tested in plain Node.

export const EVENT_LINK_PATH = '/open';
/** Ids as the API writes them (sesn_..., sevt_...): letters, digits, `_` and `-`. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;

export interface EventLinkTarget {
  sessionId: string;
  eventId?: string;
}

/** The query of a link: `session=...` and, for one event, `&event=...`. */
export function eventLinkQuery(target: EventLinkTarget): string {
  const query = new URLSearchParams({ session: target.sessionId });
  if (target.eventId) query.set('event', target.eventId);
  return query.toString();
}

/** What a link asks to open, or the reason it cannot be followed (for the user to read). */
export function parseEventLink(path: string, query: string): EventLinkTarget | { problem: string } {
  if (path !== EVENT_LINK_PATH) return { problem: `The link's path "${path}" is not one the extension opens (it opens ${EVENT_LINK_PATH}).` };
  const params = new URLSearchParams(query);
  const sessionId = params.get('session') ?? '';
  const eventId = params.get('event') ?? undefined;
  if (!ID_PATTERN.test(sessionId)) return { problem: sessionId ? `The link names a session id the API does not use: "${sessionId.slice(0, 80)}".` : 'The link names no session.' };
  if (eventId !== undefined && !ID_PATTERN.test(eventId)) return { problem: `The link names an event id the API does not use: "${eventId.slice(0, 80)}".` };
  return eventId ? { sessionId, eventId } : { sessionId };
}

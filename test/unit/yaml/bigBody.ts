// A large create body for the big-input tests (unit, extension host) and the typing benchmark.

/** A create body of about `chars` characters: many initial messages (over the 50 the API allows, so a full check finds that). */
export function bigCreateBody(chars: number, header = '# managed-agents: create\n'): string {
  const parts = [`${header}agent: agent_011CZkYpogX7uDKUyvBTophP\nenvironment_id: env_011CZkZ9X2dpNyB7HsEFoRfW\ninitial_events:\n`];
  let length = parts[0].length;
  for (let i = 0; length < chars; i++) {
    const item = `  - type: user.message\n    content:\n      - type: text\n        text: "message ${i} with some words in it"\n`;
    parts.push(item);
    length += item.length;
  }
  return parts.join('');
}

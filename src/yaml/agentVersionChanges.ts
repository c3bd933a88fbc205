// What changed from one version of an agent to the next, told from the two version objects the API
// lists (it keeps no change note of its own), for the version picker of New Session.
import type { Agent } from '../api';

/** The configuration fields a version can change, in the order a person reads them. */
const COMPARED_FIELDS: readonly { key: keyof Agent; label: string }[] = [
  { key: 'name', label: 'name' },
  { key: 'description', label: 'description' },
  { key: 'model', label: 'model' },
  { key: 'system', label: 'system prompt' },
  { key: 'tools', label: 'tools' },
  { key: 'mcp_servers', label: 'MCP servers' },
  { key: 'skills', label: 'skills' },
  { key: 'multiagent', label: 'multiagent roster' },
  { key: 'execution_identity', label: 'execution identity' },
  { key: 'metadata', label: 'metadata' },
];

/**
 * One line on what `version` changed from `previous` (the version before it), e.g.
 * "Changed since v2: model claude-haiku-4-5 → claude-sonnet-4-6, system prompt". Without the
 * previous version (not listed), only the first version has something to say.
 */
export function describeVersionChanges(version: Agent, previous: Agent | undefined): string | undefined {
  if (!previous) return version.version === 1 ? 'The first version' : undefined;
  const changes = COMPARED_FIELDS.filter(({ key }) => canonicalJson(version[key]) !== canonicalJson(previous[key])).map(({ key, label }) => {
    if (key === 'model' && version.model?.id !== previous.model?.id) return `model ${previous.model?.id ?? 'none'} → ${version.model?.id ?? 'none'}`;
    return label;
  });
  return changes.length ? `Changed since v${previous.version}: ${changes.join(', ')}` : `The same configuration as v${previous.version}`;
}

/** JSON with object keys sorted, so two equal values compare equal whatever order their keys came in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

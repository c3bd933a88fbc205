/*
 * A corpus of bad YAML buffers: each one's problems, exactly (range, code and message).
 * Ranges are 0-based `line:character-endLine:endCharacter`.
 */
import type { BodyKind } from '../../../src/yaml/bodies';

export interface CorpusEntry {
  name: string;
  /** The kind to check the buffer as (undefined: from its header or fields). */
  kind?: BodyKind;
  text: string;
  /** [range, code, message] of every problem, in order. */
  expect: Array<[string, string, string]>;
}

export const BAD_BUFFERS: CorpusEntry[] = [
  {
    name: "bad indentation",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\n  title: x\n",
    expect: [
      ['2:2-2:10', 'syntax', "bad indentation: this line is indented further than line 2, whose value is already set (or is a `:` missing on line 2?)"],
    ],
  },
  {
    name: "misaligned keys",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\nmetadata:\n  a: b\n c: d\n",
    expect: [
      ['4:1-4:5', 'syntax', "bad indentation: keys of one mapping must start at the same column"],
    ],
  },
  {
    name: "misaligned list item",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\ninitial_events:\n  - type: user.message\n   content: []\n",
    expect: [
      ['4:3-4:14', 'syntax', "bad indentation: this line is not aligned with the list item above it (or is a `- ` missing?)"],
    ],
  },
  {
    name: "unclosed double quote",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\ntitle: \"my session\n",
    expect: [
      ['2:7-2:18', 'syntax', "unclosed quote: the string that starts here has no closing `\"`"],
    ],
  },
  {
    name: "unclosed single quote",
    kind: 'create',
    text: "agent: agent_1\ntitle: 'it''s mine\nenvironment_id: env_1\n",
    expect: [
      ['1:7-1:18', 'syntax', "unclosed quote: the string that starts here has no closing `'`"],
    ],
  },
  {
    name: "unclosed flow list",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\nvault_ids: [vlt_1, vlt_2\n",
    expect: [
      ['2:11-2:12', 'syntax', "unclosed `[`: the list that starts here has no closing `]`"],
    ],
  },
  {
    name: "unclosed flow map",
    kind: 'create',
    text: "agent: {type: agent, id: agent_1\nenvironment_id: env_1\n",
    expect: [
      ['0:7-0:8', 'syntax', "unclosed `{`: the mapping that starts here has no closing `}`"],
    ],
  },
  {
    name: "tab indentation",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\nmetadata:\n\tteam: infra\n",
    expect: [
      ['3:0-3:1', 'syntax', "tab character used for indentation; YAML indents with spaces only"],
    ],
  },
  {
    name: "duplicate top-level key",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\nagent: agent_2\n",
    expect: [
      ['2:0-2:5', 'duplicate-key', "duplicate key `agent` (first set on line 1); YAML keys must be unique"],
    ],
  },
  {
    name: "duplicate nested key",
    kind: 'send',
    text: "events:\n  - type: user.message\n    content:\n      - type: text\n        text: a\n        text: b\n",
    expect: [
      ['5:8-5:12', 'duplicate-key', "duplicate key `text` (first set on line 5); YAML keys must be unique"],
    ],
  },
  {
    name: "plain value with colon",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\ntitle: fix: the build\n",
    expect: [
      ['2:7-2:21', 'syntax', "a plain value cannot contain `: `; quote the value, or put the nested mapping on its own indented lines"],
    ],
  },
  {
    name: "reserved start char",
    kind: 'create',
    text: "agent: @agent_1\nenvironment_id: env_1\n",
    expect: [
      ['0:7-0:15', 'syntax', "a plain value cannot start with `@`; put the value in quotes"],
    ],
  },
  {
    name: "text after quoted value",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\ntitle: \"a\" b\n",
    expect: [
      ['2:11-2:12', 'syntax', "unexpected `b` after the value; quote the whole value if it is one string"],
    ],
  },
  {
    name: "two documents",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\n---\nagent: agent_2\n",
    expect: [
      ['2:0-2:3', 'syntax', "a body is a single YAML document: remove the `---` or `...` line and what follows, or move it to its own file"],
    ],
  },
  {
    name: "list then mapping",
    text: "- agent_1\nenvironment_id: env_1\n",
    expect: [
      ['1:0-1:14', 'syntax', "unexpected `environment_id` here (check the indentation and the `:` and `- ` markers)"],
    ],
  },
  {
    name: "unknown alias",
    kind: 'create',
    text: "agent: *base\nenvironment_id: env_1\n",
    expect: [
      ['0:7-0:12', 'syntax', "unknown alias `*base`: no anchor `&base` before it"],
    ],
  },
  {
    name: "collection as key",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\n? [a, b]\n: c\n",
    expect: [
      ['2:2-2:8', 'syntax', "a key must be a plain string, not a mapping or list"],
    ],
  },
  {
    name: "stray bracket",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\n]\n",
    expect: [
      ['2:0-2:1', 'syntax', "unexpected `]` here (check the indentation and the `:` and `- ` markers)"],
    ],
  },
  {
    name: "typo: enviroment_id",
    kind: 'create',
    text: "agent: agent_1\nenviroment_id: env_1\n",
    expect: [
      ['1:0-1:13', 'unknown-field', "unknown field `enviroment_id`; did you mean `environment_id`?"],
    ],
  },
  {
    name: "unknown field, nothing close",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\ncolour: red\n",
    expect: [
      ['2:0-2:6', 'unknown-field', "unknown field `colour`; known fields: `agent`, `environment_id`, `budget`, `initial_events`, `metadata`, `resources`, `title`, `vault_ids`"],
    ],
  },
  {
    name: "title is a list",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\ntitle:\n  - a\n  - b\n",
    expect: [
      ['2:0-2:5', 'wrong-type', "`title` must be a string or null, not a list"],
    ],
  },
  {
    name: "title is a number",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\ntitle: 2024\n",
    expect: [
      ['2:7-2:11', 'wrong-type', "`title` must be a string or null, not a number; put it in quotes to make it a string"],
    ],
  },
  {
    name: "missing agent",
    kind: 'create',
    text: "environment_id: env_1\ntitle: t\n",
    expect: [
      ['0:0-0:21', 'missing-field', "missing required field `agent` (Agent identifier)"],
    ],
  },
  {
    name: "missing environment_id",
    kind: 'create',
    text: "# a comment\nagent: agent_1\n",
    expect: [
      ['1:0-1:14', 'missing-field', "missing required field `environment_id` (ID of the `environment` defining the container configuration for this session)"],
    ],
  },
  {
    name: "environment_id null",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id:\n",
    expect: [
      ['1:0-1:14', 'wrong-type', "`environment_id` must be a string, not null"],
    ],
  },
  {
    name: "bad event type",
    kind: 'send',
    text: "events:\n  - type: user.msg\n    content: []\n",
    expect: [
      ['1:10-1:18', 'bad-type', "`events[0].type` must be one of `user.message`, `user.interrupt`, `user.tool_confirmation`, `user.custom_tool_result`, `user.define_outcome`, `user.tool_result`, `system.message`, not `user.msg`"],
    ],
  },
  {
    name: "send-only event in initial_events",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\ninitial_events:\n  - type: user.interrupt\n",
    expect: [
      ['3:10-3:24', 'bad-type', "`initial_events[0].type` must be one of `user.message`, `user.define_outcome`, not `user.interrupt`"],
    ],
  },
  {
    name: "bad content block type",
    kind: 'send',
    text: "events:\n  - type: user.message\n    content:\n      - type: txt\n        text: hi\n",
    expect: [
      ['3:14-3:17', 'bad-type', "`events[0].content[0].type` must be one of `text`, `image`, `document`, `redacted`, not `txt`; did you mean `text`?"],
    ],
  },
  {
    name: "content block field typo",
    kind: 'send',
    text: "events:\n  - type: user.message\n    content:\n      - type: text\n        txt: hi\n",
    expect: [
      ['4:8-4:11', 'unknown-field', "unknown field `txt` in `events[0].content[0]`; did you mean `text`?"],
    ],
  },
  {
    name: "content block missing text",
    kind: 'send',
    text: "events:\n  - type: user.message\n    content:\n      - type: text\n",
    expect: [
      ['3:8-3:18', 'missing-field', "missing required field `text` in `events[0].content[0]` (The text content)"],
    ],
  },
  {
    name: "metadata value a number",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\nmetadata:\n  team: infra\n  priority: 1\n",
    expect: [
      ['4:12-4:13', 'wrong-type', "`metadata.priority` must be a string, not a number; put it in quotes to make it a string"],
    ],
  },
  {
    name: "metadata value a list",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\nmetadata:\n  tags: [a, b]\n",
    expect: [
      ['3:8-3:14', 'wrong-type', "`metadata.tags` must be a string, not a list"],
    ],
  },
  {
    name: "too many metadata pairs",
    kind: 'create',
    text: 'agent: agent_1\nenvironment_id: env_1\nmetadata:\n' + Array.from({ length: 17 }, (_, i) => `  k${i}: v\n`).join(''),
    expect: [
      ['2:0-2:8', 'limit', "`metadata` has 17 entries; at most 16 are allowed"],
    ],
  },
  {
    name: "metadata key too long",
    kind: 'create',
    text: 'agent: agent_1\nenvironment_id: env_1\nmetadata:\n  ' + 'k'.repeat(65) + ': v\n',
    expect: [
      ['3:2-3:67', 'limit', "key `kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…` in `metadata` is 65 characters long; at most 64 are allowed"],
    ],
  },
  {
    name: "too many initial events",
    kind: 'create',
    text:
      'agent: agent_1\nenvironment_id: env_1\ninitial_events:\n' +
      '  - {type: user.message, content: [{type: text, text: hi}]}\n'.repeat(51),
    expect: [
      ['2:0-2:14', 'limit', "`initial_events` has 51 items; at most 50 are allowed"],
    ],
  },
  {
    name: "agent object without type",
    kind: 'create',
    text: "agent:\n  id: agent_1\n  version: 2\nenvironment_id: env_1\n",
    expect: [
      ['0:0-0:5', 'missing-field', "missing required field `type` in `agent`: one of `agent` or `agent_with_overrides`"],
    ],
  },
  {
    name: "agent object bad type",
    kind: 'create',
    text: "agent:\n  type: agnt\n  id: agent_1\nenvironment_id: env_1\n",
    expect: [
      ['1:8-1:12', 'bad-type', "`agent.type` must be one of `agent`, `agent_with_overrides`, not `agnt`; did you mean `agent`?"],
    ],
  },
  {
    name: "agent a number",
    kind: 'create',
    text: "agent: 12345\nenvironment_id: env_1\n",
    expect: [
      ['0:7-0:12', 'wrong-type', "`agent` must be a string or an object, not a number; put it in quotes to make it a string"],
    ],
  },
  {
    name: "agent version a string",
    kind: 'create',
    text: "agent: {type: agent, id: agent_1, version: two}\nenvironment_id: env_1\n",
    expect: [
      ['0:43-0:46', 'wrong-type', "`agent.version` must be a number, not a string"],
    ],
  },
  {
    name: "budget currency",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\nbudget:\n  type: limit\n  max_list_cost: {amount: \"100\", currency: EUR}\n",
    expect: [
      ['4:43-4:46', 'bad-value', "`budget.max_list_cost.currency` must be `USD`, not `EUR`"],
    ],
  },
  {
    name: "tool confirmation result typo",
    kind: 'send',
    text: "events:\n  - type: user.tool_confirmation\n    tool_use_id: sevt_1\n    result: alow\n",
    expect: [
      ['3:12-3:16', 'bad-value', "`events[0].result` must be one of `allow`, `deny`, not `alow`; did you mean `allow`?"],
    ],
  },
  {
    name: "events not a list",
    kind: 'send',
    text: "events: hello\n",
    expect: [
      ['0:8-0:13', 'wrong-type', "`events` must be a list, not a string"],
    ],
  },
  {
    name: "events typo",
    kind: 'send',
    text: "# managed-agents: send sesn_1\nevent:\n  - type: user.interrupt\n",
    expect: [
      ['1:0-1:5', 'unknown-field', "unknown field `event`; did you mean `events`?"],
    ],
  },
  {
    name: "event without type",
    kind: 'send',
    text: "events:\n  - content:\n      - type: text\n        text: hi\n",
    expect: [
      ['1:4-1:12', 'missing-field', "missing required field `type` in `events[0]`: one of `user.message`, `user.interrupt`, `user.tool_confirmation`, `user.custom_tool_result`, `user.define_outcome`, `user.tool_result` or `system.message`"],
    ],
  },
  {
    name: "create-only field in update",
    kind: 'update',
    text: "# managed-agents: update sesn_1\ntitle: t\nenvironment_id: env_1\n",
    expect: [
      ['2:0-2:14', 'unknown-field', "unknown field `environment_id`; known fields: `agent`, `budget`, `metadata`, `title`, `vault_ids`"],
    ],
  },
  {
    name: "builtin tool name typo",
    kind: 'update',
    text: "agent:\n  tools:\n    - type: agent_toolset_20260401\n      configs:\n        - name: bsh\n          enabled: false\n",
    expect: [
      ['4:16-4:19', 'bad-type', "`agent.tools[0].configs[0].name` must be one of `bash`, `edit`, `read`, `write`, `glob`, `grep`, `web_fetch`, `web_search`, not `bsh`; did you mean `bash`?"],
    ],
  },
  {
    name: "github resource missing url",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\nresources:\n  - type: github_repository\n    mount_path: /w\n",
    expect: [
      ['3:4-3:27', 'missing-field', "missing required field `url` in `resources[0]` (Github URL of the repository)"],
    ],
  },
  {
    name: "image source bad type",
    kind: 'send',
    text: "events:\n  - type: user.message\n    content:\n      - type: image\n        source: {type: link, url: 'https://x'}\n",
    expect: [
      ['4:23-4:27', 'bad-type', "`events[0].content[0].source.type` must be one of `base64`, `url`, `file`, not `link`"],
    ],
  },
  {
    name: "effort typo",
    kind: 'create',
    text: "agent:\n  type: agent_with_overrides\n  id: agent_1\n  model: {id: claude-opus-4-7, effort: hgh}\nenvironment_id: env_1\n",
    expect: [
      ['3:39-3:42', 'bad-value', "`agent.model.effort` must be one of `low`, `medium`, `high`, `xhigh`, `max`, not `hgh`; did you mean `high`?"],
    ],
  },
  {
    name: "custom tool name with space",
    kind: 'update',
    text: "agent:\n  tools:\n    - type: custom\n      name: look up\n      description: d\n      input_schema: {type: object}\n",
    expect: [
      ['3:12-3:19', 'bad-value', "`agent.tools[0].name` must match `^[A-Za-z0-9_-]+$`"],
    ],
  },
  {
    name: "empty allowed_domains",
    kind: 'update',
    text: "agent:\n  tools:\n    - type: agent_toolset_20260401\n      configs:\n        - name: web_search\n          allowed_domains: []\n",
    expect: [
      ['5:27-5:29', 'limit', "`agent.tools[0].configs[0].allowed_domains` must not be an empty list (leave the field out instead)"],
    ],
  },
  {
    name: "top-level list",
    text: "- agent: agent_1\n",
    expect: [
      ['0:0-0:16', 'not-a-body', "a request body is a mapping of fields (like `title: ...`), not a list"],
    ],
  },
  {
    name: "empty body with header",
    text: "# managed-agents: create\n",
    expect: [
      ['0:0-0:24', 'not-a-body', "empty body: a create body needs at least `agent` and `environment_id`"],
    ],
  },
  {
    name: "header kind typo",
    text: "# managed-agents: udpate sesn_1\ntitle: t\n",
    expect: [
      ['0:0-0:31', 'header', "unknown body kind `udpate` in the header; did you mean `update`? (one of create, update, send)"],
    ],
  },
  {
    name: "header bad session id",
    text: "# managed-agents: send sesn/1\nevents: []\n",
    expect: [
      ['0:0-0:29', 'header', "`sesn/1` is not a session id (letters, digits, `_` and `-` only)"],
    ],
  },
  {
    name: "infinite number",
    kind: 'send',
    text: "events:\n  - type: user.define_outcome\n    description: d\n    rubric: {type: text, content: c}\n    max_iterations: .inf\n",
    expect: [
      ['4:20-4:24', 'wrong-type', "`events[0].max_iterations` must be a finite number"],
    ],
  },
  {
    name: "__proto__ key",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\n__proto__: {}\n",
    expect: [
      ['2:0-2:9', 'unknown-field', "unknown field `__proto__`; known fields: `agent`, `environment_id`, `budget`, `initial_events`, `metadata`, `resources`, `title`, `vault_ids`"],
    ],
  },
  {
    name: "pair in flow list",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\nvault_ids: [a: 1]\n",
    expect: [
      ['2:12-2:16', 'wrong-type', "`vault_ids[0]` must be a string, not an object"],
    ],
  },
  {
    name: "update metadata value a number",
    kind: 'update',
    text: "# managed-agents: update sesn_1\nmetadata:\n  keep: null\n  n: 3\n",
    expect: [
      ['3:5-3:6', 'wrong-type', "`metadata.n` must be a string or null, not a number; put it in quotes to make it a string"],
    ],
  },
  {
    name: "CRLF line endings",
    kind: 'create',
    text: "agent: agent_1\r\nenvironment_id: env_1\r\ntitle: [a]\r\n",
    expect: [
      ['2:7-2:10', 'wrong-type', "`title` must be a string or null, not a list"],
    ],
  },
  {
    name: "columns count UTF-16 units",
    kind: 'create',
    text: "agent: agent_1\nenvironment_id: env_1\ntitle: \"🚀 launch\"\nmetadata: {\"ключ\": 5, \"🚀\": [x]}\n",
    expect: [
      ['3:19-3:20', 'wrong-type', "`metadata[\"ключ\"]` must be a string, not a number; put it in quotes to make it a string"],
      ['3:28-3:31', 'wrong-type', "`metadata[\"🚀\"]` must be a string, not a list"],
    ],
  },
  {
    name: "several problems, in source order",
    kind: 'create',
    text: "agent: 5\nenviroment_id: e\ntitle: [x]\nmetadata: {a: 1}\n",
    expect: [
      ['0:7-0:8', 'wrong-type', "`agent` must be a string or an object, not a number; put it in quotes to make it a string"],
      ['1:0-1:13', 'unknown-field', "unknown field `enviroment_id`; did you mean `environment_id`?"],
      ['2:7-2:10', 'wrong-type', "`title` must be a string or null, not a list"],
      ['3:14-3:15', 'wrong-type', "`metadata.a` must be a string, not a number; put it in quotes to make it a string"],
    ],
  },
  {
    name: "JSON body (YAML is a superset)",
    kind: 'send',
    text: "{\"events\": [{\"type\": \"user.message\", \"content\": [{\"type\": \"text\"}]}]}",
    expect: [
      ['0:49-0:65', 'missing-field', "missing required field `text` in `events[0].content[0]` (The text content)"],
    ],
  },
];

// A corpus of hostile strings for the history webview (and the sidebar that shows the same session).
// Every payload, if it ever ran, would set `window.__pwned` (in whichever frame it ran) to its number,
// retitle that frame's document to exactly "PWNED", or open a dialog. Each carries a marker `XSS-NN`
// so a spec can check that its text is shown as text.
//
// Where they go (hostilePayloadEvents below): the session title (tab, header, tree row, <title> of the
// webview), user messages (plain text), agent messages (Markdown: the riskiest path), tool names and
// inputs (JSON with `</script>`), tool results, session errors and custom tool calls.

const run = (n) => `window.__pwned=${n};document.title='PWNED'`;

/**
 * `text`: the payload; `shown`: what an agent message (Markdown) must show of it as text (the payload
 * itself, except where Markdown legitimately decodes an entity or a tab).
 * @type {{ id: string, label: string, text: string, shown: string }[]}
 */
export const HOSTILE_PAYLOADS = [
  ['script tag', (m) => `${m} <script>${run(1)}</script>`],
  ['img onerror', (m) => `${m} <img src=x onerror="${run(2)}">`],
  ['svg onload', (m) => `${m} <svg onload="${run(3)}"></svg>`],
  ['script inside svg', (m) => `${m} <svg><script>${run(4)}</script></svg>`],
  ['markdown javascript: link', (m) => `${m} [click me](javascript:${run(5)})`],
  ['html javascript: link', (m) => `${m} <a href="javascript:${run(6)}">click me</a>`],
  ['iframe javascript: src', (m) => `${m} <iframe src="javascript:${run(7)}"></iframe>`],
  ['iframe srcdoc', (m) => `${m} <iframe srcdoc="<script>parent.__pwned=8</script>"></iframe>`],
  ['closing script tag', (m) => `${m} </script><script>${run(9)}</script>`],
  ['body onload', (m) => `${m} <body onload="${run(10)}">`],
  ['details ontoggle', (m) => `${m} <details open ontoggle="${run(11)}"><summary>x</summary></details>`],
  ['autofocus onfocus', (m) => `${m} <input autofocus onfocus="${run(12)}">`],
  ['video source onerror', (m) => `${m} <video><source onerror="${run(13)}"></video>`],
  ['markdown javascript: image', (m) => `${m} ![pic](javascript:${run(14)})`],
  ['entity-encoded scheme', (m) => `${m} [click me](&#106;avascript:${run(15)})`, (t) => t.replace('&#106;', 'j')],
  ['mXSS via math/style', (m) => `${m} <math><mtext><table><mglyph><style><img src=x onerror="${run(16)}">`],
  ['object data', (m) => `${m} <object data="javascript:${run(17)}"></object>`],
  ['embed src', (m) => `${m} <embed src="javascript:${run(18)}">`],
  ['meta refresh', (m) => `${m} <meta http-equiv="refresh" content="0;url=javascript:${run(19)}">`],
  ['formaction', (m) => `${m} <form><button formaction="javascript:${run(20)}">go</button></form>`],
  ['attribute breakout', (m) => `${m} "><img src=x onerror=${run(21)}>`],
  ['alert dialog', (m) => `${m} <img src=x onerror="alert('PWNED')">`],
  ['data: URL link', (m) => `${m} [click me](data:text/html,<script>parent.__pwned=23</script>)`],
  ['markdown autolink javascript:', (m) => `${m} <javascript:${run(24)}>`],
  ['comment trick', (m) => `${m} <!--<img src="--><img src=x onerror=${run(25)}>">`],
  ['template injection', (m) => `${m} {{constructor.constructor('${run(26)}')()}} \${${run(26)}}`],
  ['style expression / url', (m) => `${m} <div style="background:url(javascript:${run(27)})">x</div>`],
  ['tab in scheme', (m) => `${m} [click me](java\tscript:${run(28)})`, () => `script:${run(28)})`],
  ['reference link', (m) => `${m} [click me][evil]\n\n[evil]: javascript:${run(29)}`],
  ['base tag', (m) => `${m} <base href="javascript:${run(30)}//">`],
].map(([label, make, shown = (t) => t], i) => {
  const id = `XSS-${String(i + 1).padStart(2, '0')}`;
  const text = make(id);
  return { id, label, text, shown: shown(text) };
});

/** A title that is itself hostile (tab, header, tree row, webview <title>). */
export const HOSTILE_TITLE = `XSS-TITLE </title></script><script>${run(99)}</script><img src=x onerror="${run(98)}">`;

/**
 * The events to log (through the simulator's control endpoint) on a fresh session: every payload
 * appears in a user message, an agent message (Markdown) and a tool result; the tool call's input
 * carries all of them and `</script>`; a session error and a custom tool call add a few more places.
 */
export function hostilePayloadEvents() {
  const events = [];
  const all = HOSTILE_PAYLOADS.map((p) => p.text).join('\n\n');
  const t = (seconds) => new Date(Date.now() - 60_000 + seconds * 1000).toISOString();
  events.push({ type: 'user.message', content: [{ type: 'text', text: all }], processed_at: t(0) });
  events.push({ type: 'session.status_running', processed_at: t(1) });
  HOSTILE_PAYLOADS.forEach((p, i) => {
    events.push({ type: 'agent.message', content: [{ type: 'text', text: `**${p.label}**: ${p.text}` }], processed_at: t(2 + i * 0.01) });
  });
  events.push({
    id: 'sevt_hostile_tool_use',
    type: 'agent.tool_use',
    name: `bash</script><script>${run(97)}</script>`,
    input: { command: `echo '</script><script>${run(96)}</script>'`, payloads: HOSTILE_PAYLOADS.map((p) => p.text) },
    evaluated_permission: 'allow',
    processed_at: t(3),
  });
  events.push({
    type: 'agent.tool_result',
    tool_use_id: 'sevt_hostile_tool_use',
    content: [{ type: 'text', text: all }],
    is_error: false,
    processed_at: t(4),
  });
  events.push({
    id: 'sevt_hostile_custom_tool',
    type: 'agent.custom_tool_use',
    name: `<img src=x onerror="${run(95)}">`,
    input: { note: `</script><img src=x onerror="${run(94)}">` },
    processed_at: t(5),
  });
  events.push({
    type: 'user.custom_tool_result',
    custom_tool_use_id: 'sevt_hostile_custom_tool',
    content: [{ type: 'text', text: `XSS-RESULT <script>${run(93)}</script>` }],
    is_error: true,
    processed_at: t(6),
  });
  events.push({
    type: 'session.error',
    error: { type: 'model_overloaded_error', message: `XSS-ERROR <img src=x onerror="${run(92)}">`, retry_status: { type: 'retrying' } },
    processed_at: t(7),
  });
  events.push({
    type: 'agent.message',
    content: [{ type: 'text', text: `XSS-LAST done. <script>${run(91)}</script>` }],
    processed_at: t(8),
  });
  events.push({ type: 'session.status_idle', stop_reason: { type: 'end_turn' }, processed_at: t(9) });
  return events;
}

// Hostile content must come out as text: the Markdown renderer never emits raw HTML, event handler
// attributes or script-capable URLs, and the view model keeps hostile strings as plain text.
import assert from 'node:assert/strict';
import type { SessionEvent } from '../../../src/api';
import { describeEvent } from '../../../src/webview/eventView';
import { transcriptToMarkdown } from '../../../src/history/exportTranscript';
import { historyHtml } from '../../../src/history/html';
import { isSafeImage, isSafeLink } from '../../../src/webview/links';
import { renderMarkdown } from '../../../src/webview/markdown';
import { Transcript } from '../../../src/history/transcript';

export const HOSTILE_MARKDOWN: string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1)  )',
  '[click](&#106;avascript:alert(1))',
  '[click](java&#x09;script:alert(1))',
  '[click](javascript&colon;alert(1))',
  '<javascript:alert(1)>',
  '![x](javascript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[x](vbscript:msgbox(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload=alert(1)>',
  '</script><script>alert(1)</script>',
  '```html\n<script>alert(1)</script>\n```',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '[x](https://example.com "t\\" onmouseover=\\"alert(1)")',
  '<details open ontoggle=alert(1)>',
  '[x](https://ok.example/"onmouseover="alert(1))',
  '<style>body{display:none}</style>',
  '<!-- <script>alert(1)</script> -->',
  '<body onload=alert(1)>',
  'visit www.example.com/<script>alert(1)</script> now',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '[a](file:///etc/passwd)',
  '[a](//evil.example/x)',
  '![img](http://insecure.example/x.png)',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '<a href=https://ok.example onclick=alert(1)>x</a>',
  '`<script>` in code and **<b onmouseover=alert(1)>bold</b>**',
  '> <img src=x onerror=alert(1)>\n> quoted',
  '| a | b |\n|---|---|\n| <script>x</script> | [y](javascript:z) |',
  '[\u200bjavascript:alert(1)](javascript\u0000:alert(1))',
];

function transcriptOf(events: readonly SessionEvent[]): Transcript {
  const transcript = new Transcript();
  for (const event of events) transcript.upsert(event);
  return transcript;
}

/** Attribute names of every tag in the HTML (quoted values removed first, so escaped text inside them does not count). */
function attributeNames(html: string): string[] {
  return (html.match(/<[a-z][^>]*>/gi) ?? []).flatMap((tag) => [...tag.replace(/"[^"]*"/g, '""').matchAll(/\s([^\s=>"']+)\s*(?==|\s|>|\/)/g)].map((m) => m[1].toLowerCase()));
}

function attributeValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'gi'))].map((m) => m[1].replace(/&amp;/g, '&'));
}

function assertSafe(html: string, source: string): void {
  assert.ok(!/<script/i.test(html), `raw <script in output of ${JSON.stringify(source)}: ${html}`);
  assert.ok(!/<(iframe|svg|math|style|body|details|div|img[^>]*onerror)/i.test(html), `raw HTML element in output of ${JSON.stringify(source)}: ${html}`);
  assert.ok(!attributeNames(html).some((name) => name.startsWith('on')), `on*= attribute in output of ${JSON.stringify(source)}: ${html}`);
  const tagsWithoutValues = (html.match(/<[a-z][^>]*>/gi) ?? []).map((tag) => tag.replace(/"[^"]*"/g, '""')).join('');
  assert.ok(!/\son[a-z]+\s*=/i.test(tagsWithoutValues), `on*= attribute in output of ${JSON.stringify(source)}: ${html}`);
  assert.ok(!/(href|src)\s*=\s*"?\s*(javascript|vbscript|data|file):/i.test(html), `unsafe URL in output of ${JSON.stringify(source)}: ${html}`);
  for (const href of attributeValues(html, 'href')) assert.ok(href === '' || isSafeLink(href), `unsafe href ${href} from ${JSON.stringify(source)}`);
  for (const src of attributeValues(html, 'src')) assert.ok(isSafeImage(src), `unsafe src ${src} from ${JSON.stringify(source)}`);
  for (const anchor of html.match(/<a\s[^>]*>/gi) ?? []) assert.match(anchor, /rel="noopener noreferrer"/, `link without rel=noopener: ${anchor}`);
}

describe('hostile content in the history panel', () => {
  it('has a corpus of at least 20 hostile payloads', () => {
    assert.ok(HOSTILE_MARKDOWN.length >= 20);
  });

  for (const source of HOSTILE_MARKDOWN) {
    it(`renders as text: ${JSON.stringify(source).slice(0, 70)}`, () => {
      assertSafe(renderMarkdown(source), source);
      // The same through an agent message's view model.
      const view = describeEvent({ id: 'm', type: 'agent.message', content: [{ type: 'text', text: source }], processed_at: '2026-01-01T00:00:00Z' });
      assert.equal(view.markdown, source);
      assertSafe(renderMarkdown(view.markdown ?? ''), source);
    });
  }

  it('escapes raw HTML instead of dropping it', () => {
    assert.equal(renderMarkdown('<script>alert(1)</script>').trim(), '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    assert.match(renderMarkdown('<img src=x onerror=alert(1)>'), /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('keeps safe links, with rel=noopener', () => {
    const html = renderMarkdown('[docs](https://example.com/a?b=1&c=2) and mailto:me@example.com and https://auto.example');
    assert.match(html, /<a href="https:\/\/example\.com\/a\?b=1&amp;c=2" rel="noopener noreferrer" class="md-link">docs<\/a>/);
    assert.match(html, /href="mailto:me@example\.com"/);
    assert.match(html, /href="https:\/\/auto\.example"/);
  });

  it('renders code blocks as escaped code', () => {
    const html = renderMarkdown('```ts\nconst a = "<b>";\n```');
    assert.match(html, /<pre><code class="language-ts">const a = &quot;&lt;b&gt;&quot;;\n<\/code><\/pre>/);
  });

  it('shows remote images only over https, others as text', () => {
    assert.match(renderMarkdown('![cat](https://img.example/cat.png)'), /<img src="https:\/\/img\.example\/cat\.png" alt="cat" loading="lazy" referrerpolicy="no-referrer">/);
    assert.equal(renderMarkdown('![cat](http://img.example/cat.png)').trim(), '<p>[image: cat]</p>');
  });

  it('accepts only http(s) and mailto links', () => {
    for (const ok of ['https://a.example', 'HTTP://a.example', 'mailto:x@y.z']) assert.ok(isSafeLink(ok), ok);
    for (const bad of ['javascript:alert(1)', ' javascript:x', 'java\tscript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc', '//evil', '/relative', '#top', 'command:workbench.action.quit']) {
      assert.ok(!isSafeLink(bad), bad);
    }
  });

  const hostileStrings = ['<script>alert(1)</script>', '</script><script>alert(2)</script>', '<img src=x onerror=alert(3)>', '"><svg onload=alert(4)>', 'javascript:alert(5)'];

  it('keeps hostile tool input, titles and metadata as plain text in the view model', () => {
    const t = new Transcript();
    const events: SessionEvent[] = [
      { id: 'u', type: 'agent.tool_use', name: hostileStrings[1], input: { command: hostileStrings[0], file_path: hostileStrings[2] }, processed_at: '2026-01-01T00:00:00Z' },
      { id: 'r', type: 'agent.tool_result', tool_use_id: 'u', content: [{ type: 'text', text: hostileStrings[3] }], processed_at: '2026-01-01T00:00:01Z' },
      { id: 's', type: 'session.updated', title: hostileStrings[2], metadata: { [hostileStrings[0]]: hostileStrings[4] }, processed_at: '2026-01-01T00:00:02Z' },
      { id: 'e', type: 'session.error', error: { type: 'unknown_error', message: hostileStrings[1], retry_status: { type: 'terminal' } }, processed_at: '2026-01-01T00:00:03Z' },
      { id: 'x', type: hostileStrings[0], processed_at: '2026-01-01T00:00:04Z' } as unknown as SessionEvent,
    ];
    for (const e of events) t.upsert(e);
    const [use, result, updated, error, unknown] = events.map((e) => describeEvent(e, t));
    // Views carry the strings verbatim (the webview sets them with textContent); none is Markdown.
    assert.equal(use.title, hostileStrings[1]);
    assert.equal(use.detail, hostileStrings[0]);
    assert.ok(use.payloads[0].text.includes('</script><script>') === false && use.payloads[0].text.includes(hostileStrings[0].replace(/"/g, '\\"')));
    assert.equal(result.payloads[0].text, hostileStrings[3]);
    assert.match(updated.detail, /<img src=x onerror=alert\(3\)>/);
    assert.equal(error.text, hostileStrings[1]);
    assert.equal(unknown.title, hostileStrings[0]);
    for (const view of [use, result, updated, error, unknown]) assert.equal(view.markdown, undefined, `${view.type} must not be Markdown`);
  });

  it('escapes a hostile title in the HTML shell', () => {
    const html = historyHtml({ cspSource: 'vscode-resource:', nonce: 'abc', scriptUri: 'x.js', styleUri: 'x.css', codiconUri: 'c.css', title: hostileStrings[1] });
    assert.equal(html.match(/<script/g)?.length, 1, 'only the nonce script');
    assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;'));
  });

  it('exports hostile content inside fences that it cannot close', () => {
    const markdown = transcriptToMarkdown(
      null,
      transcriptOf([{ id: 'a', type: 'user.message', content: [{ type: 'text', text: '```\n# not a heading\n````' }], processed_at: '2026-01-01T00:00:00Z' }]),
    );
    assert.match(markdown, /`````text\n```\n# not a heading\n````\n`````/);
  });

  it('exports a tool result of 200,000 backtick runs (no export fails on content)', () => {
    const runs = Array.from({ length: 200_000 }, (_v, i) => '`'.repeat(1 + (i % 7))).join('x');
    const events = [
      { id: 'u', type: 'agent.tool_use', name: 'bash', input: { command: runs }, processed_at: '2026-01-01T00:00:00Z' },
      { id: 'r', type: 'agent.tool_result', tool_use_id: 'u', content: [{ type: 'text', text: `${runs}\n${'`'.repeat(40)}` }], processed_at: '2026-01-01T00:00:01Z' },
      { id: 'm', type: 'agent.message', content: [{ type: 'text', text: runs }], processed_at: '2026-01-01T00:00:02Z' },
    ] as SessionEvent[];
    const markdown = transcriptToMarkdown(null, transcriptOf(events));
    assert.ok(markdown.includes(`${'`'.repeat(41)}text\n${runs}\n${'`'.repeat(40)}\n${'`'.repeat(41)}`), 'fenced one backtick longer than its longest run');
    assert.ok(markdown.length > 3 * runs.length);
  });
});

// Agent Markdown -> HTML for the history webview, safe by construction: raw HTML in the source is
// escaped (`html: false`), links and images only keep http(s) / mailto targets, and every link gets
// rel="noopener noreferrer". Pure (no DOM, no vscode): the webview bundles it, unit tests run it in Node.
import MarkdownIt from 'markdown-it';
import { isSafeImage, isSafeLink } from './links';

type Markdown = ReturnType<typeof MarkdownIt>;

let instance: Markdown | undefined;

function markdown(): Markdown {
  if (instance) return instance;
  const md = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false });
  md.validateLink = isSafeLink;
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = String(token.attrGet('href') ?? '');
    if (!isSafeLink(href)) token.attrSet('href', '');
    token.attrSet('rel', 'noopener noreferrer');
    token.attrSet('class', 'md-link');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  const defaultImage = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const src = String(token.attrGet('src') ?? '');
    if (!isSafeImage(src)) {
      // Show what the image would have been, as text.
      const alt = self.renderInlineAsText(token.children ?? [], options, env);
      return md.utils.escapeHtml(`[image: ${alt || src}]`);
    }
    token.attrSet('loading', 'lazy');
    token.attrSet('referrerpolicy', 'no-referrer');
    return defaultImage ? defaultImage(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  instance = md;
  return md;
}

/** Markdown -> HTML with raw HTML escaped and only safe links and images. */
export function renderMarkdown(source: string): string {
  return markdown().render(source);
}

/** The tags `renderMarkdown` can produce; the webview drops anything else (defence in depth). */
export const MARKDOWN_TAGS: ReadonlySet<string> = new Set([
  'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'li', 'ol', 'p', 'pre', 's', 'strong',
  'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);

/** The attributes `renderMarkdown` can produce, per tag; the webview drops any other. */
export const MARKDOWN_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'rel', 'class'],
  img: ['src', 'alt', 'title', 'loading', 'referrerpolicy'],
  code: ['class'],
  ol: ['start'],
  td: [],
  th: [],
};

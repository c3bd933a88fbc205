// Building DOM without HTML strings: every piece of text goes in through textContent.
// The one exception, rendered Markdown, is parsed in an inert document and filtered by allowlist.
import { imageOrigin, isImageAllowed, isSafeImage, isSafeLink, type ImageAllowance } from './links';
import { MARKDOWN_ATTRIBUTES, MARKDOWN_TAGS, renderMarkdown } from './markdown';

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

/** `h('button', { class: 'x', 'data-action': 'copy' }, 'Copy')`; attribute values and strings are never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(name)) throw new Error(`refusing event handler attribute ${name}`);
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

/**
 * A codicon (media/dist/codicon.css), hidden from screen readers: what it means is said by the text or the
 * aria-label next to it. `name` is a codicon name without the `codicon-` prefix.
 */
export function codicon(name: string, extraClass = ''): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, 'aria-hidden': 'true' });
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function clear(element: Element): void {
  while (element.firstChild) element.firstChild.remove();
}

const parser = new DOMParser();

/** The remote images the user chose to load (from the host's `init`); every other one is a placeholder. */
let allowedImages: ImageAllowance = { urls: [], origins: [] };

export function setAllowedImages(allowance: ImageAllowance | undefined): void {
  allowedImages = { urls: [...(allowance?.urls ?? [])], origins: [...(allowance?.origins ?? [])] };
}

/** What stands for a remote image until the user loads it: its host, its text, and the two choices. */
function imagePlaceholder(src: string, alt: string): HTMLElement {
  const origin = imageOrigin(src) ?? '';
  const host = origin.replace(/^https:\/\//, '');
  return h(
    'span',
    { class: 'image-placeholder', role: 'group', 'aria-label': `Image from ${host}${alt ? `: ${alt}` : ''}, not loaded` },
    codicon('file-media'),
    h('span', { class: 'image-host', title: src }, host),
    alt ? h('span', { class: 'image-alt' }, alt) : null,
    h('button', { class: 'link-button', type: 'button', 'data-action': 'load-image', 'data-src': src, title: `Load ${src}` }, 'Load image'),
    h('button', { class: 'link-button', type: 'button', 'data-action': 'load-images-from', 'data-origin': origin, title: `Load every image from ${host} in this session` }, `Load all from ${host}`),
  );
}

/** Safe HTML of `renderMarkdown(source)` as nodes of this document, inside a new `div.markdown`. */
export function markdownElement(source: string): HTMLDivElement {
  const container = h('div', { class: 'markdown' });
  // DOMParser documents are inert: no scripts run and no images load while we filter.
  const parsed = parser.parseFromString(`<!DOCTYPE html><body>${renderMarkdown(source)}</body>`, 'text/html');
  sanitize(parsed.body);
  for (const node of [...parsed.body.childNodes]) container.appendChild(document.adoptNode(node));
  for (const pre of container.querySelectorAll('pre')) {
    pre.classList.add('code-block');
    pre.appendChild(h('button', { class: 'icon-button copy-code', type: 'button', 'data-action': 'copy-code', title: 'Copy the code to the clipboard', 'aria-label': 'Copy code' }, 'Copy'));
  }
  return container;
}

/** Keeps only the tags and attributes markdown.ts produces, and only safe link / image targets. */
export function sanitize(root: Element): void {
  const doc = root.ownerDocument;
  const comments: Node[] = [];
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
  for (const element of [...root.querySelectorAll('*')]) {
    if (!root.contains(element)) continue; // inside an element already replaced
    const tag = element.tagName.toLowerCase();
    if (!MARKDOWN_TAGS.has(tag)) {
      // Unknown element: keep its text, drop the element.
      element.replaceWith(doc.createTextNode(element.textContent ?? ''));
      continue;
    }
    const allowed = MARKDOWN_ATTRIBUTES[tag] ?? [];
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (!allowed.includes(name)) element.removeAttribute(attribute.name);
      else if (name === 'class' && !/^(?:language-[\w+#.-]+|md-link)$/.test(attribute.value)) element.removeAttribute(attribute.name);
    }
    if (tag === 'a') {
      const href = element.getAttribute('href') ?? '';
      if (!isSafeLink(href)) element.removeAttribute('href');
      element.setAttribute('rel', 'noopener noreferrer');
    }
    if (tag === 'img') {
      const src = element.getAttribute('src') ?? '';
      if (!isSafeImage(src) || !imageOrigin(src)) element.replaceWith(doc.createTextNode(`[image: ${element.getAttribute('alt') ?? ''}]`));
      // Nothing is fetched until the user says so: a remote image can tell its server who reads the session.
      else if (!isImageAllowed(src, allowedImages)) element.replaceWith(imagePlaceholder(src, element.getAttribute('alt') ?? ''));
    }
  }
}

/** "14:03:07", or with the date when not today; the full ISO time goes in the title. */
export function timeElement(iso: string | null): HTMLTimeElement {
  if (!iso) return h('time', { class: 'time', title: 'queued, not processed yet' }, 'queued');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return h('time', { class: 'time' }, iso);
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  const text = sameDay ? date.toLocaleTimeString() : `${date.toLocaleDateString()} ${date.toLocaleTimeString()}`;
  return h('time', { class: 'time', datetime: iso, title: iso }, text);
}

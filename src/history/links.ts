// Which URLs the history panel may show as links or load as images. Separate from markdown.ts so
// the extension host can check links without bundling markdown-it.

const SAFE_LINK = /^(?:https?:|mailto:)/;
const SAFE_IMAGE = /^https:/;

/** True for links the panel may show and open: http:, https: and mailto: only. */
export function isSafeLink(url: string): boolean {
  return SAFE_LINK.test(squash(url));
}

/** True for image sources the panel may load: https: only (the CSP allows no other remote images). */
export function isSafeImage(url: string): boolean {
  return SAFE_IMAGE.test(squash(url));
}

/** Removes what browsers ignore inside a URL scheme (whitespace, control characters) before checking it. */
function squash(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase();
}

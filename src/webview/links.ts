// Which URLs the history panel may show as links or load as images. Separate from markdown.ts so
// the extension host can check links without bundling markdown-it.
//
// Remote images are not loaded when the panel opens (a prompt-injected message could use one to learn
// the user's address, or to carry text out in its URL): each shows as a placeholder until the user
// loads it, or every image from its host. The panel's CSP then allows exactly that: the image's path
// (CSP cannot tell queries apart) or the host; the webview only loads the exact URLs chosen.

const SAFE_LINK = /^(?:https?:|mailto:)/;
const SAFE_IMAGE = /^https:/;

/** True for links the panel may show and open: http:, https: and mailto: only. */
export function isSafeLink(url: string): boolean {
  return SAFE_LINK.test(squash(url));
}

/** True for image sources the panel may load once the user agrees: https: only. */
export function isSafeImage(url: string): boolean {
  return SAFE_IMAGE.test(squash(url));
}

/** Removes what browsers ignore inside a URL scheme (whitespace, control characters) before checking it. */
function squash(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase();
}

/** The remote images the user chose to load in one session's panel. */
export interface ImageAllowance {
  /** Exact image URLs ("Load image"). */
  urls: string[];
  /** https origins, every image from which loads ("Load all from …"). */
  origins: string[];
}

export const NO_IMAGES: ImageAllowance = { urls: [], origins: [] };

/** A remote image's URL, parsed, when it is one the panel could load: https, a host, no credentials. */
function remoteImage(url: string): URL | undefined {
  if (!isSafeImage(url)) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname && !parsed.username && !parsed.password ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The https origin of an image the panel could load (what "Load all from …" allows), or undefined. */
export function imageOrigin(url: string): string | undefined {
  return remoteImage(url)?.origin;
}

/** True when `origin` is an https origin as imageOrigin() gives it (and nothing more). */
export function isImageOrigin(origin: string): boolean {
  return imageOrigin(origin) === origin;
}

/** Whether the webview shows this image (else a placeholder): its exact URL or its origin was chosen. */
export function isImageAllowed(url: string, allowance: ImageAllowance): boolean {
  const origin = imageOrigin(url);
  return origin !== undefined && (allowance.urls.includes(url) || allowance.origins.includes(origin));
}

/** The CSP `img-src` sources for an allowance: each origin, and each image's origin and path (`;` and `,` escaped, as CSP needs). */
export function imageSources(allowance: ImageAllowance): string[] {
  const sources = new Set<string>();
  for (const origin of allowance.origins) if (isImageOrigin(origin)) sources.add(origin);
  for (const url of allowance.urls) {
    const parsed = remoteImage(url);
    if (parsed) sources.add(`${parsed.origin}${parsed.pathname.replace(/;/g, '%3B').replace(/,/g, '%2C')}`);
  }
  return [...sources];
}

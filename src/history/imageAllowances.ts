// The remote images the user chose to load, per session, for as long as the window is open: one
// image, or every image from a host. The history panel builds its CSP from them.
import { NO_IMAGES, type ImageAllowance } from '../webview/links';

export class ImageAllowances {
  private readonly bySession = new Map<string, ImageAllowance>();

  get(sessionId: string): ImageAllowance {
    return this.bySession.get(sessionId) ?? NO_IMAGES;
  }

  /** Adds an image URL or an origin; false when it was allowed already. */
  allow(sessionId: string, what: { url: string } | { origin: string }): boolean {
    const current = this.get(sessionId);
    const next: ImageAllowance = { urls: [...current.urls], origins: [...current.origins] };
    if ('url' in what) {
      if (next.urls.includes(what.url)) return false;
      next.urls.push(what.url);
    } else {
      if (next.origins.includes(what.origin)) return false;
      next.origins.push(what.origin);
    }
    this.bySession.set(sessionId, next);
    return true;
  }
}

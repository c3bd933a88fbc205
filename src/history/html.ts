// The history webview's HTML shell: a strict CSP, the codicon and panel stylesheets and one nonce'd
// script, all from media/.
// Pure (no vscode) so the CSP can be unit-tested.
import { imageSources, NO_IMAGES, type ImageAllowance } from '../webview/links';

export interface HtmlInputs {
  /** `webview.cspSource` */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /**
   * media/dist/codicon.css, linked before styleUri so history.css can restyle icons with selectors of the
   * same weight. It loads codicon.ttf from beside it, which `font-src` allows as cspSource.
   */
  codiconUri: string;
  title: string;
  /** The remote images the user chose to load: the only ones the CSP lets through. */
  images?: ImageAllowance;
}

export function contentSecurityPolicy(cspSource: string, nonce: string, images: ImageAllowance = NO_IMAGES): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    [`img-src ${cspSource} data:`, ...imageSources(images)].join(' '),
  ].join('; ');
}

export function historyHtml(inputs: HtmlInputs): string {
  const csp = contentSecurityPolicy(inputs.cspSource, inputs.nonce, inputs.images);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(inputs.codiconUri)}">
<link rel="stylesheet" href="${escapeAttribute(inputs.styleUri)}">
<title>${escapeText(inputs.title)}</title>
</head>
<body>
<div id="app" class="app" aria-busy="true"><p class="boot">Loading session history…</p></div>
<script nonce="${escapeAttribute(inputs.nonce)}" src="${escapeAttribute(inputs.scriptUri)}"></script>
</body>
</html>
`;
}

export function escapeText(text: string): string {
  return String(text).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttribute(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

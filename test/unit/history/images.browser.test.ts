// Remote images in agent output, in the built history webview in headless Chromium under the panel's
// CSP: none is fetched when the panel opens (each is a placeholder naming its host, with "Load image"
// and "Load all from <host>"), and after the user's choice the CSP lets through that image, or that
// host, and nothing else. Every https request the page makes is intercepted and counted; none reaches
// the network. Skipped without Chromium or the bundle, like the other browser tests.
import assert from 'node:assert/strict';
import type { SessionEvent } from '../../../src/api';
import type { ImageAllowance } from '../../../src/webview/links';
import type { HostMessage, WebviewMessage } from '../../../src/webview/protocol';
import { HostFeed } from '../helpers/hostFeed';
import { openWebviewPage, webviewPageAvailable, type Page, type WebviewPage } from '../helpers/webviewPage';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

/** A 1×1 PNG. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const CAT = 'https://img.example/cat.png';
const DOG = 'https://img.example/dog.png?size=2';
const ELSEWHERE = 'https://tracker.example/pixel.png?who=you';

const events: SessionEvent[] = [
  { id: 'm1', type: 'agent.message', content: [{ type: 'text', text: `A cat: ![a cat](${CAT})` }], processed_at: '2026-01-01T00:00:01Z' },
  { id: 'm2', type: 'agent.message', content: [{ type: 'text', text: `A dog: ![](${DOG}) and ![leak](${ELSEWHERE})` }], processed_at: '2026-01-01T00:00:02Z' },
] as SessionEvent[];

describe('history webview: remote images', function () {
  this.timeout(60_000);
  let view: WebviewPage | undefined;
  let page: Page;
  const requested: string[] = [];

  before(async function () {
    if (!webviewPageAvailable()) return this.skip();
    view = await openWebviewPage('images', {
      beforeOpen: (p) =>
        p.route(/^https:\/\//, (route) => {
          requested.push(route.request().url());
          void route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
        }),
    });
    page = view.page;
  });
  after(async () => {
    await view?.close();
  });

  const posted = () => page.evaluate<WebviewMessage[]>('window.__posted');
  const open = async (images?: ImageAllowance, reveal?: string) => {
    const init: Extract<HostMessage, { type: 'init' }> = { type: 'init', sessionId: 'sesn_img', draft: '', header: null, ...(images ? { images } : {}), ...(reveal ? { reveal } : {}) };
    const host = new HostFeed((message) => view!.send(message));
    await host.init(init);
    await host.events(events, true);
    await page.waitForFunction(() => document.querySelectorAll('.row[data-type="agent.message"]').length === 2);
  };
  const shown = () =>
    page.evaluate<{ images: { src: string; loaded: boolean }[]; placeholders: { host: string; text: string; buttons: string[] }[] }>(() => ({
      images: [...document.querySelectorAll('.list img')].map((img: { src: string; complete: boolean; naturalWidth: number }) => ({ src: img.src, loaded: img.complete && img.naturalWidth > 0 })),
      placeholders: [...document.querySelectorAll('.image-placeholder')].map((el: { querySelector(s: string): { textContent: string }; textContent: string; querySelectorAll(s: string): { textContent: string }[] }) => ({
        host: el.querySelector('.image-host').textContent,
        text: el.textContent,
        buttons: [...el.querySelectorAll('button')].map((b) => b.textContent),
      })),
    }));
  /** Adds an <img> straight into the page, as if the sanitizer had let one through: the CSP must still stop it. */
  const smuggle = (src: string) =>
    page.evaluate((s: never) => {
      const img = document.createElement('img');
      img.src = s;
      img.className = 'smuggled';
      document.body.appendChild(img);
    }, src);

  it('fetches no remote image when the panel opens: each is a placeholder naming its host, with the two choices', async () => {
    await open();
    const state = await shown();
    assert.deepEqual(state.images, []);
    assert.deepEqual(state.placeholders.map((p) => p.host), ['img.example', 'img.example', 'tracker.example']);
    assert.deepEqual(state.placeholders[0].buttons, ['Load image', 'Load all from img.example']);
    assert.match(state.placeholders[0].text, /a cat/);
    // The CSP stops one that got into the page some other way.
    await smuggle(ELSEWHERE);
    await page.waitForTimeout(300);
    assert.deepEqual(requested, [], 'no request left the page');
  });

  it('"Load image" asks the host for that image only; then the CSP lets it through, and nothing else', async () => {
    await page.click('.row[data-event-id="m1"] [data-action="load-image"]');
    const asked = (await posted()).filter((m) => m.type === 'loadImage' || m.type === 'loadImagesFrom');
    assert.deepEqual(asked, [{ type: 'loadImage', url: CAT, reveal: 'm1' }]);

    // What the panel does: the same page again, with a CSP that allows the chosen image.
    await view!.reload({ urls: [CAT], origins: [] });
    await open({ urls: [CAT], origins: [] }, 'm1');
    await page.waitForFunction(() => [...document.querySelectorAll('.list img')].some((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0));
    const state = await shown();
    assert.deepEqual(state.images, [{ src: CAT, loaded: true }]);
    assert.deepEqual(state.placeholders.map((p) => p.host), ['img.example', 'tracker.example']);
    await smuggle('https://img.example/dog.png');
    await smuggle(ELSEWHERE);
    await page.waitForTimeout(300);
    assert.deepEqual(requested, [CAT], 'only the chosen image was fetched');
  });

  it('"Load all from" a host lets every image of that host through, and still no other host', async () => {
    await page.click('.row[data-event-id="m2"] [data-action="load-images-from"]');
    const asked = (await posted()).filter((m) => m.type === 'loadImagesFrom');
    assert.deepEqual(asked, [{ type: 'loadImagesFrom', origin: 'https://img.example', reveal: 'm2' }]);
    const before = requested.length;
    await view!.reload({ urls: [CAT], origins: ['https://img.example'] });
    await open({ urls: [CAT], origins: ['https://img.example'] }, 'm2');
    await page.waitForFunction(() => document.querySelectorAll('.list img').length === 2 && [...document.querySelectorAll('.list img')].every((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0));
    const state = await shown();
    assert.deepEqual(state.images.map((i) => i.src).sort(), [CAT, DOG].sort());
    assert.deepEqual(state.placeholders.map((p) => p.host), ['tracker.example']);
    await smuggle(ELSEWHERE);
    await page.waitForTimeout(300);
    assert.deepEqual(requested.slice(before).sort(), [CAT, DOG].sort(), 'the host\'s images, and not the tracker');
    assert.ok(!requested.includes(ELSEWHERE));
  });
});

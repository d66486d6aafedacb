// The item page on a school line: headless Debian chromium over the DevTools protocol (no npm package: Node's
// WebSocket), the network throttled with Network.emulateNetworkConditions to 10 Mbit/s both ways and 40 ms latency.
// For each run, in ms after the navigation started (the page's own clock, as first contentful paint is):
// - first page image: when the page image is first painted. The item page shows it at once as a plain <img>
//   (elementtiming="page-image": its Element Timing renderTime, the frame it was painted in); a page without that
//   image (the reader before it, the peer) shows it only as deep-zoom tiles: then the first tile's arrival
//   (/iiif/3/…/default.jpg, not a "full/!w,h" image; its loadingFinished), which is before it is drawn, so the peer's
//   figure is if anything early.
// - deep-zoom first tile: the first deep-zoom tile's arrival (as above, for every page alike).
// - viewer ready: the deep-zoom viewer has drawn the page and taken the plain image's place (the page's
//   performance mark "qy:viewer-ready", reader.ts); "–" for a page that has no plain image.
// and the bytes on the wire before the first page image (script + CSS, and everything). "cold": a new visitor (a
// fresh browser context); "warm": the same page again with the cache the cold run left.
// Usage: node --experimental-websocket bench/school-line/page-load.mjs URL [RUNS] [--markdown] [--label=NAME]
//   → one JSON line per run, or with --markdown one table row per run (the columns bench/school-line.sh heads)
import { openChromium } from '../lib/chromium.mjs';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const markdown = process.argv.includes('--markdown');
// --waterfall: each request until the first tile, on stderr (when it was sent and finished, ms after the document's request).
const waterfall = process.argv.includes('--waterfall');
// --identity: ask for uncompressed answers (Accept-Encoding: identity), the peer row: what the page cost before build.mjs's brotli copies.
const identity = process.argv.includes('--identity');
// --label=NAME: said in each row's first cell (which build of the page this is: "new", "peer 3770cc9" …).
const label = process.argv.find((a) => a.startsWith('--label='))?.slice('--label='.length);
const [url, runsArg] = args;
const runs = Number(runsArg ?? 3);
const kB = (n) => (n / 1000).toFixed(1);
const ms = (v) => (v === null || v === undefined ? '–' : String(v));
const row = (r) => `| ${label ? `${label}, ` : ''}${r.kind}${identity ? ', uncompressed' : ''} | ${ms(r.fcpMs)} | ${ms(r.firstImageMs)} | ${ms(r.firstTileMs)} | ${ms(r.viewerReadyMs)} | ${kB(r.scriptCssBytesBeforeImage)} | ${kB(r.bytesBeforeImage)} | ${r.requestsBeforeImage} | ${kB(r.bytesTotal)} |`;
const report = (r) => console.log(markdown ? row(r) : JSON.stringify(r));
const line = { offline: false, latency: 40, downloadThroughput: 10_000_000 / 8, uploadThroughput: 10_000_000 / 8 };

const { send, listeners, close } = await openChromium('school-line', ['--disable-gpu']);

// Each cold run is a new visitor: a fresh browser context (its own empty HTTP cache and V8 code cache, which
// Network.clearBrowserCache would leave behind) in the running browser; the warm run is the same visitor again.
let sessionId;
const page = (method, params) => send(method, params, sessionId);
async function newVisitor(browserContextId) {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank', ...(browserContextId ? { browserContextId } : {}) });
  ({ sessionId } = await send('Target.attachToTarget', { targetId, flatten: true }));
  await page('Network.enable');
  await page('Page.enable');
  await page('Network.emulateNetworkConditions', line);
  if (identity) await page('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  return targetId;
}
await newVisitor();

async function measure(kind) {
  if (kind === 'cold') {
    const { browserContextId } = await send('Target.createBrowserContext');
    await newVisitor(browserContextId);
  }
  const requests = new Map();
  let documentStart = 0;
  let firstTile = null;
  let loaded = false;
  const onEvent = (msg) => {
    if (msg.sessionId !== sessionId) return;
    const p = msg.params;
    if (msg.method === 'Network.requestWillBeSent') {
      if (p.type === 'Document' && !documentStart) documentStart = p.timestamp;
      requests.set(p.requestId, { url: p.request.url, type: p.type, sent: p.timestamp });
    } else if (msg.method === 'Network.responseReceived') {
      const r = requests.get(p.requestId);
      if (r) r.cached = p.response.fromDiskCache || p.response.fromMemoryCache;
    } else if (msg.method === 'Network.loadingFinished') {
      const r = requests.get(p.requestId);
      if (!r) return;
      r.finished = p.timestamp;
      r.bytes = p.encodedDataLength;
      if (!firstTile && isTile(r.url)) firstTile = r;
    } else if (msg.method === 'Page.loadEventFired') {
      loaded = true;
    }
  };
  listeners.push(onEvent);
  await page('Page.navigate', { url });
  const value = async (expression) => (await page('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })).result.value;
  // Until the page has loaded and its deep-zoom viewer shows the page: with a plain page image first, until the viewer
  // has taken its place (reader.ts marks it); without one, until the first tile has arrived.
  const deadline = Date.now() + 90_000;
  // (The plain image is in the page's HTML: by the load event it has been asked for.)
  const hasPlainImage = () => [...requests.values()].some((r) => isPlainImage(r.url));
  while (Date.now() < deadline) {
    if (loaded && (hasPlainImage() ? await value("performance.getEntriesByName('qy:viewer-ready').length > 0") : firstTile)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const plainImage = hasPlainImage();
  const timing = await value(`new Promise((resolve) => {
    const painted = [];
    if (PerformanceObserver.supportedEntryTypes.includes('element')) {
      new PerformanceObserver((list) => painted.push(...list.getEntries())).observe({ type: 'element', buffered: true });
    }
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    setTimeout(() => resolve({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      fetchStart: performance.getEntriesByType('navigation')[0]?.fetchStart ?? 0,
      image: painted.filter((e) => e.identifier === 'page-image').map((e) => e.renderTime || e.loadTime)[0] ?? null,
      viewerReady: mark('qy:viewer-ready'),
    }), 200);
  })`);
  listeners.splice(listeners.indexOf(onEvent), 1);
  // The network's clock (seconds) on the page's: the document's request left at the navigation's fetchStart.
  const pageMs = (t) => (t - documentStart) * 1000 + timing.fetchStart;
  const tileMs = firstTile ? pageMs(firstTile.finished) : null;
  const imageMs = timing.image ?? (plainImage ? null : tileMs);
  const before = [...requests.values()].filter((r) => r.finished && (imageMs === null || pageMs(r.finished) <= imageMs));
  const sum = (list) => list.reduce((n, r) => n + (r.bytes ?? 0), 0);
  if (waterfall) {
    const nav = await value("JSON.stringify((({domInteractive, domContentLoadedEventStart, domContentLoadedEventEnd, loadEventEnd}) => ({domInteractive, domContentLoadedEventStart, domContentLoadedEventEnd, loadEventEnd}))(performance.getEntriesByType('navigation')[0]))");
    console.error(`${kind}\tnavigation ${nav}; page image painted ${Math.round(imageMs ?? -1)}; viewer ready ${Math.round(timing.viewerReady ?? -1)}`);
    for (const r of [...requests.values()].filter((r) => r.finished).sort((a, b) => a.sent - b.sent)) {
      console.error(`${kind}\t${Math.round(pageMs(r.sent))}\t${Math.round(pageMs(r.finished))}\t${r.bytes}\t${r.type}\t${r.url.replace(/^https?:\/\/[^/]+/, '')}`);
    }
  }
  const round = (v) => (v === null ? null : Math.round(v));
  return {
    kind,
    fcpMs: round(timing.fcp),
    firstImageMs: round(imageMs),
    firstTileMs: round(tileMs),
    viewerReadyMs: round(timing.viewerReady),
    scriptCssBytesBeforeImage: sum(before.filter((r) => r.type === 'Script' || r.type === 'Stylesheet')),
    bytesBeforeImage: sum(before),
    requestsBeforeImage: before.length,
    bytesTotal: sum([...requests.values()]),
  };
}

/** The plain page image of the item page (Features/Reading/PageImage.cs): IIIF full/!w,h. */
function isPlainImage(u) {
  return /\/iiif\/3\/[^?]+\/full\/![^/]+\/0\/default\.jpg/.test(u);
}

/** A deep-zoom tile: an Image API image that is not the plain page image. */
function isTile(u) {
  return /\/iiif\/3\/[^?]+\/default\.jpg/.test(u) && !isPlainImage(u);
}

// A visitor's browser has shown pages before: its renderer, fonts (the CJK fallback font is tens of MB) and V8 are up.
// So the browser first shows a page of its own (no request to the host), and the first measured run times the host,
// not the browser's own start.
async function warmBrowser() {
  const html = '<!doctype html><meta charset="utf-8"><p>清远文献遗产平台 QyHeritage</p><canvas></canvas>'
    + '<script type="module">document.querySelector("canvas").getContext("2d").fillText("清远", 1, 10);</script>';
  let loaded = false;
  const onLoad = (msg) => { if (msg.sessionId === sessionId && msg.method === 'Page.loadEventFired') loaded = true; };
  listeners.push(onLoad);
  await page('Page.navigate', { url: 'data:text/html;charset=utf-8,' + encodeURIComponent(html) });
  const deadline = Date.now() + 30_000;
  while (!loaded && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  listeners.splice(listeners.indexOf(onLoad), 1);
}

try {
  await warmBrowser();
  for (let i = 0; i < runs; i++) {
    report(await measure('cold'));
    report(await measure('warm'));
  }
} finally {
  await close();
}

// The item page on a school line: headless Debian chromium over the DevTools protocol (no npm package: Node's
// WebSocket), the network throttled with Network.emulateNetworkConditions to 10 Mbit/s both ways and 40 ms latency.
// For each run: time to first contentful paint, time to the first deep-zoom tile (/iiif/3/…/….jpg loaded), and the
// bytes on the wire before that tile (script + CSS, and everything). "cold": the browser cache cleared first;
// "warm": the same page again with the cache the cold run left.
// Usage: node --experimental-websocket bench/school-line/page-load.mjs URL [RUNS] [--markdown]
//   → one JSON line per run, or with --markdown one table row per run (the columns bench/school-line.sh heads)
import { openChromium } from '../lib/chromium.mjs';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const markdown = process.argv.includes('--markdown');
// --waterfall: each request until the first tile, on stderr (when it was sent and finished, ms after the document's request).
const waterfall = process.argv.includes('--waterfall');
// --identity: ask for uncompressed answers (Accept-Encoding: identity), the peer row: what the page cost before build.mjs's brotli copies.
const identity = process.argv.includes('--identity');
const [url, runsArg] = args;
const runs = Number(runsArg ?? 3);
const kB = (n) => (n / 1000).toFixed(1);
const row = (r) => `| ${r.kind}${identity ? ', uncompressed' : ''} | ${r.fcpMs} | ${r.firstTileMs} | ${kB(r.scriptCssBytesBeforeTile)} | ${kB(r.bytesBeforeTile)} | ${r.requestsBeforeTile} | ${kB(r.bytesTotal)} |`;
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
      if (!firstTile && /\/iiif\/3\/[^?]+\/default\.jpg/.test(r.url)) firstTile = r;
    } else if (msg.method === 'Page.loadEventFired') {
      loaded = true;
    }
  };
  listeners.push(onEvent);
  await page('Page.navigate', { url });
  const deadline = Date.now() + 90_000;
  while ((!firstTile || !loaded) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const { result } = await page('Runtime.evaluate', {
    expression: "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null", returnByValue: true,
  });
  listeners.splice(listeners.indexOf(onEvent), 1);
  const before = [...requests.values()].filter((r) => r.finished && (!firstTile || r.finished <= firstTile.finished));
  const sum = (list) => list.reduce((n, r) => n + (r.bytes ?? 0), 0);
  if (waterfall) {
    const nav = await page('Runtime.evaluate', {
      expression: "JSON.stringify((({domInteractive, domContentLoadedEventStart, domContentLoadedEventEnd, loadEventEnd}) => ({domInteractive, domContentLoadedEventStart, domContentLoadedEventEnd, loadEventEnd}))(performance.getEntriesByType('navigation')[0]))",
      returnByValue: true,
    });
    console.error(`${kind}\tnavigation ${nav.result.value}`);
    const ms = (t) => Math.round((t - documentStart) * 1000);
    for (const r of before.sort((a, b) => a.sent - b.sent)) {
      console.error(`${kind}\t${ms(r.sent)}\t${ms(r.finished)}\t${r.bytes}\t${r.type}\t${r.url.replace(/^https?:\/\/[^/]+/, '')}`);
    }
  }
  return {
    kind,
    fcpMs: result.value === null ? null : Math.round(result.value),
    firstTileMs: firstTile ? Math.round((firstTile.finished - documentStart) * 1000) : null,
    scriptCssBytesBeforeTile: sum(before.filter((r) => r.type === 'Script' || r.type === 'Stylesheet')),
    bytesBeforeTile: sum(before),
    requestsBeforeTile: before.length,
    bytesTotal: sum([...requests.values()]),
  };
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

// The hall client's frame time: each hall page opened in headless Debian chromium (WebGL 2 on SwiftShader: the CPU,
// not a GPU) over the DevTools protocol (Node's WebSocket, no npm package); at every tour stop the page's own
// window.qyHall.frameTimes(FRAMES) renders frames back to back, each waited for with gl.finish(). The peer, in the same
// run and canvas: the empty canvas (the hall hidden). Texture memory as the compiler counts it (RGBA8 + mipmaps), from
// the page's textures at load and at most (sharper tiles up close add some).
// Usage: node --experimental-websocket bench/halls/client-frames.mjs BASE_URL EXHIBITION...   (FRAMES=30 WIDTH=1280 HEIGHT=900)
//   → one markdown table row per hall
import { openChromium } from '../lib/chromium.mjs';

const [base, ...halls] = process.argv.slice(2);
if (!base || halls.length === 0) throw new Error('usage: client-frames.mjs BASE_URL EXHIBITION...');
const frames = Number(process.env.FRAMES ?? 30);
const width = Number(process.env.WIDTH ?? 1280);
const height = Number(process.env.HEIGHT ?? 900);

const { send, close } = await openChromium('hall-client', ['--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist', `--window-size=${width},${height}`]);

const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
const ms = (v) => v.toFixed(1);

async function measure(exhibition) {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const page = (method, params) => send(method, params, sessionId);
  const evaluate = async (expression) => {
    const r = await page('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`${expression}: ${JSON.stringify(r.exceptionDetails)}`);
    return r.result.value;
  };
  await page('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
  const t0 = Date.now();
  await page('Page.navigate', { url: `${base}/halls/${exhibition}` });
  let state = null;
  for (const deadline = Date.now() + 300_000; state !== 'ready' && state !== 'failed' && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 250));
    state = await evaluate('window.qyHall && window.qyHall.state').catch(() => null);
  }
  if (state !== 'ready') throw new Error(`${exhibition}: the hall did not load (${state})`);
  const loadS = (Date.now() - t0) / 1000;
  const canvas = await evaluate("(() => { const c = document.querySelector('#hall canvas'); return [c.width, c.height]; })()");
  const glbBytes = await evaluate("performance.getEntriesByType('resource').find((r) => r.name.includes('.glb'))?.encodedBodySize ?? 0");
  const exhibits = await evaluate("document.querySelectorAll('.hall-exhibits li').length");
  const textureBytesAtLoad = await evaluate('window.qyHall.textureBytes()');
  const empty = (await evaluate(`window.qyHall.frameTimes(${frames}, true)`)).sort((a, b) => a - b);
  const stops = await evaluate('window.qyHall.stops.map((s) => s.n)');
  const times = [];
  let drawCalls = 0, triangles = 0, textureBytes = textureBytesAtLoad, textures = 0;
  for (const n of stops) {
    await evaluate(`window.qyHall.goToStop(${n})`);
    await new Promise((r) => setTimeout(r, 300)); // sharper tiles up close are asked for a few times a second
    times.push(...await evaluate(`window.qyHall.frameTimes(${frames})`));
    const f = await evaluate('({ d: window.qyHall.drawCalls, t: window.qyHall.triangles, n: window.qyHall.textures, b: window.qyHall.textureBytes() })');
    drawCalls = Math.max(drawCalls, f.d);
    triangles = Math.max(triangles, f.t);
    textures = Math.max(textures, f.n);
    textureBytes = Math.max(textureBytes, f.b);
  }
  times.sort((a, b) => a - b);
  await send('Target.closeTarget', { targetId });
  const MB = (b) => (b / 1048576).toFixed(1);
  return `| ${exhibition} | ${exhibits} | ${stops.length} | ${canvas[0]}×${canvas[1]} | ${loadS.toFixed(1)} | ${MB(glbBytes)} | ${drawCalls} | ${triangles} | ${textures} | ${MB(textureBytesAtLoad)} (${MB(textureBytes)}) | ${ms(percentile(times, 0.5))} | ${ms(percentile(times, 0.95))} | ${ms(percentile(times, 0.99))} | ${ms(times[times.length - 1])} | ${ms(percentile(empty, 0.5))} |`;
}

try {
  console.log(`${frames} frames at each tour stop; SwiftShader (CPU) in headless chromium, not a headset's GPU.`);
  console.log();
  console.log('| hall | exhibits | stops | canvas px | load s | GLB MB | draw calls (max) | triangles (max) | textures | texture MB at load (max) | frame p50 ms | p95 | p99 | max | empty canvas p50 ms (peer) |');
  console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const h of halls) console.log(await measure(h));
} finally {
  await close();
}

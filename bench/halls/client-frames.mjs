// The hall client's frame time: each hall page opened in headless Debian chromium (WebGL 2 on SwiftShader: the CPU,
// not a GPU) over the DevTools protocol (Node's WebSocket, no npm package), with the frame-rate limit and vsync off so
// frames come as fast as they are drawn. At every tour stop the page's own window.qyHall.frameLog(FRAMES) records the
// running animation loop: the intervals between requestAnimationFrame callbacks (the frame time a visitor gets: drawn,
// composited, presented), each render call inside performance.mark/measure (the CPU's submission), the GPU's time from
// EXT_disjoint_timer_query_webgl2 where offered (SwiftShader: not), and renderer.info's draw calls and triangles. The peer,
// in the same run and canvas: the empty canvas (the hall hidden), logged the same way. Texture memory as the compiler
// counts it (RGBA8 + mipmaps), from the page's textures at load and at most (sharper tiles up close add some).
// Usage: node --experimental-websocket bench/halls/client-frames.mjs BASE_URL EXHIBITION...   (FRAMES=60 WIDTH=1280 HEIGHT=900)
//   → one markdown table row per hall
import { openChromium, openTab } from '../lib/chromium.mjs';

const [base, ...halls] = process.argv.slice(2);
if (!base || halls.length === 0) throw new Error('usage: client-frames.mjs BASE_URL EXHIBITION...');
const frames = Number(process.env.FRAMES ?? 60);
const width = Number(process.env.WIDTH ?? 1280);
const height = Number(process.env.HEIGHT ?? 900);

const { send, close } = await openChromium('hall-client', ['--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist', '--disable-gpu-vsync', '--disable-frame-rate-limit', `--window-size=${width},${height}`]);

const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
const ms = (v) => (v === undefined ? 'n/a' : v.toFixed(1));
const p50p95 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 'n/a' : `${ms(percentile(sorted, 0.5))} / ${ms(percentile(sorted, 0.95))}`;
};

async function measure(exhibition) {
  const { targetId, page, evaluate } = await openTab(send, width, height);
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
  const log = (empty) => evaluate(`window.qyHall.frameLog(${frames}, ${empty})`);
  const empty = await log(true);
  const stops = await evaluate('window.qyHall.stops.map((s) => s.n)');
  const intervals = [], render = [], gpu = [];
  let drawCalls = 0, triangles = 0, textureBytes = textureBytesAtLoad, textures = 0;
  for (const n of stops) {
    await evaluate(`window.qyHall.goToStop(${n})`);
    await new Promise((r) => setTimeout(r, 300)); // sharper tiles up close are asked for a few times a second
    const f = await log(false);
    intervals.push(...f.intervals);
    render.push(...f.render);
    gpu.push(...f.gpu);
    drawCalls = Math.max(drawCalls, f.drawCalls);
    triangles = Math.max(triangles, f.triangles);
    const t = await evaluate('({ n: window.qyHall.textures, b: window.qyHall.textureBytes() })');
    textures = Math.max(textures, t.n);
    textureBytes = Math.max(textureBytes, t.b);
  }
  await send('Target.closeTarget', { targetId });
  const MB = (b) => (b / 1048576).toFixed(1);
  const sorted = [...intervals].sort((a, b) => a - b);
  const over = intervals.filter((v) => v > 13.9).length / Math.max(1, intervals.length);
  return `| ${exhibition} | ${exhibits} | ${stops.length} | ${canvas[0]}×${canvas[1]} | ${loadS.toFixed(1)} | ${MB(glbBytes)} | ${drawCalls} | ${triangles} | ${textures} | ${MB(textureBytesAtLoad)} (${MB(textureBytes)}) | ${p50p95(intervals)} | ${ms(sorted[sorted.length - 1])} | ${(over * 100).toFixed(0)} % | ${p50p95(render)} | ${p50p95(gpu)} | ${p50p95(empty.intervals)} | ${p50p95(empty.render)} |`;
}

try {
  console.log(`${frames} frames of the running loop at each tour stop; SwiftShader (CPU) in headless chromium with vsync and the frame-rate limit off, not a headset's GPU.`);
  console.log();
  console.log('| hall | exhibits | stops | canvas px | load s | GLB MB | draw calls (max) | triangles (max) | textures | texture MB at load (max) | rAF interval p50 / p95 ms | max | frames over 13.9 ms | render call p50 / p95 ms | GPU timer p50 / p95 ms | empty canvas rAF p50 / p95 ms (peer) | empty render call p50 / p95 ms |');
  console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const h of halls) console.log(await measure(h));
} finally {
  await close();
}

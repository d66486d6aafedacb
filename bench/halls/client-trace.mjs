// Where the hall client's time goes, stop by stop: opens one hall page in headless Debian chromium (SwiftShader, as
// client-frames.mjs) with a chromium trace running (Tracing over the DevTools protocol, all processes), prints the
// page's load steps (window.qyHall.loadPhases: GLB fetched, parsed, textures uploaded, first frame) and, at each tour
// stop, the worst frame of the running loop (rAF interval, render call) beside what the renderer holds on the GPU then
// (window.qyHall.gpu(): textures, geometries, programs, the sharper pictures' sizes). The trace (JSON, for
// chrome://tracing or Perfetto) is written to TRACE; its longest tasks per thread are printed.
// Several halls open one after the other in the same browser (as client-frames.mjs does), each for its first STOPS stops.
// Usage: node --experimental-websocket bench/halls/client-trace.mjs BASE_URL EXHIBITION[:STOPS]...   (FRAMES=20, TRACE=/tmp/qy-hall-trace.json; TRACE=off: no trace)
import { closeSync, openSync, writeSync } from 'node:fs';
import { openChromium, openTab } from '../lib/chromium.mjs';

const [base, ...halls] = process.argv.slice(2);
if (!base || halls.length === 0) throw new Error('usage: client-trace.mjs BASE_URL EXHIBITION[:STOPS]...');
const frames = Number(process.env.FRAMES ?? 20);
const tracePath = process.env.TRACE ?? '/tmp/qy-hall-trace.json';

const { send, listeners, close } = await openChromium('hall-trace', ['--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist', '--disable-gpu-vsync', '--disable-frame-rate-limit', '--window-size=1280,900']);
const trace = [];
let traceDone = null;
listeners.push((msg) => {
  if (msg.method === 'Tracing.dataCollected') trace.push(...msg.params.value);
  if (msg.method === 'Tracing.tracingComplete') traceDone?.();
});
const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'toplevel', 'blink', 'gpu', 'gpu.service', 'disabled-by-default-gpu.service', 'gpu.angle', 'cc', 'viz', 'v8.execute',
  'disabled-by-default-v8.gc', 'ServiceWorker', 'loading'];
const tracing = tracePath !== 'off';
if (tracing) await send('Tracing.start', { traceConfig: { includedCategories: categories, recordMode: 'recordContinuously' }, transferMode: 'ReportEvents' });

const t0 = Date.now();
// Seconds since the start, and CLOCK_MONOTONIC's seconds (what `perf record -k CLOCK_MONOTONIC` stamps samples with).
const at = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s [${(Number(process.hrtime.bigint() / 1000000n) / 1000).toFixed(1)}]`;
async function visit(exhibition, stopsArg) {
  const { targetId, sessionId, page, evaluate } = await openTab(send, 1280, 900);
  await page('Runtime.enable');
  listeners.push((msg) => {
    if (msg.sessionId === sessionId && msg.method === 'Runtime.consoleAPICalled') console.log(`${at()} console.${msg.params.type}: ${msg.params.args.map((a) => a.value ?? a.description).join(' ')}`);
  });
  await page('Page.navigate', { url: `${base}/halls/${exhibition}` });
  let state = null;
  for (const deadline = Date.now() + 300_000; state !== 'ready' && state !== 'failed' && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 250));
    state = await evaluate('window.qyHall && window.qyHall.state').catch(() => null);
  }
  console.log(`${at()} ${exhibition}: ${state}; load steps (ms since navigation): ${JSON.stringify(await evaluate('window.qyHall && window.qyHall.loadPhases'))}`);
  if (state !== 'ready') throw new Error('not ready');
  console.log(`${at()} at load: ${JSON.stringify(await evaluate('window.qyHall.gpu()'))}`);
  let stops = await evaluate('window.qyHall.stops.map((s) => s.n)');
  if (stopsArg) stops = stops.slice(0, Number(stopsArg));
  for (const n of stops) {
    const g0 = Date.now();
    await evaluate(`window.qyHall.goToStop(${n})`);
    const goS = (Date.now() - g0) / 1000;
    await new Promise((r) => setTimeout(r, 300));
    const f = await evaluate(`window.qyHall.frameLog(${frames}, false)`);
    // One frame's whole cost at this view (drawn and waited for on the GPU: gl.finish), the median of three.
    const cost = (await evaluate('window.qyHall.frameTimes(3)')).sort((a, b) => a - b)[1];
    const gpu = await evaluate('window.qyHall.gpu()');
    const sw = await evaluate('!!navigator.serviceWorker?.controller');
    const max = (a) => (a.length ? Math.max(...a) : 0);
    const px = gpu.sharper.reduce((s, [w, h]) => s + w * h, 0);
    console.log(`${at()} stop ${String(n).padStart(2)}: goToStop ${goS.toFixed(1)} s, worst rAF ${max(f.intervals).toFixed(0)} ms, worst render ${max(f.render).toFixed(0)} ms, a frame drawn and finished ${cost.toFixed(0)} ms; ` +
      `textures ${gpu.textures}, geometries ${gpu.geometries}, programs ${gpu.programs}, sharper ${JSON.stringify(gpu.sharper)} (${(px * 4 / 1048576).toFixed(0)} MB RGBA)${sw ? ', service worker in charge' : ''}`);
  }
  await send('Target.closeTarget', { targetId });
}

try {
  for (const h of halls) {
    const [exhibition, stopsArg] = h.split(':');
    await visit(exhibition, stopsArg);
  }
} finally {
  if (tracing) {
    const done = new Promise((r) => { traceDone = r; });
    await send('Tracing.end');
    await done;
  }
  await close();
}
if (tracing) {
  const fd = openSync(tracePath, 'w');
  writeSync(fd, '{"traceEvents":[\n');
  trace.forEach((e, i) => writeSync(fd, (i ? ',\n' : '') + JSON.stringify(e)));
  writeSync(fd, ']}\n');
  closeSync(fd);
  // The longest complete events per thread (X events with a duration; B/E pairs are left out).
  const threads = new Map();
  for (const e of trace) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const start = trace.reduce((m, e) => (e.ts > 0 && e.ts < m ? e.ts : m), Infinity);
  const long = trace.filter((e) => e.ph === 'X' && e.dur > 200_000).sort((a, b) => b.dur - a.dur).slice(0, 40);
  console.log(`\ntrace: ${trace.length} events → ${tracePath}; the longest (over 200 ms):`);
  for (const e of long) console.log(`  ${((e.ts - start) / 1e6).toFixed(1).padStart(6)} s  ${(e.dur / 1000).toFixed(0).padStart(6)} ms  ${threads.get(`${e.pid}:${e.tid}`) ?? e.tid}  ${e.name}  ${JSON.stringify(e.args ?? {}).slice(0, 160)}`);
}

// Headless Debian chromium over the DevTools protocol with Node's WebSocket (node --experimental-websocket on node 20),
// no npm package: a fresh profile, `send(method, params, sessionId)` for commands, `listeners` for events, `close()`
// that stops the browser and removes its profile once chromium lets go of it. Used by the bench drivers.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function openChromium(name, flags) {
  const profile = mkdtempSync(path.join(tmpdir(), `qy-${name}-`));
  const chrome = spawn('/usr/bin/chromium', ['--headless=new', '--no-sandbox', '--no-first-run', ...flags,
    '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise((resolve, reject) => {
    let err = '';
    chrome.stderr.on('data', (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]);
    });
    chrome.on('exit', () => reject(new Error('chromium exited: ' + err)));
  });
  const ws = new WebSocket(endpoint);
  await new Promise((r) => ws.addEventListener('open', r, { once: true }));
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  ws.addEventListener('message', (e) => {
    const msg = JSON.parse(e.data);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error))); else resolve(msg.result);
    } else if (msg.method) {
      for (const l of listeners) l(msg);
    }
  });
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    ws.send(JSON.stringify({ id, method, params, sessionId }));
  });
  const close = async () => {
    ws.close();
    chrome.kill();
    await new Promise((r) => chrome.once('exit', r));
    // Chromium's helper processes may still write into the profile a moment after it exits.
    for (let i = 0; ; i++) {
      try { rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }); break; } catch (e) {
        if (i >= 10) { console.error(`left ${profile}: ${e.message}`); break; }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  return { send, listeners, close };
}

/**
 * A new tab in front (rAF runs in the tab in front) at width×height CSS pixels: its target and session, `page(method,
 * params)` for its commands and `evaluate(expression)` (awaited, by value; throws on an exception in the page).
 */
export async function openTab(send, width, height) {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const page = (method, params) => send(method, params, sessionId);
  const evaluate = async (expression) => {
    const r = await page('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`${expression}: ${JSON.stringify(r.exceptionDetails)}`);
    return r.result.value;
  };
  await page('Page.bringToFront');
  await page('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
  return { targetId, sessionId, page, evaluate };
}

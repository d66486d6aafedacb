// The hall's service worker, served as /halls/hall-sw.js with scope /halls/: the hall pages, their GLBs, the built
// scripts and styles, and the IIIF images they ask for are kept, so a hall opened once in the VR room opens offline.
// Self-contained (no imports): it is bundled as one file.

interface FetchEventLike extends Event {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ExtendableEventLike extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface MessageEventLike extends ExtendableEventLike {
  data: unknown;
}
interface WorkerScope {
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
  addEventListener(type: 'message', listener: (e: MessageEventLike) => void): void;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
}

const worker = self as unknown as WorkerScope;
const cacheName = 'qy-halls-1';

worker.addEventListener('install', (e) => e.waitUntil(worker.skipWaiting()));
worker.addEventListener('activate', (e) => e.waitUntil(worker.clients.claim()));

worker.addEventListener('fetch', (e) => {
  const request = e.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  // Built files and IIIF images never change under one URL: the cached copy first. Pages and GLBs are revalidated
  // (a republished hall is new bytes) and fall back to the cached copy offline.
  if (url.pathname.startsWith('/dist/') || url.pathname.startsWith('/iiif/3/')) e.respondWith(cacheFirst(request));
  else if (url.pathname.startsWith('/halls/')) e.respondWith(networkFirst(request));
});

// The first visit's page, GLB and scripts were fetched before this worker took charge: the page sends their URLs once
// the hall is drawn, and they are kept now (from the browser's HTTP cache where it has them).
worker.addEventListener('message', (e) => {
  const data = e.data as { type?: string; urls?: unknown } | null;
  if (data?.type !== 'keep' || !Array.isArray(data.urls)) return;
  e.waitUntil(keep(data.urls.filter((u): u is string => typeof u === 'string')));
});

async function keep(urls: string[]): Promise<void> {
  const cache = await caches.open(cacheName);
  await Promise.all(urls.map(async (u) => {
    const url = new URL(u, location.origin);
    if (url.origin !== location.origin || !kept(url.pathname) || (await cache.match(url.href))) return;
    try {
      const response = await fetch(url.href, { credentials: 'same-origin' });
      if (response.ok) await cache.put(url.href, response);
    } catch {
      // Offline already: nothing more to keep.
    }
  }));
}

function kept(path: string): boolean {
  return path.startsWith('/dist/') || path.startsWith('/iiif/3/') || path.startsWith('/halls/');
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (e) {
    // ignoreVary: a page kept from the page's own list was fetched with other headers than a navigation sends.
    const hit = await cache.match(request, { ignoreSearch: false, ignoreVary: true });
    if (hit) return hit;
    throw e;
  }
}

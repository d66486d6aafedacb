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
interface WorkerScope {
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
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
    const hit = await cache.match(request, { ignoreSearch: false });
    if (hit) return hit;
    throw e;
  }
}

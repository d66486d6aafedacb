// The reading room's viewer: OpenSeadragon on the item's IIIF Image API tiles, one page at a time.
// The page arrives with the page image as a plain <img> (Features/Reading/PageImage.cs): the reader sees the page at
// once. OpenSeadragon (~350 kB, most of the page's script) is imported after that, in its own chunk, and its canvas
// takes the image's place in the same box once its tiles for the page are drawn (or at the first zoom or pan).
// Pages turn by the buttons, the page links and strip (kept as links: they work without script), the arrow keys
// and swipes; a right-to-left book turns to the left. The address follows the page (/items/{id}/p/{n}), so a
// reload or a shared link opens the same page; the page's text beside the image is fetched from that address.
// Search inside the item (item-search.ts) and the lines' boxes (line-boxes.ts) draw on this viewer through `Reader`.
import type OpenSeadragon from 'openseadragon';
import { startItemSearch } from './item-search';
import { pick } from './language';
import { startLineBoxes } from './line-boxes';
import type { Reader } from './reader-api';

const stage = document.getElementById('reader');
if (stage) void startReader(stage);

async function startReader(stage: HTMLElement): Promise<void> {
  const item = stage.dataset.item ?? '';
  const orders = (stage.dataset.pages ?? '').split(',').filter(Boolean).map(Number);
  const rtl = stage.dataset.direction === 'right-to-left';
  const container = document.getElementById('viewer');
  if (!container || orders.length === 0) return;
  let index = Math.max(0, orders.indexOf(Number(stage.dataset.current)));
  const pageUrl = (i: number) => `/items/${item}/p/${orders[i]}${window.location.search}`;

  // Until the viewer is there, a page turn is the page link's own: the next page loads whole, as without script.
  let live: OpenSeadragon.Viewer | null = null;
  const go = (to: number) => {
    if (to < 0 || to >= orders.length || to === index) return;
    if (live) live.goToPage(to);
    else window.location.assign(pageUrl(to));
  };
  // Forward is towards the end of the book: leftwards for a right-to-left one.
  const leftwards = () => go(rtl ? index + 1 : index - 1);
  const rightwards = () => go(rtl ? index - 1 : index + 1);
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (e.altKey || e.ctrlKey || e.metaKey || t.closest('input, textarea, select, [contenteditable]')) return;
    if (live && zoomedIn(live) && container.contains(t)) return; // the arrows pan the zoomed page
    if (e.key === 'ArrowLeft') { e.preventDefault(); leftwards(); }
    else if (e.key === 'ArrowRight') { e.preventDefault(); rightwards(); }
  });

  stage.classList.add('starting');
  let OSD: typeof OpenSeadragon;
  try {
    OSD = (await import('openseadragon')).default;
  } catch {
    // Offline or a deploy replaced the chunk: the page image stays, the links turn the pages.
    stage.classList.remove('starting');
    return;
  }
  const placeholder = container.querySelector<HTMLImageElement>('img.page-image');
  const viewer = OSD({
    element: container,
    tileSources: orders.map((n) => `/iiif/3/${item}~p${String(n).padStart(3, '0')}/info.json`),
    sequenceMode: true,
    initialPage: index,
    // The 2D canvas drawer, not OpenSeadragon's default WebGL one: one page of tiles needs no GPU, and where there is
    // none to use (a school PC with a blocklisted card, headless chromium) WebGL runs in software, whose context and
    // shaders held the first tile back by a second on the school line (bench/RESULTS.md).
    drawer: 'canvas',
    // Straight to the tiles of the size the page is shown at: the blurred smaller levels would only be drawn under the
    // plain page image, which already shows the page, and on a slow line they came first.
    immediateRender: true,
    showNavigationControl: false,
    showSequenceControl: false,
    visibilityRatio: 1,
    constrainDuringPan: true,
    animationTime: 0.4,
    gestureSettingsMouse: { clickToZoom: false },
  });
  live = viewer;
  const handOver = replaceWhenDrawn(viewer, stage, placeholder);

  let fromHistory = false;
  viewer.addHandler('page', (e) => {
    index = e.page;
    const url = pageUrl(index);
    if (!fromHistory) window.history.pushState({ page: index }, '', url);
    // A curator's "add to exhibition…" adds the page now shown.
    const add = document.querySelector<HTMLAnchorElement>('a#add-to-exhibition');
    if (add) add.search = `?add=${encodeURIComponent(item)}&page=${orders[index]}`;
    fromHistory = false;
    void refreshFrom(url, orders[index]);
  });
  window.addEventListener('popstate', () => {
    const m = /\/p\/(\d+)$/.exec(window.location.pathname);
    const to = m ? orders.indexOf(Number(m[1])) : 0;
    if (to >= 0 && to !== index) { fromHistory = true; viewer.goToPage(to); }
  });

  // Links to pages of this item turn the page in place instead of loading the whole page again.
  document.addEventListener('click', (e) => {
    const a = (e.target as Element).closest?.('a[href]') as HTMLAnchorElement | null;
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    const m = new RegExp(`^/items/${item}/p/(\\d+)$`).exec(a.pathname);
    // A link with no query of its own (the page strip) keeps the reader's: the search and the script choice stay.
    if (!m || (a.search && a.search !== window.location.search)) return;
    const to = orders.indexOf(Number(m[1]));
    if (to < 0) return;
    e.preventDefault();
    go(to);
  });

  // A swipe across the whole page turns it: a finger moving right pulls the left-hand leaf over.
  let pressed: OpenSeadragon.Point | null = null;
  viewer.addHandler('canvas-press', (e) => { pressed = zoomedIn(viewer) ? null : e.position; });
  viewer.addHandler('canvas-release', (e) => {
    if (!pressed) return;
    const dx = e.position.x - pressed.x, dy = e.position.y - pressed.y;
    pressed = null;
    if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) {
      if (dx > 0) leftwards(); else rightwards();
    }
  });

  const reader: Reader = {
    viewer,
    item,
    orders,
    current: () => orders[index],
    turnTo: (order) => go(orders.indexOf(order)),
    onPageOpen: (listener) => viewer.addHandler('open', () => listener(orders[index])),
  };
  startItemSearch(reader);
  startLineBoxes(reader);

  const tools = stage.querySelector<HTMLElement>('.reader-tools');
  if (tools) {
    tools.hidden = false;
    const full = tools.querySelector<HTMLButtonElement>('[data-act=fullscreen]');
    tools.addEventListener('click', (e) => {
      const act = (e.target as Element).closest<HTMLButtonElement>('button')?.dataset.act;
      if (act && act !== 'fullscreen') handOver();
      if (act === 'zoom-in') viewer.viewport.zoomBy(1.5);
      else if (act === 'zoom-out') viewer.viewport.zoomBy(1 / 1.5);
      else if (act === 'home') viewer.viewport.goHome();
      else if (act === 'fullscreen') {
        if (document.fullscreenElement) void document.exitFullscreen();
        else void stage.requestFullscreen?.();
      }
    });
    document.addEventListener('fullscreenchange', () => {
      full?.setAttribute('aria-pressed', String(document.fullscreenElement === stage));
    });
  }
  stage.classList.add('live');
}

// The target zoom, not the animated one: just after a page opens the viewer is still springing home, and a
// swipe then must turn the page rather than count as a pan.
function zoomedIn(viewer: OpenSeadragon.Viewer): boolean {
  return viewer.viewport.getZoom(true) > viewer.viewport.getHomeZoom() * 1.05;
}

/**
 * The plain page image stays above the viewer's canvas until the viewer has drawn the page at the resolution it shows
 * (its first tiles come in blurred levels first), then goes; at once if the reader zooms, pans or turns before that.
 * Both show the whole page fitted and centred in the same box, so nothing moves. Marks for bench/school-line:
 * "qy:viewer-first-tile" (a tile of the viewer drawn), "qy:viewer-ready" (the image handed over). Returns the hand-over,
 * for the viewer's own buttons.
 */
function replaceWhenDrawn(viewer: OpenSeadragon.Viewer, stage: HTMLElement, image: HTMLImageElement | null): () => void {
  let firstTile = false;
  viewer.addHandler('tile-loaded', () => {
    if (firstTile) return;
    firstTile = true;
    requestAnimationFrame(() => performance.mark('qy:viewer-first-tile'));
  });
  let done = false;
  const handOver = () => {
    if (done) return;
    done = true;
    image?.remove();
    stage.classList.remove('starting');
    performance.mark('qy:viewer-ready');
  };
  viewer.addHandler('fully-loaded-change', (e) => { if (e.fullyLoaded) requestAnimationFrame(handOver); });
  // The reader's own moves (not the viewer's opening zoom, which only springs to the view the image already shows).
  for (const moved of ['canvas-drag', 'canvas-scroll', 'canvas-pinch', 'canvas-key', 'page'] as const) viewer.addHandler(moved, handOver);
  // A page that never opens (an error answer) leaves the plain image: it is the page, just not zoomable.
  viewer.addHandler('open-failed', () => stage.classList.remove('starting'));
  return handOver;
}

// The page whose parts are on their way: turning again before they come abandons them, so a slow answer for a page
// already left never replaces the text of the page shown.
let refreshing: AbortController | null = null;

/** Replaces the parts of the page that belong to one page of the book by those the server renders for it. */
async function refreshFrom(url: string, order: number): Promise<void> {
  refreshing?.abort();
  const turn = new AbortController();
  refreshing = turn;
  const stripLinks = document.querySelectorAll<HTMLAnchorElement>('.page-strip a[data-page]');
  stripLinks.forEach((a) => {
    if (Number(a.dataset.page) === order) { a.setAttribute('aria-current', 'page'); a.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }
    else a.removeAttribute('aria-current');
  });
  try {
    const r = await fetch(url, { headers: { Accept: 'text/html' }, signal: turn.signal });
    if (!r.ok) return;
    const html = await r.text();
    if (turn.signal.aborted) return;
    const next = new DOMParser().parseFromString(html, 'text/html');
    for (const id of ['page-nav', 'page-folio', 'page-text', 'script-toggle', 'page-downloads']) {
      const mine = document.getElementById(id), theirs = next.getElementById(id);
      if (mine && theirs) mine.replaceWith(document.adoptNode(theirs));
    }
    document.title = next.title;
    const status = document.getElementById('reader-status');
    if (status) status.textContent = pick(`已翻到第 ${order} 页`, `Turned to page ${order}`);
  } catch {
    // Offline, the server restarting, or turned again: the image has turned; the text stays until the next page.
  }
}

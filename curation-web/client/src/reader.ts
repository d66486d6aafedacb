// The reading room's viewer: OpenSeadragon on the item's IIIF Image API tiles, one page at a time.
// Pages turn by the buttons, the page links and strip (kept as links: they work without script), the arrow keys
// and swipes; a right-to-left book turns to the left. The address follows the page (/items/{id}/p/{n}), so a
// reload or a shared link opens the same page; the page's text beside the image is fetched from that address.
// Search inside the item (item-search.ts) and the lines' boxes (line-boxes.ts) draw on this viewer through `Reader`.
import OpenSeadragon from 'openseadragon';
import { startItemSearch } from './item-search';
import { pick } from './language';
import { startLineBoxes } from './line-boxes';
import type { Reader } from './reader-api';

const stage = document.getElementById('reader');
if (stage) startReader(stage);

function startReader(stage: HTMLElement): void {
  const item = stage.dataset.item ?? '';
  const orders = (stage.dataset.pages ?? '').split(',').filter(Boolean).map(Number);
  const rtl = stage.dataset.direction === 'right-to-left';
  const container = document.getElementById('viewer');
  if (!container || orders.length === 0) return;
  let index = Math.max(0, orders.indexOf(Number(stage.dataset.current)));

  const viewer = OpenSeadragon({
    element: container,
    tileSources: orders.map((n) => `/iiif/3/${item}~p${String(n).padStart(3, '0')}/info.json`),
    sequenceMode: true,
    initialPage: index,
    showNavigationControl: false,
    showSequenceControl: false,
    visibilityRatio: 1,
    constrainDuringPan: true,
    animationTime: 0.4,
    gestureSettingsMouse: { clickToZoom: false },
  });

  // The target zoom, not the animated one: just after a page opens the viewer is still springing home, and a
  // swipe then must turn the page rather than count as a pan.
  const zoomedIn = () => viewer.viewport.getZoom(true) > viewer.viewport.getHomeZoom() * 1.05;
  const go = (to: number) => {
    if (to >= 0 && to < orders.length && to !== index) viewer.goToPage(to);
  };
  // Forward is towards the end of the book: leftwards for a right-to-left one.
  const leftwards = () => go(rtl ? index + 1 : index - 1);
  const rightwards = () => go(rtl ? index - 1 : index + 1);

  let fromHistory = false;
  viewer.addHandler('page', (e) => {
    index = e.page;
    const url = `/items/${item}/p/${orders[index]}${window.location.search}`;
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

  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (e.altKey || e.ctrlKey || e.metaKey || t.closest('input, textarea, select, [contenteditable]')) return;
    if (zoomedIn() && container.contains(t)) return; // the arrows pan the zoomed page
    if (e.key === 'ArrowLeft') { e.preventDefault(); leftwards(); }
    else if (e.key === 'ArrowRight') { e.preventDefault(); rightwards(); }
  });

  // A swipe across the whole page turns it: a finger moving right pulls the left-hand leaf over.
  let pressed: OpenSeadragon.Point | null = null;
  viewer.addHandler('canvas-press', (e) => { pressed = zoomedIn() ? null : e.position; });
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

/** Replaces the parts of the page that belong to one page of the book by those the server renders for it. */
async function refreshFrom(url: string, order: number): Promise<void> {
  const stripLinks = document.querySelectorAll<HTMLAnchorElement>('.page-strip a[data-page]');
  stripLinks.forEach((a) => {
    if (Number(a.dataset.page) === order) { a.setAttribute('aria-current', 'page'); a.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }
    else a.removeAttribute('aria-current');
  });
  try {
    const r = await fetch(url, { headers: { Accept: 'text/html' } });
    if (!r.ok) return;
    const next = new DOMParser().parseFromString(await r.text(), 'text/html');
    for (const id of ['page-nav', 'page-text', 'script-toggle', 'page-downloads']) {
      const mine = document.getElementById(id), theirs = next.getElementById(id);
      if (mine && theirs) mine.replaceWith(document.adoptNode(theirs));
    }
    document.title = next.title;
    const status = document.getElementById('reader-status');
    if (status) status.textContent = pick(`已翻到第 ${order} 页`, `Turned to page ${order}`);
  } catch {
    // Offline or the server restarting: the image has turned; the text stays until the next page.
  }
}

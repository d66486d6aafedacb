// Search inside the item through its manifest's Content Search 2.0 service: the form on the item page answered here,
// the hits listed with their snippets (text nodes, the match in <mark>; nothing from the server is parsed as HTML),
// their boxes drawn on the page image (the view follows the current one when zoomed in), and previous/next hit across
// pages (turning the page). Arriving with ?q= (from the search page, or a reload) runs the query at once and marks the
// first hit of the page shown.
import { pick } from './language';
import { bringIntoView, drawBox, parseBox, removeBoxes, type Box } from './page-boxes';
import type { Reader } from './reader-api';
import { markTextHits } from './text-hits';

interface Hit { order: number; label: string; prefix: string; exact: string; suffix: string; boxes: Box[] }

interface Annotation { id?: string; target?: unknown; body?: { value?: string } }
interface SearchPage { items?: Annotation[]; annotations?: { items?: Annotation[] }[]; next?: string | { id: string } }

const HIT = 'hit-box';
const MaxResponses = 20; // pages of a paged answer followed; 100 annotations each by default

export function startItemSearch(reader: Reader): void {
  const section = document.getElementById('item-search');
  const form = section?.querySelector('form');
  const input = section?.querySelector<HTMLInputElement>('input[name=q]');
  const list = document.getElementById('item-hits');
  const count = section?.querySelector<HTMLElement>('.hit-count');
  const steps = section?.querySelector<HTMLElement>('.hit-steps');
  const position = section?.querySelector<HTMLElement>('.hit-position');
  if (!section || !form || !input || !list || !count || !steps || !position) return;

  let hits: Hit[] = [];
  let chosen = -1;
  let service: Promise<Service | null> | null = null;
  let run = 0;

  const search = async (q: string) => {
    const mine = ++run;
    hits = [];
    chosen = -1;
    draw();
    list.replaceChildren();
    steps.hidden = true;
    if (!q) { count.textContent = ''; keepQueryInAddress(''); return; }
    count.textContent = pick('正在检索…', 'Searching…');
    service ??= findService(reader);
    const found = await service;
    let result: Hit[] | string;
    try {
      result = found ? await fetchHits(found, q) : pick('本书没有检索服务。', 'This item offers no search.');
    } catch {
      result = pick('检索失败，请稍后再试。', 'The search failed; try again later.');
    }
    if (mine !== run) return; // a newer search has started
    if (typeof result === 'string') { count.textContent = result; return; }
    hits = result;
    const pages = new Set(hits.map((h) => h.order)).size;
    count.textContent = pick(`${hits.length} 处，在 ${pages} 页`, `${hits.length} hits on ${pages} pages`);
    hits.forEach((h, i) => list.append(hitItem(h, i, q)));
    steps.hidden = hits.length === 0;
    keepQueryInAddress(q);
    // The first hit of the page shown (arriving from a hit of the search page), else the book's first hit.
    const here = hits.findIndex((h) => h.order === reader.current());
    choose(here >= 0 ? here : 0);
  };

  const hitItem = (h: Hit, i: number, q: string) => {
    const li = document.createElement('li');
    li.dataset.page = String(h.order);
    li.dataset.hit = String(i);
    const a = document.createElement('a');
    a.href = `/items/${reader.item}/p/${h.order}${queryString(q)}`;
    const where = document.createElement('span');
    where.className = 'hit-page';
    where.textContent = pick(`第 ${h.label} 页`, `Page ${h.label}`);
    const snippet = document.createElement('span');
    snippet.className = 'snippet';
    snippet.lang = document.getElementById('page-text')?.lang ?? 'zh';
    const mark = document.createElement('mark');
    mark.textContent = h.exact;
    snippet.append(h.prefix, mark, h.suffix);
    a.append(where, ' ', snippet);
    li.append(a);
    return li;
  };

  const choose = (i: number) => {
    if (i < 0 || i >= hits.length) return;
    chosen = i;
    list.querySelectorAll('a[aria-current]').forEach((a) => a.removeAttribute('aria-current'));
    list.querySelector(`li[data-hit="${i}"] a`)?.setAttribute('aria-current', 'true');
    position.textContent = pick(`第 ${i + 1} / ${hits.length} 处`, `Hit ${i + 1} of ${hits.length}`);
    if (hits[i].order === reader.current()) draw();
    else reader.turnTo(hits[i].order); // the boxes are drawn when its image opens
  };

  const draw = () => {
    removeBoxes(reader.viewer, HIT);
    const order = reader.current();
    hits.forEach((h, i) => {
      if (h.order !== order) return;
      for (const box of h.boxes) drawBox(reader.viewer, box, i === chosen ? `${HIT} current` : HIT);
    });
    // Stepping through the hits while zoomed in: the view follows the current one.
    if (hits[chosen]?.order === order) bringIntoView(reader.viewer, hits[chosen].boxes);
    markText();
  };
  // The same hits in the page's transcription; again whenever a page turn brings that page's text.
  const markText = () => {
    const text = document.getElementById('page-text');
    if (Number(text?.dataset.page) !== reader.current()) return; // the turned page's text is still on its way
    markTextHits(text, hits.flatMap((h, i) => (h.order === reader.current() ? [{ prefix: h.prefix, exact: h.exact, current: i === chosen }] : [])));
  };
  const panel = document.getElementById('page-text')?.parentElement;
  if (panel) new MutationObserver(markText).observe(panel, { childList: true });
  reader.onPageOpen(() => {
    // A page turned by other means than the hit buttons: its first hit becomes the current one.
    if (chosen >= 0 && hits[chosen]?.order !== reader.current()) {
      const first = hits.findIndex((h) => h.order === reader.current());
      if (first >= 0) { choose(first); return; }
    }
    draw();
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void search(input.value.trim());
  });
  list.addEventListener('click', (e) => {
    const li = (e.target as Element).closest<HTMLElement>('li[data-hit]');
    if (!li || (e as MouseEvent).ctrlKey || (e as MouseEvent).metaKey || (e as MouseEvent).shiftKey) return;
    e.preventDefault();
    e.stopPropagation(); // the reader's own page-link handling would turn the page without choosing the hit
    choose(Number(li.dataset.hit));
  });
  steps.addEventListener('click', (e) => {
    const step = Number((e.target as Element).closest<HTMLButtonElement>('button[data-step]')?.dataset.step);
    if (!step || hits.length === 0) return;
    choose((Math.max(chosen, 0) + step + hits.length) % hits.length);
  });

  if (input.value.trim()) void search(input.value.trim());
}

/** The search-related part of the address: q, and the simplified-characters choice if made. */
function queryString(q: string): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (new URLSearchParams(window.location.search).get('script') === 'simplified') params.set('script', 'simplified');
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The address keeps the query, so that a reload or a shared link shows the same hits (and turning pages keeps it). */
function keepQueryInAddress(q: string): void {
  const url = window.location.pathname + queryString(q);
  if (url !== window.location.pathname + window.location.search) window.history.replaceState(window.history.state, '', url);
}

interface Service { url: string; canvases: Map<string, { order: number; label: string }> }

/** The manifest's SearchService2 and its canvases (by id: the page order and label). */
async function findService(reader: Reader): Promise<Service | null> {
  const r = await fetch(`/iiif/presentation/${reader.item}/manifest`, { headers: { Accept: 'application/ld+json, application/json' } });
  if (!r.ok) return null;
  const manifest = await r.json();
  const services: { id?: string; type?: string }[] = manifest.service ?? [];
  const search = services.find((s) => s.type === 'SearchService2');
  if (!search?.id) return null;
  const canvases = new Map<string, { order: number; label: string }>();
  (manifest.items ?? []).forEach((c: { id: string; label?: Record<string, string[]> }, i: number) => {
    const label = c.label ? Object.values(c.label)[0]?.[0] : undefined;
    // The canvases are the pages with an image, in the order the viewer has them.
    if (i < reader.orders.length) canvases.set(c.id, { order: reader.orders[i], label: label ?? String(reader.orders[i]) });
  });
  return { url: search.id, canvases };
}

/** Every hit of the query, following a paged answer's `next`: its page, snippet and boxes. */
async function fetchHits(service: Service, q: string): Promise<Hit[] | string> {
  const boxes = new Map<string, { canvas: string; box: Box | null }>();
  const hits: Hit[] = [];
  let url: string | undefined = `${service.url}?q=${encodeURIComponent(q)}`;
  for (let n = 0; url && n < MaxResponses; n++) {
    const r = await fetch(url, { headers: { Accept: 'application/ld+json, application/json' } });
    if (r.status === 400) return (await r.text()).trim().slice(0, 300); // the bilingual message for a bad query, shown as text
    if (!r.ok) throw new Error(String(r.status));
    const page: SearchPage = await r.json();
    for (const a of page.items ?? []) {
      if (typeof a.id !== 'string' || typeof a.target !== 'string') continue;
      boxes.set(a.id, { canvas: a.target.split('#')[0], box: parseBox(a.target) });
    }
    for (const h of page.annotations?.flatMap((p) => p.items ?? []) ?? []) {
      const parts = (Array.isArray(h.target) ? h.target : [h.target]) as { source?: string; selector?: unknown }[];
      const quote = parts.map((p) => (Array.isArray(p?.selector) ? p.selector[0] : p?.selector) as { prefix?: string; exact?: string; suffix?: string } | undefined)[0];
      const targets = parts.map((p) => boxes.get(p?.source ?? '')).filter((t) => t !== undefined);
      const canvas = targets[0] ? service.canvases.get(targets[0].canvas) : undefined;
      if (!canvas) continue;
      hits.push({
        order: canvas.order,
        label: canvas.label,
        prefix: quote?.prefix ?? '',
        exact: quote?.exact ?? '',
        suffix: quote?.suffix ?? '',
        boxes: targets.filter((t) => t.canvas === targets[0].canvas).map((t) => t.box).filter((b): b is Box => b !== null),
      });
    }
    const next: string | { id: string } | undefined = page.next;
    url = typeof next === 'string' ? next : next?.id;
  }
  return hits;
}

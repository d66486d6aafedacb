// Adding exhibits: by identifier (item and page), or from a search of the collection (each page hit has an "add" button).
import { bi } from './workshop-text';

export type AddExhibit = (item: string, page: number) => Promise<void>;

interface PageHit { itemId: string; page: number; label: string; title: string }

export function startAdding(add: AddExhibit): void {
  const byId = document.getElementById('add-by-id') as HTMLFormElement | null;
  byId?.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const item = (byId.elements.namedItem('item') as HTMLInputElement).value.trim();
    const page = Number((byId.elements.namedItem('page') as HTMLInputElement).value);
    if (item && page >= 1) void add(item, page);
  });

  const search = document.getElementById('add-search') as HTMLFormElement | null;
  const results = document.getElementById('search-results');
  search?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!results) return;
    const q = (search.elements.namedItem('q') as HTMLInputElement).value.trim();
    if (!q) return;
    results.replaceChildren();
    const r = await fetch(`/api/search?q=${encodeURIComponent(q)}&size=10`).catch(() => null);
    const hits: PageHit[] = r?.ok ? ((await r.json()).pageHits ?? []) : [];
    if (hits.length === 0) {
      const li = document.createElement('li');
      li.textContent = bi('没有找到。', 'Nothing found.');
      results.append(li);
      return;
    }
    for (const h of hits) {
      const li = document.createElement('li');
      const text = document.createElement('span');
      text.textContent = `${h.title} · ${h.itemId} · ${bi(`第 ${h.label} 页`, `page ${h.label}`)}`;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.textContent = bi('加入', 'Add');
      button.setAttribute('aria-label', `${bi('加入', 'Add')}: ${h.itemId} ${bi(`第 ${h.label} 页`, `page ${h.label}`)}`);
      button.addEventListener('click', () => void add(h.itemId, h.page));
      li.append(text, ' ', button);
      results.append(li);
    }
  });
}

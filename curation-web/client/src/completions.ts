// Completions as the researcher types (/api/search/suggest), each a link to its search with its page count.
// The newest answer wins: an answer to older input is dropped. Down arrow moves from the box into the list,
// up and down move through it, Escape goes back to the box. The part typed is marked in each completion.
import { markedNodes, type Highlight } from './highlight';
import { lang } from './language';

/** One completion of GET /api/search/suggest (QyHeritage.Search.Api.Completion). */
interface Completion { text: string; pages: number; highlights: Highlight[] }

/** GET /api/search/suggest (QyHeritage.Search.Api.SuggestResponse). */
interface SuggestResponse { query: string; suggestions: Completion[] }

export function startCompletions(box: HTMLInputElement, list: HTMLUListElement): void {
  let timer: number | undefined;
  let asked = '';

  box.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const q = box.value.trim();
      asked = q;
      if (!q) { list.replaceChildren(); return; }
      const r = await fetch('/api/search/suggest?size=8&q=' + encodeURIComponent(q));
      if (!r.ok || asked !== q) return;
      const answer = (await r.json()) as SuggestResponse;
      list.replaceChildren(...answer.suggestions.map(item));
    }, 150);
  });

  const links = () => Array.from(list.querySelectorAll<HTMLAnchorElement>('a'));
  box.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links().length > 0) { e.preventDefault(); links()[0].focus(); }
  });
  list.addEventListener('keydown', (e) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); all[Math.min(at + 1, all.length - 1)].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); if (at === 0) box.focus(); else all[at - 1].focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); box.focus(); }
  });
}

function item(s: Completion): HTMLLIElement {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = '/search?q=' + encodeURIComponent(s.text);
  a.replaceChildren(...markedNodes(s));
  const count = document.createElement('span');
  count.className = 'count';
  if (lang() === 'en') {
    count.textContent = ` ${s.pages} pages`;
  } else {
    const en = document.createElement('span');
    en.lang = 'en';
    en.textContent = 'pages';
    count.append(` ${s.pages} 页 `, en);
  }
  li.append(a, count);
  return li;
}

// Bilingual text for the tour pages' live messages: 简体中文 first, then the English marked lang="en".
// Everything a pupil typed is set as text (textContent), never as markup.

export function bi(zh: string, en: string): DocumentFragment {
  const f = document.createDocumentFragment();
  f.append(zh + ' ');
  const span = document.createElement('span');
  span.lang = 'en';
  span.className = 'en';
  span.textContent = en;
  f.append(span);
  return f;
}

export function say(el: Element | null, zh: string, en: string): void {
  if (!el) return;
  el.replaceChildren(bi(zh, en));
  if (el instanceof HTMLElement) el.hidden = false;
}

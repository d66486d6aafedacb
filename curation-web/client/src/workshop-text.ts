// Text the workshop's scripts write, in the page's language: Chinese then English (as the Bi component renders), or
// English alone on an English page. Always set as text, never as markup.
import { lang } from './language';

export function bi(zh: string, en: string): string {
  return lang() === 'en' ? en : `${zh} ${en}`;
}

/** Says something to screen readers through the editor's live region (and leaves it visible to tests). */
export function announce(message: string): void {
  const live = document.getElementById('announce');
  if (!live) return;
  live.textContent = '';
  // A fresh text node each time, so that the same message said twice is announced twice.
  window.setTimeout(() => { live.textContent = message; }, 30);
}

/** A time from the API as the reader's local date and time. */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}

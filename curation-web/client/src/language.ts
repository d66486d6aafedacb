// The interface language the server rendered the page in (<html lang>): "en" or "zh".
export function lang(): 'en' | 'zh' {
  return document.documentElement.lang === 'en' ? 'en' : 'zh';
}

/** One string in the page's language, for text the script writes (labels, announcements). */
export function pick(zh: string, en: string): string {
  return lang() === 'en' ? en : zh;
}

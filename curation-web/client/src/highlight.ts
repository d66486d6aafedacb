// Text with ranges to mark, as the JSON API sends snippets and completions: plain text plus [start, length] ranges
// in UTF-16 code units (the units of a JavaScript string). The nodes are text nodes and <mark> elements made here,
// so text from the index or the query can never become markup.

/** One range to mark (QyHeritage.Search.Queries.Highlight). */
export interface Highlight { start: number; length: number }

/** Text and its ranges (QyHeritage.Search.Queries.Snippet). */
export interface MarkedText { text: string; highlights: Highlight[] }

/** The text as nodes: the ranges in <mark>, the rest as text; ranges out of order or past the end are clipped. */
export function markedNodes({ text, highlights }: MarkedText): Node[] {
  const nodes: Node[] = [];
  let at = 0;
  for (const h of highlights) {
    const from = Math.min(Math.max(h.start, at), text.length);
    const to = Math.min(Math.max(h.start + h.length, from), text.length);
    if (from > at) nodes.push(document.createTextNode(text.slice(at, from)));
    if (to > from) {
      const mark = document.createElement('mark');
      mark.textContent = text.slice(from, to);
      nodes.push(mark);
    }
    at = to;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

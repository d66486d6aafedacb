// Marks the search hits of the page shown inside its transcription (#page-text): the characters Content Search matched,
// found by the hit's exact text and, among several places with that text, the one whose preceding text best matches
// the hit's prefix; wrapped in <mark class="text-hit"> (the current hit also `current`). White space and line breaks
// between the page's lines are not part of the comparison, so a hit spanning two lines is still found.

export interface TextHit { prefix: string; exact: string; current: boolean }

const MARK = 'text-hit';

export function markTextHits(container: HTMLElement | null, hits: TextHit[]): void {
  if (!container) return;
  container.querySelectorAll(`mark.${MARK}`).forEach((m) => m.replaceWith(...Array.from(m.childNodes)));
  container.normalize();
  if (hits.length === 0) return;

  // The page's characters without white space, each with the text node and offset it came from.
  const at: { node: Text; offset: number }[] = [];
  let flat = '';
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (n.parentElement?.closest('.meta')) continue;
    for (let i = 0; i < n.data.length; i++) {
      if (/\s/.test(n.data[i])) continue;
      flat += n.data[i];
      at.push({ node: n, offset: i });
    }
  }

  const taken = new Set<number>();
  const pieces: { node: Text; start: number; end: number; current: boolean; order: number }[] = [];
  for (const hit of hits) {
    const exact = hit.exact.replace(/\s+/g, '');
    const prefix = hit.prefix.replace(/\s+/g, '');
    if (!exact) continue;
    let best = -1, bestScore = -1;
    for (let i = flat.indexOf(exact); i >= 0; i = flat.indexOf(exact, i + 1)) {
      if (taken.has(i)) continue;
      let score = 0;
      while (score < prefix.length && score < i && flat[i - 1 - score] === prefix[prefix.length - 1 - score]) score++;
      if (score > bestScore) { best = i; bestScore = score; }
    }
    if (best < 0) continue; // not in this text (e.g. shown in simplified characters)
    for (let k = best; k < best + exact.length; k++) taken.add(k);
    // One piece per text node the hit crosses.
    for (let k = best; k < best + exact.length;) {
      const { node, offset } = at[k];
      let end = k;
      while (end + 1 < best + exact.length && at[end + 1].node === node) end++;
      pieces.push({ node, start: offset, end: at[end].offset + 1, current: hit.current, order: k });
      k = end + 1;
    }
  }
  // Last piece first: wrapping splits a text node after the piece, so the offsets of earlier pieces stay true.
  pieces.sort((a, b) => b.order - a.order);
  for (const p of pieces) {
    const range = document.createRange();
    range.setStart(p.node, p.start);
    range.setEnd(p.node, p.end);
    const mark = document.createElement('mark');
    mark.className = p.current ? `${MARK} current` : MARK;
    range.surroundContents(mark);
  }
}

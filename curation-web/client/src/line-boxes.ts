// Selecting a line of the text beside the image (a click, the keyboard's focus, or a text selection in it) draws that
// line's box on the page image, where the OCR alignment placed it (the server writes it as data-box="x,y,w,h").
import { drawBox, parseBox, removeBoxes } from './page-boxes';
import type { Reader } from './reader-api';

const LINE = 'line-box';

export function startLineBoxes(reader: Reader): void {
  const panel = document.querySelector<HTMLElement>('.page-text-panel');
  if (!panel) return;
  let selected: HTMLElement | null = null;

  const show = (line: HTMLElement | null) => {
    if (line === selected && line?.classList.contains('selected')) return;
    selected?.classList.remove('selected');
    removeBoxes(reader.viewer, LINE);
    selected = line;
    const box = parseBox(line?.dataset.box);
    // The text is that of the page shown: #page-text is replaced when the page turns, so a stale line draws nothing.
    const text = line?.closest<HTMLElement>('#page-text');
    if (!line || !box || Number(text?.dataset.page) !== reader.current()) return;
    line.classList.add('selected');
    drawBox(reader.viewer, box, LINE);
  };
  const lineOf = (node: Node | null) =>
    (node instanceof Element ? node : node?.parentElement)?.closest<HTMLElement>('#page-text .line[data-box]') ?? null;

  panel.addEventListener('click', (e) => show(lineOf(e.target as Node)));
  panel.addEventListener('focusin', (e) => { const line = lineOf(e.target as Node); if (line) show(line); });
  document.addEventListener('selectionchange', () => {
    const line = lineOf(document.getSelection()?.anchorNode ?? null);
    if (line) show(line);
  });
  reader.onPageOpen(() => {
    const line = selected;
    selected = null;
    show(line && line.isConnected ? line : null);
  });
}

// A curator's transcription of one page (/workshop/transcriptions/{item}/{page}): load a .txt file into the text area,
// save it as a new version of the item (PUT /api/workshop/items/{item}/pages/{page}/transcription), and say the outcome:
// saved (with how much of it the OCR bears out and links on), or the server's bilingual refusal (stale, empty, too large).
import { call, type Refusal } from './workshop-api';
import { bi } from './workshop-text';

interface Saved { itemId: string; page: number; version: number; characters: number; confirmed: number; aligned: boolean; readingRoom: string }

/** The largest file read into the text area (the server takes 256 KB of text; a bigger file is not a transcription). */
const MaxFileBytes = 256 * 1024;

const root = document.getElementById('transcribe');
if (root) startTranscribing(root);

function startTranscribing(root: HTMLElement): void {
  const form = document.getElementById('transcribe-form') as HTMLFormElement;
  const text = document.getElementById('transcription-text') as HTMLTextAreaElement;
  const file = document.getElementById('transcription-file') as HTMLInputElement;
  const save = document.getElementById('transcription-save') as HTMLButtonElement;
  const state = document.getElementById('transcription-state')!;
  let version = Number(root.dataset.version);

  const say = (kind: 'saved' | 'problem' | 'busy', message: string, link?: { href: string; label: string }) => {
    state.dataset.state = kind;
    state.replaceChildren(document.createTextNode(message));
    if (link) {
      const a = document.createElement('a');
      a.href = link.href;
      a.textContent = link.label;
      state.append(' ', a);
    }
  };

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    if (chosen.size > MaxFileBytes) {
      say('problem', bi(`文件过大（${Math.ceil(chosen.size / 1024)} KB，上限 256 KB）。`, `The file is too large (${Math.ceil(chosen.size / 1024)} KB; at most 256 KB).`));
      return;
    }
    // Decoded strictly: a file in another encoding (GBK, Big5) would otherwise arrive as replacement characters.
    try {
      text.value = new TextDecoder('utf-8', { fatal: true }).decode(await chosen.arrayBuffer());
      say('busy', bi(`已载入 ${chosen.name}，核对后保存。`, `Loaded ${chosen.name}; check it, then save.`));
    } catch {
      say('problem', bi('文件不是 UTF-8 文本，请另存为 UTF-8 后再载入。', 'The file is not UTF-8 text: save it as UTF-8 and load it again.'));
    }
    text.focus();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true;
    say('busy', bi('正在保存…', 'Saving…'));
    const url = `/api/workshop/items/${encodeURIComponent(root.dataset.item ?? '')}/pages/${encodeURIComponent(root.dataset.page ?? '')}/transcription`;
    const answer = await call<Saved | Refusal>('PUT', url, { text: text.value, version });
    save.disabled = false;
    if (answer.ok) {
      const saved = answer.body as Saved;
      version = saved.version;
      const share = saved.aligned
        ? bi(`识读印证 ${saved.confirmed} / ${saved.characters} 字。`, `${saved.confirmed} of ${saved.characters} characters borne out by the OCR.`)
        : bi(`共 ${saved.characters} 字（本页无识读文字，不标字框）。`, `${saved.characters} characters (the page has no OCR, so no character boxes).`);
      say('saved', `${bi(`已保存为第 ${saved.version} 版。`, `Saved as version ${saved.version}.`)} ${share}`,
        { href: saved.readingRoom, label: bi('在阅览室查看', 'See it in the reading room') });
      return;
    }
    if (answer.status === 0) { say('problem', bi('无法连接服务器，转录未保存；请稍后再试。', 'The server could not be reached; nothing was saved. Try again shortly.')); return; }
    const refusal = answer.body as Refusal | null;
    say('problem', refusal ? bi(refusal.errorZh, refusal.errorEn) : bi(`保存失败（${answer.status}）。`, `Saving failed (${answer.status}).`));
  });
}

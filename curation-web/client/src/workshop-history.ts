// The exhibition's history (every saved version, who and when) and restoring one as a new version.
import { call, exhibitionUrl, type Version } from './workshop-api';
import { bi, when } from './workshop-text';

export function startHistory(id: string, restored: () => Promise<void>, beforeRestore: () => Promise<boolean>): { refresh(): Promise<void> } {
  const details = document.getElementById('history') as HTMLDetailsElement | null;
  const list = document.getElementById('history-list');

  async function refresh(): Promise<void> {
    if (!details?.open || !list) return;
    const r = await call<{ versions: Version[] }>('GET', `${exhibitionUrl(id)}/history`);
    if (!r.ok) return;
    list.replaceChildren(...r.body.versions.slice().reverse().map((v) => {
      const li = document.createElement('li');
      li.value = v.version;
      const text = document.createElement('span');
      text.textContent = `${bi('第', 'v')}${v.version}${bi(' 版', '')} · ${v.userName} · ${when(v.created)} · ${v.message}${v.published ? ' · ' + bi('已发布', 'published') : ''}`;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.textContent = bi('恢复', 'Restore');
      button.setAttribute('aria-label', `${bi('恢复第', 'Restore version')} ${v.version}${bi(' 版', '')}`);
      button.addEventListener('click', async () => {
        if (!(await beforeRestore())) return;
        const done = await call('POST', `${exhibitionUrl(id)}/restore`, { version: v.version });
        if (done.ok) { await restored(); await refresh(); }
      });
      li.append(text, ' ', button);
      return li;
    }));
  }

  details?.addEventListener('toggle', () => void refresh());
  return { refresh };
}

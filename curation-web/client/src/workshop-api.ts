// The workshop's calls to /api/workshop: JSON in and out, the anti-forgery header on every state change (fetched once
// from /api/account/antiforgery), and the answer's status kept so that callers can act on 409 and 400.
export interface Bi { zh: string; en: string }
export interface Region { x: number; y: number; w: number; h: number }
export type QuestionKind = 'single' | 'multiple' | 'short';
export interface Question { kind: QuestionKind; prompt: Bi; choices?: Bi[]; answers?: number[]; modelAnswer?: Bi }
export interface NewerItemVersion { exhibitId: string; item: string; pinned: number; current: number }
export interface Exhibit {
  id: string; item: string; page: number; region?: Region | null; label: Bi; text?: Bi | null;
  questions?: Question[] | null; source?: unknown;
}
export interface Section { id: string; title: Bi; text?: Bi | null; exhibits: Exhibit[] }
export interface Exhibition {
  format: string; id: string; title: Bi; subtitle?: Bi | null; introduction?: Bi | null; hall: string;
  cover?: string | null; sections: Section[]; published?: unknown;
}
export interface Problem { path: string; zh: string; en: string }
export interface EditState {
  exhibition: Exhibition; revision: string; headVersion: number; fromDraft: boolean; changedBy: string; changedAt: string;
  publishedVersion: number | null; publishedAt: string | null;
  newerItemVersions: NewerItemVersion[];
}
export interface Saved {
  revision: string; headVersion: number; fromDraft: boolean; changedBy: string; changedAt: string;
  publishedVersion: number | null; problems: Problem[]; newerItemVersions: NewerItemVersion[];
}
export interface Conflict {
  errorZh: string; errorEn: string; changedBy: string; changedAt: string; revision: string; fromDraft: boolean; exhibition: Exhibition;
}
export interface Refusal { error: string; errorZh: string; errorEn: string; problems?: Problem[] }
export interface Version { version: number; created: string; userName: string; message: string; published: boolean }

export interface Answer<T> { status: number; ok: boolean; body: T }

let token: Promise<{ headerName: string; token: string }> | null = null;

function antiforgery(): Promise<{ headerName: string; token: string }> {
  token ??= fetch('/api/account/antiforgery', { credentials: 'same-origin' }).then((r) => r.json());
  return token;
}

/** One call; the body is JSON (or null for 204). Network failures come back as status 0. */
export async function call<T>(method: string, url: string, body?: unknown, keepalive = false): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    const t = await antiforgery();
    headers[t.headerName] = t.token;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const text = body === undefined ? undefined : JSON.stringify(body);
  // A request that outlives the page (keepalive) may carry at most 64 KiB; a larger one is sent as usual.
  keepalive = keepalive && (text?.length ?? 0) < 60_000;
  try {
    const r = await fetch(url, { method, headers, body: text, credentials: 'same-origin', keepalive });
    const answer = await r.text();
    return { status: r.status, ok: r.ok, body: (answer ? JSON.parse(answer) : null) as T };
  } catch {
    return { status: 0, ok: false, body: null as T };
  }
}

export const exhibitionUrl = (id: string) => `/api/workshop/exhibitions/${encodeURIComponent(id)}`;

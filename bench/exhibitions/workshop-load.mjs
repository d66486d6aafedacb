// The workshop under load (issue 14), against a running host: signs curators in through the real form, then
//  1. publishes an exhibition of 60 exhibits (3 sections × 20, regions on real pages): the time of the autosave, the
//     version and the publish, and the bytes each adds to the OCFL object (read from the data folder);
//  2. CURATORS curators autosave at once, each its own exhibition, for SECONDS: PUT …/draft latencies (p50/p95/p99);
//     the peer in the same run: the same curators saving OCFL versions (POST …/versions) the same way.
// Usage: node workshop-load.mjs BASE DATA PASSWORD CURATORS SECONDS   (users bench-0 … bench-N made by bench/exhibitions.sh)
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const [base, data, password, curatorsArg = '20', secondsArg = '10'] = process.argv.slice(2);
const curators = Number(curatorsArg), seconds = Number(secondsArg);

class Session {
  constructor(name) { this.name = name; this.cookies = new Map(); this.headers = {}; }
  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  keep(r) { for (const c of r.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); this.cookies.set(kv.slice(0, i), kv.slice(i + 1)); } }
  async fetch(url, init = {}) {
    const r = await fetch(base + url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), ...this.headers, Cookie: this.cookieHeader() } });
    this.keep(r);
    return r;
  }
  async signIn() {
    const form = await (await this.fetch('/account/signin')).text();
    const token = /name="__RequestVerificationToken" value="([^"]+)"/.exec(form)[1].replaceAll('&#x2B;', '+').replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=');
    const r = await this.fetch('/account/signin', { method: 'POST', body: new URLSearchParams({ __RequestVerificationToken: token, userName: this.name, password }) });
    if (r.status !== 302) throw new Error(`sign-in of ${this.name}: ${r.status}`);
    const t = await (await this.fetch('/api/account/antiforgery')).json();
    this.headers[t.headerName] = t.token;
  }
  async json(method, url, body) {
    const r = await this.fetch(url, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: body === undefined ? {} : { 'Content-Type': 'application/json' } });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }
}

async function bytesUnder(dir) {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await bytesUnder(p) : (await stat(p)).size;
  }
  return total;
}

const pages = [];
for (const item of (await (await fetch(`${base}/api/items`)).json()).items) {
  const detail = await (await fetch(`${base}/api/items/${item.id}`)).json();
  for (const p of detail.pages) if (p.thumbnail) pages.push({ item: item.id, page: p.order, w: p.width, h: p.height });
}
if (pages.length === 0) throw new Error('no pages with images');

function exhibition(id, sections, perSection, salt = '') {
  let n = 0;
  return {
    format: 'qy-exhibition/1', id, title: { zh: `基准展览 ${id}`, en: `Benchmark ${id}` }, hall: 'beijiang-gallery', cover: null,
    introduction: { zh: '北江流域的文献。'.repeat(20), en: 'Documents of the North River basin. '.repeat(10) },
    sections: Array.from({ length: sections }, (_, s) => ({
      id: `s${s + 1}`, title: { zh: `第${s + 1}单元`, en: `Section ${s + 1}` }, text: { zh: '单元说明。'.repeat(30), en: 'Section text. '.repeat(20) },
      exhibits: Array.from({ length: perSection }, () => {
        const p = pages[n % pages.length]; n++;
        return {
          id: `x${n}`, item: p.item, page: p.page,
          region: { x: Math.floor(p.w / 4), y: Math.floor(p.h / 4), w: Math.floor(p.w / 2), h: Math.floor(p.h / 2) },
          label: { zh: `展品 ${n}${salt}：${p.item} 第 ${p.page} 页`, en: `Exhibit ${n}${salt}: ${p.item} page ${p.page}` },
          text: { zh: '说明文字，讲述这一页的来历与意义。'.repeat(15), en: 'A text on where this page comes from and why it matters. '.repeat(6) },
        };
      }),
    })),
  };
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN; };
const f1 = (x) => x.toFixed(1);

// 1. Sixty exhibits: autosave, version, publish, five rounds (each with a changed label, so each writes).
const owner = new Session('bench-0');
await owner.signIn();
const sixty = 'bench-sixty';
const objectDir = path.join(data, 'store', 'ocfl', `exhibitions.${sixty}`);
let r = await owner.json('POST', '/api/workshop/exhibitions', { id: sixty, title: { zh: '六十件展品', en: 'Sixty exhibits' }, hall: 'beijiang-gallery' });
if (r.status !== 201) throw new Error(`create: ${r.status} ${JSON.stringify(r.body)}`);
let revision = r.body.revision;
console.log('### Publishing an exhibition of 60 exhibits (3 sections × 20), five rounds\n');
console.log('| round | JSON bytes | autosave ms | save version ms | version bytes written | publish ms | publish bytes written |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (let round = 1; round <= 5; round++) {
  const e = exhibition(sixty, 3, 20, round === 1 ? '' : `（第${round}轮）`);
  const json = Buffer.byteLength(JSON.stringify(e));
  let t0 = process.hrtime.bigint();
  r = await owner.json('PUT', `/api/workshop/exhibitions/${sixty}/draft`, { base: revision, exhibition: e });
  const draftMs = ms(t0);
  if (r.status !== 200) throw new Error(`draft: ${r.status} ${JSON.stringify(r.body)}`);
  let before = await bytesUnder(objectDir);
  t0 = process.hrtime.bigint();
  r = await owner.json('POST', `/api/workshop/exhibitions/${sixty}/versions`, { base: r.body.revision, exhibition: e });
  const versionMs = ms(t0);
  if (r.status !== 200) throw new Error(`version: ${r.status} ${JSON.stringify(r.body)}`);
  const versionBytes = (await bytesUnder(objectDir)) - before;
  before = await bytesUnder(objectDir);
  t0 = process.hrtime.bigint();
  r = await owner.json('POST', `/api/workshop/exhibitions/${sixty}/publish`, { base: r.body.revision });
  const publishMs = ms(t0);
  if (r.status !== 200) throw new Error(`publish: ${r.status} ${JSON.stringify(r.body)}`);
  const publishBytes = (await bytesUnder(objectDir)) - before;
  revision = r.body.revision;
  console.log(`| ${round} | ${json} | ${f1(draftMs)} | ${f1(versionMs)} | ${versionBytes} | ${f1(publishMs)} | ${publishBytes} |`);
}
const story = await fetch(`${base}/exhibitions/${sixty}`);
console.log(`\nThe story page of the 60 exhibits: ${story.status}, ${Buffer.byteLength(await story.text())} bytes of HTML.`);

// 2. Many curators at once, each on its own exhibition of 10 exhibits.
const sessions = [];
for (let i = 1; i <= curators; i++) {
  const s = new Session(`bench-${i}`);
  await s.signIn();
  const id = `bench-c${i}`;
  const made = await s.json('POST', '/api/workshop/exhibitions', { id, title: { zh: `策展人 ${i}`, en: `Curator ${i}` }, hall: 'tea-pavilion' });
  if (made.status !== 201) throw new Error(`create ${id}: ${made.status}`);
  s.exhibitionId = id;
  s.revision = made.body.revision;
  sessions.push(s);
}

async function storm(kind) {
  const latencies = [];
  let errors = 0, n = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(sessions.map(async (s) => {
    while (Date.now() < until) {
      const e = exhibition(s.exhibitionId, 2, 5, `·${++n}`);
      const t0 = process.hrtime.bigint();
      const res = kind === 'draft'
        ? await s.json('PUT', `/api/workshop/exhibitions/${s.exhibitionId}/draft`, { base: s.revision, exhibition: e })
        : await s.json('POST', `/api/workshop/exhibitions/${s.exhibitionId}/versions`, { base: s.revision, exhibition: e });
      latencies.push(ms(t0));
      if (res.status === 200) s.revision = res.body.revision; else errors++;
      await new Promise((done) => setTimeout(done, 200)); // a curator's pause between autosaves
    }
  }));
  return { latencies, errors };
}

console.log(`\n### ${curators} curators saving at once for ${seconds} s (each its own exhibition of 10 exhibits, 200 ms between saves)\n`);
console.log('| what | saves | saves/s | p50 ms | p95 ms | p99 ms | max ms | errors |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [kind, label] of [['draft', 'autosave (PUT …/draft: one blob)'], ['versions', 'peer: save version (POST …/versions: one OCFL version)']]) {
  const { latencies, errors } = await storm(kind);
  console.log(`| ${label} | ${latencies.length} | ${f1(latencies.length / seconds)} | ${f1(pct(latencies, 0.5))} | ${f1(pct(latencies, 0.95))} | ${f1(pct(latencies, 0.99))} | ${f1(Math.max(...latencies))} | ${errors} |`);
}

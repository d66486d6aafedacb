// Bundles the pages' TypeScript and CSS into ../wwwroot/dist with fingerprinted names, and writes
// dist/manifest.json ({"app.js": "app-3F2A….js", …}) that the pages' layout reads to link them.
// The names change with the content, so the host serves them as immutable for a year.
// Before bundling, `tsc --noEmit` checks the types (esbuild only strips them): a type error fails the build.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(here, '..', 'wwwroot', 'dist');

// The package exports no bin path: its package.json is exported, and bin/tsc sits beside it.
const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
// The hall client (immersive/webxr) is bundled by this same build and checked with its own tsconfig (WebXR types).
const hallClient = path.join(here, '..', '..', 'immersive', 'webxr');
for (const project of [here, hallClient]) {
  const check = spawnSync(process.execPath, [tsc, '--noEmit', '-p', path.join(project, 'tsconfig.json')], { stdio: 'inherit' });
  if (check.status !== 0) {
    console.error(`tsc --noEmit found type errors in ${path.relative(path.join(here, '..', '..'), project)} (see above)`);
    process.exit(1);
  }
}

// The old fingerprinted files go: only what the manifest names is ever served.
await rm(outdir, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: {
    app: 'src/app.ts',
    reader: 'src/reader.ts',
    workshop: 'src/workshop.ts',
    'tour-pupil': 'src/tour-pupil.ts',
    'tour-guide': 'src/tour-guide.ts',
    site: 'styles/site.css',
    // The hall page (/halls/{exhibition}) and its service worker (served as /halls/hall-sw.js, self-contained).
    hall: '../../immersive/webxr/src/hall.ts',
    'hall-page': '../../immersive/webxr/styles/hall.css',
    'hall-sw': '../../immersive/webxr/src/hall-sw.ts',
    // The hall page's 360° panoramas (Features/Halls/HallPanoramas.razor); src/panorama-viewer.ts is the viewer itself.
    panorama: 'src/panorama-page.ts',
    'panorama-style': 'styles/panorama.css',
  },
  bundle: true,
  format: 'esm',
  splitting: true,
  target: ['es2020'],
  minify: true,
  sourcemap: 'linked',
  entryNames: '[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  outdir,
  metafile: true,
  logLevel: 'warning',
});

const manifest = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!output.entryPoint || file.endsWith('.map')) continue;
  const name = path.basename(file);
  const logical = name.replace(/-[A-Z0-9]{8}(\.\w+)$/, '$1');
  manifest[logical] = path.relative(outdir, path.join(here, file)).split(path.sep).join('/');
}
await writeFile(path.join(outdir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

// Brotli and gzip beside each built script and style sheet (the host sends the one the browser accepts): compressed
// once here at the highest levels, not per request. The reader's script is ~350 kB as built and about a third of that as brotli.
for (const file of Object.keys(result.metafile.outputs)) {
  if (!/\.(js|css)$/.test(file)) continue;
  const bytes = await readFile(path.join(here, file));
  await writeFile(path.join(here, file + '.br'), brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  await writeFile(path.join(here, file + '.gz'), gzipSync(bytes, { level: 9 }));
}

// Test only: bundles IWER (npm `iwer`, the Immersive Web Emulation Runtime) into one classic script that installs an
// emulated Meta Quest 3 with stereo views as `navigator.xr` (forceInstall: Chromium's own navigator.xr offers no
// immersive-vr). The browser tests add it to a page as an init script; the hall page itself never loads it.
// Usage: node immersive/webxr/tools/iwer-runtime.mjs OUT.js
import * as esbuild from 'esbuild';

import path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
if (!out) throw new Error('usage: iwer-runtime.mjs OUT.js');
const here = path.dirname(fileURLToPath(import.meta.url));
await esbuild.build({
  stdin: {
    contents: `import { XRDevice, metaQuest3 } from 'iwer';
const device = new XRDevice(metaQuest3, { stereoEnabled: true });
device.installRuntime({ forceInstall: true });
window.qyXrDevice = device;`,
    resolveDir: here,
    loader: 'js',
  },
  bundle: true,
  format: 'iife',
  target: ['es2020'],
  outfile: out,
  logLevel: 'warning',
});

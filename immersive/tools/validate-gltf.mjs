// Validates GLB files with the Khronos glTF validator (npm gltf-validator) and prints one JSON report per file.
// Usage: node immersive/tools/validate-gltf.mjs FILE.glb [...]
// Exit code 0 when every file has no errors and no warnings, 1 otherwise.
import { readFile } from 'node:fs/promises';
import validator from 'gltf-validator';

let clean = true;
for (const file of process.argv.slice(2)) {
  const bytes = new Uint8Array(await readFile(file));
  const report = await validator.validateBytes(bytes, { maxIssues: 50, externalResourceFunction: () => Promise.reject(new Error('external resources are not allowed')) });
  const { numErrors, numWarnings, numInfos, messages } = report.issues;
  console.log(JSON.stringify({ file, numErrors, numWarnings, numInfos, messages: messages.slice(0, 20), info: report.info && { drawCallCount: report.info.drawCallCount, totalTriangleCount: report.info.totalTriangleCount, extensionsUsed: report.info.extensionsUsed } }));
  if (numErrors > 0 || numWarnings > 0) clean = false;
}
process.exit(clean ? 0 : 1);

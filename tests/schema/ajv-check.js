#!/usr/bin/env node
// Validates the samples with an independent JSON Schema validator (ajv, draft 2020-12)
// against the schema printed by `kyojin schema` (file given as argv[2]).
// Every samples/*.json must be accepted. Every samples/invalid/*.json must be rejected,
// except those named in samples/invalid/kyojin-only.txt (errors JSON Schema cannot
// express: check digit, unique ids, references), which ajv must accept — so the list
// stays exact. Prints one line per case and a closing "N passed, N failed".
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

const root = path.resolve(__dirname, '..', '..');
const schemaFile = process.argv[2];
if (!schemaFile) {
  console.error('usage: ajv-check.js SCHEMA.json');
  process.exit(2);
}
let passed = 0, failed = 0;
function result(ok, name, detail) {
  if (ok) passed++; else failed++;
  console.log((ok ? 'ok   ' : 'FAIL ') + name + (detail ? ' — ' + detail : ''));
}

const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const ajv = new Ajv2020({ strict: true, allErrors: true, strictRequired: false, allowUnionTypes: true });
ajv.addVocabulary(['enumDescriptions']);
addFormats(ajv);
let validate;
try {
  validate = ajv.compile(schema);
  result(true, 'schema compiles under draft 2020-12 (strict)');
} catch (e) {
  result(false, 'schema compiles under draft 2020-12 (strict)', e.message);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(1);
}
result(schema.$schema === 'https://json-schema.org/draft/2020-12/schema', 'schema declares draft 2020-12');

const dir = path.join(root, 'samples');
const valid = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
result(valid.length >= 9, `at least 9 valid samples (found ${valid.length})`);
for (const f of valid) {
  const ok = validate(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  result(ok, `valid samples/${f}`, ok ? '' : ajv.errorsText(validate.errors).slice(0, 400));
}

const inv = path.join(dir, 'invalid');
const kyojinOnly = new Set(fs.readFileSync(path.join(inv, 'kyojin-only.txt'), 'utf8')
  .split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
const invalid = fs.readdirSync(inv).filter((f) => f.endsWith('.json')).sort();
for (const name of kyojinOnly) {
  result(invalid.includes(name + '.json'), `kyojin-only.txt names an existing sample: ${name}`);
}
for (const f of invalid) {
  const name = f.replace(/\.json$/, '');
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(path.join(inv, f), 'utf8'));
  } catch (e) {
    // Not JSON at all: the parser rejects it before any schema.
    result(!kyojinOnly.has(name), `invalid samples/invalid/${f} is not even JSON`);
    continue;
  }
  const ok = validate(doc);
  if (kyojinOnly.has(name)) {
    result(ok, `kyojin-only samples/invalid/${f} passes JSON Schema (only kyojin rejects it)`,
           ok ? '' : ajv.errorsText(validate.errors).slice(0, 300));
  } else {
    result(!ok, `invalid samples/invalid/${f} rejected by JSON Schema`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

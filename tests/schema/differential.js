#!/usr/bin/env node
// Differential test: seeded random mutations of the valid samples are judged by
// kyojin.validate (through tests/schema/batch.lua) and by ajv with the JSON Schema printed
// by `kyojin schema` (argv[2]). The two must agree, except where kyojin rejects for a rule
// JSON Schema cannot express (unique ids, references, check digit, policy ids, waiver
// subjects) — then ajv must accept and every kyojin error must be of those kinds.
// Usage: node tests/schema/differential.js SCHEMA.json [CASES]   (default 600 cases)
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

const root = path.resolve(__dirname, '..', '..');
const schema = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const total = Number(process.argv[3] || 600);
const ajv = new Ajv2020({ strict: true, allErrors: false, strictRequired: false, allowUnionTypes: true });
ajv.addVocabulary(['enumDescriptions']);
addFormats(ajv);
const validate = ajv.compile(schema);

// Errors only kyojin can find (their `expected.en` starts like this).
const KYOJIN_ONLY = [/^an id unique in the declaration/, /^the id of a declared /, /^check digit /,
  /^a JSON pointer to a part of this declaration/, /^the id of a policy in the policy set/];

let seed = 20261123;
function rnd() { // mulberry32
  seed = (seed + 0x6D2B79F5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];

function paths(v, p, out) {
  out.push(p);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, p.concat([i]), out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k], p.concat([k]), out);
  return out;
}
function get(v, p) { for (const k of p) v = v[k]; return v; }

const OTHER = ['x', '', 7, -1, 0, 0.5, 1e6, true, false, null, {}, [], 'CVE-2024-1', '2026-02-29',
  '2028-02-29', 'terminal', 'lgwan', 'daas', 'a'.repeat(300), 'ST-01', '/assets/0', '/nowhere'];

function mutate(doc) {
  const all = paths(doc, [], []).filter((p) => p.length > 0);
  const p = pick(all);
  const parent = get(doc, p.slice(0, -1));
  const key = p[p.length - 1];
  const op = Math.floor(rnd() * 5);
  if (op === 0 && !Array.isArray(parent)) { delete parent[key]; return 'delete ' + p.join('/'); }
  if (op === 1 && !Array.isArray(parent)) { parent['zz_' + key] = 1; return 'add zz_' + key; }
  if (op === 2 && Array.isArray(parent)) { parent.push(JSON.parse(JSON.stringify(parent[0]))); return 'dup ' + p.join('/'); }
  if (op === 3 && typeof parent[key] === 'boolean') { parent[key] = !parent[key]; return 'flip ' + p.join('/'); }
  const v = JSON.parse(JSON.stringify(pick(OTHER)));
  parent[key] = v;
  return 'set ' + p.join('/') + ' = ' + JSON.stringify(v).slice(0, 20);
}

const samples = fs.readdirSync(path.join(root, 'samples')).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(root, 'samples', f), 'utf8')));
const cases = [];
for (let i = 0; i < total; i++) {
  const doc = JSON.parse(JSON.stringify(samples[i % samples.length]));
  const what = [mutate(doc)];
  if (rnd() < 0.3) what.push(mutate(doc));
  cases.push({ doc, what });
}
const input = cases.map((c) => JSON.stringify(c.doc)).join('\n') + '\n';
const out = execFileSync(process.env.LUA || 'lua5.4', [path.join(__dirname, 'batch.lua')],
  { input, maxBuffer: 64 << 20 }).toString().split('\n');

let passed = 0, failed = 0, rejected = 0, kyojinOnly = 0;
cases.forEach((c, i) => {
  const [verdict, detail] = out[i].split('\t');
  const kyojinOk = verdict === 'ok';
  const ajvOk = validate(c.doc);
  if (!kyojinOk) rejected++;
  let agree = kyojinOk === ajvOk;
  if (!agree && !kyojinOk && ajvOk) {
    const kinds = (detail || '').split('\x1f');
    agree = kinds.every((k) => KYOJIN_ONLY.some((re) => re.test(k)));
    if (agree) kyojinOnly++;
  }
  if (agree) passed++;
  else {
    failed++;
    console.log(`FAIL case ${i} (${c.what.join('; ')}): kyojin ${verdict}${detail ? ' [' + detail.split('\x1f').join(' | ') + ']' : ''}, ` +
      `ajv ${ajvOk ? 'ok' : 'err ' + ajv.errorsText(validate.errors).slice(0, 200)}`);
  }
});
console.log(`differential: ${total} mutations, ${rejected} rejected by kyojin, ${kyojinOnly} of them by kyojin-only rules`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

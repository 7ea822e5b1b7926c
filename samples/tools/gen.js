#!/usr/bin/env node
// Writes the sample declarations under samples/ and the invalid ones under
// samples/invalid/ (deterministic: the same files on every run).
// The single source of the bundled samples: samples/*.json are committed data, and
// tests/schema/run.sh checks that they are what this script writes. They are hand-designed
// bodies (each shows one model or one gap, described in samples/README.md), not synthetic
// ones: synthetic declarations in any number come from `kyojin gen` (core/rollup/gen.c), the
// one generator of those, used by the tests and by bench/gen.sh.
// Run: node samples/tools/gen.js          (write the files)
//      node samples/tools/gen.js --check  (exit 1 if any written file would change)
'use strict';
const fs = require('fs');
const path = require('path');
const L = require('./lib');
const { base } = require('./base');
const bodies = require('./bodies');
const invalid = require('./invalid');
const { stringify } = require('./pos');

const out = path.resolve(__dirname, '..');
const checkOnly = process.argv.includes('--check');
const stale = [];
function write(file, text) {
  if (checkOnly) {
    let old = null;
    try { old = fs.readFileSync(file, 'utf8'); } catch (e) { /* missing */ }
    if (old !== text) stale.push(path.relative(path.resolve(out, '..'), file));
  } else {
    fs.writeFileSync(file, text);
  }
}
const samples = { base: base(), minimal: invalid.minimal() };
for (const [name, fn] of Object.entries(bodies)) samples[name] = fn();
for (const [name, decl] of Object.entries(samples)) {
  write(path.join(out, name + '.json'), L.json(decl));
}

const dir = path.join(out, 'invalid');
if (!checkOnly) fs.mkdirSync(dir, { recursive: true });
const only = ['# Invalid samples that only kyojin rejects: JSON Schema cannot express the rule',
  '# (check digit, unique ids, references, policy ids, waiver subjects). Written by tools/gen.js.'];
const index = [];
for (const c of invalid.cases) {
  let doc;
  if (c.replace) doc = c.replace();
  else { doc = invalid.minimal(); c.mutate(doc); }
  const { text, positions } = stringify(doc);
  const file = 'samples/invalid/' + c.name + '.json';
  write(path.join(dir, c.name + '.json'), text);
  const lines = c.errors.map(([pointer, msg]) => {
    const p = positions[pointer === null ? '' : pointer];
    if (!p) throw new Error(c.name + ': no position for ' + pointer);
    const where = pointer === null ? '' : (pointer === '' ? '(root): ' : pointer + ': ');
    return `${file}:${p[0]}:${p[1]}: ${where}${msg}`;
  });
  write(path.join(dir, c.name + '.expected.en'), lines.join('\n') + '\n');
  if (c.kyojinOnly) only.push(c.name);
  index.push(`| \`${c.name}\` | ${c.about} |${c.kyojinOnly ? ' only kyojin |' : ' |'}`);
}
write(path.join(dir, 'kyojin-only.txt'), only.join('\n') + '\n');
// The table of invalid samples in samples/README.md, between its markers.
const readme = path.join(out, 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const begin = '<!-- invalid samples: begin (written by tools/gen.js) -->\n';
const end = '<!-- invalid samples: end -->';
const a = text.indexOf(begin), b = text.indexOf(end);
if (a < 0 || b < a) throw new Error('samples/README.md: markers of the invalid-sample table not found');
const table = '| sample | what it shows | rejected by |\n|---|---|---|\n' +
  index.map((l) => l.replace(/ \| only kyojin \|$/, ' | kyojin only |').replace(/ \| \|$/, ' | kyojin and JSON Schema |')).join('\n') + '\n';
write(readme, text.slice(0, a + begin.length) + table + text.slice(b));
if (checkOnly) {
  for (const f of stale) console.log('stale: ' + f + ' (run node samples/tools/gen.js)');
  process.exit(stale.length ? 1 : 0);
}
console.log(Object.keys(samples).length + ' samples and ' + invalid.cases.length + ' invalid samples written');

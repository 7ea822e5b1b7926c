#!/usr/bin/env node
// Writes the sample declarations under samples/ and the invalid ones under
// samples/invalid/ (deterministic: the same files on every run).
// Run: node samples/tools/gen.js
'use strict';
const fs = require('fs');
const path = require('path');
const L = require('./lib');
const { base } = require('./base');
const bodies = require('./bodies');
const invalid = require('./invalid');
const { stringify } = require('./pos');

const out = path.resolve(__dirname, '..');
const samples = { base: base(), minimal: invalid.minimal() };
for (const [name, fn] of Object.entries(bodies)) samples[name] = fn();
for (const [name, decl] of Object.entries(samples)) {
  fs.writeFileSync(path.join(out, name + '.json'), L.json(decl));
}

const dir = path.join(out, 'invalid');
fs.mkdirSync(dir, { recursive: true });
const only = ['# Invalid samples that only kyojin rejects: JSON Schema cannot express the rule',
  '# (check digit, unique ids, references, policy ids, waiver subjects). Written by tools/gen.js.'];
const index = [];
for (const c of invalid.cases) {
  let doc;
  if (c.replace) doc = c.replace();
  else { doc = invalid.minimal(); c.mutate(doc); }
  const { text, positions } = stringify(doc);
  const file = 'samples/invalid/' + c.name + '.json';
  fs.writeFileSync(path.join(dir, c.name + '.json'), text);
  const lines = c.errors.map(([pointer, msg]) => {
    const p = positions[pointer === null ? '' : pointer];
    if (!p) throw new Error(c.name + ': no position for ' + pointer);
    const where = pointer === null ? '' : (pointer === '' ? '(root): ' : pointer + ': ');
    return `${file}:${p[0]}:${p[1]}: ${where}${msg}`;
  });
  fs.writeFileSync(path.join(dir, c.name + '.expected.en'), lines.join('\n') + '\n');
  if (c.kyojinOnly) only.push(c.name);
  index.push(`| \`${c.name}\` | ${c.about} |${c.kyojinOnly ? ' only kyojin |' : ' |'}`);
}
fs.writeFileSync(path.join(dir, 'kyojin-only.txt'), only.join('\n') + '\n');
fs.writeFileSync(path.join(__dirname, 'invalid-index.md'), index.join('\n') + '\n');
console.log(Object.keys(samples).length + ' samples and ' + invalid.cases.length + ' invalid samples written');

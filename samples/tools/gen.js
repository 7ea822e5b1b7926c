#!/usr/bin/env node
// Writes the sample declarations under samples/ (deterministic: the same files on every
// run). Run: node samples/tools/gen.js
'use strict';
const fs = require('fs');
const path = require('path');
const L = require('./lib');
const { base } = require('./base');
const bodies = require('./bodies');

const out = path.resolve(__dirname, '..');
const samples = { base: base() };
for (const [name, fn] of Object.entries(bodies)) samples[name] = fn();

for (const [name, decl] of Object.entries(samples)) {
  fs.writeFileSync(path.join(out, name + '.json'), L.json(decl));
}
console.log(Object.keys(samples).length + ' samples written');

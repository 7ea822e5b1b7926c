// web/assemble.js — build tool of `make web`: puts build/kyojin.html together from
// web/page.html, its styles and scripts, the engine (emscripten's factory and its wasm,
// base64) and the editor's data (the schema as JSON from web/schema_json.lua, the samples).
// Everything is inlined: the page makes no request but for itself (docs/dev/web.md).
//   node web/assemble.js ENGINE.js SCHEMA.json OUT.html
'use strict';
const fs = require('fs');
const path = require('path');

const [engineJs, schemaJson, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node web/assemble.js ENGINE.js SCHEMA.json OUT.html');
  process.exit(2);
}
const web = __dirname;
const root = path.join(web, '..');
const read = (p) => fs.readFileSync(p, 'utf8');

// text inside <script>: a JSON value with '<' escaped cannot end the element
const scriptJson = (v) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
function scriptText(name, text) {
  if (/<\/script/i.test(text) || /<!--/.test(text)) throw new Error(`${name}: contains </script or <!--`);
  return text;
}

const wasm = fs.readFileSync(engineJs.replace(/\.js$/, '.wasm'));
const workerSrc = read(engineJs) + '\n' + read(path.join(web, 'worker.js'));

// the samples a user can load (samples/*.json; the invalid ones are not offered)
const sampleDir = path.join(root, 'samples');
const samples = {};
for (const f of fs.readdirSync(sampleDir).sort())
  if (f.endsWith('.json')) samples[f] = read(path.join(sampleDir, f));

const data = {
  schema: JSON.parse(read(schemaJson)),
  samples,
};

let page = read(path.join(web, 'page.html'));
const parts = {
  CSS: `<style>\n${read(path.join(web, 'page.css'))}</style>`,
  WASM: `<script type="application/octet-stream" id="kyojin-wasm">${wasm.toString('base64')}</script>`,
  SCRIPTS: [
    `<script>var KYOJIN_WORKER_SRC = ${scriptJson(workerSrc)};\nvar KYOJIN_DATA = ${scriptJson(data)};</script>`,
    `<script>\n${scriptText('engine.js', read(path.join(web, 'engine.js')))}</script>`,
    `<script>\n${scriptText('editor.js', read(path.join(web, 'editor.js')))}</script>`,
  ].join('\n'),
};
page = page.replace(/<!--KYOJIN:(\w+)-->/g, (m, k) => {
  if (!(k in parts)) throw new Error(`page.html: unknown part ${k}`);
  return parts[k];
});
const tmp = out + '.tmp';
fs.writeFileSync(tmp, page);
fs.renameSync(tmp, out);
console.log(`${out}: ${page.length} characters, ${Buffer.byteLength(page)} bytes (wasm ${wasm.length} bytes)`);

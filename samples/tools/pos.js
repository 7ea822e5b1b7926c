// Pretty-prints JSON exactly as JSON.stringify(value, null, 2) does and records, for every
// JSON pointer, its line and column (1-based, in characters) as kyojin reports them: an
// object member at the opening quote of its key, an array element and the root at the
// first character of the value.
// A second, independent implementation of kyojin's positions (core/input/decl.c), kept on
// purpose: the expected positions of samples/invalid/*.expected* must not come from the code
// they test.
'use strict';

function stringify(value) {
  const positions = {};
  let out = '';
  let line = 1, col = 1;
  function emit(s) {
    for (const ch of s) {
      if (ch === '\n') { line++; col = 1; } else { col++; }
    }
    out += s;
  }
  function tok(k) { return String(k).replace(/~/g, '~0').replace(/\//g, '~1'); }
  function walk(v, pointer, indent, at) {
    positions[pointer] = at || [line, col];
    if (Array.isArray(v)) {
      if (v.length === 0) return emit('[]');
      emit('[\n');
      v.forEach((x, i) => {
        emit(indent + '  ');
        walk(x, pointer + '/' + i, indent + '  ');
        emit(i < v.length - 1 ? ',\n' : '\n');
      });
      return emit(indent + ']');
    }
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v).filter((k) => v[k] !== undefined);
      if (keys.length === 0) return emit('{}');
      emit('{\n');
      keys.forEach((k, i) => {
        emit(indent + '  ');
        const at = [line, col];
        emit(JSON.stringify(k) + ': ');
        walk(v[k], pointer + '/' + tok(k), indent + '  ', at);
        emit(i < keys.length - 1 ? ',\n' : '\n');
      });
      return emit(indent + '}');
    }
    emit(JSON.stringify(v));
  }
  walk(value, '', '');
  out += '\n';
  if (out !== JSON.stringify(value, null, 2) + '\n') throw new Error('pos.js disagrees with JSON.stringify');
  return { text: out, positions };
}

module.exports = { stringify };

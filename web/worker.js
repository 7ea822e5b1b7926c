/* worker.js — the Web Worker that runs kyojin (docs/dev/web.md). Its source is this file after
 * the emscripten factory createKyojin (build/web/kyojin-engine.js), made into a Blob by
 * web/engine.js, so it works from file://.
 *
 * Each command line runs in a fresh instance of the compiled module (handed over by the page),
 * with the files it reads written into the instance's memory file system, exactly as
 * `kyojin ARGS` runs in a fresh process: main() of core/cli/main.c, standard output and error
 * captured byte for byte. While it runs, the page is told which policy is being evaluated
 * (web/watchdog_web.c); the page ends this worker when the time limit passes. */
/* global createKyojin */
'use strict';
var kyojinWasm = null;

self.onmessage = function (e) {
  var m = e.data;
  if (m.type === 'init') {
    kyojinWasm = m.module;
    return;
  }
  if (m.type === 'run') runOnce(m);
};

function dirname(p) {
  var i = p.lastIndexOf('/');
  return i > 0 ? p.slice(0, i) : '';
}

function runOnce(m) {
  var out = [];
  var err = [];
  var watch = {
    phase: function (p, npolicies) {
      self.postMessage({ type: 'phase', id: m.id, phase: p, policies: npolicies });
    },
    policy: function (index, policy) {
      self.postMessage({ type: 'policy', id: m.id, index: index, policy: policy });
      return (m.skips && m.skips[index]) || null;
    },
    failure: function () {
      return m.failure || null;
    },
  };
  createKyojin({
    noInitialRun: true,
    kyojinWatch: watch,
    print: function () {},
    printErr: function () {},
    instantiateWasm: function (imports, done) {
      WebAssembly.instantiate(kyojinWasm, imports).then(function (inst) {
        done(inst, kyojinWasm);
      });
      return {};
    },
    preRun: [
      function (M) {
        M.FS.init(
          function () {
            return null;
          },
          function (c) {
            if (c !== null) out.push(c & 255);
          },
          function (c) {
            if (c !== null) err.push(c & 255);
          }
        );
        /* no installation directory: the policies and the Lua runtime come from the bundle */
        M.ENV.KYOJIN_HOME = '/kyojin';
        if (m.env) Object.keys(m.env).forEach(function (k) { M.ENV[k] = m.env[k]; });
      },
    ],
  }).then(function (M) {
    var FS = M.FS;
    var code;
    var crash = null;
    try {
      FS.mkdirTree('/work');
      FS.chdir('/work');
      Object.keys(m.files || {}).forEach(function (name) {
        var full = name.charAt(0) === '/' ? name : '/work/' + name;
        FS.mkdirTree(dirname(full));
        FS.writeFile(full, m.files[name]);
      });
      code = M.callMain(m.args);
    } catch (x) {
      crash = String((x && (x.stack || x.message)) || x);
    }
    var files = {};
    (m.outputs || []).forEach(function (name) {
      try {
        files[name] = FS.readFile(name.charAt(0) === '/' ? name : '/work/' + name);
      } catch (x) {
        /* not written */
      }
    });
    self.postMessage({
      type: 'done',
      id: m.id,
      code: code,
      crash: crash,
      stdout: new Uint8Array(out),
      stderr: new TextDecoder().decode(new Uint8Array(err)),
      files: files,
    });
  }, function (x) {
    self.postMessage({ type: 'done', id: m.id, crash: String((x && x.message) || x) });
  });
}

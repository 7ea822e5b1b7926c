/* engine.js — the page's side of the engine (docs/dev/web.md): compiles the inlined
 * WebAssembly once, runs kyojin command lines in a Web Worker, and is the browser's
 * counterpart of the command line's watchdog (core/engine/watchdog.c): when a run takes longer
 * than the time limit (--timeout, 10 s by default, per declaration attempt), the worker is
 * terminated, the policy that was running is named from the worker's messages, and the run
 * is repeated in a fresh worker with that policy reported as `error` (評価エラー); after
 * three such policies the rest of the declaration is not evaluated, as on the command line.
 *
 * window.kyojin.check(text, name, options) resolves to the result document that
 * `kyojin check NAME --format json` prints for the same file and options.
 * window.kyojin.run(args, files, opts) runs any command line: {code, stdout (bytes), stderr,
 * files}. */
/* global KYOJIN_WORKER_SRC */
(function () {
  'use strict';
  var DEFAULT_TIMEOUT = 10; /* seconds, as WATCHDOG_DEFAULT_TIMEOUT */
  var MAX_FAILURES = 3; /* as WATCHDOG_MAX_FAILURES */
  var modulePromise = null;
  var workerUrl = null;
  var idle = null; /* a started worker waiting for work */
  var nextId = 1;
  var queue = Promise.resolve();
  var policyCount = 0; /* the policy set's size, told by the worker */

  function wasmModule() {
    if (!modulePromise) {
      var b64 = document.getElementById('kyojin-wasm').textContent.replace(/\s+/g, '');
      var bin = atob(b64);
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      modulePromise = WebAssembly.compile(bytes);
    }
    return modulePromise;
  }

  function newWorker(mod) {
    if (!workerUrl)
      workerUrl = URL.createObjectURL(new Blob([KYOJIN_WORKER_SRC], { type: 'text/javascript' }));
    var w = new Worker(workerUrl);
    w.postMessage({ type: 'init', module: mod });
    return w;
  }

  function takeWorker() {
    return wasmModule().then(function (mod) {
      var w = idle || newWorker(mod);
      idle = null;
      return w;
    });
  }

  /* One attempt: resolves {done: message} or {timedOut, policy index, phase}. */
  function attempt(w, msg, timeout) {
    return new Promise(function (resolve) {
      var current = -1;
      var phase = 0;
      var timer = timeout > 0 ? setTimeout(function () {
        w.onmessage = null;
        w.terminate();
        resolve({ timedOut: true, index: current, phase: phase });
      }, timeout * 1000) : null;
      w.onmessage = function (e) {
        var m = e.data;
        if (m.id !== msg.id) return;
        if (m.type === 'phase') {
          phase = m.phase;
          if (m.policies) policyCount = m.policies;
        }
        else if (m.type === 'policy') current = m.index;
        else if (m.type === 'done') {
          if (timer) clearTimeout(timer);
          w.onmessage = null;
          resolve({ done: m, index: current, phase: phase });
        }
      };
      w.onerror = function (ev) {
        if (timer) clearTimeout(timer);
        w.onmessage = null;
        w.terminate();
        resolve({ crashed: String((ev && ev.message) || 'worker error'), index: current, phase: phase });
      };
      w.postMessage(msg);
    });
  }

  function why(r, timeout) {
    if (r.timedOut)
      return 'wall-clock limit exceeded (' + timeout + ' s per declaration; see --timeout)';
    return r.index >= 0 && r.phase === 1
      ? 'the policy crashed the interpreter (' + r.crashed + ')'
      : 'the evaluation process crashed (' + r.crashed + ')';
  }

  /* Run one command line to its end, replacing the worker after a failure. */
  function runNow(args, files, opts) {
    var timeout = opts.timeout === undefined ? DEFAULT_TIMEOUT : opts.timeout;
    var skips = {};
    var failures = 0;
    var failure = null;
    function again() {
      return takeWorker().then(function (w) {
        var msg = {
          type: 'run', id: nextId++, args: args, files: files, outputs: opts.outputs || [],
          env: opts.env || null, skips: skips, failure: failure,
        };
        return attempt(w, msg, timeout).then(function (r) {
          if (r.done && !r.done.crash) {
            idle = w;
            var d = r.done;
            return { code: d.code, stdout: d.stdout, stderr: d.stderr, files: d.files };
          }
          if (r.done) {
            r.crashed = r.done.crash;
            w.terminate();
          }
          if (opts.onFailure) opts.onFailure(r);
          var reason = why(r, timeout);
          if (r.index < 0 || r.phase !== 1 || skips[r.index] || failure) {
            if (failure) throw new Error(reason);
            failure = 'the declaration could not be evaluated: ' + reason;
            return again();
          }
          skips[r.index] = reason;
          if (++failures >= MAX_FAILURES) {
            var rest = 'not evaluated: ' + failures +
              ' policies of this declaration already exceeded the limits';
            for (var i = r.index + 1; i < policyCount; i++)
              if (!skips[i]) skips[i] = rest;
          }
          return again();
        });
      });
    }
    return again();
  }

  function run(args, files, opts) {
    var p = queue.then(function () {
      return runNow(args, files || {}, opts || {});
    });
    queue = p.catch(function () {});
    return p;
  }

  /* The command line of `kyojin check NAME` for these options. */
  function checkArgs(name, options) {
    var o = options || {};
    var a = ['check', name, '--format', o.format || 'json'];
    if (o.lang) a.push('--lang', o.lang);
    if (o.as_of) a.push('--as-of', o.as_of);
    if (o.no_risk) a.push('--no-risk');
    if (o.csv_table) a.push('--csv-table', o.csv_table);
    if (o.timestamp) a.push('--timestamp');
    if (o.max_instructions) a.push('--max-instructions', String(o.max_instructions));
    if (o.max_memory) a.push('--max-memory', String(o.max_memory));
    if (o.timeout !== undefined) a.push('--timeout', String(o.timeout));
    var params = o.params || {};
    Object.keys(params).forEach(function (k) {
      a.push('--param', k + '=' + (typeof params[k] === 'string' ? params[k] : JSON.stringify(params[k])));
    });
    return a.concat(o.args || []);
  }


  function checkFull(text, name, options) {
    var o = options || {};
    var args = checkArgs(name, o);
    var files = {};
    files[name] = text;
    var outputs = [];
    if (o.output) {
      args.push('-o', o.output);
      outputs.push(o.output);
    }
    var t0 = performance.now();
    return run(args, files, { timeout: o.timeout, outputs: outputs, onFailure: o.onFailure })
      .then(function (r) {
        r.ms = performance.now() - t0;
        r.text = new TextDecoder().decode(r.stdout);
        return r;
      });
  }

  window.kyojin = {
    run: run,
    checkFull: checkFull,
    check: function (text, name, options) {
      return checkFull(text, name, options).then(function (r) {
        return r.text;
      });
    },
    /* start compiling and a worker at once, so the first check does not wait for it */
    warm: function () {
      return takeWorker().then(function (w) {
        if (!idle) idle = w;
      });
    },
  };
})();

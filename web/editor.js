/* editor.js — the declaration editor of the page (docs/dev/web.md).
 *
 * Owns: the form generated from the one schema (lua/kyojin/schema.lua, as JSON in
 * KYOJIN_DATA.schema): sections in the order a municipality thinks, fields with the schema's
 * Japanese (or English) texts, enumerations as choices, booleans as はい/いいえ/不明, lists with
 * add/duplicate/remove, references as choices of the declared ids; validation as you type by
 * the command line's own validator (kyojin check in the worker; its messages carry the JSON
 * pointer of each error); the report view; templates, samples, opening, saving, autosave.
 * Does not own: running kyojin (web/engine.js), any rule about a declaration (the schema and
 * the validator say what is valid, the policies what complies). */
/* global KYOJIN_DATA */
(function () {
  'use strict';
  var S = KYOJIN_DATA.schema;
  var K = window.kyojin;
  var STORE = 'kyojin.declaration.v1';

  /* ------------------------------------------------------------------ words of the page */
  var W = {
    title: ['kyojin 構成申告の点検', 'kyojin — check a declaration'],
    intro: ['構成申告を記入し、コマンド行の kyojin と同じ判定で点検します。入力した内容はこのパソコンのブラウザの中だけに保存され、外部へは送信されません。',
      'Fill in the declaration and check it with the same verdicts as the kyojin command line. What you enter stays in this browser on this computer; nothing is sent anywhere.'],
    newDecl: ['新しく作る', 'New'], model: ['モデル', 'model'], open: ['ファイルを開く', 'Open file'],
    sample: ['見本を読み込む', 'Load a sample'], choose: ['（選んでください）', '(choose)'],
    save: ['申告を保存', 'Save declaration'], check: ['点検する', 'Check'],
    clear: ['消去', 'Clear'], clearAsk: ['このブラウザに保存した申告を消去します。よろしいですか。', 'Clear the declaration kept in this browser?'],
    lang: ['English', '日本語'], fileName: ['ファイル名', 'File name'],
    yes: ['はい', 'yes'], no: ['いいえ', 'no'], unknown: ['不明', 'unknown'],
    add: ['追加', 'Add'], dup: ['複製', 'Duplicate'], remove: ['削除', 'Remove'],
    addPart: ['この項目を記入する', 'Fill in this part'], removePart: ['この項目を削除', 'Remove this part'],
    required: ['必須', 'required'], none: ['（なし）', '(none)'],
    needed: ['ポリシーが必要とする項目ですが、記入されていません', 'The policies need this field, but it is empty'],
    neededList: ['ポリシーが必要とする未記入の項目', 'Empty fields the policies need'],
    errors: ['申告の誤り', 'Errors in the declaration'], noErrors: ['申告の形式に誤りはありません。', 'The declaration is well-formed.'],
    checking: ['確認しています…', 'Checking…'], running: ['点検しています…', 'Checking…'],
    live: ['現在の判定', 'Current verdict'],
    report: ['点検結果', 'Result'], dl: ['ダウンロード', 'Download'],
    dlHtml: ['報告書（HTML）', 'Report (HTML)'], dlJson: ['結果（JSON）', 'Result (JSON)'],
    dlCsv: ['表（CSV）', 'Tables (CSV)'], dlXlsx: ['ワークブック（XLSX）', 'Workbook (XLSX)'],
    noReport: ['「点検する」を押すと、ここに報告書が表示されます。', 'Press “Check” to see the report here.'],
    notJson: ['このファイルは申告（JSON）として読めません', 'This file cannot be read as a declaration (JSON)'],
    saved: ['このブラウザに自動保存しました', 'Saved in this browser'],
    items: ['件', 'items'], item: ['項目', 'item'], otherSections: ['その他', 'Other'],
    compliant: ['準拠', 'compliant'], notCompliant: ['非準拠', 'not compliant'],
    goField: ['この項目へ', 'Go to field'], pass: ['適合', 'pass'], fail: ['不適合', 'fail'],
    warn: ['推奨未達', 'warn'], error: ['評価エラー', 'error'], na: ['対象外', 'n/a'],
    timeLimit: ['時間の上限を超えたポリシーは評価エラーとして報告し、続きを点検しています…', 'A policy exceeded the time limit; it is reported as an error and the check goes on…'],
  };
  var lang = 'ja';
  function w(k) {
    return W[k][lang === 'en' ? 1 : 0];
  }
  function tx(o) {
    if (!o) return '';
    if (typeof o === 'string') return o;
    return (lang === 'en' ? o.en : o.ja) || o.ja || o.en || '';
  }

  /* ------------------------------------------------------------------ schema helpers */
  function resolve(node) {
    var n = node;
    while (n && n.t === 'def') n = S.defs[n.name];
    return n || {};
  }
  function enumValues(node) {
    var list = node.values || S.enums[node.enum] || [];
    return list.map(function (e) {
      return { value: e['0'] !== undefined ? e['0'] : e[0], ja: e['1'] || e[1], en: e['2'] || e[2] };
    });
  }
  /* The schema node of a JSON pointer into the declaration. */
  function nodeAt(ptr) {
    var n = resolve(ROOT);
    var parts = (ptr || '').split('/').slice(1).map(unesc);
    for (var i = 0; i < parts.length && n; i++) {
      if (n.t === 'array') n = resolve(n.items);
      else if (n.t === 'object') {
        var f = (n.fields || []).filter(function (x) { return x.name === parts[i]; })[0];
        n = f ? resolve(f.node) : null;
      } else n = null;
    }
    return n || {};
  }
  function fieldsOf(node) {
    return resolve(node).fields || [];
  }
  var ROOT = S.root;

  /* The sections, in the order a municipality thinks; root fields not named here go to その他. */
  var SECTIONS = [
    { id: 'body', ja: '団体情報', en: 'Body', fields: ['body'] },
    { id: 'model', ja: 'モデル', en: 'Model', fields: ['model', 'segment_boundary', 'zero_trust_pc'] },
    { id: 'assets', ja: '資産', en: 'Assets', fields: ['assets'] },
    { id: 'screen', ja: '画面転送', en: 'Screen transfer', fields: ['screen_transfer'] },
    { id: 'links', ja: 'データ連携', en: 'Data links', fields: ['data_links', 'cloud_accounts', 'removable_media'] },
    { id: 'mail', ja: 'メール・無害化', en: 'Mail and harmlessization', fields: ['mail', 'harmlessization'] },
    { id: 'contracts', ja: '契約・パッチ', en: 'Contracts and patches', fields: ['contracts', 'remote_maintenance', 'external_services'] },
    { id: 'vulns', ja: '脆弱性', en: 'Vulnerabilities', fields: ['vulnerabilities'] },
    { id: 'org', ja: '組織・体制', en: 'Organisation', fields: ['organisation', 'incident_response', 'edr_service', 'audits', 'telework', 'byod', 'web_conferencing', 'remote_access', 'e_application', 'attack_trees'] },
    { id: 'waivers', ja: '例外承認', en: 'Waivers', fields: ['waivers'] },
  ];
  (function placeTheRest() {
    var placed = {};
    SECTIONS.forEach(function (s) { s.fields.forEach(function (f) { placed[f] = 1; }); });
    var rest = ROOT.fields.filter(function (f) {
      return !placed[f.name] && f.name !== '$schema' && f.name !== 'schema';
    }).map(function (f) { return f.name; });
    if (rest.length) SECTIONS.push({ id: 'other', ja: 'その他', en: 'Other', fields: rest });
  })();
  function sectionOf(ptr) {
    var top = (ptr || '').split('/')[1] || 'body';
    for (var i = 0; i < SECTIONS.length; i++) if (SECTIONS[i].fields.indexOf(top) >= 0) return SECTIONS[i];
    return SECTIONS[0];
  }

  /* ------------------------------------------------------------------ the declaration */
  var doc = null;
  var fileName = '申告.json';
  var current = 'body';
  var errorsByPtr = {};
  var needed = {};
  var composing = false;

  function esc(p) {
    return String(p).replace(/~/g, '~0').replace(/\//g, '~1');
  }
  function unesc(p) {
    return p.replace(/~1/g, '/').replace(/~0/g, '~');
  }
  function get(ptr) {
    if (!ptr) return doc;
    var parts = ptr.split('/').slice(1).map(unesc);
    var v = doc;
    for (var i = 0; i < parts.length; i++) {
      if (v === null || typeof v !== 'object') return undefined;
      v = v[parts[i]];
    }
    return v;
  }
  function parentAndKey(ptr) {
    var parts = ptr.split('/').slice(1).map(unesc);
    var key = parts.pop();
    var v = doc;
    for (var i = 0; i < parts.length; i++) v = v[parts[i]];
    return [v, Array.isArray(v) ? +key : key];
  }
  function set(ptr, value) {
    var pk = parentAndKey(ptr);
    if (value === undefined) {
      if (Array.isArray(pk[0])) pk[0].splice(pk[1], 1);
      else delete pk[0][pk[1]];
    } else {
      pk[0][pk[1]] = value;
    }
    changed();
  }

  /* The text of the declaration: the keys in the schema's order (unknown keys after them),
   * two spaces of indentation, a final newline — what the command line reads. */
  function ordered(v, node) {
    var n = resolve(node);
    if (Array.isArray(v)) return v.map(function (x) { return ordered(x, n.items); });
    if (v === null || typeof v !== 'object') return v;
    var out = {};
    (n.fields || []).forEach(function (f) {
      if (Object.prototype.hasOwnProperty.call(v, f.name)) out[f.name] = ordered(v[f.name], f.node);
    });
    Object.keys(v).forEach(function (k) {
      if (!Object.prototype.hasOwnProperty.call(out, k)) out[k] = v[k];
    });
    return out;
  }
  function text() {
    return JSON.stringify(ordered(doc, ROOT), null, 2) + '\n';
  }

  function changed() {
    save();
    scheduleValidate();
  }
  function save() {
    try {
      localStorage.setItem(STORE, JSON.stringify({ name: fileName, text: text() }));
    } catch (e) {
      /* storage full or not allowed: the declaration stays in the page */
    }
  }

  function template(model) {
    var d = JSON.parse(KYOJIN_DATA.samples['minimal.json']);
    d.model = model;
    d.body = { contact: {} };
    d.assets = [];
    return d;
  }

  function load(t, name) {
    var d;
    try {
      d = JSON.parse(t);
    } catch (e) {
      alert(w('notJson') + ': ' + e.message);
      return false;
    }
    if (d === null || typeof d !== 'object' || Array.isArray(d)) {
      alert(w('notJson'));
      return false;
    }
    doc = d;
    if (name) fileName = name;
    current = 'body';
    needed = {};
    save();
    renderAll();
    validateNow();
    return true;
  }

  /* ------------------------------------------------------------------ DOM helpers */
  var uid = 0;
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    if (attrs)
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === undefined || v === null || v === false) return;
        if (k === 'text') e.textContent = v;
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : v);
      });
    (kids || []).forEach(function (c) {
      if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }
  function nextId() {
    return 'f' + ++uid;
  }

  /* ------------------------------------------------------------------ fields */
  function labelFor(f) {
    return tx({ ja: f.ja, en: f.en });
  }

  /* One field (f: {name, req, node, ja, en}) of the object at ptr. */
  function field(f, ptr) {
    var p = ptr + '/' + esc(f.name);
    var n = resolve(f.node);
    var v = get(p);
    var wrap = el('div', { class: 'field', 'data-ptr': p });
    if (n.t === 'const') {
      if (v === undefined) {
        var pk = parentAndKey(p);
        pk[0][pk[1]] = n.value;
      }
      return null;
    }
    var id = nextId();
    var head = el('div', { class: 'label' }, [
      el('label', { for: id, id: id + '-l', text: labelFor(f) || f.name }),
      f.req ? el('span', { class: 'req', text: w('required') }) : null,
      el('code', { class: 'key', text: f.name }),
    ]);
    var hint = n.format && S.formats[n.format] ? tx(S.formats[n.format].label) : (n.ja && n !== f.node ? tx(n) : '');
    var input;
    if (n.t === 'object' || n.t === 'array') {
      wrap.className = 'group';
      return group(f, p, n, v, wrap);
    }
    input = scalar(n, p, v, id, f);
    wrap.appendChild(head);
    wrap.appendChild(input);
    if (hint) wrap.appendChild(el('div', { class: 'hint', id: id + '-h', text: hint }));
    marks(wrap, p, id);
    return wrap;
  }

  function marks(wrap, p, id) {
    var errs = errorsByPtr[p];
    if (errs) {
      wrap.classList.add('has-error');
      errs.forEach(function (m) {
        wrap.appendChild(el('div', { class: 'err', id: id ? id + '-e' : null, text: m }));
      });
    }
    /* a needed field, or a part left out that holds needed fields */
    var below = get(p) === undefined ? Object.keys(needed).filter(function (k) { return k.indexOf(p + '/') === 0; }) : [];
    if (needed[p] || below.length) {
      wrap.classList.add('needed');
      var what = needed[p] ? [needed[p]] : below.map(function (k) { return k.slice(p.length + 1) + ': ' + needed[k]; });
      wrap.appendChild(el('div', { class: 'need', text: w('needed') + '（' + what.join('、') + '）' }));
    }
  }

  function scalar(n, p, v, id, f) {
    var described = id + '-h ' + id + '-e';
    if (n.t === 'boolean' || n.t === 'fact') return yesNo(n, p, v, id, f);
    if (n.t === 'enum' || n.t === 'ref') {
      var s = el('select', { id: id, 'aria-describedby': described });
      s.appendChild(el('option', { value: '', text: w('choose') }));
      choices(n).forEach(function (c) {
        s.appendChild(el('option', { value: c.value, text: c.label }));
      });
      if (v !== undefined && v !== null) {
        if (!choices(n).some(function (c) { return c.value === v; }))
          s.appendChild(el('option', { value: String(v), text: String(v) }));
        s.value = String(v);
      }
      s.addEventListener('change', function () {
        set(p, s.value === '' ? undefined : s.value);
        if (n.t === 'enum' && p === '/model') renderNav();
      });
      return s;
    }
    var isNum = n.t === 'integer' || n.t === 'number';
    var isDate = n.format === 'date';
    var long = n.t === 'string' && n.max && n.max > 300;
    var i = el(long ? 'textarea' : 'input', {
      id: id, type: long ? null : isDate ? 'date' : 'text', inputmode: isNum ? 'decimal' : null,
      maxlength: !isNum && n.max ? n.max : null, 'aria-describedby': described, rows: long ? 3 : null,
      autocomplete: 'off', spellcheck: 'false',
    });
    i.value = v === undefined || v === null ? '' : String(v);
    function commit() {
      var raw = i.value;
      var val;
      if (raw === '') val = n.nullable && f.req ? null : undefined;
      else if (isNum) val = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw.trim()) ? Number(raw.trim()) : raw;
      else val = raw;
      set(p, val);
    }
    i.addEventListener('compositionstart', function () { composing = true; });
    i.addEventListener('compositionend', function () { composing = false; commit(); });
    i.addEventListener('input', function () {
      if (!composing) commit();
    });
    if (isDate) i.addEventListener('change', commit);
    return i;
  }

  function choices(n) {
    var out = [];
    if (n.t === 'enum')
      enumValues(n).forEach(function (e) {
        out.push({ value: e.value, label: (lang === 'en' ? e.en : e.ja) || e.value });
      });
    if (n.t === 'ref') {
      var col = S.collections[n.to];
      var list = (doc && doc[col.path]) || [];
      list.forEach(function (m) {
        if (m && m[col.key]) out.push({ value: m[col.key], label: m[col.key] + (m.name ? '（' + m.name + '）' : '') });
      });
      if (n.or_enum)
        enumValues({ enum: n.or_enum }).forEach(function (e) {
          out.push({ value: e.value, label: '［' + tx({ ja: '種別', en: 'kind' }) + '］' + (lang === 'en' ? e.en : e.ja) });
        });
    }
    return out;
  }

  /* はい / いいえ / 不明 (不明 leaves the field out; for a nullable required field it is null).
   * A fact keeps its evidence when it has one. */
  function yesNo(n, p, v, id, f) {
    var fs = el('fieldset', { class: 'yesno', id: id, 'aria-labelledby': id + '-l' });
    var isObj = v && typeof v === 'object';
    var cur = isObj ? v.value : v;
    var name = id + '-r';
    [['true', w('yes')], ['false', w('no')], ['', w('unknown')]].forEach(function (o) {
      var rid = nextId();
      var r = el('input', { type: 'radio', name: name, id: rid, value: o[0] });
      if ((o[0] === 'true' && cur === true) || (o[0] === 'false' && cur === false) || (o[0] === '' && cur !== true && cur !== false)) r.checked = true;
      r.addEventListener('change', function () {
        var b = o[0] === '' ? undefined : o[0] === 'true';
        var now = get(p);
        if (now && typeof now === 'object' && b !== undefined) {
          now.value = b;
          changed();
        } else if (b === undefined && n.nullable && f.req) {
          set(p, null);
        } else {
          set(p, b);
        }
      });
      fs.appendChild(el('span', { class: 'opt' }, [r, el('label', { for: rid, text: o[1] })]));
    });
    if (n.t === 'fact') {
      var ev = isObj && v.evidence;
      var btn = el('button', { type: 'button', class: 'small', text: ev ? tx({ ja: '証跡を外す', en: 'Remove evidence' }) : tx({ ja: '証跡を付ける', en: 'Add evidence' }) });
      btn.addEventListener('click', function () {
        var now = get(p);
        if (now && typeof now === 'object') set(p, now.value);
        else set(p, { value: now === true, evidence: { title: '', date: '', sha256: '' } });
        rerender(p);
      });
      fs.appendChild(btn);
      if (ev) {
        var box = el('div', { class: 'evidence' });
        fieldsOf(S.defs.evidence).forEach(function (ef) {
          var x = field(ef, p + '/evidence');
          if (x) box.appendChild(x);
        });
        fs.appendChild(box);
      }
    }
    return fs;
  }

  /* An object or an array field. */
  function group(f, p, n, v, wrap) {
    var title = labelFor(f) || f.name;
    var legendId = nextId();
    var box = el('section', { class: 'part', 'aria-labelledby': legendId, 'data-ptr': p });
    var h = el('h3', { id: legendId }, [title, f.req ? el('span', { class: 'req', text: w('required') }) : null, el('code', { class: 'key', text: f.name })]);
    box.appendChild(h);
    marks(box, p);
    if (v === undefined || v === null) {
      var addBtn = el('button', { type: 'button', text: n.t === 'array' ? w('add') : w('addPart') });
      addBtn.addEventListener('click', function () {
        set(p, n.t === 'array' ? [] : newItem(n));
        var it = resolve(n.items);
        /* a list of choices starts empty (check boxes); any other list with one member */
        if (n.t === 'array' && !((it.t === 'enum' || it.t === 'ref') && n.unique)) {
          get(p).push(newItem(n.items));
          changed();
        }
        rerender(p, true);
      });
      box.appendChild(addBtn);
      return box;
    }
    if (n.t === 'object') {
      fieldsOf(n).forEach(function (sub) {
        var x = field(sub, p);
        if (x) box.appendChild(x);
      });
      if (!f.req) {
        var rm = el('button', { type: 'button', class: 'small danger', text: w('removePart') });
        rm.addEventListener('click', function () {
          set(p, undefined);
          rerender(p);
        });
        box.appendChild(rm);
      }
      return box;
    }
    /* arrays */
    var items = resolve(n.items);
    if (items.t === 'object') {
      v.forEach(function (item, i) {
        box.appendChild(card(items, p + '/' + i, item, i, v));
      });
    } else if ((items.t === 'enum' || items.t === 'ref') && n.unique) {
      box.appendChild(checks(items, p, v));
    } else {
      v.forEach(function (item, i) {
        var row = el('div', { class: 'row' });
        var x = field({ name: String(i), req: true, node: n.items, ja: '#' + (i + 1), en: '#' + (i + 1) }, p);
        if (x) row.appendChild(x);
        var rm = el('button', { type: 'button', class: 'small danger', text: w('remove'), 'aria-label': w('remove') + ' #' + (i + 1) });
        rm.addEventListener('click', function () {
          v.splice(i, 1);
          changed();
          rerender(p);
        });
        row.appendChild(rm);
        box.appendChild(row);
      });
    }
    if (!(items.t === 'enum' || items.t === 'ref') || !n.unique) {
      var add = el('button', { type: 'button', class: 'add', text: w('add') + '：' + title });
      add.addEventListener('click', function () {
        v.push(newItem(n.items));
        changed();
        rerender(p, true);
      });
      box.appendChild(add);
    }
    return box;
  }

  function checks(items, p, v) {
    var fs = el('div', { class: 'checks' });
    var list = choices(items);
    if (!list.length) fs.appendChild(el('span', { class: 'hint', text: w('none') }));
    list.forEach(function (c) {
      var cid = nextId();
      var cb = el('input', { type: 'checkbox', id: cid, value: c.value });
      cb.checked = v.indexOf(c.value) >= 0;
      cb.addEventListener('change', function () {
        var now = get(p);
        var at = now.indexOf(c.value);
        if (cb.checked && at < 0) now.push(c.value);
        if (!cb.checked && at >= 0) now.splice(at, 1);
        changed();
      });
      fs.appendChild(el('span', { class: 'opt' }, [cb, el('label', { for: cid, text: c.label })]));
    });
    v.forEach(function (x) {
      if (!list.some(function (c) { return c.value === x; }))
        fs.appendChild(el('span', { class: 'opt unknown', text: String(x) }));
    });
    return fs;
  }

  function newItem(node) {
    var n = resolve(node);
    if (n.t === 'object') {
      var o = {};
      (n.fields || []).forEach(function (f) {
        var fnode = resolve(f.node);
        if (!f.req) return;
        if (fnode.t === 'array') o[f.name] = [];
        else if (fnode.t === 'object') o[f.name] = newItem(fnode);
      });
      return o;
    }
    if (n.t === 'array') return [];
    return n.t === 'integer' || n.t === 'number' ? 0 : '';
  }

  /* One member of a list of objects: a card that opens and closes. */
  var openCards = {};
  function card(items, p, item, i, list) {
    var name = item && (item.name || item.vendor || item.description || item.cve || item.policy || item.date);
    var id = item && (item.id || item.asset);
    var sum = '#' + (i + 1) + (id ? '  ' + id : '') + (name ? '  ' + name : '');
    var d = el('details', { class: 'card', 'data-ptr': p });
    if (openCards[p]) d.open = true;
    d.addEventListener('toggle', function () {
      openCards[p] = d.open;
      if (d.open && !d.dataset.filled) fill();
    });
    d.appendChild(el('summary', { text: sum }));
    var bad = Object.keys(errorsByPtr).some(function (k) { return k === p || k.indexOf(p + '/') === 0; });
    if (bad) d.classList.add('has-error');
    function fill() {
      d.dataset.filled = '1';
      fieldsOf(items).forEach(function (sub) {
        var x = field(sub, p);
        if (x) d.appendChild(x);
      });
      var bar = el('div', { class: 'bar' });
      var dup = el('button', { type: 'button', class: 'small', text: w('dup') });
      dup.addEventListener('click', function () {
        var copy = JSON.parse(JSON.stringify(list[i]));
        if (typeof copy.id === 'string') copy.id = uniqueId(list, copy.id);
        list.splice(i + 1, 0, copy);
        openCards[p.replace(/\d+$/, String(i + 1))] = true;
        changed();
        rerender(p.replace(/\/\d+$/, ''));
      });
      var rm = el('button', { type: 'button', class: 'small danger', text: w('remove') });
      rm.addEventListener('click', function () {
        list.splice(i, 1);
        changed();
        rerender(p.replace(/\/\d+$/, ''));
      });
      bar.appendChild(dup);
      bar.appendChild(rm);
      d.appendChild(bar);
    }
    if (d.open) fill();
    return d;
  }
  function uniqueId(list, base) {
    var n = 2;
    var ids = list.map(function (m) { return m && m.id; });
    while (ids.indexOf(base + '-' + n) >= 0) n++;
    return base + '-' + n;
  }

  /* ------------------------------------------------------------------ page */
  var app = document.getElementById('app');
  var nav;
  var main;
  var side;
  var liveBox;
  var errBox;
  var reportBox;

  function renderAll() {
    app.textContent = '';
    document.documentElement.lang = lang;
    document.title = w('title');
    var modelSel = el('select', { id: 'tmpl-model', 'aria-label': w('model') });
    enumValues({ enum: 'model' }).forEach(function (e) {
      modelSel.appendChild(el('option', { value: e.value, text: lang === 'en' ? e.en : e.ja }));
    });
    var sampleSel = el('select', { id: 'sample', 'aria-label': w('sample') });
    sampleSel.appendChild(el('option', { value: '', text: w('sample') }));
    Object.keys(KYOJIN_DATA.samples).forEach(function (k) {
      sampleSel.appendChild(el('option', { value: k, text: k }));
    });
    sampleSel.addEventListener('change', function () {
      if (sampleSel.value) load(KYOJIN_DATA.samples[sampleSel.value], sampleSel.value);
    });
    var fileIn = el('input', { type: 'file', id: 'open-file', accept: '.json,application/json', class: 'visually-hidden' });
    fileIn.addEventListener('change', function () {
      var file = fileIn.files[0];
      if (!file) return;
      var r = new FileReader();
      r.onload = function () { load(String(r.result), file.name); };
      r.readAsText(file);
    });
    var nameIn = el('input', { type: 'text', id: 'file-name', value: fileName, 'aria-label': w('fileName'), size: 18 });
    nameIn.addEventListener('input', function () { fileName = nameIn.value || '申告.json'; save(); });
    var header = el('header', { class: 'top' }, [
      el('h1', { text: w('title') }),
      el('p', { class: 'intro', text: w('intro') }),
      el('div', { class: 'tools', role: 'toolbar', 'aria-label': w('title') }, [
        el('span', { class: 'toolgroup' }, [
          modelSel,
          el('button', { type: 'button', id: 'new', text: w('newDecl'), onclick: function () { load(JSON.stringify(template(modelSel.value)), '申告.json'); } }),
        ]),
        el('label', { for: 'open-file', class: 'button', tabindex: '0', id: 'open-label', text: w('open'),
          onkeydown: function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fileIn.click(); } } }), fileIn,
        sampleSel,
        el('span', { class: 'toolgroup' }, [el('label', { for: 'file-name', text: w('fileName') }), nameIn]),
        el('button', { type: 'button', id: 'save', text: w('save'), onclick: function () { download(text(), fileName, 'application/json'); } }),
        el('button', { type: 'button', id: 'check', class: 'primary', text: w('check'), onclick: runCheck }),
        el('button', { type: 'button', id: 'clear', class: 'danger', text: w('clear'), onclick: function () {
          if (!confirm(w('clearAsk'))) return;
          localStorage.removeItem(STORE);
          fileName = '申告.json';
          load(JSON.stringify(template(modelSel.value)), '申告.json');
        } }),
        el('button', { type: 'button', id: 'lang', lang: lang === 'en' ? 'ja' : 'en', text: w('lang'), onclick: function () { lang = lang === 'en' ? 'ja' : 'en'; renderAll(); validateNow(); } }),
      ]),
    ]);
    nav = el('nav', { class: 'sections', 'aria-label': tx({ ja: '申告の節', en: 'Sections' }) });
    main = el('main', { id: 'form', tabindex: '-1' });
    liveBox = el('div', { class: 'live', 'aria-live': 'polite' });
    errBox = el('div', { class: 'errors' });
    side = el('aside', { class: 'side' }, [liveBox, errBox]);
    reportBox = el('section', { class: 'report', id: 'report', 'aria-label': w('report') });
    app.appendChild(header);
    app.appendChild(el('div', { class: 'layout' }, [nav, main, side]));
    app.appendChild(reportBox);
    renderNav();
    renderSection();
    renderErrors();
    renderReport();
  }

  function renderNav() {
    nav.textContent = '';
    var ul = el('ul');
    SECTIONS.forEach(function (s) {
      var bad = Object.keys(errorsByPtr).some(function (k) { return sectionOf(k) === s; });
      var b = el('button', { type: 'button', 'data-section': s.id, 'aria-current': s.id === current ? 'page' : null, class: bad ? 'bad' : null },
        [tx(s), bad ? el('span', { class: 'dot', 'aria-label': w('errors'), text: ' ●' }) : null]);
      b.addEventListener('click', function () {
        current = s.id;
        renderNav();
        renderSection();
        main.focus();
      });
      ul.appendChild(el('li', null, [b]));
    });
    nav.appendChild(ul);
  }

  function renderSection() {
    main.textContent = '';
    var s = SECTIONS.filter(function (x) { return x.id === current; })[0] || SECTIONS[0];
    main.appendChild(el('h2', { text: tx(s) }));
    s.fields.forEach(function (name) {
      var f = ROOT.fields.filter(function (x) { return x.name === name; })[0];
      if (!f) return;
      var x = field(f, '');
      if (x) main.appendChild(x);
    });
  }

  /* Re-render the section after a change of shape; open the last card of a list just added. */
  function rerender(ptr, openLast) {
    if (openLast) {
      var v = get(ptr);
      if (Array.isArray(v) && v.length) openCards[ptr + '/' + (v.length - 1)] = true;
    }
    var y = window.scrollY;
    renderSection();
    window.scrollTo(0, y);
    var target = main.querySelector('[data-ptr="' + cssq(ptr) + '"]');
    if (target && openLast) {
      var last = target.querySelectorAll('details.card');
      var c = last[last.length - 1];
      if (c) {
        var f = c.querySelector('input,select,textarea,button');
        if (f) f.focus();
      }
    }
  }
  function cssq(s) {
    return String(s).replace(/["\\]/g, '\\$&');
  }

  /* Show the field of a JSON pointer: its section, its card opened, focused. */
  function goTo(ptr) {
    var parts = ptr.split('/');
    for (var i = 2; i <= parts.length; i++) {
      var pre = parts.slice(0, i).join('/');
      if (/^\d+$/.test(parts[i - 1])) openCards[pre] = true;
    }
    current = sectionOf(ptr).id;
    renderNav();
    renderSection();
    var p = ptr;
    var t = null;
    while (p && !(t = main.querySelector('[data-ptr="' + cssq(p) + '"]'))) p = p.replace(/\/[^/]*$/, '');
    if (!t) t = main;
    t.scrollIntoView({ block: 'center' });
    var f = t.matches('input,select,textarea') ? t : t.querySelector('input,select,textarea,button,summary');
    (f || main).focus();
    t.classList.add('flash');
    setTimeout(function () { t.classList.remove('flash'); }, 1500);
  }

  /* ------------------------------------------------------------------ validation */
  var vTimer = null;
  var vSeq = 0;
  var lastErrors = [];
  function scheduleValidate() {
    clearTimeout(vTimer);
    vTimer = setTimeout(validateNow, 500);
  }
  /* The command line's own validation: kyojin check (no risk section) on the text as saved;
   * its messages are "NAME:LINE:COLUMN: POINTER: message". */
  function validateNow() {
    var seq = ++vSeq;
    liveBox.textContent = w('checking');
    var name = fileName;
    K.checkFull(text(), name, { lang: lang, no_risk: true }).then(function (r) {
      if (seq !== vSeq) return;
      var errs = [];
      var prefix = name + ':';
      r.stderr.split('\n').forEach(function (line) {
        if (line.indexOf(prefix) !== 0) return;
        var m = /^(\d+):(\d+): (\S+): (.*)$/.exec(line.slice(prefix.length));
        if (m) errs.push({ line: +m[1], ptr: m[3].charAt(0) === '/' ? m[3] : '', msg: m[4] });
        else errs.push({ ptr: '', msg: line.slice(prefix.length) });
      });
      lastErrors = errs;
      errorsByPtr = {};
      errs.forEach(function (e) {
        /* a missing field is reported at its object: it is shown at the field */
        var node = nodeAt(e.ptr);
        var obj = get(e.ptr);
        e.target = e.ptr;
        fieldsOf(node).forEach(function (f) {
          if (obj && typeof obj === 'object' && obj[f.name] === undefined && e.msg.indexOf('"' + f.name + '"') >= 0)
            e.target = e.ptr + '/' + esc(f.name);
        });
        (errorsByPtr[e.target] = errorsByPtr[e.target] || []).push(e.msg);
      });
      var live = null;
      if (r.code <= 1 || (r.code === 3 && r.text)) {
        try {
          var d = JSON.parse(r.text).declarations[0];
          live = d && d.counts;
          if (d && !d.error) markNeeded(d);
        } catch (e) {
          live = null;
        }
      }
      liveBox.textContent = '';
      if (!live)
        liveBox.appendChild(el('p', { class: 'hint', text: errs.length
          ? tx({ ja: '申告の誤りを直すと、ポリシーによる判定がここに表示されます。', en: 'Once the errors are fixed, the policies\' verdict appears here.' })
          : r.stderr }));
      if (live) {
        liveBox.appendChild(el('h2', { text: w('live') }));
        liveBox.appendChild(el('p', { class: r.code === 0 ? 'ok' : 'ng', text: r.code === 0 ? w('compliant') : w('notCompliant') }));
        liveBox.appendChild(el('p', { class: 'counts', text: [['pass', 'pass'], ['fail', 'fail'], ['warn', 'warn'], ['error', 'error'], ['not_applicable', 'na']].map(function (k) { return w(k[1]) + ' ' + (live[k[0]] || 0); }).join('　') }));
      }
      var y = window.scrollY;
      var active = document.activeElement;
      var activePtr = active && active.closest && active.closest('[data-ptr]');
      if (!activePtr || !main.contains(active)) renderSection();
      else refreshMarks();
      window.scrollTo(0, y);
      renderNav();
      renderErrors();
    }, function (e) {
      liveBox.textContent = String(e.message || e);
    });
  }

  /* Update the error marks of the fields shown without re-rendering the one being edited. */
  function refreshMarks() {
    main.querySelectorAll('.err,.need').forEach(function (n) { n.remove(); });
    main.querySelectorAll('.has-error,.needed').forEach(function (n) { n.classList.remove('has-error', 'needed'); });
    main.querySelectorAll('[data-ptr]').forEach(function (n) {
      marks(n, n.getAttribute('data-ptr'));
    });
  }

  /* A finding pointing at a field that is not there: the policies need it. */
  function markNeeded(d) {
    needed = {};
    (d.policies || []).forEach(function (pol) {
      if (pol.status !== 'fail' && pol.status !== 'warn' && pol.status !== 'error') return;
      (pol.findings || []).forEach(function (fd) {
        if (fd.pointer && get(fd.pointer) === undefined && (fd.status === 'fail' || fd.status === 'warn'))
          needed[fd.pointer] = pol.id;
      });
    });
  }

  function renderErrors() {
    errBox.textContent = '';
    var need = Object.keys(needed);
    if (need.length) {
      var nl = el('ul', { class: 'needs' });
      need.forEach(function (k) {
        var a = el('a', { href: '#', text: k });
        a.addEventListener('click', function (ev) {
          ev.preventDefault();
          goTo(k);
        });
        nl.appendChild(el('li', null, [a, ' ', needed[k]]));
      });
      errBox.appendChild(el('h2', { text: w('neededList') + '（' + need.length + '）' }));
      errBox.appendChild(nl);
    }
    errBox.appendChild(el('h2', { text: w('errors') + (lastErrors.length ? '（' + lastErrors.length + '）' : '') }));
    if (!lastErrors.length) {
      errBox.appendChild(el('p', { class: 'ok', text: w('noErrors') }));
      return;
    }
    var ul = el('ul', { class: 'errs' });
    lastErrors.forEach(function (e) {
      var a = el('a', { href: '#', text: (e.target || tx({ ja: '（全体）', en: '(whole)' })) });
      a.addEventListener('click', function (ev) {
        ev.preventDefault();
        goTo(e.target || '/body');
      });
      ul.appendChild(el('li', null, [a, ' ', e.msg]));
    });
    errBox.appendChild(ul);
  }

  /* ------------------------------------------------------------------ check and report */
  var report = null; /* {html, json, name} */
  function runCheck() {
    var t = text();
    var name = fileName;
    reportBox.textContent = '';
    reportBox.appendChild(el('p', { class: 'running', role: 'status', text: w('running') }));
    var opts = { lang: lang, format: 'html', onFailure: function () {
      reportBox.appendChild(el('p', { class: 'running', role: 'status', text: w('timeLimit') }));
    } };
    var html;
    var t0 = performance.now();
    K.checkFull(t, name, opts).then(function (r) {
      html = r;
      window.kyojinFirstResultMs = window.kyojinFirstResultMs || performance.now() - t0;
      return K.checkFull(t, name, { lang: lang, format: 'json' });
    }).then(function (j) {
      report = { html: html.text, json: j.text, code: j.code, stderr: html.stderr, name: name, text: t };
      try {
        var d = JSON.parse(j.text).declarations[0];
        if (d && !d.error) markNeeded(d);
      } catch (e) {
        /* not evaluated: the messages are shown */
      }
      renderReport();
      refreshMarks();
      renderErrors();
      reportBox.scrollIntoView({ block: 'start' });
    }, function (e) {
      reportBox.textContent = String(e.message || e);
    });
  }

  function download(data, name, type) {
    var a = el('a', { href: URL.createObjectURL(new Blob([data], { type: type })), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function base() {
    return (report.name || '申告').replace(/\.json$/i, '');
  }

  function renderReport() {
    reportBox.textContent = '';
    reportBox.appendChild(el('h2', { text: w('report') }));
    if (!report) {
      reportBox.appendChild(el('p', { text: w('noReport') }));
      return;
    }
    var bar = el('div', { class: 'tools' }, [
      el('button', { type: 'button', id: 'dl-html', text: w('dlHtml'), onclick: function () { download(report.html, base() + '.html', 'text/html'); } }),
      el('button', { type: 'button', id: 'dl-json', text: w('dlJson'), onclick: function () { download(report.json, base() + '.result.json', 'application/json'); } }),
      el('button', { type: 'button', id: 'dl-csv', text: w('dlCsv'), onclick: function () {
        K.checkFull(report.text, report.name, { lang: lang, format: 'csv' }).then(function (r) { download(r.stdout, base() + '.csv', 'text/csv'); });
      } }),
      el('button', { type: 'button', id: 'dl-xlsx', text: w('dlXlsx'), onclick: function () {
        K.checkFull(report.text, report.name, { lang: lang, format: 'xlsx', output: 'report.xlsx' }).then(function (r) {
          if (r.files['report.xlsx']) download(r.files['report.xlsx'], base() + '.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          else alert(r.stderr);
        });
      } }),
    ]);
    reportBox.appendChild(bar);
    if (report.stderr) reportBox.appendChild(el('pre', { class: 'stderr', text: report.stderr }));
    if (!report.html) return;
    /* no script runs in the report (it has none); the page reaches into it for the links */
    var frame = el('iframe', { id: 'report-frame', title: w('report'), sandbox: 'allow-same-origin allow-popups allow-downloads' });
    frame.srcdoc = report.html;
    frame.addEventListener('load', function () {
      var d = frame.contentDocument;
      if (!d) return;
      frame.style.height = d.documentElement.scrollHeight + 40 + 'px';
      /* the findings' JSON pointers lead back to the editor */
      d.querySelectorAll('code').forEach(function (c) {
        var p = c.textContent;
        if (!/^\/[A-Za-z_$]/.test(p)) return;
        var a = d.createElement('a');
        a.href = '#';
        a.textContent = p;
        a.title = w('goField');
        a.addEventListener('click', function (ev) {
          ev.preventDefault();
          goTo(p);
        });
        c.textContent = '';
        c.appendChild(a);
      });
    });
    reportBox.appendChild(frame);
  }

  /* ------------------------------------------------------------------ start */
  var kept = null;
  try {
    kept = JSON.parse(localStorage.getItem(STORE) || 'null');
  } catch (e) {
    kept = null;
  }
  doc = template('alpha');
  if (kept && kept.text) {
    try {
      doc = JSON.parse(kept.text);
      fileName = kept.name || fileName;
    } catch (e) {
      doc = template('alpha');
    }
  }
  renderAll();
  K.warm();
  validateNow();
  window.kyojinEditor = { text: text, goTo: goTo, load: load, get doc() { return doc; } };
})();

#!/usr/bin/env python3
"""result_v1.py V2-FULL.json — the kyojin/result/v1 document (as kyojin wrote it before the
compact form, printed as cJSON prints it) that a kyojin/result/v2 result written with
--detail full stands for: each policy's metadata from the catalog back into every entry, the
unset finding members as null or [], no risk "detail". Used by tests/suites/compact.sh to
check that `kyojin verify` still verifies v1 reports byte for byte."""
import json
import sys

def s(x):
    o = ['"']
    for ch in x:
        c = ord(ch)
        if ch == '"': o.append('\\"')
        elif ch == '\\': o.append('\\\\')
        elif ch == '\b': o.append('\\b')
        elif ch == '\f': o.append('\\f')
        elif ch == '\n': o.append('\\n')
        elif ch == '\r': o.append('\\r')
        elif ch == '\t': o.append('\\t')
        elif c < 32: o.append('\\u%04x' % c)
        else: o.append(ch)
    o.append('"')
    return ''.join(o)

def num(v):
    if isinstance(v, bool): return 'true' if v else 'false'
    if isinstance(v, int) or (float(v).is_integer() and abs(v) < 2**31):
        return '%d' % v
    r = '%1.15g' % v
    if float(r) != v: r = '%1.17g' % v
    return r

def pr(v, d):  # d: cJSON's printing depth
    if v is None: return 'null'
    if v is True: return 'true'
    if v is False: return 'false'
    if isinstance(v, str): return s(v)
    if isinstance(v, (int, float)): return num(v)
    if isinstance(v, list): return '[' + ', '.join(pr(x, d + 1) for x in v) + ']'
    out = '{\n'
    for k, x in v.items():
        out += '\t' * (d + 1) + s(k) + ':\t' + pr(x, d + 1) + ',\n'
    if v: out = out[:-2] + '\n'
    return out + '\t' * d + '}'

doc = json.load(open(sys.argv[1], encoding='utf-8'))
cat = {c['id']: c for c in doc.pop('catalog')['policies']}
doc['schema'] = 'kyojin/result/v1'
meta = ['requirements', 'level', 'title', 'source', 'remediation', 'countermeasures']
unset = {'evidence': None, 'evidence_refs': [], 'classification': None, 'waiver': None}
for d in doc['declarations']:
    pols = []
    for p in d.get('policies', []):
        e = {'id': p['id']}
        for k in meta:
            if k in cat[p['id']]: e[k] = cat[p['id']][k]
        e['status'] = p['status']
        e['reason'] = p.get('reason')
        fs = []
        for f in p['findings']:
            g = {k: f[k] for k in ('status', 'pointer', 'line', 'column', 'message')}
            for k, dv in unset.items(): g[k] = f.get(k, dv)
            for k in f:
                if k not in g: g[k] = f[k]
            fs.append(g)
        e['findings'] = fs
        for k in p:
            if k not in e: e[k] = p[k]
        pols.append(e)
    d['policies'] = pols
    if isinstance(d.get('risk'), dict): d['risk'].pop('detail', None)
sys.stdout.write(pr(doc, 0) + '\n')

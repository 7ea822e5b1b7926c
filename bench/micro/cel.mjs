// Micro suite in CEL (@marcbachmann/cel-js on Node): the five checks of bench/micro/README.md.
// Usage: node cel.mjs FILE...  → one verdict line per file. Expressions are parsed once.
import { readFileSync } from 'node:fs'
import { parse } from '@marcbachmann/cel-js'

const checks = [
  ['AP-01', 'd.assets.all(a, !has(a.controls.antimalware) || a.controls.antimalware.behaviour_detection == true)'],
  ['BM-02', 'd.assets.all(a, !has(a.controls.edr) || a.controls.edr.enabled != true || ' +
            '(a.controls.edr.managed_monitoring == true && a.controls.edr.csirt_link == true))'],
  ['PV-03', 'd.vulnerabilities.all(v, !(v.patched == false && (double(v.cvss) >= 9.0 || v.exploited == true)))'],
  ['ST-01', 'd.screen_transfer.all(c, c.redirection.clipboard.to_local == false && c.redirection.clipboard.to_virtual == false)'],
  ['ST-05', 'd.screen_transfer.all(c, c.encryption == true)'],
].map(([id, src]) => [id, parse(src)])

let out = ''
for (const path of process.argv.slice(2)) {
  const d = JSON.parse(readFileSync(path, 'utf8'))
  out += path.split('/').pop()
  for (const [id, fn] of checks) out += ' ' + id + ':' + (fn({ d }) === true ? 'pass' : 'fail')
  out += '\n'
}
process.stdout.write(out)

// Validates SARIF files against the SARIF 2.1.0 JSON Schema (rtm.5, as shipped
// in @microsoft/jest-sarif) with ajv. Also checks what the schema cannot: every
// result's ruleIndex points at the rule with its ruleId, and rule ids are unique.
// usage: node validate_sarif.js FILE.sarif...   (exit 0 when all are valid)
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const schemaPath = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')),
  'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const ajv = new Ajv({ schemaId: 'auto', allErrors: true, format: 'full' });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(schema);

let passed = 0, failed = 0;
for (const file of process.argv.slice(2)) {
  let doc, problems = [];
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push('not JSON: ' + e.message);
  }
  if (doc) {
    if (!validate(doc))
      for (const e of validate.errors) problems.push(`${e.dataPath} ${e.message}`);
    for (const run of doc.runs || []) {
      const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
      const ids = new Set();
      for (const r of rules) {
        if (ids.has(r.id)) problems.push(`duplicate rule id ${r.id}`);
        ids.add(r.id);
      }
      for (const [i, res] of (run.results || []).entries()) {
        const rule = rules[res.ruleIndex];
        if (!rule || rule.id !== res.ruleId)
          problems.push(`results[${i}]: ruleIndex ${res.ruleIndex} does not name ${res.ruleId}`);
      }
    }
  }
  if (problems.length) {
    failed++;
    console.log(`FAIL ${file}`);
    for (const p of problems.slice(0, 20)) console.log('  ' + p);
  } else {
    passed++;
    console.log(`ok   ${file}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

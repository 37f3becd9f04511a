// The engine kader form embeds (web/form/engine/, written by
// scripts/build-form-engine), in Node: reads requests, one JSON text a
// line (each line a JSON string holding the request's text), answers each
// with the committed engine's `call`, and prints each response the same
// way. tests/it/form.rs compares every response with kader::api::call's,
// byte for byte.
//
//   node web/form/tests/engine.mjs REQUESTS.jsonl > RESPONSES.jsonl

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const engine = join(dirname(fileURLToPath(import.meta.url)), "../engine");
const glue = readFileSync(join(engine, "kader_wasm.js"), "utf8");
const packed = readFileSync(join(engine, "kader_wasm_bg.wasm.gz.b64"), "utf8");

// The glue is a plain script that defines `wasm_bindgen`, as in the page.
// eslint-disable-next-line no-new-func
const wasm_bindgen = new Function(`${glue}\nreturn wasm_bindgen;`)();
wasm_bindgen.initSync({ module: gunzipSync(Buffer.from(packed.trim(), "base64")) });

const [requests] = process.argv.slice(2);
const lines = readFileSync(requests, "utf8").split("\n").filter((l) => l.trim() !== "");
for (const line of lines) {
  process.stdout.write(`${JSON.stringify(wasm_bindgen.call(JSON.parse(line)))}\n`);
}

// Builds kader's npm package (kader-wasm) and packs it into a tarball.
//
//   node bindings/wasm/npm/pack.mjs [WASM_FILE] [OUT_DIR]
//
// WASM_FILE is kader-wasm built for wasm32-unknown-unknown (default
// target/wasm32-unknown-unknown/release/kader_wasm.wasm, after
// `cargo build -p kader-wasm --release --target wasm32-unknown-unknown`);
// OUT_DIR (default target/npm) gets the package's folder, kader-wasm/, and
// the tarball, kader-wasm-VERSION.tgz, ready for `npm publish` or
// `npm install ./kader-wasm-VERSION.tgz`.
//
// The package holds two builds of wasm-bindgen (the CLI of the version in
// Cargo.lock must be on PATH): node/ (`--target nodejs`, CommonJS, what
// Node loads) and web/ (`--target web`, an ES module for browsers and
// bundlers: call its default export, `init`, before anything else). Its
// manifest is npm/package.json with the version of bindings/wasm/Cargo.toml.

import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const [
  wasm = join(target, "wasm32-unknown-unknown/release/kader_wasm.wasm"),
  out = join(root, "target/npm"),
] = process.argv.slice(2);

const cargo = readFileSync(join(here, "../Cargo.toml"), "utf8");
const version = cargo.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
if (!version) throw new Error("bindings/wasm/Cargo.toml has no version");

const stage = resolve(out, "kader-wasm");
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

for (const kind of ["nodejs", "web"]) {
  const dir = join(stage, kind === "nodejs" ? "node" : "web");
  execFileSync("wasm-bindgen", ["--target", kind, "--out-dir", dir, wasm], { stdio: "inherit" });
}
// The web build is an ES module; the package (and its node/ build) is CommonJS.
writeFileSync(join(stage, "web/package.json"), `${JSON.stringify({ type: "module" }, null, 2)}\n`);

const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
manifest.version = version;
writeFileSync(join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(here, "README.md"), join(stage, "README.md"));

const packed = execFileSync(
  "npm",
  ["pack", "--json", "--pack-destination", resolve(out)],
  { cwd: stage, encoding: "utf8" },
);
const [{ filename }] = JSON.parse(packed);
console.log(resolve(out, filename));

// Fails when the live first-load wasm (dist/switchboard-*_bg.wasm, Brotli quality 11, as the
// reference server sends it) outgrows the figure in bench/size-budget.json, so growth is a
// decision, not an accident.   node scripts/size-budget.mjs [dist]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const budget = JSON.parse(readFileSync("bench/size-budget.json", "utf8"));
const wasm = readdirSync(dist).filter((f) => /^switchboard-[0-9a-f]+_bg\.wasm$/.test(f));
if (wasm.length !== 1) {
  console.error(`size budget: expected one switchboard-*_bg.wasm in ${dist}/, found ${wasm.length}; run \`trunk build --release\``);
  process.exit(1);
}
const bytes = readFileSync(join(dist, wasm[0]));
const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const limit = budget.liveFirstLoadWasmBrotliBytes;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
if (brotli > limit) {
  console.error(`size budget: the live first-load wasm is ${kb(brotli)} brotli (${kb(bytes.length)} raw), over its budget of ${kb(limit)}.
To see what grew, build the wasm with its names and ask twiggy:
  cargo build -p switchboard --profile wasm-release --target wasm32-unknown-unknown
  cargo install twiggy   # once
  twiggy top -n 40 target/wasm32-unknown-unknown/wasm-release/switchboard.wasm
  twiggy diff <an older build's switchboard.wasm> target/wasm32-unknown-unknown/wasm-release/switchboard.wasm
If the growth is worth it, raise liveFirstLoadWasmBrotliBytes in bench/size-budget.json in the same commit and say why.`);
  process.exit(1);
}
console.log(`size budget: the live first-load wasm is ${kb(brotli)} brotli (${kb(bytes.length)} raw), within ${kb(limit)}.`);

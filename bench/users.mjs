// Prints figures for the release build (run `make bench`, or `node bench/users.mjs` with dist/
// built): transfer size of the first load, cold load to an interactive Users page, and how long
// the 10,000-user dataset takes to search, filter, sort and scroll. Figures, not tests.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const port = 4199;
const runs = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};

// 1. Transfer size of what the first page load needs.
let totals = { raw: 0, gzip: 0, brotli: 0 };
results.bundle = {};
for (const file of readdirSync("dist").filter((f) => /\.(wasm|js|css|html)$/.test(f))) {
  const bytes = readFileSync(`dist/${file}`);
  const sizes = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  results.bundle[file.replace(/-[0-9a-f]{16}/, "")] = sizes;
  for (const k of Object.keys(totals)) totals[k] += sizes[k];
}
results.bundle.total = totals;

const server = spawn("node", ["scripts/serve-static.mjs", "dist", String(port)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const base = `http://127.0.0.1:${port}`;
const settled = (page) => page.waitForFunction(() => document.querySelector(".progress") && !document.querySelector(".progress.active"));

try {
  // 2. Cold load to the first interactive Users page (new context each run: empty cache).
  const loads = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto(`${base}/users?latency=0`);
    await page.locator(".tbody [role=row]").first().waitFor();
    loads.push(Date.now() - t0);
    await ctx.close();
  }
  results.coldLoadMs = { median: median(loads), runs: loads };

  // 3. The 10,000-user dataset, no simulated latency: time from the action to the new rows.
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/users?dataset=large&latency=0`);
  await page.locator(".tbody [role=row]").first().waitFor();
  await settled(page);
  const timed = async (action) => {
    const xs = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${base}/users?latency=0`);
      await settled(page);
      const t0 = Date.now();
      await action(i);
      await settled(page);
      xs.push(Date.now() - t0);
    }
    return { median: median(xs), runs: xs };
  };
  const search = page.getByRole("searchbox", { name: "Search users" });
  results.large = {
    searchMs: await timed(async (i) => { await search.fill(["chen", "ava", "1234", "garcia", "o'brien"][i % 5]); await search.press("Enter"); }),
    filterMs: await timed(async () => page.getByRole("combobox", { name: "Type" }).selectOption("mobile")),
    sortMs: await timed(async () => page.getByRole("columnheader", { name: "Email" }).getByRole("button").click()),
  };
  // Scroll through 1,000 rows on one page, counting frames over 16 ms.
  await page.goto(`${base}/users?latency=0&perPage=1000`);
  await settled(page);
  results.large.scroll1000Rows = await page.evaluate(async () => {
    const el = document.querySelector("[role=table]");
    const frames = [];
    let last = performance.now();
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      el.scrollTop += 120;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    return { frames: frames.length, over16ms: frames.filter((f) => f > 16.7).length, worstMs: Math.round(Math.max(...frames)) };
  });
  await ctx.close();
} finally {
  await browser.close();
  server.kill();
}

console.log(JSON.stringify(results, null, 2));
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/users.json", JSON.stringify(results, null, 2));

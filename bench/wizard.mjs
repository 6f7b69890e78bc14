// Prints how fast the Add User wizard answers a keystroke (run `make bench`, or
// `node bench/wizard.mjs` with dist/ built): with 25 rows on the 10,000-user sandbox account,
// the time from typing into a row's email to its validation message being on screen (every
// rule re-checked for all 25 rows). Figures, not tests.
import { openBench } from "./browser.mjs";
import { mkdirSync, writeFileSync } from "node:fs";

const port = 4197;
const runs = Number(process.env.BENCH_RUNS ?? 15);
const { browser, close } = await openBench(port);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/users?dataset=large&latency=0`);
  await page.getByRole("link", { name: "Add users" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.locator("#rows-to-add").fill("24");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const rows = page.getByRole("list", { name: "Users to add" }).getByRole("listitem");
  await rows.nth(24).waitFor();
  const timings = [];
  for (let i = 0; i < runs; i++) {
    // Alternate between an invalid and a valid address so the message appears and goes.
    const value = i % 2 === 0 ? `bad-${i}` : `ok.${i}@northwind.example`;
    const ms = await page.evaluate(async (value) => {
      const input = document.getElementById("f-rows-12-email");
      const started = performance.now();
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const want = !value.includes("@");
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        const shown = !!document.getElementById("f-rows-12-email-error")?.textContent;
        if (shown === want) return performance.now() - started;
        if (performance.now() - started > 5000) return NaN;
      }
    }, value);
    timings.push(Number(ms.toFixed(1)));
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const result = {
    rows: 25,
    dataset: "large (10,000 users)",
    keystrokeToMessageMs: { median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1), runs: timings },
  };
  console.log(`Add User wizard, 25 rows, 10,000-user account: keystroke to validation message median ${result.keystrokeToMessageMs.median} ms, max ${result.keystrokeToMessageMs.max} ms (${runs} keystrokes, to the next painted frame)`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/wizard.json", JSON.stringify(result, null, 2) + "\n");
} finally {
  await close();
}

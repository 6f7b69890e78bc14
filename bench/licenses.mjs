// Prints how fast Licenses & Inventory is on the 10,000-user sandbox account (run `make bench`,
// or `node bench/licenses.mjs` with dist/ built): opening a detail view from the totals page
// until its rows are on screen, and selecting every in-use license on a 1,000-row page and
// unassigning them until the list shows the result. Figures, not tests; timed from Playwright,
// so each includes a few milliseconds of harness round trips.
import { openBench } from "./browser.mjs";
import { mkdirSync, writeFileSync } from "node:fs";

const port = 4196;
const runs = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { browser, close } = await openBench(port);
const base = `http://127.0.0.1:${port}`;
try {
  const open = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/licenses?dataset=large&latency=0`);
    await page.getByRole("table", { name: "Licenses and inventory" }).waitFor();
    const started = Date.now();
    await page.getByRole("link", { name: "Office", exact: true }).click();
    await page.getByRole("table", { name: "Office" }).getByRole("row").nth(1).waitFor();
    open.push(Date.now() - started);
    await page.close();
  }

  // Select all in use on one 1,000-row page, unassign, confirm.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const kind = "large-meetings";
  await page.goto(`${base}/licenses/${kind}?dataset=large&latency=0&state=in-use&perPage=1000`);
  const table = page.getByRole("table", { name: "Large Meetings" });
  await table.getByRole("row").nth(1).waitFor();
  const total = Number((await page.locator(".page-header .count").textContent()).split(" ")[0]);
  const selectStarted = Date.now();
  await table.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  const bar = page.getByRole("region", { name: "Selection" });
  await bar.waitFor();
  const selected = Number((await bar.locator("span").first().textContent()).split(" ")[0]);
  const selectMs = Date.now() - selectStarted;
  await bar.getByRole("button", { name: "Unassign" }).click();
  const confirm = page.getByRole("dialog").filter({ hasText: "lose access" });
  const unassignStarted = Date.now();
  await confirm.getByRole("button", { name: "Unassign" }).click();
  await page.getByRole("status").filter({ hasText: `${selected} changed.` }).waitFor();
  await page.locator(".page-header .count").filter({ hasText: `${total - selected} matching` }).waitFor();
  const unassignMs = Date.now() - unassignStarted;

  const result = {
    dataset: "large (10,000 users)",
    openDetailMs: { median: median(open), runs: open },
    selectAllAndUnassign: { licenses: selected, selectMs, unassignMs },
  };
  console.log(`Licenses & Inventory, 10,000-user account: open the Office detail view median ${result.openDetailMs.median} ms (${runs} runs: ${open.join(", ")})`);
  console.log(`Select all ${selected} in-use Large Meetings licenses on one page: ${selectMs} ms; unassign and show the updated list: ${unassignMs} ms`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/licenses.json", JSON.stringify(result, null, 2) + "\n");
} finally {
  await close();
}

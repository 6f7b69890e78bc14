// Prints how fast a 10,000-row bulk file is read and checked in headless Chromium (run
// `make bench`, or `node bench/bulk.mjs` with dist/ built), on the 10,000-user sandbox account:
// from choosing the file to the preview's verdict on screen (read in the spreadsheet worker,
// every row checked with the domain's rules, the first page of rows drawn), for the same rows
// as CSV and as XLSX. In the same browser it times the most used JavaScript parsers on the same
// files, PapaParse (CSV) and SheetJS (XLSX), parsing only, no checks. Figures, not tests.
import { openBench } from "./browser.mjs";
import { mkdirSync, writeFileSync } from "node:fs";
import XLSX from "xlsx";

const port = 4197;
const runs = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ROWS = 10_000;
const { browser, close } = await openBench(port);
const base = `http://127.0.0.1:${port}`;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/licenses/large-meetings?dataset=large&latency=0`);
  await page.getByRole("button", { name: "Assign in bulk via file" }).click();
  const dialog = page.getByRole("dialog", { name: "Assign Large Meetings licenses in bulk" });
  await dialog.getByRole("checkbox", { name: /^All available/ }).check();
  await dialog.getByRole("checkbox", { name: /^Include user list/ }).check();
  const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download template (XLSX)" }).click()]);
  const template = XLSX.readFile(await download.path());
  const sheet = (name) => XLSX.utils.sheet_to_json(template.Sheets[name], { header: 1, raw: false });
  const spares = sheet("Assign Licenses").slice(1);
  const users = sheet("Reference User List").slice(1);

  // Each spare license with a user of its cost center who lacks Large Meetings; then rows
  // naming licenses already used above, up to 10,000 (each refused at its cell).
  const taken = new Set();
  const rows = [];
  for (const [id, , costCenter] of spares) {
    const user = users.find((u) => u[4] === costCenter && !taken.has(u[0]) && !(u[5] ?? "").includes("Large Meetings"));
    if (!user) continue;
    taken.add(user[0]);
    rows.push([id, user[0]]);
  }
  const valid = rows.length;
  for (let i = 0; rows.length < ROWS; i++) rows.push([rows[i % valid][0], users[i % users.length][0]]);
  const header = ["License ID", "License", "Cost center", "Mailbox ID"];
  const full = rows.map(([id, mailbox]) => [id, "Large Meetings", "", mailbox]);
  const csv = Buffer.from([header, ...full].map((r) => r.join(",")).join("\r\n") + "\r\n");
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([header, ...full]), "Assign Licenses");
  const xlsx = XLSX.write(book, { type: "buffer", bookType: "xlsx" });

  const input = dialog.getByLabel(/^Drop the file here, or choose it/);
  const verdict = dialog.locator("p.count").filter({ hasText: `${ROWS} rows` });
  // Timed in the page, from the input's change event to the preview's verdict in the DOM, so the
  // file's trip from Playwright into the browser is not counted.
  const ours = async (name, mimeType, buffer) => {
    const times = [];
    for (let i = 0; i < runs; i++) {
      await page.evaluate((rows) => {
        window.__bench = new Promise((resolve) => {
          let started;
          const onChange = (e) => {
            if (e.target.id === "bulk-file") started = performance.now();
          };
          document.addEventListener("change", onChange, { capture: true });
          const watch = new MutationObserver(() => {
            const verdict = document.querySelector("dialog p.count");
            if (started !== undefined && verdict?.textContent.startsWith(`${rows} rows`)) {
              watch.disconnect();
              document.removeEventListener("change", onChange, { capture: true });
              resolve(Math.round(performance.now() - started));
            }
          });
          watch.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      }, ROWS);
      await input.setInputFiles({ name, mimeType, buffer });
      times.push(await page.evaluate(() => window.__bench));
      await verdict.waitFor();
      // Leave the preview before the next run, so each run reads and checks anew.
      await input.setInputFiles({ name: "one.csv", mimeType: "text/csv", buffer: Buffer.from(`License ID,Mailbox ID\r\n${rows[0].join(",")}\r\n`) });
      await dialog.locator("#bulk-file-status").filter({ hasText: "one.csv: 1 row read." }).waitFor();
    }
    return times;
  };
  const csvOurs = await ours("bench.csv", "text/csv", csv);
  const xlsxOurs = await ours("bench.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx);
  await input.setInputFiles({ name: "bench.csv", mimeType: "text/csv", buffer: csv });
  const summary = await verdict.textContent();

  // The JavaScript libraries, in the same page: parse only.
  await page.addScriptTag({ path: "node_modules/papaparse/papaparse.min.js" });
  await page.addScriptTag({ path: "node_modules/xlsx/dist/xlsx.full.min.js" });
  const theirs = await page.evaluate(
    ({ csvText, xlsxB64, runs }) => {
      const bytes = Uint8Array.from(atob(xlsxB64), (c) => c.charCodeAt(0));
      const time = (f) => {
        const out = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          const n = f();
          out.push({ ms: Math.round(performance.now() - t), rows: n });
        }
        return out;
      };
      return {
        papaparse: time(() => window.Papa.parse(csvText, { skipEmptyLines: true }).data.length - 1),
        sheetjs: time(() => {
          const wb = window.XLSX.read(bytes, { type: "array" });
          return window.XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: false }).length - 1;
        }),
      };
    },
    { csvText: csv.toString("utf8"), xlsxB64: xlsx.toString("base64"), runs },
  );
  const papa = theirs.papaparse.map((r) => r.ms);
  const sheetjs = theirs.sheetjs.map((r) => r.ms);

  const result = {
    dataset: "large (10,000 users)",
    rows: ROWS,
    validRows: valid,
    verdict: summary,
    fileBytes: { csv: csv.length, xlsx: xlsx.length },
    switchboard: {
      what: "choose the file → read in the worker (csv / calamine) → every row checked → verdict and first page drawn",
      csvMs: { median: median(csvOurs), runs: csvOurs },
      xlsxMs: { median: median(xlsxOurs), runs: xlsxOurs },
    },
    javascript: {
      what: "parse only, in the same page",
      papaparseCsvMs: { median: median(papa), runs: papa },
      sheetjsXlsxMs: { median: median(sheetjs), runs: sheetjs },
    },
    ratio: {
      csv: +(median(csvOurs) / median(papa)).toFixed(2),
      xlsx: +(median(xlsxOurs) / median(sheetjs)).toFixed(2),
    },
  };
  console.log(`Bulk file of ${ROWS} rows (${valid} that pass), 10,000-user account; "${summary}"`);
  console.log(`  CSV  ${csv.length} B: Switchboard read + check + draw median ${median(csvOurs)} ms (${csvOurs.join(", ")}); PapaParse parse only median ${median(papa)} ms (${papa.join(", ")}); ratio ${result.ratio.csv}`);
  console.log(`  XLSX ${xlsx.length} B: Switchboard read + check + draw median ${median(xlsxOurs)} ms (${xlsxOurs.join(", ")}); SheetJS parse only median ${median(sheetjs)} ms (${sheetjs.join(", ")}); ratio ${result.ratio.xlsx}`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/bulk.json", JSON.stringify(result, null, 2) + "\n");
} finally {
  await close();
}

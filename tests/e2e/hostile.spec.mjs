// The hostile-input suite, in both modes: HTML and script typed into text fields or uploaded
// in files render as text and never run; cells a spreadsheet would run as formulas are
// neutralised in exports (CSV with a leading ', XLSX as text cells); oversized text and files
// are refused with a message at the field. (The Content-Security-Policy that blocks an injected
// inline script is checked in the browser in live.spec.mjs.) Live runs against a server of its
// own (servers.mjs).
import { readFileSync } from "node:fs";
import { chooseFromMenu, expect, expectAccessible, test, UsersPage } from "./support.mjs";
import { next, oneMobileUserToReview, openWizard, row } from "./wizard.mjs";
import { sheetRows, zipEntry } from "./xlsx.mjs";

const IMG = `<img src=x onerror="window.__hostile=1">`;
const SCRIPT = `<script>window.__hostile=2</script>`;
const FORMULA = `=HYPERLINK("http://evil.example","Open")`;

/** Nothing injected ran, and no element came out of the text. */
async function nothingRan(page) {
  expect(await page.evaluate(() => window.__hostile)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
}

/** Adds one Mobile user named `first last` with `email` through the wizard. */
async function addMobileUser(page, mode, { email, first, last }) {
  await oneMobileUserToReview(page, mode, email, { first, last });
  await expect(page.getByRole("main")).toContainText(first);
  await nothingRan(page);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1 user." })).toBeVisible();
}

test("HTML and script typed into text fields show as typed and never run", async ({ page, mode }) => {
  const email = `hostile.${Date.now()}@northwind.example`;
  await addMobileUser(page, mode, { email, first: IMG, last: SCRIPT });
  const users = new UsersPage(page, mode);
  await users.open(`?latency=0&q=${encodeURIComponent(email)}`);
  await expect(users.rows.first()).toContainText(`${IMG} ${SCRIPT}`);
  await nothingRan(page);

  await users.search.fill(SCRIPT);
  await expect(page.getByRole("main")).toContainText(SCRIPT);
  await nothingRan(page);

  await page.goto("/accounts?latency=0&q=Litware Austin");
  await page.getByRole("button", { name: "Rename Litware Austin" }).click();
  const field = page.getByRole("textbox", { name: "New name for Litware Austin" });
  await field.fill(IMG);
  await field.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: `Renamed to ${IMG}.` })).toBeVisible();
  await page.goto(`/accounts?latency=0&q=${encodeURIComponent("onerror")}`);
  await expect(page.locator("tbody tr").first()).toContainText(IMG);
  await nothingRan(page);
  await expectAccessible(page);
});

test("HTML in an uploaded file shows as text at its cell, and a formula-like cell is neutralised in the report", async ({ page, mode }) => {
  await page.goto("/users?latency=0");
  await chooseFromMenu(page, "More", "Upgrade to Office licenses in bulk");
  const dialog = page.getByRole("dialog", { name: "Upgrade Video users to Office in bulk" });
  const [csv] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download template (CSV)" }).click()]);
  const lines = readFileSync(await csv.path(), "utf8").trim().split("\r\n");
  const file = dialog.getByLabel(/^Drop the file here, or choose it/);
  const body = [lines[0], lines[1], `"${IMG.replaceAll('"', '""')}",Someone`, "=1+2,Other"].join("\r\n");
  await file.setInputFiles({ name: "hostile.csv", mimeType: "text/csv", buffer: Buffer.from(body) });
  await expect(dialog.getByText("3 rows; 2 need attention.")).toBeVisible();
  await expect(dialog.locator("#bulk-3-mailbox-error")).toHaveText(`"${IMG}" is not a Mailbox ID: it is a number, like 62000000007.`);
  await nothingRan(page);
  await expectAccessible(page);

  await dialog.getByRole("radio", { name: "Apply the valid rows and report the others" }).check();
  await dialog.getByRole("button", { name: "Submit 3 rows" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "Done: 1 upgraded, 2 refused." })).toBeVisible();
  await dialog.getByRole("link", { name: "View the report" }).click();
  await expect(page.getByRole("table", { name: "Rows of the file and what became of each" })).toContainText(IMG);
  await nothingRan(page);
  const [report] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download report (CSV)" }).click()]);
  const rows = readFileSync(await report.path(), "utf8").trim().split("\r\n");
  expect(rows.find((r) => r.startsWith("4,"))).toMatch(/^4,'=1\+2,/);
});

test("a name a spreadsheet would run as a formula is neutralised in CSV and kept as text in XLSX", async ({ page, mode }) => {
  const email = `formula.${Date.now()}@northwind.example`;
  await addMobileUser(page, mode, { email, first: FORMULA, last: "Smith" });
  await page.goto("/licenses/large-meetings?latency=0");
  await chooseFromMenu(page, "More actions", "Assign in bulk via file");
  const dialog = page.getByRole("dialog", { name: "Assign Large Meetings licenses in bulk" });
  await dialog.getByRole("checkbox", { name: /^All available/ }).check();
  await dialog.getByRole("button", { name: "Next" }).click();
  await dialog.getByRole("checkbox", { name: /^Include user list/ }).check();
  const [xlsx] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download template (XLSX)" }).click()]);
  const book = readFileSync(await xlsx.path());
  const user = sheetRows(book, 2).find((r) => r[3] === email);
  expect(user[1]).toBe(`${FORMULA} Smith`);
  expect(zipEntry(book, "xl/worksheets/sheet2.xml")).not.toContain("<f>");

  // The Download list of every item, as CSV: no cell starts with what a spreadsheet would run.
  await page.goto("/licenses?latency=0");
  await page.getByRole("button", { name: "Download list" }).click();
  const download = page.getByRole("dialog", { name: "Download list" });
  const [list] = await Promise.all([page.waitForEvent("download"), download.getByRole("button", { name: "Download CSV" }).click()]);
  const cells = readFileSync(await list.path(), "utf8").trim().split("\r\n").flatMap((l) => l.split(","));
  expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  expect(cells.some((c) => c.startsWith("'+1"))).toBe(true);
});

test("oversized text and files are refused with a message where they were given", async ({ page, mode }) => {
  await openWizard(page, mode);
  await page.getByRole("radio", { name: /Mobile/ }).check();
  await next(page);
  const one = row(page, 1);
  const first = one.getByRole("textbox", { name: "First name" });
  await first.fill("A".repeat(5000));
  await first.blur();
  await expect(one).toContainText("Keep the first name to 64 characters.");
  await expect(first).toHaveAttribute("aria-invalid", "true");

  await page.goto("/users?latency=0");
  await chooseFromMenu(page, "More", "Upgrade to Office licenses in bulk");
  const dialog = page.getByRole("dialog", { name: "Upgrade Video users to Office in bulk" });
  const file = dialog.getByLabel(/^Drop the file here, or choose it/);
  await file.setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: Buffer.alloc(6 * 1024 * 1024, "1,a\r\n") });
  await expect(dialog.locator("#bulk-file-status")).toContainText("huge.csv is 6.0 MB; files of up to 5 MB are accepted.");
});

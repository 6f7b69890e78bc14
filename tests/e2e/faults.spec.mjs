// The fault suite, in both modes: the API down when the console or a page loads; a 500, a
// timeout and a dropped connection (the change applied, its answer lost) during wizard submit,
// license assignment and bulk submit; a stale write (412 and 409); a 429 with Retry-After; a
// slow 5-second API. Each time: a clear message, a way to retry, nothing typed lost, nothing
// applied twice. Live runs against a server of its own (servers.mjs).
import { readFileSync } from "node:fs";
import { chooseFromMenu, expect, expectAccessible, injectFault, setApiDown, test, TIMEOUT_MS, UsersPage } from "./support.mjs";
import { oneMobileUserToReview } from "./wizard.mjs";

const Q = `?latency=0&timeout=${TIMEOUT_MS}`;
const TIMED_OUT = `didn't answer within ${Math.ceil(TIMEOUT_MS / 1000)} seconds`;
const UNREACHABLE = "Can't reach the server";

/** The Total, In use and Available figures of a license type on the summary. */
async function counts(page, label) {
  await page.goto(`/licenses${Q}`);
  const line = page.getByRole("row", { name: new RegExp(`^${label}\\b`) });
  await expect(line).toBeVisible();
  return (await line.getByRole("cell").allTextContents()).map(Number);
}

/** How many bulk jobs the Jobs page lists. */
async function jobCount(page) {
  await page.goto(`/jobs${Q}`);
  const table = page.getByRole("table", { name: "Bulk jobs, newest first" });
  await expect(table.or(page.getByRole("heading", { name: "No bulk jobs yet" }))).toBeVisible();
  return (await table.count()) === 0 ? 0 : table.locator("tbody tr").count();
}

/**
 * Fails the change `attempt` sends three times in a row (a 500, a timeout, then an answer lost
 * after the change was applied), checking each says so in `alert` next to a Try again button;
 * the fourth try goes through.
 */
async function failThreeTimesThenSucceed(page, mode, { path, attempt, alert, said500 }) {
  const tries = [["500", said500], ["timeout", TIMED_OUT], ["lost", UNREACHABLE]];
  for (const [index, [fail, said]] of tries.entries()) {
    await injectFault(page, mode, { fail, path, method: "POST" });
    await (index === 0 ? attempt() : page.getByRole("button", { name: "Try again" }).click());
    await expect(alert()).toContainText(said);
  }
  await page.getByRole("button", { name: "Try again" }).click();
}

test("the API down when the console and when a page loads is said, and Retry recovers once it is back", async ({ page, mode }) => {
  const users = new UsersPage(page, mode);
  await users.open(Q);
  await setApiDown(page, mode, true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Couldn't load your session" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText(UNREACHABLE);
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("heading", { name: "Couldn't load your session" })).toBeVisible();
  await expectAccessible(page);
  await setApiDown(page, mode, false);
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(users.table).toBeVisible();

  await setApiDown(page, mode, true);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Licenses & Inventory" }).click();
  await expect(page.getByRole("alert")).toContainText(UNREACHABLE);
  await setApiDown(page, mode, false);
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("table", { name: "Licenses and inventory" })).toBeVisible();
});

test("wizard submit: a 500, a timeout and a lost answer each say so and keep the draft; the user is added once", async ({ page, mode }) => {
  const email = `faults.${Date.now()}@northwind.example`;
  await oneMobileUserToReview(page, mode, email, { query: Q });
  const alert = () => page.getByRole("alert").filter({ hasText: "Submitting again is safe" });
  await failThreeTimesThenSucceed(page, mode, {
    path: "**/api/v1/user-batches",
    attempt: () => page.getByRole("button", { name: "Submit" }).click(),
    alert,
    said500: "The server hit an error",
  });
  await expect(page.getByRole("status").filter({ hasText: "Added 1 user." })).toBeVisible();
  const users = new UsersPage(page, mode);
  await users.open(`?latency=0&q=${encodeURIComponent(email)}`);
  await expect(users.rows).toHaveCount(1);
});

test("license assignment: a 500, a timeout and a lost answer keep the dialog and the choice; the license is assigned once", async ({ page, mode }) => {
  const [total, inUse, available] = await counts(page, "Push To Talk");
  await page.goto(`/licenses/push-to-talk${Q}`);
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Assign Push To Talk licenses" });
  await dialog.getByLabel("Cost center with available licenses").selectOption({ index: 1 });
  const pick = dialog.getByRole("table", { name: "Users" }).getByRole("checkbox", { disabled: false }).first();
  await pick.check();
  await failThreeTimesThenSucceed(page, mode, {
    path: "**/api/v1/licenses/assignments",
    attempt: () => dialog.getByRole("button", { name: "Assign (1)" }).click(),
    alert: () => dialog.getByRole("alert"),
    said500: "The server hit an error",
  });
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "1 assigned." })).toBeVisible();
  expect(await counts(page, "Push To Talk")).toEqual([total, inUse + 1, available - 1]);
});

test("bulk submit: a 500, a timeout and a lost answer keep the rows; the job runs once", async ({ page, mode }) => {
  const [, officeInUse] = await counts(page, "Office");
  const jobs = await jobCount(page);
  await page.goto(`/users${Q}`);
  await chooseFromMenu(page, "More", "Upgrade to Office licenses in bulk");
  const dialog = page.getByRole("dialog", { name: "Upgrade Video users to Office in bulk" });
  const [csv] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download template (CSV)" }).click()]);
  const lines = readFileSync(await csv.path(), "utf8").trim().split("\r\n");
  const file = dialog.getByLabel(/^Drop the file here, or choose it/);
  await file.setInputFiles({ name: "upgrade.csv", mimeType: "text/csv", buffer: Buffer.from([lines[0], lines[1]].join("\r\n")) });
  await expect(dialog.getByText("1 row, all ready to upgrade.")).toBeVisible();
  await failThreeTimesThenSucceed(page, mode, {
    path: "**/api/v1/jobs",
    attempt: () => dialog.getByRole("button", { name: "Submit 1 row" }).click(),
    alert: () => dialog.getByRole("alert"),
    said500: "The server hit an error",
  });
  await expect(dialog.getByRole("status").filter({ hasText: "Done: 1 upgraded, 0 refused." })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  expect((await counts(page, "Office"))[1]).toBe(officeInUse + 1);
  expect(await jobCount(page)).toBe(jobs + 1);
});

test("closing the bulk dialog while its file is still being read leaves the console working", async ({ page }) => {
  const failures = [];
  page.on("pageerror", (error) => failures.push(error.message));
  page.on("console", (message) => message.type() === "error" && failures.push(message.text()));
  await page.goto(`/users${Q}`);
  const open = () => chooseFromMenu(page, "More", "Upgrade to Office licenses in bulk");
  await open();
  const dialog = page.getByRole("dialog", { name: "Upgrade Video users to Office in bulk" });
  // The CSV template is written on the page; the spreadsheet worker starts with the first read.
  const [csv] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download template (CSV)" }).click()]);
  const lines = readFileSync(await csv.path(), "utf8").trim().split("\r\n");
  const upload = { name: "upgrade.csv", mimeType: "text/csv", buffer: Buffer.from([lines[0], lines[1]].join("\r\n")) };
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/sheets-worker*", async (route) => {
    await held;
    await route.continue();
  });
  await dialog.getByLabel(/^Drop the file here, or choose it/).setInputFiles(upload);
  await expect(dialog.getByText("Reading upgrade.csv…")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  release();
  // The worker answers the first read (for the closed dialog) before the second.
  await open();
  await dialog.getByLabel(/^Drop the file here, or choose it/).setInputFiles(upload);
  await expect(dialog.getByText("1 row, all ready to upgrade.")).toBeVisible();
  expect(failures).toEqual([]);
});

test("a stale write (412) offers to reload the list; a conflict (409) says someone changed it first", async ({ page, mode }) => {
  await page.goto(`/licenses/push-to-talk${Q}&state=in-use`);
  const table = page.getByRole("table", { name: "Push To Talk" });
  const first = table.getByRole("checkbox", { name: /^Select .+'s license$/ }).first();
  await first.check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Unassign" }).click();
  const confirm = page.getByRole("dialog", { name: /^Unassign 1 Push To Talk license\?/ });
  await injectFault(page, mode, { fail: "412", path: "**/api/v1/licenses/unassignments", method: "POST" });
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(confirm.getByRole("alert")).toContainText("This was changed since you opened it. Reload to see the latest.");
  await expect(confirm.getByRole("alert")).not.toContainText("Trying again is safe");
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Reload the list" }).click();
  await expect(confirm).toBeHidden();
  await expect(first).toBeVisible();

  const email = `conflict.${Date.now()}@northwind.example`;
  await oneMobileUserToReview(page, mode, email, { query: Q });
  await injectFault(page, mode, { fail: "409", path: "**/api/v1/user-batches", method: "POST" });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("alert")).toContainText("Someone else changed this first.");
  await expect(page.getByRole("button", { name: "Submit" })).toBeEnabled();
  await expect(page.getByText(email).first()).toBeVisible();
});

test("a 429 says when to try again (Retry-After), and trying again then works", async ({ page, mode }) => {
  const email = `limited.${Date.now()}@northwind.example`;
  await oneMobileUserToReview(page, mode, email, { query: Q });
  await injectFault(page, mode, { fail: "429", path: "**/api/v1/user-batches", method: "POST" });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("alert")).toContainText("Too many requests. Wait a moment and try again. Try again in 2 seconds.");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1 user." })).toBeVisible();
  // Exactly one user with that email: the refused try added nothing, the retry added one.
  const users = new UsersPage(page, mode);
  await users.open(`?latency=0&q=${encodeURIComponent(email)}`);
  await expect(users.rows).toHaveCount(1);
  await expect(users.rows.first()).toContainText(email);
});

test("a slow 5-second API shows that it is working, takes no second click, and lands once", async ({ page, mode }) => {
  // Every answer takes 5 seconds, and the page makes several in turn: the session, the list,
  // the dialog's users, the assignment and the list again.
  test.setTimeout(240_000);
  const slow = { timeout: 60_000 };
  const [total, inUse, available] = await counts(page, "Push To Talk");
  // Slowed before the page loads, so its very first request is slow too (the sandbox reads
  // ?latency= as it starts).
  if (mode === "live") {
    await page.route("**/api/v1/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      return route.continue().catch(() => {});
    });
  }
  await page.goto(`/licenses/push-to-talk?latency=5000`);
  // The page says it is loading while the first answer takes 5 seconds.
  await expect(page.getByRole("status").filter({ hasText: /Loading/ }).first()).toBeVisible();
  await page.getByRole("button", { name: "Assign", exact: true }).click(slow);
  const dialog = page.getByRole("dialog", { name: "Assign Push To Talk licenses" });
  await dialog.getByLabel("Cost center with available licenses").selectOption({ index: 1 }, slow);
  await dialog.getByRole("table", { name: "Users" }).getByRole("checkbox", { disabled: false }).first().check(slow);
  await dialog.getByRole("button", { name: "Assign (1)" }).click();
  const working = dialog.getByRole("button", { name: "Working…" });
  await expect(working).toBeDisabled();
  await working.click({ force: true }).catch(() => {});
  await expect(page.getByRole("status").filter({ hasText: "1 assigned." })).toBeVisible(slow);
  if (mode === "live") await page.unroute("**/api/v1/**");
  expect(await counts(page, "Push To Talk")).toEqual([total, inUse + 1, available - 1]);
});

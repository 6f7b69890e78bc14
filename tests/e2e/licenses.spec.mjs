// Licenses & Inventory in both modes: totals, the user-level toggle, a detail view driven by the
// URL, assigning and unassigning add-ons with every count agreeing, and deleting a spare number.
import { readFileSync } from "node:fs";
import { chooseFromMenu, DEMO_PASSWORD, expect, expectAccessible, PERSONAS, rowAction, tabTo, test, UsersPage } from "./support.mjs";
import { sheetRows, zipEntry } from "./xlsx.mjs";

/** The Total, In use and Available figures of a type's line. */
async function counts(page, label) {
  const line = page.getByRole("row", { name: new RegExp(`^${label}\\b`) });
  const cells = await line.getByRole("cell").allTextContents();
  return cells.map(Number);
}

/** Opens Edit licenses for the Users page's first row: its user's name and the dialog. */
async function editLicensesOfFirstRow(page, users) {
  const row = users.rows.first();
  const name = (await row.getByRole("cell").nth(1).textContent()).trim();
  await row.getByRole("button", { name: `More actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Edit licenses" }).click();
  return { name, dialog: page.getByRole("dialog", { name: `Licenses of ${name}` }) };
}

async function openSummary(page) {
  await page.goto("/licenses?latency=0");
  await expect(page.getByRole("heading", { name: "Licenses & Inventory" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Licenses and inventory" })).toBeVisible();
}

test("totals per type, the user-level toggle, and a detail view whose search, filters and sort live in the URL", async ({ page }) => {
  await openSummary(page);
  const [total, inUse, available] = await counts(page, "Large Meetings");
  expect(total).toBe(inUse + available);
  await expect(page.getByRole("row", { name: /^Desk phones/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("switch", { name: "Show only user level licenses" }).check();
  await expect(page).toHaveURL(/userLevel=1/);
  await expect(page.getByRole("row", { name: /^Desk phones/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("switch", { name: "Show only user level licenses" })).toBeChecked();
  await expect(page.getByRole("row", { name: /^Office/ })).toBeVisible();

  await page.getByRole("link", { name: "Large Meetings", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Large Meetings" })).toBeVisible();
  const table = page.getByRole("table", { name: "Large Meetings" });
  await expect(table.getByRole("row")).toHaveCount(total + 1);
  await page.getByLabel("State").selectOption("in-use");
  await expect(page).toHaveURL(/state=in-use/);
  await expect(table.getByRole("row")).toHaveCount(inUse + 1);
  await table.getByRole("button", { name: "Assigned to" }).click();
  await expect(page).toHaveURL(/sort=assignee/);
  const names = (await table.getByRole("row").allTextContents()).slice(1);
  expect(names.length).toBe(inUse);
  await page.reload();
  await expect(page.getByLabel("State")).toHaveValue("in-use");
  await expect(table.getByRole("row")).toHaveCount(inUse + 1);
  await expectAccessible(page);

  // Download list: the rows matching the filters, as CSV, numbers neutralised against formulas.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("large-meetings.csv");
  const csv = readFileSync(await download.path(), "utf8").trim().split("\r\n");
  expect(csv[0]).toBe("Name,Number,Email,Site,Cost center,Assigned to,In use");
  expect(csv.length).toBe(inUse + 1);
  expect(csv.slice(1).every((line) => line.startsWith("Large Meetings,'+1") && line.endsWith(",Yes"))).toBe(true);
  await expect(page.getByRole("status").filter({ hasText: `Downloaded ${inUse} rows` })).toBeVisible();
});

test("an add-on is assigned and unassigned with confirmation, and every count agrees", async ({ page, mode }) => {
  await openSummary(page);
  const [total, inUse, available] = await counts(page, "Push To Talk");
  expect(available).toBeGreaterThan(0);
  await page.getByRole("link", { name: "Push To Talk", exact: true }).click();
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Assign Push To Talk licenses" });
  await dialog.getByLabel("Cost center with available licenses").selectOption({ index: 1 });
  const pick = dialog.getByRole("table", { name: "Users" }).getByRole("checkbox", { disabled: false }).first();
  const name = (await pick.getAttribute("aria-label")).replace(/^Select /, "");
  await pick.check();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Assign (1)" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "1 assigned." })).toBeVisible();
  const table = page.getByRole("table", { name: "Push To Talk" });
  await expect(table.getByRole("row", { name: new RegExp(name) })).toContainText("In use");

  await openSummary(page);
  expect(await counts(page, "Push To Talk")).toEqual([total, inUse + 1, available - 1]);
  const users = new UsersPage(page, mode);
  await users.open(`?q=${encodeURIComponent(name)}`);
  await expect(users.rows.first()).toContainText("Push To Talk");

  // Unassign it again from the detail view, after a confirmation.
  await page.goto(`/licenses/push-to-talk?latency=0&q=${encodeURIComponent(name)}`);
  await table.getByRole("checkbox", { name: `Select ${name}'s license` }).check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Unassign" }).click();
  const confirm = page.getByRole("dialog", { name: "Unassign 1 Push To Talk license?" });
  await expect(confirm).toContainText("lose access");
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(confirm).toBeHidden();
  await expect(table.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  await openSummary(page);
  expect(await counts(page, "Push To Talk")).toEqual([total, inUse, available]);
});

test("a spare toll-free number is deleted after confirmation; a read-only admin is told why they can't change licenses", async ({ page, mode }) => {
  await openSummary(page);
  const [total] = await counts(page, "Toll-free numbers");
  await page.getByRole("link", { name: "Toll-free numbers", exact: true }).click();
  const table = page.getByRole("table", { name: "Toll-free numbers" });
  // The first spare one (in the live run an earlier wizard may have given one to a user).
  const spare = table.getByRole("button", { name: /^More actions for \+/ }).first();
  const first = (await spare.getAttribute("aria-label")).replace(/^More actions for /, "");
  await rowAction(page, table, first, "Delete");
  const confirm = page.getByRole("dialog", { name: `Delete ${first}?` });
  await expect(confirm).toContainText("monthly charge stops");
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(confirm).toBeHidden();
  await expect(table.getByRole("row")).toHaveCount(total);
  await openSummary(page);
  expect((await counts(page, "Toll-free numbers"))[0]).toBe(total - 1);

  const users = new UsersPage(page, mode);
  await users.open();
  await users.switchPersona("Read-only");
  await page.goto("/licenses/large-meetings?latency=0");
  await expect(page.getByText("doesn't include \"Manage licenses\"")).toBeVisible();
  await expect(page.getByRole("button", { name: "Assign", exact: true })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
});

test("one add-on license is reassigned to another user, and one is unassigned from its row", async ({ page }) => {
  await page.goto("/licenses/live-reports?latency=0&state=in-use");
  const table = page.getByRole("table", { name: "Live Reports" });
  const row = table.getByRole("row").nth(1);
  const holder = (await row.getByRole("cell").nth(2).textContent()).trim();
  await rowAction(page, row, `${holder}'s license`, "Reassign");
  const dialog = page.getByRole("dialog", { name: `Reassign ${holder}'s Live Reports license` });
  const pick = dialog.getByRole("table", { name: "Users" }).getByRole("radio", { disabled: false }).first();
  const newHolder = (await pick.getAttribute("aria-label")).replace(/^Select /, "");
  await pick.check();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Reassign" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "1 reassigned." })).toBeVisible();
  await expect(table.getByRole("row", { name: new RegExp(newHolder) })).toContainText("In use");
  await expect(table.getByRole("row", { name: new RegExp(holder) })).toHaveCount(0);

  await rowAction(page, table, `${newHolder}'s license`, "Unassign");
  const confirm = page.getByRole("dialog", { name: `Unassign ${newHolder}'s Live Reports license?` });
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(confirm).toBeHidden();
  await expect(table.getByRole("row", { name: new RegExp(newHolder) })).toHaveCount(0);
});

/** Opens Assign for an add-on (Push To Talk unless said) and picks the first cost center with a
 * spare: the dialog and that cost center's name. */
async function openAssign(page, [slug, kind] = ["push-to-talk", "Push To Talk"], dataset = null) {
  await page.goto(`/licenses/${slug}?latency=0${dataset ? `&dataset=${dataset}` : ""}`);
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Assign ${kind} licenses` });
  const from = dialog.getByLabel("Cost center with available licenses");
  await expect(from.locator("option").nth(1)).toBeAttached();
  await from.selectOption({ index: 1 });
  const label = await from.locator("option:checked").textContent();
  return { dialog, from: label.replace(/ \(\d+ available\)$/, "") };
}

/** The cost center of `name`'s Push To Talk license, read from the detail view. */
async function licenseCostCenter(page, name) {
  await page.goto(`/licenses/push-to-talk?latency=0&q=${encodeURIComponent(name)}`);
  const row = page.getByRole("table", { name: "Push To Talk" }).getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("In use");
  return (await row.getByRole("cell").nth(6).textContent()).trim();
}

/** Unassigns `name`'s Push To Talk license from its row, so the spare is back for later tests. */
async function unassignFrom(page, name) {
  const table = page.getByRole("table", { name: "Push To Talk" });
  await rowAction(page, table, `${name}'s license`, "Unassign");
  const confirm = page.getByRole("dialog", { name: `Unassign ${name}'s Push To Talk license?` });
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(table.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
}

test("Select users: search, Site and Cost center dropdowns, sorted columns and paging; a cost-center manager assigns to another cost center and the license moves there", async ({ page }) => {
  await openSummary(page);
  const [, inUse] = await counts(page, "Push To Talk");
  const { dialog, from } = await openAssign(page);
  const users = dialog.getByRole("table", { name: "Users" });
  const pager = dialog.getByRole("navigation", { name: "Pagination" });
  // The list starts in the license's cost center.
  const costCenter = dialog.getByLabel("Cost center", { exact: true });
  await expect(costCenter.locator("option:checked")).toHaveText(from);
  await expect(users.getByRole("row").nth(1)).toBeVisible();
  for (const cell of await users.locator("tbody tr td:nth-child(6)").allTextContents()) expect(cell).toBe(from);

  // All cost centers: every user of the account, a page at a time.
  await costCenter.selectOption({ label: "All cost centers" });
  await expect(pager).toContainText(/1–25 of \d+/);
  const total = Number((await pager.textContent()).match(/of (\d+)/)[1]);
  expect(total).toBeGreaterThan(100);
  await pager.getByRole("button", { name: "Next page" }).click();
  await expect(pager).toContainText(`26–50 of ${total}`);
  await pager.getByRole("button", { name: "Last page" }).click();
  await expect(pager).toContainText(`of ${total}`);
  await expect(users.locator("tbody tr")).toHaveCount(total % 25 || 25);

  // Column titles sort: Ext. ascending, then descending.
  const ext = users.getByRole("columnheader", { name: "Ext." });
  await ext.getByRole("button").click();
  await expect(ext).toHaveAttribute("aria-sort", "ascending");
  await expect(pager).toContainText(`1–25 of ${total}`);
  const up = (await users.locator("tbody tr td:nth-child(3)").allTextContents()).map(Number);
  expect(up).toEqual([...up].sort((a, b) => a - b));
  await ext.getByRole("button").click();
  await expect(ext).toHaveAttribute("aria-sort", "descending");
  await expect(users.locator("tbody tr td:nth-child(3)").first()).not.toHaveText(String(up[0]));
  const down = (await users.locator("tbody tr td:nth-child(3)").allTextContents()).map(Number);
  expect(down).toEqual([...down].sort((a, b) => b - a));

  // Site narrows the list: every row is at that site.
  const site = dialog.getByLabel("Site", { exact: true });
  await site.selectOption({ index: 1 });
  const siteName = await site.locator("option:checked").textContent();
  await expect(pager).not.toContainText(`of ${total}`);
  await expect.poll(async () => [...new Set(await users.locator("tbody tr td:nth-child(5)").allTextContents())]).toEqual([siteName]);
  await site.selectOption({ label: "All sites" });

  // Another cost center, searched by name: the dialog says the license will move there.
  const other = (await costCenter.locator("option").allTextContents()).find((o) => o !== from && o !== "All cost centers");
  await costCenter.selectOption({ label: other });
  await expect.poll(async () => [...new Set(await users.locator("tbody tr td:nth-child(6)").allTextContents())]).toEqual([other]);
  const pick = users.getByRole("checkbox", { disabled: false }).first();
  const name = (await pick.getAttribute("aria-label")).replace(/^Select /, "");
  await dialog.getByLabel("Search users").fill(name);
  await expect(users.locator("tbody tr")).toHaveCount(1);
  await users.getByRole("checkbox", { name: `Select ${name}` }).check();
  await expect(dialog).toContainText("1 user selected.");
  await expect(dialog).toContainText("1 selected user is in another cost center: their license moves to their cost center.");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Assign (1)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 assigned." })).toBeVisible();

  expect(await licenseCostCenter(page, name)).toBe(other);
  await openSummary(page);
  expect((await counts(page, "Push To Talk"))[1]).toBe(inUse + 1);
  await licenseCostCenter(page, name);
  await unassignFrom(page, name);
});

test("Select users pages through all 10,000 users of the large account", async ({ page, mode }) => {
  test.skip(mode !== "sandbox", "the 10,000-user account is a sandbox dataset");
  const { dialog } = await openAssign(page, ["large-meetings", "Large Meetings"], "large");
  await dialog.getByLabel("Cost center", { exact: true }).selectOption({ label: "All cost centers" });
  const pager = dialog.getByRole("navigation", { name: "Pagination" });
  await expect(pager).toContainText("1–25 of 10000");
  await pager.getByRole("button", { name: "Last page" }).click();
  await expect(pager).toContainText("9976–10000 of 10000");
  await expect(pager).toContainText("Page 400 of 400");
  await expect(dialog.getByRole("table", { name: "Users" }).locator("tbody tr")).toHaveCount(25);
});

test("Select users without cost-center management offers only the license's cost center, and the license stays there", async ({ page, mode }) => {
  const users = new UsersPage(page, mode);
  await users.open();
  await users.switchPersona("Users admin without cost-center management");
  const { dialog, from } = await openAssign(page);
  await expect(dialog.getByLabel("Cost center", { exact: true })).toHaveCount(0);
  await expect(dialog).toContainText(`Cost center: ${from}. Your role can only assign licenses to users of the license's cost center.`);
  const list = dialog.getByRole("table", { name: "Users" });
  await expect(list.getByRole("row").nth(1)).toBeVisible();
  const cells = await list.locator("tbody tr td:nth-child(6)").allTextContents();
  expect(new Set(cells)).toEqual(new Set([from]));
  const pick = list.getByRole("checkbox", { disabled: false }).first();
  const name = (await pick.getAttribute("aria-label")).replace(/^Select /, "");
  await pick.check();
  await expect(dialog).not.toContainText("in another cost center");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Assign (1)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 assigned." })).toBeVisible();
  expect(await licenseCostCenter(page, name)).toBe(from);
  await unassignFrom(page, name);
});

test("a Video user is upgraded to Office from inventory, then downgraded after the data-loss warning", async ({ page, mode }) => {
  await openSummary(page);
  const [, officeInUse] = await counts(page, "Office");
  const users = new UsersPage(page, mode);
  await users.open("?type=video-pro&latency=0");
  const { name, dialog } = await editLicensesOfFirstRow(page, users);
  await expect(dialog).toContainText("No license (a free user).");
  await dialog.getByRole("radio", { name: /^Office \(\d+ in inventory\)/ }).check();
  await dialog.getByRole("checkbox", { name: /^Large Meetings/ }).check();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Licenses of ${name} updated.` })).toBeVisible();
  await openSummary(page);
  expect((await counts(page, "Office"))[1]).toBe(officeInUse + 1);
  await users.open(`?q=${encodeURIComponent(name)}&latency=0`);
  await expect(users.rows.first()).toContainText("Office, Large Meetings");

  // The Licenses cell opens the details, one of each held; removing the user license warns first.
  await users.rows.first().getByRole("button", { name: new RegExp(`^Licenses of ${name}`) }).click();
  const details = page.getByRole("dialog", { name: `Licenses of ${name}` });
  const held = details.getByRole("table", { name: "Licenses held" }).locator("tbody tr");
  await expect(held).toHaveCount(2);
  for (const license of ["Office", "Large Meetings"]) {
    const line = held.filter({ has: page.getByRole("cell", { name: license, exact: true }) });
    await expect(line.getByRole("cell")).toHaveText([license, "1"]);
  }
  await details.getByRole("radio", { name: /^Video Pro \(free\)/ }).check();
  await details.getByRole("button", { name: "Save" }).click();
  const warning = details.getByRole("alert").filter({ hasText: "deletes this user's" });
  await expect(warning).toContainText(/Call history \(\d+ entries\)/);
  await expect(warning).toContainText("Call recordings stay available");
  await details.getByRole("button", { name: "Continue and save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "back in inventory; billing for them continues" })).toBeVisible();
  await openSummary(page);
  expect((await counts(page, "Office"))[1]).toBe(officeInUse);

  // A read-only admin sees the licenses, not the controls.
  await users.open("?latency=0");
  await users.switchPersona("Read-only");
  await users.rows.first().getByRole("button", { name: /^Licenses of / }).click();
  const readOnly = page.getByRole("dialog", { name: /^Licenses of / });
  await expect(readOnly).toContainText("These fields are read only.");
  await expect(readOnly.getByRole("radio").first()).toBeDisabled();
  await expect(readOnly.getByRole("button", { name: "Save" })).toHaveCount(0);
});

test("an Office user moved to Video Pro with the freed license cancelled: it leaves the account and the totals follow", async ({ page, mode }) => {
  await openSummary(page);
  const [total, inUse, available] = await counts(page, "Office");
  const users = new UsersPage(page, mode);
  await users.open("?type=office&latency=0");
  const { name, dialog } = await editLicensesOfFirstRow(page, users);
  await dialog.getByRole("radio", { name: /^Video Pro \(free\)/ }).check();
  const cancel = dialog.getByRole("checkbox", { name: /^Also cancel the licenses this frees/ });
  await cancel.check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.getByRole("button", { name: "Continue and save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The freed licenses were cancelled" })).toBeVisible();
  await openSummary(page);
  expect(await counts(page, "Office")).toEqual([total - 1, inUse - 1, available]);

  // A role that may not buy can't cancel either: it is told where the license goes instead.
  await users.open("?type=office&latency=0");
  await users.switchPersona("Users admin without purchasing");
  const { name: other, dialog: limited } = await editLicensesOfFirstRow(page, users);
  await limited.getByRole("radio", { name: /^Video Pro \(free\)/ }).check();
  await expect(limited).toContainText("Billing for them continues until a billing admin requests a partial cancellation.");
  await expect(limited.getByRole("checkbox", { name: /^Also cancel/ })).toHaveCount(0);
});

test("with no spare left, a role that may buy buys the add-on once it agrees to the monthly charge", async ({ page, mode }) => {
  await openSummary(page);
  const before = {};
  for (const kind of ["Large Meetings", "Live Reports", "Push To Talk"]) before[kind] = await counts(page, kind);
  const users = new UsersPage(page, mode);
  await users.open("?type=office&costCenter=cc-1&latency=0");
  await users.switchPersona("Users admin without cost-center management");
  const { name, dialog } = await editLicensesOfFirstRow(page, users);
  const buyable = dialog.getByRole("checkbox", { name: /\(none in inventory: buy one for \$\d+\.\d\d\/month\)$/ }).first();
  await expect(buyable).toBeEnabled();
  const kind = (await buyable.locator("xpath=..").textContent()).split(" (")[0];
  await buyable.check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.locator("#agree-error")).toHaveText(/Agree to the monthly charge/);
  await expectAccessible(page);
  await dialog.getByRole("checkbox", { name: new RegExp(`^I agree to buy and be charged for: ${kind} \\$`) }).check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Licenses of ${name} updated.` })).toBeVisible();
  await openSummary(page);
  const [total, inUse, available] = before[kind];
  expect(await counts(page, kind)).toEqual([total + 1, inUse + 1, available]);
});

test("with none in inventory, a role that can't buy is told a billing admin must buy one, and nothing changes", async ({ page, mode }) => {
  // Every spare Live Reports license assigned first, whatever cost center it is in.
  let bystander;
  for (;;) {
    await openSummary(page);
    if ((await counts(page, "Live Reports"))[2] === 0) break;
    const { dialog } = await openAssign(page, ["live-reports", "Live Reports"]);
    const spare = Number((await dialog.getByLabel("Cost center with available licenses").locator("option:checked").textContent()).match(/\((\d+) available\)/)[1]);
    const free = dialog.getByRole("table", { name: "Users" }).getByRole("checkbox", { disabled: false });
    await expect(free.nth(spare)).toBeVisible();
    bystander ??= (await free.nth(spare).getAttribute("aria-label")).replace(/^Select /, "");
    for (let i = 0; i < spare; i++) await free.nth(i).check();
    await dialog.getByRole("button", { name: `Assign (${spare})` }).click();
    await expect(page.getByRole("status").filter({ hasText: `${spare} assigned.` })).toBeVisible();
  }
  const before = await counts(page, "Live Reports");

  const users = new UsersPage(page, mode);
  await users.open(`?q=${encodeURIComponent(bystander)}`);
  await users.switchPersona("Users admin without purchasing");
  const { dialog } = await editLicensesOfFirstRow(page, users);
  const none = dialog.getByRole("checkbox", { name: "Live Reports (none in inventory: a billing admin can buy one)" });
  await expect(none).toBeDisabled();
  await expect(none).not.toBeChecked();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await openSummary(page);
  expect(await counts(page, "Live Reports")).toEqual(before);
});

test("Video users are upgraded to Office in bulk from the Users page, and the counts follow", async ({ page, mode }) => {
  await openSummary(page);
  const [, officeInUse] = await counts(page, "Office");
  const users = new UsersPage(page, mode);
  await users.open("?type=video-pro&latency=0");
  const names = [];
  for (const n of [0, 1]) {
    const row = users.rows.nth(n);
    names.push((await row.getByRole("cell").nth(1).textContent()).trim());
    await row.getByRole("checkbox").check();
  }
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Upgrade to Office" }).click();
  const dialog = page.getByRole("dialog", { name: "Upgrade 2 Video users to Office" });
  for (const name of names) await expect(dialog.getByRole("list", { name: "Users to upgrade" })).toContainText(name);
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Upgrade" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "2 users upgraded to Office." })).toBeVisible();
  await users.settled();
  for (const name of names) await expect(users.rows.filter({ hasText: name })).toHaveCount(0);
  await openSummary(page);
  expect((await counts(page, "Office"))[1]).toBe(officeInUse + 2);
});

test("the in-use and available counts open the detail view filtered to them; the Download list's Site and Cost center narrow it", async ({ page, mode }) => {
  await openSummary(page);
  const [total, inUse, available] = await counts(page, "Large Meetings");
  const table = page.getByRole("table", { name: "Large Meetings" });
  for (const [state, count, label] of [["in-use", inUse, "in use"], ["available", available, "available"]]) {
    await page.getByRole("link", { name: `${count} Large Meetings ${label}`, exact: true }).click();
    await expect(page.getByRole("heading", { name: "Large Meetings" })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/licenses/large-meetings\\?.*state=${state}`));
    await expect(page.getByLabel("State")).toHaveValue(state);
    await expect(table.getByRole("row")).toHaveCount(count + 1);
    await page.goBack();
    await expect(page.getByRole("table", { name: "Licenses and inventory" })).toBeVisible();
  }
  expect(inUse + available).toBe(total);

  await page.getByRole("button", { name: "Download list" }).click();
  const dialog = page.getByRole("dialog", { name: "Download list" });
  const matching = async () => Number((await dialog.getByText(/^\d+ matching/).textContent()).match(/^(\d+)/)[1]);
  await expect(dialog.getByText(/^\d+ matching/)).toBeVisible();
  const everything = await matching();
  const rows = dialog.locator("table tbody tr");
  for (const [field, column, param] of [["Site", 6, "site"], ["Cost center", 7, "costCenter"]]) {
    const select = dialog.getByLabel(field, { exact: true });
    const [value] = await select.selectOption({ index: 1 });
    const name = (await select.locator("option:checked").textContent()).trim();
    await expect.poll(matching).toBeLessThan(everything);
    const narrowed = await matching();
    expect(narrowed).toBeGreaterThan(0);
    await expect(rows.first().getByRole("cell").nth(column)).toHaveText(name);
    const shown = await rows.evaluateAll((trs, c) => trs.map((tr) => tr.cells[c].textContent.trim()), column);
    expect(shown.length).toBe(Math.min(narrowed, 25)); // the dialog lists 25 to a page
    expect(shown.every((cell) => cell === name)).toBe(true);
    if (mode === "live") {
      const listed = await (await page.request.get(`/api/v1/inventory/all?${param}=${value}`)).json();
      expect(listed.total).toBe(narrowed);
    }
    await select.selectOption("");
    await expect.poll(matching).toBe(everything);
  }
  await expectAccessible(page);
});

test("Download list: every type filtered or ticked by hand, as CSV and XLSX, and sent by email to the outbox", async ({ page }) => {
  await openSummary(page);
  const [office] = await counts(page, "Office");
  await page.getByRole("button", { name: "Download list" }).click();
  const dialog = page.getByRole("dialog", { name: "Download list" });
  await expect(dialog.getByText(/^\d+ matching/)).toBeVisible();
  await dialog.getByRole("switch", { name: "Show only user level licenses" }).check();
  await dialog.getByLabel("Search").fill("Office");
  await dialog.getByLabel("Search").press("Enter");
  await expect(dialog.getByText(`${office} matching`)).toBeVisible();
  await expect(dialog.getByRole("row", { name: /Desk phone|Poly|Yealink/ })).toHaveCount(0);
  await expectAccessible(page);

  // The whole filtered list, as XLSX: written by the spreadsheet worker, every row in it.
  const [xlsx] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download XLSX" }).click()]);
  expect(xlsx.suggestedFilename()).toBe("licenses-and-inventory.xlsx");
  const book = readFileSync(await xlsx.path());
  expect(zipEntry(book, "xl/worksheets/sheet1.xml").match(/<row /g).length).toBe(office + 1);
  expect(zipEntry(book, "xl/sharedStrings.xml")).toContain("Cost center");
  expect(zipEntry(book, "xl/workbook.xml")).toContain('name="Licenses &amp; Inventory"');

  // Two items ticked by hand: only they go in the list, whatever the filters say next.
  const ticks = dialog.getByRole("checkbox", { name: /^Tick Office of / });
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  await expect(dialog.getByText("2 ticked: only these go in the list")).toBeVisible();
  await dialog.getByLabel("Search").fill("");
  await dialog.getByLabel("Search").press("Enter");
  const [csvFile] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download CSV" }).click()]);
  const csv = readFileSync(await csvFile.path(), "utf8").trim().split("\r\n");
  expect(csv.length).toBe(3);
  expect(csv.slice(1).every((l) => l.startsWith("Office,"))).toBe(true);

  // Send: a bad address is refused at the field; a good one lands in the outbox.
  const to = dialog.getByLabel("Send to email");
  await expect(to).not.toHaveValue("");
  await to.fill("reports@");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog.locator("#download-to-error")).toHaveText(/Enter the email address/);
  await expect(to).toHaveAttribute("aria-invalid", "true");
  const address = `licenses-${Date.now()}@northwind.example`;
  await to.fill(address);
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog.getByRole("status")).toContainText(`Sent to ${address}: Your list of licenses and inventory (2 items)`);
  await dialog.getByRole("link", { name: "Open the outbox" }).click();
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  const message = page.getByRole("row").filter({ hasText: address });
  await expect(message).toContainText("the ones you ticked");
  await expectAccessible(page);
  const [attachment] = await Promise.all([page.waitForEvent("download"), message.getByRole("button", { name: "Download licenses-and-inventory.csv" }).click()]);
  expect(readFileSync(await attachment.path(), "utf8").trim().split("\r\n")).toEqual(csv);
});

test("every in-use add-on on every page of the 10,000-user account is selected and unassigned in one confirmed change", async ({ page, mode }) => {
  test.skip(mode !== "sandbox", "the 10,000-user account is a sandbox dataset");
  await page.goto("/licenses/large-meetings?dataset=large&latency=0&state=in-use&perPage=500");
  const table = page.getByRole("table", { name: "Large Meetings" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  const total = Number((await page.locator(".page-header .count").textContent()).split(" ")[0]);
  expect(total).toBeGreaterThan(1000);
  await table.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  const bar = page.getByRole("region", { name: "Selection" });
  await expect(bar).toContainText("500 in use selected");
  await bar.getByRole("button", { name: "Select all in use on every page" }).click();
  await expect(bar).toContainText(`${total} in use selected on every page`);
  await bar.getByRole("button", { name: "Unassign" }).click();
  const confirm = page.getByRole("dialog", { name: `Unassign ${total} Large Meetings licenses?` });
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${total} changed.` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nothing matches" })).toBeVisible();
});

test("a license another admin unassigned meanwhile is refused as stale, with a way to reload the list", async ({ page, mode, browser, baseURL }) => {
  test.skip(mode !== "live", "a second admin acts through the server");
  await page.goto("/licenses/live-reports?state=in-use&latency=0");
  const table = page.getByRole("table", { name: "Live Reports" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();

  // Another admin, in a browser of their own, unassigns the first license on this list.
  const other = await browser.newContext({ baseURL });
  const signIn = await other.request.post("/api/v1/auth/sign-in", { data: { email: PERSONAS["Super admin"], password: DEMO_PASSWORD } });
  const { csrfToken } = await signIn.json();
  const list = await (await other.request.get("/api/v1/inventory/live-reports?state=in-use&sort=item")).json();
  const first = list.items[0];
  const gone = await other.request.post("/api/v1/licenses/unassignments", {
    headers: { "x-csrf-token": csrfToken, "idempotency-key": `stale-${Date.now()}` },
    data: { licenses: [{ id: first.id, assignee: first.assigneeId }] },
  });
  expect(gone.status(), await gone.text()).toBe(200);
  await other.close();

  const row = table.getByRole("row").filter({ hasText: first.email });
  await rowAction(page, row, `${first.assignee}'s license`, "Unassign");
  const confirm = page.getByRole("dialog", { name: new RegExp(`Unassign ${first.assignee}'s`) });
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(confirm.getByRole("alert")).toBeVisible();
  await confirm.getByRole("button", { name: "Reload the list" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toHaveCount(0);
});

test("More actions is a menu button: the keyboard opens it, moves in it and closes it, with focus back on the button", async ({ page }) => {
  await page.goto("/licenses/push-to-talk?latency=0");
  const button = page.getByRole("button", { name: "More actions", exact: true });
  await expect(button).toHaveAttribute("aria-haspopup", "menu");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await button.focus();
  await page.keyboard.press("ArrowDown");
  const menu = page.getByRole("menu", { name: "More actions for Push To Talk" });
  const item = menu.getByRole("menuitem", { name: "Assign in bulk via file" });
  await expect(item).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(button).toHaveAttribute("aria-controls", await menu.getAttribute("id"));
  await expectAccessible(page);
  await page.keyboard.press("End");
  await expect(item).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");
  // A click outside closes it too.
  await button.click();
  await expect(item).toBeFocused();
  await page.mouse.click(5, 400);
  await expect(menu).toBeHidden();
  // Enter opens it at the first item; Enter chooses.
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(item).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Assign Push To Talk licenses in bulk" })).toBeVisible();
});

test("an add-on is assigned with the keyboard alone", async ({ page }) => {
  // Large Meetings, so the live run keeps the two spare Push To Talk licenses the bulk test below uses.
  await openSummary(page);
  const [, inUse] = await counts(page, "Large Meetings");
  await tabTo(page, page.getByRole("link", { name: "Large Meetings", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Large Meetings" })).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: "Assign", exact: true }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Assign Large Meetings licenses" });
  const costCenter = dialog.getByLabel("Cost center with available licenses");
  // The cost centers load after the dialog opens: an arrow key pressed before moves nothing.
  await expect(costCenter.locator("option").nth(1)).toBeAttached();
  await tabTo(page, costCenter);
  await page.keyboard.press("ArrowDown");
  await expect(costCenter).not.toHaveValue("");
  const someone = dialog.getByRole("table", { name: "Users" }).getByRole("checkbox", { disabled: false }).first();
  await expect(someone).toBeVisible();
  await tabTo(page, someone);
  await page.keyboard.press("Space");
  await expect(someone).toBeChecked();
  await tabTo(page, dialog.getByRole("button", { name: "Assign (1)" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "1 assigned." })).toBeVisible();
  await openSummary(page);
  expect((await counts(page, "Large Meetings"))[1]).toBe(inUse + 1);
});

test("add-ons are assigned in bulk from a file: template, upload, each kind of problem at its cell, fixed in place, then a job with a report", async ({ page }) => {
  await openSummary(page);
  const [, inUse] = await counts(page, "Push To Talk");
  await page.goto("/licenses/push-to-talk?latency=0");
  await chooseFromMenu(page, "More actions", "Assign in bulk via file");
  const dialog = page.getByRole("dialog", { name: "Assign Push To Talk licenses in bulk" });
  // As in the seed: select the licenses, Next, then the template for them.
  const file = dialog.getByLabel(/^Drop the file here, or choose it/);
  await expect(dialog.getByRole("button", { name: "Next" })).toBeDisabled();
  await expect(file).toBeHidden();
  await dialog.getByRole("checkbox", { name: /^All available/ }).check();
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog).toContainText(/\d+ licenses? selected\. Put a user's Mailbox ID next to each license/);
  await dialog.getByRole("checkbox", { name: /^Include user list/ }).check();
  const [xlsx] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download template (XLSX)" }).click()]);
  expect(xlsx.suggestedFilename()).toBe("assign-push-to-talk.xlsx");
  const book = readFileSync(await xlsx.path());
  const licenses = sheetRows(book, 1);
  const users = sheetRows(book, 2);
  expect(licenses[0]).toEqual(["License ID", "License", "Cost center", "Mailbox ID"]);
  expect(users[0]).toEqual(["Mailbox ID", "Name", "Extension", "Email", "Cost center", "Licenses"]);
  // The first spare license, and a user of its cost center without Push To Talk.
  const [licenseId, , costCenter] = licenses[1];
  const [second] = licenses[2];
  const taker = users.slice(1).find((u) => u[4] === costCenter && !(u[5] ?? "").includes("Push To Talk"));
  await expectAccessible(page);

  // Files refused whole, each with its reason.
  const status = dialog.locator("#bulk-file-status");
  const send = (name, text) => file.setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await file.setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) });
  await expect(status).toHaveText("This file is not a spreadsheet. Upload the template saved as .xlsx or .csv.");
  await send("notes.csv", `License ID,Mailbox ID,Notes\r\n${licenseId},${taker[0]},x\r\n`);
  await expect(status).toContainText('Unknown column "Notes"');
  await send("half.csv", `License ID\r\n${licenseId}\r\n`);
  await expect(status).toContainText('The "Mailbox ID" column is missing. Start from the template.');
  await send("header-only.csv", "License ID,Mailbox ID\r\n,\r\n");
  await expect(status).toHaveText("header-only.csv has no filled-in rows: add a row for each change, or use the template.");
  await file.setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: Buffer.alloc(5.5 * 1024 * 1024, 0x41) });
  await expect(status).toHaveText("huge.csv is 5.5 MB; files of up to 5 MB are accepted. Split the rows into smaller files.");

  // A good row, an empty line (skipped), the same license again, a word for a Mailbox ID and
  // a license the account doesn't have: each refused at its cell.
  await send("assign.csv", `License ID,Mailbox ID\r\n${licenseId},${taker[0]}\r\n,\r\n${licenseId},${taker[0]}\r\n${second},abc\r\nlic-none,${taker[0]}\r\n`);
  await expect(status).toHaveText("assign.csv: 4 rows read.");
  await expect(dialog.getByText("4 rows; 3 need attention.")).toBeVisible();
  await expect(dialog.locator("#bulk-4-license-error")).toHaveText(`License ${licenseId} is already on row 2.`);
  await expect(dialog.locator("#bulk-5-mailbox-error")).toHaveText('"abc" is not a Mailbox ID: it is a number, like 62000000007.');
  await expect(dialog.locator("#bulk-6-license-error")).toHaveText('No license "lic-none" in this account.');
  const submit = dialog.getByRole("button", { name: "Submit 4 rows" });
  await expect(submit).toBeDisabled();
  // The rows needing attention come first, alone; all rows are a click away.
  const attention = dialog.getByRole("checkbox", { name: "Show only the rows that need attention (3)" });
  await expect(attention).toBeChecked();
  await expect(dialog.getByLabel("Mailbox ID, row 2")).toHaveCount(0);
  await attention.uncheck();

  // Fixed in place: a wrong Mailbox ID is named at its cell, and the right one clears it.
  const mailbox = dialog.getByLabel("Mailbox ID, row 2");
  await mailbox.fill("1");
  await mailbox.press("Tab");
  await expect(dialog.locator("#bulk-2-mailbox-error")).toHaveText("No user has Mailbox ID 1.");
  await mailbox.fill(taker[0]);
  await mailbox.press("Tab");
  await expect(dialog.locator("#bulk-2-mailbox-error")).toHaveText("");
  await expect(dialog.getByRole("row").filter({ has: page.getByLabel("Mailbox ID, row 2") })).toContainText(taker[1]);
  await dialog.getByRole("button", { name: "Remove row 4" }).click();
  await expect(dialog.getByText("3 rows; 2 need attention.")).toBeVisible();

  // Apply the valid row and report the two others, to an address checked at its field.
  await dialog.getByRole("radio", { name: "Apply the valid rows and report the others" }).check();
  const reportTo = dialog.getByLabel("Email the processing report to");
  await reportTo.fill("reports at example");
  await dialog.getByRole("button", { name: "Submit 3 rows" }).click();
  await expect(dialog.locator("#bulk-report-to-error")).toHaveText("Enter the email address that gets the processing report, like name@example.com.");
  await expect(reportTo).toBeFocused();
  await reportTo.fill("reports@example.com");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Submit 3 rows" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "Done: 1 assigned, 2 refused." })).toBeVisible();
  await expect(dialog.getByText("The report was emailed to reports@example.com.")).toBeVisible();
  await dialog.getByRole("link", { name: "View the report" }).click();

  // The report: every row with its outcome, the refused ones alone on request.
  await expect(page.getByRole("heading", { level: 1, name: /^Job \d+: Assign add-on licenses$/ })).toBeVisible();
  const table = page.getByRole("table", { name: "Rows of the file and what became of each" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table.getByRole("row").nth(1)).toContainText(`2${licenseId}${taker[0]}${taker[1]}Assigned`);
  await expect(table.getByRole("row").nth(3)).toContainText('Refused: Row 6, License ID: No license "lic-none" in this account.');
  await page.getByRole("checkbox", { name: "Show only the refused rows (2)" }).check();
  await expect(page).toHaveURL(/refused=1/);
  await expect(table.getByRole("row")).toHaveCount(3);
  await expectAccessible(page);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download report (CSV)" }).click()]);
  const report = readFileSync(await csv.path(), "utf8").trim().split("\r\n");
  expect(report[0]).toBe("Row,License ID,Mailbox ID,User,Result,Reason");
  expect(report).toHaveLength(4);

  // The same report is in the outbox, and the list of jobs says what the job did.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByText("Processing report: Assign add-on licenses (1 assigned, 2 refused)")).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bulk jobs" }).click();
  await expect(page.getByRole("table", { name: "Bulk jobs, newest first" }).getByRole("row").nth(1)).toContainText("Done: 1 assigned, 2 refused.");
  await expectAccessible(page);
  await openSummary(page);
  expect((await counts(page, "Push To Talk"))[1]).toBe(inUse + 1);
});

test("Video users are upgraded to Office in bulk from the template of every Video Pro user", async ({ page }) => {
  await openSummary(page);
  const [, officeInUse] = await counts(page, "Office");
  await page.goto("/users?latency=0");
  await chooseFromMenu(page, "More", "Upgrade to Office licenses in bulk");
  const dialog = page.getByRole("dialog", { name: "Upgrade Video users to Office in bulk" });
  const [csv] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download template (CSV)" }).click()]);
  expect(csv.suggestedFilename()).toBe("upgrade-to-office.csv");
  const lines = readFileSync(await csv.path(), "utf8").trim().split("\r\n").map((l) => l.split(","));
  expect(lines[0]).toEqual(["Mailbox ID", "Name", "Extension", "Email", "Cost center", "Current license"]);
  expect(lines.slice(1).every((l) => l[5] === "Video Pro")).toBe(true);
  await expect(dialog.getByText(`The template lists the account's ${lines.length - 1} Video Pro users.`, { exact: false })).toBeVisible();
  const [first, second] = lines.slice(1);

  // Keep two users' lines, one twice; a stranger's Mailbox ID is refused at its cell.
  const file = dialog.getByLabel(/^Drop the file here, or choose it/);
  const body = [lines[0], first, second, first, ["999", "Nobody"]].map((l) => l.join(",")).join("\r\n");
  await file.setInputFiles({ name: "upgrade.csv", mimeType: "text/csv", buffer: Buffer.from(body) });
  await expect(dialog.getByText("4 rows; 2 need attention.")).toBeVisible();
  await expect(dialog.locator("#bulk-4-mailbox-error")).toHaveText(`${first[1]} is already on row 2.`);
  await expect(dialog.locator("#bulk-5-mailbox-error")).toHaveText("No user has Mailbox ID 999.");
  await dialog.getByRole("button", { name: "Remove row 4" }).click();
  await dialog.getByRole("button", { name: "Remove row 5" }).click();
  await expect(dialog.getByText("2 rows, all ready to upgrade.")).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Submit 2 rows" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "Done: 2 upgraded, 0 refused." })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  // Both are Office users now, each holding an Office license from inventory.
  await page.goto(`/users?latency=0&q=${encodeURIComponent(first[3])}`);
  await expect(page.getByRole("row").filter({ hasText: first[1] })).toContainText("Office");
  await openSummary(page);
  expect((await counts(page, "Office"))[1]).toBe(officeInUse + 2);
});

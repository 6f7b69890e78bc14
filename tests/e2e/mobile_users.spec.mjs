// Mobile users in both modes: the list with this cycle's calls and the 10-call charge, Keep,
// Delete (one and several, with the warning, retried safely after a failure), a stale deletion
// (live), and the replacement with a DigitalLine through the Add User wizard's steps.
import { DEMO_PASSWORD, PERSONAS, expect, expectAccessible, failNextRequests, inventoryLines, moved, test } from "./support.mjs";
import { chooseNumber, inventoryNumber } from "./wizard.mjs";

async function openMobileUsers(page, query = "") {
  await page.goto(`/mobile-users?latency=0${query}`);
  const table = page.getByRole("table", { name: "Mobile users" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  return table;
}

/** The name of the table's `n`th user (1-based), from its Delete button. */
async function nameOf(table, n) {
  const label = await table.getByRole("row").nth(n).getByRole("button", { name: /^Delete / }).getAttribute("aria-label");
  return label.replace(/^Delete /, "");
}

test("Mobile users are listed with this cycle's calls and the 10-call charge, filtered in the URL; Keep changes nothing", async ({ page }) => {
  const table = await openMobileUsers(page);
  await expect(page.getByRole("heading", { level: 1, name: "Mobile users" })).toBeVisible();
  const options = page.getByRole("list", { name: "Ways to manage Mobile users" });
  await expect(options.getByRole("heading", { name: /Replace with a DigitalLine/ })).toContainText("Recommended");
  await expect(options).toContainText("Keep as a Mobile user");
  await expect(options).toContainText("they are still charged for this cycle");
  await expect(page.locator(".mobile-summary")).toContainText(/\d+ charged this cycle \(10 or more calls, \$29\.99 each\) · Billing cycle/);
  // The most calls first: a charged user heads the list.
  const first = table.getByRole("row").nth(1);
  await expect(first).toContainText("Charged: 10 or more calls");
  await expectAccessible(page);

  await page.getByRole("checkbox", { name: /^Only users charged this cycle/ }).check();
  await expect(page).toHaveURL(/charged=1/);
  const cells = await table.locator("[role=row]").filter({ has: page.locator(".badge") }).allTextContents();
  expect(cells.length).toBeGreaterThan(0);
  expect(cells.every((t) => t.includes("Charged: 10 or more calls"))).toBe(true);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /^Only users charged this cycle/ })).toBeChecked();

  const name = await nameOf(table, 1);
  await table.getByRole("row").nth(1).getByRole("button", { name: `Keep ${name} as a Mobile user` }).click();
  const keep = page.getByRole("dialog", { name: `Keep ${name} as a Mobile user?` });
  await expect(keep).toContainText("Nothing changes");
  await expect(keep).toContainText("this cycle is charged at the DigitalLine price");
  await expectAccessible(page);
  await keep.getByRole("button", { name: "Keep as Mobile user" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name} stays a Mobile user. Nothing was changed.` })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: name })).toHaveCount(1);
});

test("Mobile users are deleted after the warning, one from its row and two selected, and a failed deletion is retried once", async ({ page, mode }) => {
  const table = await openMobileUsers(page);
  const charged = await nameOf(table, 1);
  // The first try of the deletion below fails; Try again deletes the user once.
  await failNextRequests(page, mode, { count: 1, status: 503 });
  await table.getByRole("row").nth(1).getByRole("button", { name: `Delete ${charged}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${charged}?` });
  await expect(dialog).toContainText("Their messages, greetings, call handling rules and recorded calls are lost and cannot be recovered.");
  await expect(dialog).toContainText(`Still charged for this billing cycle: ${charged} (`);
  await dialog.getByRole("button", { name: "Delete user" }).click();
  await expect(dialog.getByText("Tick the box to confirm you understand what is lost.")).toBeVisible();
  await dialog.getByRole("checkbox", { name: "I understand this can't be undone" }).check();
  await expectAccessible(page);

  await dialog.getByRole("button", { name: "Delete user" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Trying again is safe: users are deleted once.");
  await dialog.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Deleted 1 Mobile user. Still charged for this cycle: ${charged}.` })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: charged })).toHaveCount(0);

  // Two selected, deleted together.
  const [a, b] = [await nameOf(table, 1), await nameOf(table, 2)];
  await table.getByRole("checkbox", { name: `Select ${a}` }).check();
  await table.getByRole("checkbox", { name: `Select ${b}` }).check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Delete selected (2)" }).click();
  const both = page.getByRole("dialog", { name: "Delete 2 Mobile users?" });
  await expect(both.getByRole("listitem")).toHaveCount(2);
  await both.getByRole("checkbox", { name: "I understand this can't be undone" }).check();
  await both.getByRole("button", { name: "Delete 2 users" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Deleted 2 Mobile users\./ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Selection" })).toHaveCount(0);
  for (const gone of [a, b]) await expect(table.getByRole("row").filter({ hasText: gone })).toHaveCount(0);

  // They are gone from the Users list too.
  await page.goto(`/users?latency=0&q=${encodeURIComponent(charged)}`);
  await expect(page.getByText("0 users", { exact: true })).toBeVisible();
});

test("a Mobile user another admin deleted meanwhile is refused as stale, with a way to reload the list", async ({ page, mode, browser, baseURL }) => {
  test.skip(mode !== "live", "a second admin acts through the server");
  const table = await openMobileUsers(page);
  const name = await nameOf(table, 3);
  const other = await browser.newContext({ baseURL });
  const signIn = await other.request.post("/api/v1/auth/sign-in", { data: { email: PERSONAS["Super admin"], password: DEMO_PASSWORD } });
  const { csrfToken } = await signIn.json();
  const { users } = await (await other.request.get("/api/v1/mobile-users")).json();
  const target = users.find((u) => u.name === name);
  const gone = await other.request.post("/api/v1/mobile-users/deletions", {
    headers: { "x-csrf-token": csrfToken, "idempotency-key": `stale-${Date.now()}` },
    data: { users: [{ id: target.id, version: target.version }] },
  });
  expect(gone.status(), await gone.text()).toBe(200);
  await other.close();

  await table.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Delete ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  await dialog.getByRole("checkbox", { name: "I understand this can't be undone" }).check();
  await dialog.getByRole("button", { name: "Delete user" }).click();
  await expect(dialog.getByRole("alert")).toContainText("deleted by someone else since you loaded the list");
  await dialog.getByRole("button", { name: "Reload the list" }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});

test("a Mobile user is replaced with a DigitalLine through the wizard's phone, emergency address and review steps", async ({ page }) => {
  const lines = ["Office", "Desk phones", "Local numbers", "Toll-free numbers"];
  const before = await inventoryLines(page, lines);
  const table = await openMobileUsers(page);
  const name = await nameOf(table, 2);
  await table.getByRole("row").nth(2).getByRole("link", { name: `Replace with DigitalLine: ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Replace ${name} with a DigitalLine` })).toBeVisible();
  const steps = page.getByRole("navigation", { name: "Add users steps" });
  await expect(steps.getByRole("listitem")).toHaveText([/Phones & numbers/, /Emergency address/, /Review & submit/]);

  // Phone and number: the wizard's own step; Next shows what is missing.
  const row = page.getByRole("list", { name: "Phones and numbers" }).getByRole("listitem");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(row.getByText("Choose a number for this user.")).toBeVisible();
  await row.getByRole("combobox", { name: "Phone", exact: true }).selectOption("inventory");
  await row.getByRole("combobox", { name: "Inventory phone" }).selectOption({ index: 1 });
  const number = await chooseNumber(row, inventoryNumber);
  await expectAccessible(page);
  // A reload keeps what was chosen.
  await page.reload();
  await expect(row).toContainText(`${number} · from inventory`);
  await page.getByRole("button", { name: "Next" }).click();

  // The emergency address is required for a DigitalLine.
  await expect(page).toHaveURL(/step=emergency/);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Choose the emergency address for this DigitalLine's calls.")).toBeVisible();
  const location = page.getByRole("combobox", { name: "Emergency response location" });
  await location.selectOption("new");
  await page.getByRole("textbox", { name: "Nickname" }).fill("Home office");
  await page.getByRole("textbox", { name: "Street" }).fill("12 Elm St");
  await page.getByRole("textbox", { name: "City" }).fill("Austin");
  await page.getByRole("textbox", { name: "State or province" }).fill("TX");
  await page.getByRole("textbox", { name: "Postal code" }).fill("73301");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Next" }).click();

  // Review: what the line will be, nothing to buy, submit.
  await expect(page).toHaveURL(/step=review/);
  const summary = page.locator(".summary-list");
  await expect(summary).toContainText(number);
  await expect(summary).toContainText("New: Home office: 12 Elm St, Austin");
  await expect(page.getByText("Nothing to buy: every license, phone and number comes from inventory.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name} now has a DigitalLine.` })).toBeVisible();
  await expect(page).toHaveURL(/\/mobile-users$/);
  await expect(table.getByRole("row").filter({ hasText: name })).toHaveCount(0);

  // An Office user now.
  await page.goto(`/users?latency=0&q=${encodeURIComponent(name)}`);
  const user = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: name });
  await expect(user).toContainText("Office");

  // The Office license, the phone and the number came from inventory: each is held now.
  const after = await inventoryLines(page, lines);
  expect(moved(before, after, "Office")).toEqual([0, 1, -1]);
  expect(moved(before, after, "Desk phones")).toEqual([0, 1, -1]);
  const local = moved(before, after, "Local numbers");
  const numbers = moved(before, after, "Toll-free numbers").map((n, i) => n + local[i]);
  expect(numbers).toEqual([0, 1, -1]);
  await page.goto(`/licenses/desk-phones?latency=0&q=${encodeURIComponent(name)}`);
  const phones = page.getByRole("table", { name: "Desk phones" });
  await expect(phones.getByRole("row")).toHaveCount(2);
  await expect(phones.getByRole("row").nth(1)).toContainText(name);
});

test("the Mobile users search finds by name, email or extension, lives in the URL and can be cleared", async ({ page }) => {
  const table = await openMobileUsers(page);
  const name = await nameOf(table, 1);
  const search = page.getByRole("searchbox", { name: "Search Mobile users" });
  await search.fill(name.split(" ")[1]);
  await expect(table.getByRole("row").filter({ hasText: name })).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(name.split(" ")[1])}`));
  await page.reload();
  await expect(search).toHaveValue(name.split(" ")[1]);
  await expect(page.getByRole("table", { name: "Mobile users" }).getByRole("row").filter({ hasText: name })).toHaveCount(1);
  await search.fill("zzzz-nobody");
  await expect(page.getByRole("heading", { name: 'No Mobile user matches "zzzz-nobody"' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Clear search" }).click();
  await expect(search).toHaveValue("");
  await expect(page.getByRole("table", { name: "Mobile users" })).toBeVisible();
});


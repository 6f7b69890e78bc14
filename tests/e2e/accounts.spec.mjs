// Multi-Account Access in both modes: 20 accounts to a page with search in the URL, the account
// context, link (wrong credentials, locked, already linked), inline rename (Enter, Escape, empty
// refused), unlink one and several, and service status with details on hover and focus,
// refreshed every 3 minutes (fake clock), on return to the tab, by hand, and called stale when
// a refresh fails; Open signs a new tab in to a linked account with a one-time token.
import { DEMO_PASSWORD, expect, expectAccessible, failNextRequests, tabTo, test } from "./support.mjs";

const START = new Date("2026-12-01T15:00:00Z");

async function openAccounts(page, query = "") {
  await page.goto(`/accounts?latency=0${query}`);
  const table = page.getByRole("table", { name: "Linked accounts and the status of their services" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  return table;
}

const bodyRows = (table) => table.locator("tbody tr");
const refreshedText = (page) => page.getByText(/^Service status refreshed at /);

test("linked accounts are listed 20 to a page in the account's context, searched in the URL", async ({ page }) => {
  const table = await openAccounts(page);
  await expect(page.getByRole("heading", { level: 1, name: "Multi-Account Access" })).toBeVisible();
  await expect(page.getByText("Accounts linked to Northwind Trading Co. (acct-100200), the account you are signed in to.")).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Northwind Trading Co.");
  await expect(bodyRows(table)).toHaveCount(20);
  const pager = page.getByRole("navigation", { name: "Pagination" });
  await expect(pager).toContainText("1–20 of 26");
  await expect(pager.getByRole("combobox")).toHaveCount(0);
  await expectAccessible(page);
  await pager.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(bodyRows(table)).toHaveCount(6);
  await page.reload();
  await expect(pager).toContainText("21–26 of 26");

  const search = page.getByRole("searchbox", { name: "Search accounts" });
  await search.fill("tasting");
  await expect(page).toHaveURL(/q=tasting/);
  await expect(bodyRows(table)).toHaveCount(1);
  await expect(bodyRows(table).first()).toContainText("Coho: tasting room");
  await expect(bodyRows(table).first()).toContainText("Coho Winery Austin · acct-200177");
  await search.fill("+1720555");
  await expect(bodyRows(table)).toHaveCount(11);
  await search.fill("nothing like this");
  await expect(page.getByRole("heading", { name: 'No linked account matches "nothing like this"' })).toBeVisible();
});

test("service status shows colour, icon and label, with details on hover and focus, refreshed every 3 minutes, on return to the tab and by hand", async ({ page, mode }) => {
  await page.clock.install({ time: START });
  // Live: every request for the list, and the check time the first answer reports.
  let listRequests = 0;
  page.on("request", (r) => { if (new URL(r.url()).pathname === "/api/v1/accounts") listRequests += 1; });
  const firstAnswer = mode === "live" ? page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/accounts") : null;
  const table = await openAccounts(page);
  // The back end's own time of the check (checkedAt): the server's clock live, the page's in the sandbox.
  const checkedAt = mode === "live"
    ? (await (await firstAnswer).json()).items[0].checkedAt
    : Math.floor(START.getTime() / 180_000) * 180;
  const asOf = (unix) => page.evaluate((ms) => new Date(ms).toLocaleString("en-US"), unix * 1000);
  const first = bodyRows(table).first();
  const cells = first.locator(".svc");
  await expect(cells).toHaveCount(8);
  const labels = await cells.locator(".svc-label").allTextContents();
  expect(labels.every((l) => ["Available", "Error", "Unavailable", "Not reported"].includes(l))).toBe(true);
  await expect(page.getByRole("list", { name: "Service status legend" })).toContainText("Unavailable: the service is unavailable");

  // Details on focus (keyboard) and on hover, with the time of the last refresh; Escape hides them.
  const inbound = cells.first();
  await inbound.focus();
  const tip = page.locator(`#${await inbound.getAttribute("aria-describedby")}`);
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(/^Inbound Calls: (Available|Error|Unavailable|Not reported)/);
  await expect(tip).toContainText(`Last refresh: ${await asOf(checkedAt)}`);
  await expect(tip).toContainText(/Last refresh: \d+\/\d+\/\d{4}, \d+:\d\d:\d\d [AP]M/);
  await page.keyboard.press("Escape");
  await expect(tip).toBeHidden();
  const abnormal = table.locator(".svc-error, .svc-unavailable").first();
  await abnormal.hover();
  await expect(abnormal.locator("[role=tooltip]")).toContainText("Reason: ");
  await expectAccessible(page);

  // Every 3 minutes, by the page's own timer (the fake clock also runs on by itself, so times
  // are checked to the minute).
  await expect(refreshedText(page)).toContainText(/3:00:\d\d PM/);
  const before = listRequests;
  await page.clock.runFor(180_000);
  await expect(refreshedText(page)).toContainText(/3:03:\d\d PM/);
  // A new request was made (live), and the answer is a new check (sandbox: the next window).
  if (mode === "live") await expect.poll(() => listRequests).toBeGreaterThan(before);
  else {
    await inbound.focus();
    const refreshed = page.locator(`#${await inbound.getAttribute("aria-describedby")}`);
    await expect(refreshed).toContainText(`Last refresh: ${await asOf(checkedAt + 180)}`);
    await page.keyboard.press("Escape");
  }
  // When the tab is shown again after more than 3 minutes away.
  await page.clock.setSystemTime(new Date(START.getTime() + 400_000));
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));
  await expect(refreshedText(page)).toContainText(/3:06:\d\d PM/);
  // By hand.
  await page.clock.setSystemTime(new Date(START.getTime() + 430_000));
  await page.getByRole("button", { name: "Refresh status" }).click();
  await expect(refreshedText(page)).toContainText(/3:07:\d\d PM/);

  // A refresh that fails keeps the last status, says so, and calls it stale once it is old.
  await failNextRequests(page, mode, { count: 1, status: 503 });
  await page.clock.runFor(180_000);
  await expect(page.getByRole("alert").filter({ hasText: "Couldn't refresh the accounts" })).toBeVisible();
  await page.clock.runFor(60_000);
  await expect(page.getByRole("status").filter({ hasText: /^Service status is stale: last refreshed at 3:07:\d\d PM\./ })).toBeVisible();
  await expect(bodyRows(table)).toHaveCount(20);
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Service status is stale" })).toHaveCount(0);
});

test("an account is linked with its admin's credentials; wrong, locked and already linked ones are refused with what to do", async ({ page }) => {
  await openAccounts(page);
  await page.getByRole("button", { name: "Link account" }).click();
  const dialog = page.getByRole("dialog", { name: "Link account" });
  const email = dialog.getByRole("textbox", { name: "Admin email of that account" });
  const password = dialog.getByLabel("Password");
  const submit = dialog.getByRole("button", { name: "Link account" });
  await submit.click();
  await expect(dialog.getByText("Enter the email of an admin of that account.")).toBeVisible();
  await expect(email).toBeFocused();
  await expectAccessible(page);

  await email.fill("admin@fabrikam-boston.example");
  await password.fill("not the password");
  await submit.click();
  await expect(dialog.getByText("That email and password don't match an admin of any account you can link.")).toBeVisible();
  await expect(email).toHaveValue("admin@fabrikam-boston.example");

  await email.fill("admin@contoso-boston.example");
  await password.fill(DEMO_PASSWORD);
  await submit.click();
  await expect(dialog.getByRole("alert")).toContainText("Contoso Boston is locked after too many failed sign-ins.");

  await email.fill("admin@contoso-austin.example");
  await submit.click();
  await expect(dialog.getByRole("alert")).toContainText('Contoso Austin is already linked, as "Contoso Austin".');

  await email.fill("admin@fabrikam-boston.example");
  await dialog.getByRole("textbox", { name: "Show it here as (optional)" }).fill("Fabrikam East");
  await submit.click();
  await expect(page.getByRole("status").filter({ hasText: "Linked Fabrikam East." })).toBeVisible();
  await expect(dialog).toBeHidden();
  await page.getByRole("searchbox", { name: "Search accounts" }).fill("fabrikam east");
  await expect(page.locator("tbody tr")).toHaveCount(1);
});

test("an account is linked with the keyboard alone", async ({ page }) => {
  await openAccounts(page);
  const open = page.getByRole("button", { name: "Link account" });
  await tabTo(page, open);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Link account" });
  const email = dialog.getByRole("textbox", { name: "Admin email of that account" });
  await tabTo(page, email);
  await page.keyboard.type("admin@tailspin-boston.example");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Linked Tailspin Boston." })).toBeVisible();
  await expect(dialog).toBeHidden();
});

test("a linked account is renamed in place: Enter saves, Escape cancels, an empty name is refused", async ({ page }) => {
  const table = await openAccounts(page, "&q=Adatum Austin");
  const row = bodyRows(table).first();
  await row.getByRole("button", { name: "Rename Adatum Austin" }).click();
  const field = row.getByRole("textbox", { name: "New name for Adatum Austin" });
  await expect(field).toBeFocused();
  await field.fill("Something else");
  await field.press("Escape");
  await expect(field).toHaveCount(0);
  await expect(row).toContainText("Adatum Austin");

  await row.getByRole("button", { name: "Rename Adatum Austin" }).click();
  await field.fill("   ");
  await field.press("Enter");
  await expect(row.getByText("Enter a name for the account.")).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await field.fill("Adatum (Texas)");
  await field.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Renamed to Adatum (Texas)." })).toBeVisible();
  await page.goto("/accounts?latency=0&q=Adatum (Texas)");
  await expect(bodyRows(table).first()).toContainText("Adatum Austin · acct-200128");
});

test("accounts are unlinked one and several at a time, after confirmation", async ({ page }) => {
  const table = await openAccounts(page, "&q=Denver");
  const names = await bodyRows(table).locator(".account-name-line").allTextContents();
  await table.getByRole("checkbox", { name: `Select ${names[0]}` }).check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Unlink selected (1)" }).click();
  const one = page.getByRole("dialog", { name: `Unlink ${names[0]}?` });
  await expect(one).toContainText("Nothing changes in the accounts themselves");
  await expectAccessible(page);
  await one.getByRole("button", { name: "Unlink" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Unlinked 1 account." })).toBeVisible();
  await expect(bodyRows(table).filter({ hasText: names[0] })).toHaveCount(0);

  await table.getByRole("checkbox", { name: `Select ${names[1]}` }).check();
  await table.getByRole("checkbox", { name: `Select ${names[2]}` }).check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Unlink selected (2)" }).click();
  await page.getByRole("dialog", { name: "Unlink 2 accounts?" }).getByRole("button", { name: "Unlink 2 accounts" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Unlinked 2 accounts." })).toBeVisible();
  await expect(bodyRows(table)).toHaveCount(names.length - 3);
});

test("Open signs a new tab in to the linked account with a one-time token, and this tab stays in its own", async ({ page }) => {
  // Keeps what the new tab was opened with, before the app takes the token out of the address.
  await page.context().addInitScript(() => {
    if (location.pathname.endsWith("/launch")) sessionStorage.setItem("e2e-launch", location.href);
  });
  const table = await openAccounts(page, "&q=Fabrikam Austin");
  const open = bodyRows(table).first().getByRole("button", { name: "Open Fabrikam Austin in a new tab" });
  await expectAccessible(page);
  const [tab] = await Promise.all([page.waitForEvent("popup"), open.click()]);
  await expect(page.getByRole("status").filter({ hasText: "Fabrikam Austin opened in a new tab." })).toBeVisible();
  await expect(tab.getByRole("banner")).toContainText("Fabrikam Austin");
  await expect(tab).toHaveURL(/\/users\?|\/users$/);
  expect(tab.url()).not.toContain("token");
  await expect(tab).toHaveTitle("Fabrikam Austin · Switchboard");
  const launched = await tab.evaluate(() => sessionStorage.getItem("e2e-launch"));
  expect(launched).toMatch(/\/launch#token=[\w-]{40,}$/);
  expect(await tab.evaluate(() => window.opener)).toBeNull();

  // The new tab works in its account across reloads: that account has no links of its own.
  await tab.reload();
  await expect(tab.getByRole("banner")).toContainText("Fabrikam Austin");
  await tab.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await expect(tab.getByRole("heading", { name: "No linked accounts yet" })).toBeVisible();
  await expect(tab.getByText("Accounts linked to Fabrikam Austin (acct-200107)")).toBeVisible();

  // This tab is still in the portal's account.
  await page.reload();
  await expect(page.getByRole("banner")).toContainText("Northwind Trading Co.");
  await expect(bodyRows(table).first()).toContainText("Fabrikam Austin");

  // The link works once: used again, it is refused with what to do, and leads back to Accounts.
  const again = await page.context().newPage();
  await again.goto(launched);
  await expect(again.getByRole("heading", { name: "This account couldn't be opened" })).toBeVisible();
  await expect(again.getByRole("alert")).toContainText("already used");
  await expect(again).not.toHaveURL(/token/);
  await expectAccessible(again);
  await again.getByRole("link", { name: "Go to Accounts" }).click();
  await expect(again.getByRole("heading", { level: 1, name: "Multi-Account Access" })).toBeVisible();
  await expect(again.getByRole("banner")).toContainText("Northwind Trading Co.");
});

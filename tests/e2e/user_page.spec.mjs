// A user's own page, in both modes: opened from their name on the Users page, their details,
// and their setup: a user added with Activate later is activated by assigning credentials.
import { spawn } from "node:child_process";
import { ownServerPort } from "./servers.mjs";
import { DEMO_PASSWORD, expect, expectAccessible, inventoryLines, moved, PERSONAS, test, UsersPage } from "./support.mjs";
import { chooseNumber, confirmCharges, fillCredentials, inventoryNumber, next, oneMobileUserToReview } from "./wizard.mjs";

/** How many users the Users page counts with `query`. */
async function counted(users, query) {
  await users.open(query);
  return Number((await users.count.textContent()).match(/^([\d,]+)/)[1].replace(/,/g, ""));
}

test("a user added with Activate later is activated from their page by assigning credentials", async ({ page, mode }) => {
  const email = `later.${Date.now()}@northwind.example`;
  await oneMobileUserToReview(page, mode, email, { first: "Lena", last: "Later", setup: "activate-later" });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1 user." })).toBeVisible();

  const users = new UsersPage(page, mode);
  const waiting = await counted(users, "?status=not-activated&latency=0");
  const enabled = await counted(users, "?status=enabled&latency=0");
  await users.open(`?q=${encodeURIComponent(email)}&latency=0`);
  await expect(users.rows).toHaveCount(1);
  await expect(users.rows.first()).toContainText("Not activated");
  await users.rows.first().getByRole("link", { name: "Lena Later" }).click();

  // The page: details, and the setup with what can be done from it.
  await expect(page.getByRole("heading", { name: "Lena Later", level: 1 })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText(email);
  await expect(details).toContainText("Mobile");
  const setup = page.getByRole("region", { name: "Setup" });
  await expect(setup).toContainText("Not activated");
  await expectAccessible(page);
  await setup.getByRole("link", { name: "Activate by assigning credentials" }).click();

  // The wizard's credential fields and rules, then review and submit.
  await expect(page.getByRole("heading", { name: "Activate Lena Later", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Credentials", level: 2 })).toBeVisible();
  await next(page);
  await expect(page.getByText("Use 8 to 64 characters.")).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(`${email.split("@")[0]}x1`);
  await expect(page.getByText("Don't use the user's email name in the password.")).toBeVisible();
  await page.getByRole("combobox", { name: "Security question" }).selectOption({ index: 1 });
  await page.getByLabel("Answer").fill("Biscuit");
  // A reload keeps the question but none of the secrets: they are typed again.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Security question" })).not.toHaveValue("");
  await expect(page.getByLabel("Answer")).toHaveValue("");
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain("Biscuit");
  await fillCredentials(page);
  await expectAccessible(page);
  await next(page);
  await expect(page.getByRole("heading", { name: "Review & submit", level: 2 })).toBeVisible();
  await expect(page.getByText("None yet (the user is asked at first sign-in)")).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();

  await expect(page.getByRole("heading", { name: "Lena Later", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Setup" })).toContainText("Enabled");
  await expect(page.getByRole("link", { name: "Activate by assigning credentials" })).toHaveCount(0);
  // The data moved: one user fewer waits, one more is enabled.
  expect(await counted(users, "?status=not-activated&latency=0")).toBe(waiting - 1);
  expect(await counted(users, "?status=enabled&latency=0")).toBe(enabled + 1);
});

/** The Outbox's messages to `email`. */
async function outboxTo(page, email) {
  await page.goto("/outbox?latency=0");
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  await expect(page.locator(".progress.active")).toHaveCount(0);
  return page.getByRole("row").filter({ hasText: email });
}

test("invites are delivered: the wizard's Send invite and a user's page put the welcome email in the Outbox", async ({ page, mode }) => {
  // Added with the wizard's default setup, Send invite: the email is in the Outbox at once.
  const email = `invited.${Date.now()}@northwind.example`;
  await oneMobileUserToReview(page, mode, email, { first: "Ivo", last: "Invited" });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1 user." })).toBeVisible();
  const welcome = await outboxTo(page, email);
  await expect(welcome).toHaveCount(1);
  await expect(welcome).toContainText("activation link");
  await expect(welcome).toContainText("No attachment");
  await expectAccessible(page);

  // Resent from the user's page: a second email, and the page says when.
  const users = new UsersPage(page, mode);
  await users.open(`?q=${encodeURIComponent(email)}&latency=0`);
  await users.rows.first().getByRole("link", { name: "Ivo Invited" }).click();
  const setup = page.getByRole("region", { name: "Setup" });
  await expect(setup).toContainText("Invite sent");
  await setup.getByRole("button", { name: "Resend invite" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Welcome email sent to ${email}` })).toBeVisible();
  await expect(setup.getByRole("button", { name: "Resend invite" })).toBeEnabled();
  await expect(await outboxTo(page, email)).toHaveCount(2);
});

test("a user is disabled and enabled again from their page, after confirmation", async ({ page, mode }) => {
  const users = new UsersPage(page, mode);
  const disabled = await counted(users, "?status=disabled&latency=0");
  await users.open("?status=enabled&sort=-extension&latency=0");
  const name = (await users.rows.first().getByRole("cell").nth(1).textContent()).trim();
  await users.rows.first().getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const address = page.url();
  const setup = page.getByRole("region", { name: "Setup" });
  await setup.getByRole("button", { name: "Disable user" }).click();
  const confirm = page.getByRole("dialog", { name: `Disable ${name}?` });
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Disable user" }).click();
  await expect(confirm).toBeHidden();
  await expect(setup).toContainText("Disabled");
  expect(await counted(users, "?status=disabled&latency=0")).toBe(disabled + 1);

  await page.goto(address);
  await page.getByRole("region", { name: "Setup" }).getByRole("button", { name: "Enable user" }).click();
  await page.getByRole("dialog", { name: `Enable ${name}?` }).getByRole("button", { name: "Enable user" }).click();
  await expect(page.getByRole("region", { name: "Setup" })).toContainText("Enabled");
  expect(await counted(users, "?status=disabled&latency=0")).toBe(disabled);
});

test("a Mobile user's name on the Mobile users page opens their page", async ({ page }) => {
  await page.goto("/mobile-users?latency=0");
  const link = page.getByRole("table").first().getByRole("row").nth(1).getByRole("link").first();
  const name = (await link.textContent()).trim();
  await link.click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Details" })).toContainText("Mobile");
});

test("a read-only admin sees a user's page with activation refused and the reason", async ({ page, mode }) => {
  const users = new UsersPage(page, mode);
  await users.open("?status=not-activated&latency=0");
  await users.switchPersona("Read-only");
  const name = (await users.rows.first().getByRole("cell").nth(1).textContent()).trim();
  await users.rows.first().getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const setup = page.getByRole("region", { name: "Setup" });
  await expect(setup.getByRole("button", { name: "Activate by assigning credentials" })).toBeDisabled();
  await expect(setup).toContainText("doesn't include \"Manage users\"");
  await expect(page.getByRole("region", { name: "Delete user" }).getByRole("button", { name: "Delete user" })).toBeDisabled();
  // Every control of the page's sections is disabled (the licenses form shows only Close).
  const controls = page.locator(".user-section").getByRole("button").filter({ hasNotText: "Close" });
  expect(await controls.count()).toBeGreaterThan(2);
  for (const control of await controls.all()) await expect(control).toBeDisabled();
  await expect(page.getByRole("region", { name: "Services and permissions" })).toContainText("These fields are read only.");
  await expectAccessible(page);
});

test("an Office user is deleted from their page, and what they held is spare again", async ({ page, mode }) => {
  const lines = ["Office", "Desk phones", "Local numbers", "Toll-free numbers"];
  const before = await inventoryLines(page, lines);
  const users = new UsersPage(page, mode);
  const total = await counted(users, "?latency=0");
  await users.open("?type=office&status=enabled&sort=-extension&latency=0");
  const name = (await users.rows.first().getByRole("cell").nth(1).textContent()).trim();
  await users.rows.first().getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const address = page.url();

  // The warning: what is lost for good, what goes back to inventory; nothing without the tick.
  await page.getByRole("region", { name: "Delete user" }).getByRole("button", { name: "Delete user" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(dialog).toContainText("Lost for good");
  await expect(dialog).toContainText(/\d+ voicemails?/);
  await expect(dialog).toContainText(/\d+ recorded calls?/);
  const returned = (await dialog.getByText("Back to inventory:").textContent()).match(/(\d+) phones?; (\d+) numbers?/);
  const [phones, numbers] = [Number(returned[1]), Number(returned[2])];
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Delete user" }).click();
  await expect(dialog.getByText("Tick the box to confirm you understand what is lost.")).toBeVisible();
  await dialog.getByRole("checkbox", { name: "I understand this can't be undone" }).check();
  await dialog.getByRole("button", { name: "Delete user" }).click();

  // The Users list, one user fewer; their page is gone; what they held is spare.
  await expect(page.getByRole("status").filter({ hasText: `Deleted ${name}.` })).toBeVisible();
  await expect(page).toHaveURL(/\/users(\?|$)/);
  expect(await counted(users, "?latency=0")).toBe(total - 1);
  await page.goto(address);
  await expect(page.getByText("That user no longer exists.")).toBeVisible();
  const after = await inventoryLines(page, lines);
  expect(moved(before, after, "Office")).toEqual([0, -1, 1]);
  expect(moved(before, after, "Desk phones")).toEqual([0, -phones, phones]);
  const spareNumbers = moved(before, after, "Local numbers")[2] + moved(before, after, "Toll-free numbers")[2];
  expect(spareNumbers).toBe(numbers);
});

test("an Office user gets an inventory number and a purchased phone from their page, and the counts move", async ({ page, mode }) => {
  const lines = ["Local numbers", "Toll-free numbers"];
  const before = await inventoryLines(page, lines);
  const users = new UsersPage(page, mode);
  await users.open("?type=office&status=enabled&sort=extension&latency=0");
  const name = (await users.rows.first().getByRole("cell").nth(1).textContent()).trim();
  await users.rows.first().getByRole("link", { name }).click();
  const section = page.getByRole("region", { name: "Phones & Numbers" });
  await expect(section).toBeVisible();
  await expectAccessible(page);
  await section.getByRole("link", { name: "+ Add phone or number" }).click();

  // The wizard's Phones step for this one user; Next says what is missing.
  await expect(page.getByRole("heading", { level: 1, name: `Add a phone or number for ${name}` })).toBeVisible();
  const row = page.getByRole("list", { name: "Phones and numbers" }).getByRole("listitem");
  await row.getByRole("combobox", { name: "Phone", exact: true }).selectOption("purchase");
  await row.getByRole("combobox", { name: "Model to purchase" }).selectOption({ index: 1 });
  const model = (await row.getByRole("combobox", { name: "Model to purchase" }).locator("option:checked").textContent()).trim();
  const number = await chooseNumber(row, inventoryNumber);
  await expectAccessible(page);
  await next(page);

  // Review: the phone is the one charge (the user keeps their license); acknowledged, submitted.
  await expect(page).toHaveURL(/step=review/);
  await expect(page.locator(".summary-list")).toContainText(number);
  const charges = page.getByRole("table").filter({ hasText: "phone" });
  await expect(charges).toBeVisible();
  await expect(page.getByRole("table").filter({ hasText: "license" })).toHaveCount(0);
  await page.getByRole("button", { name: "Submit" }).click();
  const buy = page.getByRole("dialog", { name: "Add phone or number – Confirm" });
  await expect(buy.getByRole("table").filter({ hasText: "license" })).toHaveCount(0);
  await expectAccessible(page);
  await confirmCharges(page, "Add phone or number – Confirm");
  await expect(page.getByRole("status").filter({ hasText: `${name} has their new phone and number.` })).toBeVisible();

  // Their page lists both; the number left inventory.
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const address = page.url();
  await expect(section).toContainText(number);
  await expect(section).toContainText("ordered, on its way");
  const after = await inventoryLines(page, lines);
  const local = moved(before, after, "Local numbers");
  const numbers = moved(before, after, "Toll-free numbers").map((n, i) => n + local[i]);
  expect(numbers).toEqual([0, 1, -1]);
  expect(model.length).toBeGreaterThan(0);

  // Unassigned again from their page, after the confirmation: the number is spare once more.
  await page.goto(address);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await section.getByRole("button", { name: `Unassign ${number} from ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Unassign ${number}?` });
  await expect(confirm).toContainText("still reached at their extension");
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Unassign" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${number} is back in inventory.` })).toBeVisible();
  await expect(section).not.toContainText(number);
  const back = await inventoryLines(page, lines);
  const localBack = moved(before, back, "Local numbers");
  expect(moved(before, back, "Toll-free numbers").map((n, i) => n + localBack[i])).toEqual([0, 0, 0]);
});

test("a Video Pro user gets an Office license from Services and permissions on their page", async ({ page, mode }) => {
  const before = await inventoryLines(page, ["Office"]);
  const users = new UsersPage(page, mode);
  await users.open("?type=video-pro&latency=0");
  const name = (await users.rows.first().getByRole("cell").nth(1).textContent()).trim();
  // Edit user, in the row's More menu, opens the user's page.
  await users.rows.first().getByRole("button", { name: `More actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Edit user" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const services = page.getByRole("region", { name: "Services and permissions" });
  await expect(services).toContainText("No license (a free user).");
  await services.getByRole("radio", { name: /^Office \(\d+ in inventory\)/ }).check();
  await expectAccessible(page);
  await services.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Licenses of ${name} updated.` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Details" })).toContainText("Office");
  const after = await inventoryLines(page, ["Office"]);
  expect(moved(before, after, "Office")).toEqual([0, 1, -1]);
});

test("Delete user in a row's More menu opens the user's page with the warning", async ({ page, mode }) => {
  const users = new UsersPage(page, mode);
  await users.open("?type=video-pro&sort=-extension&latency=0");
  const name = (await users.rows.first().getByRole("cell").nth(1).textContent()).trim();
  await users.rows.first().getByRole("button", { name: `More actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Delete user" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(dialog).toContainText("Lost for good");
  // The address forgets the request: a reload shows the page without the dialog.
  await expect(page).not.toHaveURL(/action=delete/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(dialog).toBeHidden();
});

test("a user's details are edited from their page by the wizard's rules, and the list follows", async ({ page, mode }) => {
  const users = new UsersPage(page, mode);
  await users.open("?type=office&status=enabled&sort=extension&latency=0");
  const taken = (await users.rows.nth(1).getByRole("cell").nth(1).textContent()).trim();
  const name = (await users.rows.first().getByRole("cell").nth(1).textContent()).trim();
  await users.rows.first().getByRole("link", { name }).click();
  const details = page.getByRole("region", { name: "Details" });
  await details.getByRole("button", { name: "Edit details" }).click();
  const email = details.getByRole("textbox", { name: "Email" });
  await expect(email).not.toHaveValue("");
  const own = await email.inputValue();
  // Another user's email is refused at the field; their own is theirs.
  await email.fill(`${taken.toLowerCase().replace(" ", ".")}@northwind.example`);
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByText("A user with this email already exists.")).toBeVisible();
  await expectAccessible(page);
  await email.fill(own);
  await details.getByRole("textbox", { name: "Last name" }).fill("Renamed");
  await details.getByRole("button", { name: "Save details" }).click();
  const renamed = `${name.split(" ")[0]} Renamed`;
  await expect(page.getByRole("status").filter({ hasText: `Details of ${name} saved.` })).toBeVisible();
  await expect(page.getByRole("heading", { name: renamed, level: 1 })).toBeVisible();

  // Edit role: every role with what it may do, as in the wizard.
  await details.getByRole("button", { name: `Edit role for ${renamed}` }).click();
  const dialog = page.getByRole("dialog", { name: `Edit role for ${renamed}` });
  const roles = dialog.getByRole("radio");
  await expect(roles.first()).toBeVisible();
  const unchecked = dialog.locator(".role-choice").filter({ has: page.locator("input:not(:checked)") }).first();
  const roleName = (await unchecked.locator(".type-name").textContent()).trim();
  await expectAccessible(page);
  await unchecked.getByRole("radio").check();
  await dialog.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${renamed} now has the role ${roleName}.` })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(details.getByRole("definition").filter({ hasText: roleName })).toBeVisible();

  await users.open(`?q=${encodeURIComponent(own)}&latency=0`);
  await expect(users.rows).toHaveCount(1);
  await expect(users.rows.first()).toContainText(renamed);
  if (mode === "live") {
    // The role moved in the server's data, not only on the page.
    const href = await users.rows.first().getByRole("link", { name: renamed }).getAttribute("href");
    const saved = await (await page.request.get(`/api/v1${href}`)).json();
    expect(saved.role).toBe(roleName);
  }
});

test("a details save refused as stale keeps what was typed, takes in the other admin's change and saves both", async ({ page, mode, browser, baseURL }) => {
  test.skip(mode !== "live", "a second admin acts through the server");
  const users = new UsersPage(page);
  await users.open("?type=office&status=enabled&sort=extension&latency=0");
  const name = (await users.rows.nth(2).getByRole("cell").nth(1).textContent()).trim();
  await users.rows.nth(2).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop();
  const details = page.getByRole("region", { name: "Details" });
  await details.getByRole("button", { name: "Edit details" }).click();
  // Values that differ from the user's own, so a run after an earlier one still changes both.
  const firstName = details.getByRole("textbox", { name: "First name" });
  await expect(firstName).not.toHaveValue("");
  const mine = (await firstName.inputValue()) === "Mine" ? "Ours" : "Mine";
  await firstName.fill(mine);

  // Another admin, in a browser of their own, changes the last name meanwhile.
  const other = await browser.newContext({ baseURL });
  const signIn = await other.request.post("/api/v1/auth/sign-in", { data: { email: PERSONAS["Super admin"], password: DEMO_PASSWORD } });
  const { csrfToken } = await signIn.json();
  const { record } = await (await other.request.get(`/api/v1/users/${id}`)).json();
  const theirs = record.lastName === "Theirs" ? "Others" : "Theirs";
  const changed = await other.request.put(`/api/v1/users/${id}/details`, {
    headers: { "x-csrf-token": csrfToken, "idempotency-key": `theirs-${Date.now()}`, "if-match": `"${record.version}"` },
    data: { firstName: record.firstName, lastName: theirs, email: record.email, extension: record.extension, siteId: record.siteId, costCenterId: record.costCenterId, roleId: record.roleId },
  });
  expect(changed.status(), await changed.text()).toBe(200);
  await other.close();

  await details.getByRole("button", { name: "Save details" }).click();
  const notice = details.getByRole("alert").filter({ hasText: "Someone else changed this user" });
  await expect(notice).toContainText(`Last name: ${record.lastName} → ${theirs}`);
  await expect(firstName).toHaveValue(mine);
  await expect(details.getByRole("textbox", { name: "Last name" })).toHaveValue(theirs);
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("heading", { name: `${mine} ${theirs}`, level: 1 })).toBeVisible();
  const { record: now } = await (await page.request.get(`/api/v1/users/${id}`)).json();
  expect([now.firstName, now.lastName, now.version]).toEqual([mine, theirs, record.version + 2]);
});

test("the page's sections are in the address: a link to one opens there, and the links move to them", async ({ page }) => {
  const users = new UsersPage(page);
  await users.open("?type=office&status=enabled&sort=extension");
  const href = await users.rows.first().getByRole("link").first().getAttribute("href");
  await page.goto(`${href}#setup`);
  const setup = page.getByRole("region", { name: "Setup" });
  // The sections above load after arrival; Setup stays in view while they do.
  await expect(page.getByRole("region", { name: "Services and permissions" }).getByRole("radio").first()).toBeVisible();
  await expect(setup).toBeInViewport();
  const nav = page.getByRole("navigation", { name: "Sections of this page" });
  await nav.getByRole("link", { name: "Details" }).click();
  await expect(page).toHaveURL(/#details$/);
  await expect(page.getByRole("region", { name: "Details" })).toBeInViewport();
  await expect(nav.getByRole("link", { name: "Details" })).toHaveAttribute("aria-current", "location");
  await expect(setup).not.toBeInViewport();
});

test("a user id that doesn't exist says so on the page", async ({ page }) => {
  await page.goto("/users/999999?latency=0");
  await expect(page.getByText("That user no longer exists.")).toBeVisible();
});

const root = new URL("../..", import.meta.url).pathname;

/**
 * A reference server of this test's own on `ownServerPort`, so it can be stopped and started
 * again: `fresh` starts from the seed, `ahead` runs its clock that many seconds ahead.
 */
async function startServer({ fresh, ahead = 0 }) {
  const args = ["--demo", "--db", "target/e2e/own-clock.sqlite", "--port", String(ownServerPort), "--rate-limit", "0"];
  if (fresh) args.push("--fresh");
  if (ahead) args.push("--clock-ahead", String(ahead));
  const server = spawn("target/release/switchboard-server", args, { cwd: root, stdio: "ignore" });
  const base = `http://127.0.0.1:${ownServerPort}`;
  await expect
    .poll(() => fetch(`${base}/api/v1/openapi.json`).then((r) => r.status, () => 0), { timeout: 60_000 })
    .toBe(200);
  return { base, stop: () => new Promise((done) => { server.once("exit", done); server.kill("SIGTERM"); }) };
}

/** `minutes` from the page's now, as a `datetime-local` value in the browser's time zone. */
function minutesAhead(page, minutes) {
  return page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    const two = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
  }, minutes);
}

test("a scheduled invite reaches the Outbox only after its time, and a cancelled one never", async ({ page, mode }) => {
  // Live: a server of the test's own, stopped and started again with its clock 15 minutes
  // ahead (the schedule survives the restart). Sandbox: the browser's clock moved forward.
  let server = null;
  let base = "";
  if (mode === "live") {
    server = await startServer({ fresh: true });
    base = server.base;
    const signIn = await page.request.post(`${base}/api/v1/auth/sign-in`, { data: { email: PERSONAS["Super admin"], password: DEMO_PASSWORD } });
    expect(signIn.status()).toBe(200);
  } else {
    await page.clock.install();
  }
  try {
    await page.goto(`${base}/users?status=not-activated&sort=-extension&latency=0`);
    const row = page.locator(".tbody [role=row]").first();
    const name = (await row.getByRole("cell").nth(1).textContent()).trim();
    await row.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    const address = page.url();
    const email = (await page.getByRole("region", { name: "Details" }).locator("dd").first().textContent()).trim();
    const setup = page.getByRole("region", { name: "Setup" });

    // Too soon is refused at the field; then scheduled, cancelled, and scheduled again.
    await setup.getByRole("button", { name: "Schedule invite" }).click();
    const sendAt = setup.getByLabel("Send the invite at");
    await sendAt.fill(await minutesAhead(page, 2));
    await setup.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect(setup.getByText("Pick a time at least 5 minutes from now.")).toBeVisible();
    await sendAt.fill(await minutesAhead(page, 10));
    await setup.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect(setup).toContainText("Invite scheduled for");
    await expectAccessible(page);
    await setup.getByRole("button", { name: "Cancel scheduled invite" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Scheduled invite cancelled." })).toBeVisible();
    await expect(setup).not.toContainText("Invite scheduled for");
    await setup.getByRole("button", { name: "Schedule invite" }).click();
    await setup.getByLabel("Send the invite at").fill(await minutesAhead(page, 10));
    await setup.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect(setup).toContainText("Invite scheduled for");
    const outbox = async () => {
      await page.goto(`${base}/outbox?latency=0`);
      await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
      await expect(page.locator(".progress.active")).toHaveCount(0);
      return page.getByRole("row").filter({ hasText: email });
    };
    await expect(await outbox()).toHaveCount(0);

    // Fifteen minutes later: the one welcome email is in the Outbox, and the page says sent.
    if (mode === "live") {
      await server.stop();
      server = await startServer({ fresh: false, ahead: 15 * 60 });
      const again = await page.request.post(`${base}/api/v1/auth/sign-in`, { data: { email: PERSONAS["Super admin"], password: DEMO_PASSWORD } });
      expect(again.status()).toBe(200);
    } else {
      await page.clock.fastForward("15:00");
    }
    const welcome = await outbox();
    await expect(welcome).toHaveCount(1);
    await expect(welcome).toContainText("activation link");
    await page.goto(address);
    await expect(page.getByRole("region", { name: "Setup" })).toContainText("Invite sent");
    await expect(page.getByRole("region", { name: "Setup" })).not.toContainText("Invite scheduled for");
  } finally {
    await server?.stop();
  }
});

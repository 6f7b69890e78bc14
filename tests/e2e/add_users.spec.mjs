// The Add User wizard in both modes: errors at the field as the admin types, duplicate rows,
// inventory and purchases, setup options, charges with acknowledgment, and the result.
import { expect, expectAccessible, failNextRequests, inventoryLines, moved, tabTo, test, UsersPage } from "./support.mjs";
import { chooseNumber, confirmCharges, fillCredentials, inventoryNumber, newNumber, next, oneMobileUserToReview, openWizard, row } from "./wizard.mjs";

test("two Office users, one from inventory and one with purchases, are added once", async ({ page, mode }) => {
  const lines = ["Office", "Desk phones", "Local numbers", "Toll-free numbers"];
  const before = await inventoryLines(page, lines);
  await openWizard(page, mode);
  await expect(page.getByRole("radio", { name: /Office/ })).toBeChecked();
  await expect(page.getByText("makes or receives 10 or more calls")).toBeVisible();
  await expectAccessible(page);
  await next(page);

  // Users: errors show at the field; Duplicate copies all but names and email.
  const first = row(page, 1);
  await next(page);
  await expect(first.getByText("Enter the user's email address.")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "need attention" })).toBeVisible();
  const stamp = Date.now();
  await first.getByRole("textbox", { name: "Email" }).fill(`not-an-email`);
  await expect(first.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await first.getByRole("textbox", { name: "Email" }).fill(`ava.${stamp}@northwind.example`);
  await first.getByRole("textbox", { name: "First name" }).fill("Ava");
  await first.getByRole("textbox", { name: "Last name" }).fill("Wizard");
  await first.getByRole("combobox", { name: "Cost center" }).selectOption({ label: "Support" });
  await page.getByRole("button", { name: "Duplicate Ava Wizard" }).click();
  const second = row(page, 2);
  await expect(second.getByRole("combobox", { name: "Cost center" })).toHaveValue("cc-2");
  await expect(second.getByRole("textbox", { name: "Email" })).toHaveValue("");
  const ext1 = await first.getByRole("textbox", { name: "Extension" }).inputValue();
  const ext2 = await second.getByRole("textbox", { name: "Extension" }).inputValue();
  expect(Number(ext2)).toBe(Number(ext1) + 1);
  await second.getByRole("textbox", { name: "Email" }).fill(`ava.${stamp}@northwind.example`);
  await expect(second.getByText("Another row has this email")).toBeVisible();
  await second.getByRole("textbox", { name: "Email" }).fill(`ben.${stamp}@northwind.example`);
  await second.getByRole("textbox", { name: "First name" }).fill("Ben");
  await second.getByRole("textbox", { name: "Last name" }).fill("Wizard");
  await expectAccessible(page);

  // The draft survives a reload.
  await page.reload();
  await expect(row(page, 2).getByRole("textbox", { name: "First name" })).toHaveValue("Ben");
  await next(page);

  // Phones and numbers: inventory for Ava, a purchase and a new number for Ben.
  await expect(page.getByRole("heading", { name: "Phones & numbers" })).toBeVisible();
  const ava = page.getByRole("listitem", { name: "Ava Wizard" });
  const ben = page.getByRole("listitem", { name: "Ben Wizard" });
  await ava.getByRole("combobox", { name: "Phone", exact: true }).selectOption("inventory");
  await ava.getByRole("combobox", { name: "Inventory phone" }).selectOption({ index: 1 });
  // Number → Select opens the number window: Number Inventory or New Numbers, then Done.
  await expect(ava).toContainText("None chosen");
  await ava.getByRole("button", { name: "Select a number for Ava Wizard" }).click();
  const window = page.getByRole("dialog", { name: "Number for Ava Wizard" });
  await expect(window.getByRole("radio", { name: "Number Inventory" })).toBeChecked();
  await window.getByRole("combobox", { name: "Number from inventory" }).selectOption({ index: 1 });
  const avaNumber = await window.getByRole("combobox", { name: "Number from inventory" }).inputValue();
  await expectAccessible(page);
  await window.getByRole("button", { name: "Done" }).click();
  await expect(window).toBeHidden();
  await expect(ava).toContainText(`${avaNumber} · from inventory`);
  await ben.getByRole("combobox", { name: "Phone", exact: true }).selectOption("purchase");
  await ben.getByRole("button", { name: "Browse catalog for Ben Wizard" }).click();
  const catalog = page.getByRole("dialog", { name: "Choose a phone for Ben Wizard" });
  await catalog.getByRole("combobox", { name: "Category" }).selectOption("Cordless");
  await catalog.getByRole("searchbox", { name: "Search" }).fill("dect");
  await expect(catalog.getByRole("listitem")).toHaveCount(1);
  await expectAccessible(page);
  await catalog.getByRole("button", { name: "Select Yealink W76P" }).click();
  await expect(catalog).toBeHidden();
  await expect(ben.getByRole("combobox", { name: "Model to purchase" })).toHaveValue("YEA-W76P");
  const benNumber = await chooseNumber(ben, (d) => newNumber(d));
  await expect(ben).toContainText(`${benNumber} · new (TX, 512)`);
  await expectAccessible(page);
  await next(page);

  // Setup: Ava gets an invite, Ben credentials without an emergency location.
  await expect(page.getByRole("heading", { name: "Setup & role" })).toBeVisible();
  await page.getByRole("button", { name: "Edit role for Ava Wizard" }).click();
  const roles = page.getByRole("dialog", { name: "Edit role for Ava Wizard" });
  await expect(roles.getByText("Manage users, Purchase licenses, numbers and phones, Manage licenses", { exact: true })).toBeVisible();
  await expect(roles.getByText("No admin permissions.").first()).toBeVisible();
  await expectAccessible(page);
  await roles.getByRole("radio", { name: /Standard International/ }).check();
  await roles.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("listitem", { name: "Ava Wizard" })).toContainText("Standard International");
  const benSetup = page.getByRole("listitem", { name: "Ben Wizard" });
  await benSetup.getByRole("combobox", { name: "Setup option" }).selectOption("assign-credentials");
  await benSetup.getByLabel("Password", { exact: true }).fill("short");
  await expect(benSetup.getByText("Use 8 to 64 characters.")).toBeVisible();
  // Typed key by key: the fields must keep focus while their own errors come and go.
  await benSetup.getByLabel("Password", { exact: true }).fill("");
  await benSetup.getByLabel("Password", { exact: true }).pressSequentially("Harbour42view");
  await expect(benSetup.getByLabel("Password", { exact: true })).toHaveValue("Harbour42view");
  await benSetup.getByLabel("Re-enter password").pressSequentially("Harbour42view");
  await expect(benSetup.getByText("The passwords don't match.")).toHaveCount(0);
  await benSetup.getByLabel("PIN", { exact: true }).fill("2580");
  await benSetup.getByLabel("Re-enter PIN").fill("2580");
  await benSetup.getByRole("combobox", { name: "Security question" }).selectOption({ index: 1 });
  await benSetup.getByLabel("Answer").fill("Biscuit");
  await expectAccessible(page);
  await next(page);

  // Review: itemised charges, acknowledgment, the emergency prompt, then submit.
  await expect(page.getByRole("heading", { name: "Review & submit" })).toBeVisible();
  await expect(page.getByRole("table").filter({ hasText: "New phone number" })).toContainText("$4.99");
  await expect(page.getByRole("table").filter({ hasText: "Yealink W76P phone" })).toContainText("$179.00");
  await expect(page.getByRole("checkbox", { name: /I acknowledge these charges/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Submit" }).click();
  const prompt = page.getByRole("dialog", { name: "Missing Emergency Address" });
  await expect(prompt).toBeVisible();
  await expectAccessible(page);
  // Back: to add the address; nothing was sent.
  await prompt.getByRole("button", { name: "Back" }).click();
  await expect(prompt).toBeHidden();
  await expect(page.getByRole("heading", { name: "Review & submit" })).toBeVisible();
  if (mode === "live") {
    const none = await (await page.request.get(`/api/v1/users?q=${stamp}`)).json();
    expect(none.total).toBe(0);
  }
  await page.getByRole("button", { name: "Submit" }).click();
  await prompt.getByRole("button", { name: "Yes, continue" }).click();
  // Add Users – Confirm: the charges again; Cancel buys nothing and keeps the review.
  const confirm = page.getByRole("dialog", { name: "Add Users – Confirm" });
  await expect(confirm.getByRole("table")).toContainText("$179.00");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("heading", { name: "Review & submit" })).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();
  await prompt.getByRole("button", { name: "Yes, continue" }).click();
  // Next without the acknowledgment says what is missing, at the box.
  await confirm.getByRole("button", { name: "Next" }).click();
  await expect(confirm.getByText("Review the charges and tick the acknowledgment")).toBeVisible();
  await expectAccessible(page);
  await confirm.getByLabel("I acknowledge these charges").check();
  await confirm.getByRole("button", { name: "Next" }).click();
  await expect(confirm).toContainText(/Submit to buy what is listed: \$[\d,.]+ now, and \$[\d,.]+ a month/);
  await expect(confirm.getByRole("button", { name: "Next" })).toHaveCount(0);
  await confirm.getByRole("button", { name: "Submit" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Added 2 users." })).toBeVisible();
  const result = page.getByRole("table", { name: "Users added" });
  await expect(result).toContainText(`ava.${stamp}@northwind.example`);
  await expect(result).toContainText("Invite sent");
  await expect(result).toContainText("Activated with credentials");
  await expect(result).toContainText(benNumber);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Go to Users" }).click();
  const users = new UsersPage(page, mode);
  await users.search.fill(`${stamp}`);
  await users.settled();
  await expect(users.rows).toHaveCount(2);

  // What they hold now: an Office license each; Ava's phone and number left the inventory, Ben's
  // new number joined it, held (his phone is on order, not in inventory yet).
  const after = await inventoryLines(page, lines);
  expect(moved(before, after, "Office")[1]).toBe(2);
  expect(moved(before, after, "Desk phones")).toEqual([0, 1, -1]);
  const local = moved(before, after, "Local numbers");
  expect(moved(before, after, "Toll-free numbers").map((n, i) => n + local[i])).toEqual([1, 2, -1]);
  await page.goto(`/licenses/desk-phones?latency=0&q=${encodeURIComponent(`ava.${stamp}@`)}`);
  await expect(page.getByRole("table", { name: "Desk phones" }).getByRole("row")).toHaveCount(2);

  // Their own pages: Ava holds the role chosen for her; Ben's phone is on its way, with his number.
  await users.open(`?q=${stamp}&latency=0`);
  await users.rows.filter({ hasText: "Ava Wizard" }).getByRole("link", { name: "Ava Wizard" }).click();
  await expect(page.getByRole("region", { name: "Details" }).getByRole("definition").filter({ hasText: "Standard International" })).toBeVisible();
  await page.goBack();
  await users.rows.filter({ hasText: "Ben Wizard" }).getByRole("link", { name: "Ben Wizard" }).click();
  const benPhones = page.getByRole("region", { name: "Phones & Numbers" });
  await expect(benPhones).toContainText("Yealink W76P");
  await expect(benPhones).toContainText("ordered, on its way");
  await expect(benPhones).toContainText(benNumber);
});

test("seed 001's defaults and choices: unique emails and a temporary password on, rows added by number, their own device, an existing emergency location, one shipping address", async ({ page, mode }) => {
  const before = await inventoryLines(page, ["Desk phones"]);
  await openWizard(page, mode);
  await next(page);
  await expect(page.getByRole("checkbox", { name: "Require unique email IDs" })).toBeChecked();
  await page.getByRole("spinbutton", { name: "How many rows to add" }).fill("1");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("list", { name: "Users to add" }).getByRole("listitem")).toHaveCount(2);
  const stamp = Date.now();
  for (const [n, first, last] of [[1, "Bo", "Own"], [2, "Sue", "Shipped"]]) {
    const r = row(page, n);
    await r.getByRole("textbox", { name: "Email" }).fill(`${first.toLowerCase()}.${stamp}@northwind.example`);
    await r.getByRole("textbox", { name: "First name" }).fill(first);
    await r.getByRole("textbox", { name: "Last name" }).fill(last);
  }
  await next(page);

  // Bo brings his own SIP device; Sue's phone is bought and shipped to one address.
  const bo = page.getByRole("listitem", { name: "Bo Own" });
  const sue = page.getByRole("listitem", { name: "Sue Shipped" });
  await bo.getByRole("combobox", { name: "Phone", exact: true }).selectOption("bring-own");
  // New numbers for both, so the spare numbers of the tests after this one stay spare.
  const pickNew = (user, taken) => chooseNumber(user, (d) => newNumber(d, taken));
  const boNumber = await pickNew(bo, "");
  await sue.getByRole("combobox", { name: "Phone", exact: true }).selectOption("purchase");
  await sue.getByRole("button", { name: "Browse catalog for Sue Shipped" }).click();
  await page.getByRole("dialog", { name: "Choose a phone for Sue Shipped" }).getByRole("button", { name: "Select Yealink W76P" }).click();
  await pickNew(sue, boNumber);
  const shipping = page.getByRole("group", { name: "Shipping for purchased phones" });
  await shipping.getByRole("radio", { name: "Ship all devices to one address" }).check();
  const shipTo = shipping.getByRole("combobox", { name: "Ship all devices to" });
  await shipTo.selectOption({ index: 1 });
  const address = (await shipTo.locator("option:checked").textContent()).trim();
  await expectAccessible(page);
  await next(page);

  // Bo is activated with credentials (temporary password on by default) at an existing location.
  const boSetup = page.getByRole("listitem", { name: "Bo Own" });
  await boSetup.getByRole("combobox", { name: "Setup option" }).selectOption("assign-credentials");
  await expect(boSetup.getByRole("checkbox", { name: /Temporary password/ })).toBeChecked();
  await fillCredentials(boSetup);
  // Add next to the user opens the location window; searching narrows the account's locations.
  await expect(boSetup).toContainText("None yet (the user is asked at first sign-in)");
  await boSetup.getByRole("button", { name: "Add an emergency response location for Bo Own" }).click();
  const erl = page.getByRole("dialog", { name: "Emergency response location for Bo Own" });
  const location = erl.getByRole("combobox", { name: "Emergency response location" });
  await erl.getByRole("searchbox", { name: "Search locations" }).fill("toronto");
  await expect(location.locator("option")).toHaveText(["None yet (the user is asked at first sign-in)", /^Toronto Office reception: /, "New location…"]);
  await location.selectOption({ index: 1 });
  await expect(location.locator("option:checked")).toHaveText(/^Toronto Office reception: /);
  await expectAccessible(page);
  await erl.getByRole("button", { name: "Done" }).click();
  await expect(erl).toBeHidden();
  await expect(boSetup).toContainText(/Toronto Office reception: /);
  await expect(boSetup.getByRole("button", { name: "Change an emergency response location for Bo Own" })).toBeVisible();
  await next(page);

  await expect(page.getByRole("heading", { name: "Review & submit" })).toBeVisible();
  const review = page.getByRole("table", { name: "Users to add" });
  await expect(review.getByRole("row").filter({ hasText: "Bo Own" })).toContainText("Own SIP device");
  await expect(review.getByRole("row").filter({ hasText: "Sue Shipped" })).toContainText(`ship to ${address.split(":")[0]}`);
  // No Missing Emergency Address prompt: Bo has a location. The phone is bought after the Confirm window.
  await page.getByRole("button", { name: "Submit" }).click();
  await confirmCharges(page);
  await expect(page.getByRole("status").filter({ hasText: "Added 2 users." })).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Missing Emergency Address" })).toHaveCount(0);
  const result = page.getByRole("table", { name: "Users added" });
  await expect(result.getByRole("row").filter({ hasText: "Bo Own" })).toContainText("Activated with credentials");
  await expect(result.getByRole("row").filter({ hasText: "Sue Shipped" })).toContainText("Invite sent");

  // Bo's own device took no desk phone; Sue's is on order, not yet in inventory.
  const after = await inventoryLines(page, ["Desk phones"]);
  expect(moved(before, after, "Desk phones")).toEqual([0, 0, 0]);
  const users = new UsersPage(page, mode);
  await users.open(`?q=${stamp}&latency=0`);
  await users.rows.filter({ hasText: "Sue Shipped" }).getByRole("link", { name: "Sue Shipped" }).click();
  await expect(page.getByRole("region", { name: "Phones & Numbers" })).toContainText("ordered, on its way");
});

test("a read-only admin is told why they can't add users", async ({ page, mode }) => {
  const users = new UsersPage(page, mode);
  await users.open();
  await users.switchPersona("Read-only");
  const button = page.getByRole("button", { name: "Add users" });
  await expect(button).toHaveAttribute("aria-disabled", "true");
  await page.goto("/users/add");
  await expect(page.getByText("doesn't include \"Manage users\"")).toBeVisible();
});

test("rows pasted from a spreadsheet fill the grid; Mobile users skip phones and activate later", async ({ page, mode }) => {
  await openWizard(page, mode);
  await page.getByRole("radio", { name: /Mobile/ }).check();
  await next(page);
  const stamp = Date.now();
  const lines = ["Cara", "Dev", "Eli"].map((name, i) => `${name.toLowerCase()}.${stamp}@northwind.example\t${name}\tPaste\tAustin Office\tMarketing`);
  await page.locator("#f-rows-0-email").evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, lines.join("\n") + "\n");
  const rows = page.getByRole("list", { name: "Users to add" }).getByRole("listitem");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2).getByRole("textbox", { name: "First name" })).toHaveValue("Eli");
  await expect(rows.nth(1).getByRole("combobox", { name: "Site" })).toHaveValue("site-2");
  await expect(rows.nth(1).getByRole("combobox", { name: "Cost center" })).toHaveValue("cc-5");
  // Without unique emails, invites are not offered and the rows wait to be activated.
  await page.getByRole("checkbox", { name: "Require unique email IDs" }).uncheck();
  await expect(page.getByText("invites can't be sent")).toBeVisible();
  await next(page);

  await expect(page.getByRole("heading", { name: "Setup & role" })).toBeVisible();
  for (const name of ["Cara Paste", "Dev Paste", "Eli Paste"]) {
    const setup = page.getByRole("listitem", { name }).getByRole("combobox", { name: "Setup option" });
    await expect(setup).toHaveValue("activate-later");
    expect(await setup.locator("option").allTextContents()).toEqual(["Activate by assigning credentials", "Activate later"]);
  }
  await next(page);
  await expect(page.getByText("Nothing to buy")).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 3 users." })).toBeVisible();
  const result = page.getByRole("table", { name: "Users added" });
  await expect(result.getByText("Not activated yet")).toHaveCount(3);
});

test("removing a row while the one below it has focus keeps that row's text and focus, and moves no value to another row", async ({ page, mode }) => {
  await openWizard(page, mode);
  await page.getByRole("radio", { name: /Mobile/ }).check();
  await next(page);
  await page.getByRole("spinbutton", { name: "How many rows to add" }).fill("2");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const rows = page.getByRole("list", { name: "Users to add" }).getByRole("listitem");
  await expect(rows).toHaveCount(3);
  for (const [n, name] of [[1, "Ann"], [2, "Ben"]]) {
    await row(page, n).getByRole("textbox", { name: "First name" }).fill(name);
  }
  // Row 3 has focus and text; row 2 is removed without moving focus (as a script or a
  // shortcut would).
  const third = row(page, 3).getByRole("textbox", { name: "First name" });
  await third.click();
  await page.keyboard.type("Cleo");
  await row(page, 2).getByRole("button", { name: /^Remove/ }).evaluate((button) => button.click());

  await expect(rows).toHaveCount(2);
  await expect(row(page, 1).getByRole("textbox", { name: "First name" })).toHaveValue("Ann");
  const moved = row(page, 2).getByRole("textbox", { name: "First name" });
  await expect(moved).toHaveValue("Cleo");
  await expect(moved).toBeFocused();
  await expect(row(page, 2)).toHaveAccessibleName("User 2");
  // Typing goes on into the same row; the draft saved for a reload holds exactly these rows.
  await page.keyboard.type(" Ray");
  await expect(moved).toHaveValue("Cleo Ray");
  await page.reload();
  await expect(rows).toHaveCount(2);
  await expect(row(page, 1).getByRole("textbox", { name: "First name" })).toHaveValue("Ann");
  await expect(row(page, 2).getByRole("textbox", { name: "First name" })).toHaveValue("Cleo Ray");
});

/** Fills one Mobile user and goes to the review step. */
test("a submit that fails says so, keeps the draft, and Try again adds the user once", async ({ page, mode }) => {
  const email = `retry.${Date.now()}@northwind.example`;
  await oneMobileUserToReview(page, mode, email);
  await failNextRequests(page, mode, { count: 1, status: 503 });
  await page.getByRole("button", { name: "Submit" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "unavailable" });
  await expect(alert).toContainText("Submitting again is safe");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1 user." })).toBeVisible();
});

test("a submit whose answer is lost is retried with the same key and adds the user once", async ({ page, mode }) => {
  test.skip(mode !== "live", "only a real server can apply a change whose answer is then lost");
  const email = `lost.${Date.now()}@northwind.example`;
  await oneMobileUserToReview(page, mode, email);
  let dropped = false;
  await page.route("**/api/v1/user-batches", async (route) => {
    if (dropped || route.request().method() !== "POST") return route.fallback();
    dropped = true;
    await route.fetch(); // the server adds the user...
    await route.abort("connectionreset"); // ...but the answer never arrives.
  });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Can't reach the server" })).toBeVisible();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1 user." })).toBeVisible();
  const found = await (await page.request.get(`/api/v1/users?q=${encodeURIComponent(email)}`)).json();
  expect(found.total).toBe(1);
});

test("a users admin without purchasing is offered inventory only, and told so", async ({ page, mode }) => {
  const users = new UsersPage(page, mode);
  await users.open("?latency=0");
  await users.switchPersona("Users admin without purchasing");
  await page.getByRole("link", { name: "Add users" }).click();
  await expect(page.getByText("Your role can't purchase")).toBeVisible();
  await next(page);
  const first = row(page, 1);
  await first.getByRole("textbox", { name: "Email" }).fill(`inv.${Date.now()}@northwind.example`);
  await first.getByRole("textbox", { name: "First name" }).fill("Ivy");
  await first.getByRole("textbox", { name: "Last name" }).fill("Inventory");
  await next(page);
  const ivy = page.getByRole("listitem", { name: "Ivy Inventory" });
  const phoneOptions = await ivy.getByRole("combobox", { name: "Phone", exact: true }).locator("option").allTextContents();
  expect(phoneOptions).not.toContain("Purchase a phone");
  await ivy.getByRole("button", { name: "Select a number for Ivy Inventory" }).click();
  const window = page.getByRole("dialog", { name: "Number for Ivy Inventory" });
  await expect(window.getByRole("radio")).toHaveCount(1);
  await expect(window.getByRole("radio", { name: "Number Inventory" })).toBeChecked();
});

test("twenty-five users pasted at once, one line too many, with a scheduled invite", async ({ page, mode }) => {
  await openWizard(page, mode);
  await page.getByRole("radio", { name: /^Video Pro Free/ }).check();
  await next(page);
  const stamp = Date.now();
  const lines = Array.from({ length: 26 }, (_, i) => `bulk${i}.${stamp}@northwind.example\tBulk\tUser${i}`);
  await page.locator("#f-rows-0-email").evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, lines.join("\n"));
  await expect(page.getByRole("status").filter({ hasText: "1 pasted line didn't fit: 25 users at a time." })).toBeVisible();
  const rows = page.getByRole("list", { name: "Users to add" }).getByRole("listitem");
  await expect(rows).toHaveCount(25);
  await expect(page.getByRole("button", { name: "Add", exact: true })).toBeDisabled();
  await next(page);

  const first = page.getByRole("listitem", { name: "Bulk User0" });
  await first.getByRole("combobox", { name: "Setup option" }).selectOption("schedule-invite");
  const when = first.getByLabel("Send the invite at");
  await when.fill("2001-01-01T09:00");
  await expect(first.getByText("Pick a time at least 5 minutes from now.")).toBeVisible();
  const tomorrow = new Date(Date.now() + 86_400_000);
  const pad = (n) => String(n).padStart(2, "0");
  await when.fill(`${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T10:30`);
  await expect(first.getByText("Pick a time")).toHaveCount(0);
  await next(page);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 25 users." })).toBeVisible();
  const result = page.getByRole("table", { name: "Users added" });
  await expect(result.getByText(/Invite scheduled for/)).toHaveCount(1);
  // The time chosen, as this browser writes that local time.
  const chosen = await page.evaluate(
    ([y, m, d]) => new Date(y, m, d, 10, 30).toLocaleString("default", {}),
    [tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate()],
  );
  await expect(result.getByRole("row", { name: /Bulk User0/ })).toContainText(`Invite scheduled for ${chosen}`);
  await expect(result.getByText("Invite sent")).toHaveCount(24);
});

/** Fills row `n` of the Users step. */
async function fillRow(page, n, { email, first, last, costCenter }) {
  const r = row(page, n);
  await r.getByRole("textbox", { name: "Email" }).fill(email);
  await r.getByRole("textbox", { name: "First name" }).fill(first);
  await r.getByRole("textbox", { name: "Last name" }).fill(last);
  if (costCenter) await r.getByRole("combobox", { name: "Cost center" }).selectOption({ label: costCenter });
}

test("Video Pro+ users: licenses move between cost centers, phones ship per device to a new address, a new emergency location", async ({ page, mode }) => {
  await openWizard(page, mode);
  await page.getByRole("radio", { name: /Video Pro\+/ }).check();
  await next(page);
  const stamp = Date.now();
  // Engineering has no spare Video Pro+ license in the seeded account.
  await fillRow(page, 1, { email: `vera.${stamp}@northwind.example`, first: "Vera", last: "Meetings", costCenter: "Engineering" });
  await page.getByRole("button", { name: "Duplicate Vera Meetings" }).click();
  await fillRow(page, 2, { email: `wes.${stamp}@northwind.example`, first: "Wes", last: "Meetings" });
  await next(page);

  for (const [name, n] of [["Vera Meetings", 1], ["Wes Meetings", 2]]) {
    const item = page.getByRole("listitem", { name });
    await item.getByRole("combobox", { name: "Phone", exact: true }).selectOption("purchase");
    await item.getByRole("combobox", { name: "Model to purchase" }).selectOption({ index: n });
    // Video Pro+ users make no direct calls: no number unless the admin picks one.
    await expect(item).toContainText("No number");
  }
  const picked = await chooseNumber(page.getByRole("listitem", { name: "Vera Meetings" }), inventoryNumber);

  // Per device: tick Wes's phone, add an address (checked before it is saved), assign it.
  const shipping = page.getByRole("group", { name: "Shipping for purchased phones" });
  await shipping.getByRole("radio", { name: "Ship to multiple addresses" }).check();
  const multi = page.getByRole("dialog", { name: "Ship to multiple addresses" });
  const devices = multi.getByRole("table", { name: "Purchased devices" });
  await expect(devices.getByRole("row")).toHaveCount(3);
  await devices.getByRole("checkbox", { name: /^Select Wes Meetings's/ }).check();
  await multi.getByRole("button", { name: "Add address" }).click();
  const add = page.getByRole("dialog", { name: "Add a shipping address" });
  await add.getByRole("button", { name: "Save address" }).click();
  await expect(add.getByText("Give the address a name")).toBeVisible();
  await expect(add.getByText("Enter the street address.")).toBeVisible();
  await expectAccessible(page);
  const home = `Wes home ${stamp}`;
  await add.getByLabel("Name").fill(home);
  await add.getByLabel("Street").fill("12 Elm Row");
  await add.getByLabel("City").fill("Austin");
  await add.getByLabel("State or province").fill("TX");
  await add.getByLabel("Postal code").fill("78702");
  await add.getByRole("button", { name: "Save address" }).click();
  await expect(add).toBeHidden();
  await multi.getByRole("button", { name: "Assign to selected (1)" }).click();
  await expect(devices.getByRole("row", { name: /Wes Meetings/ })).toContainText(home);
  await expect(devices.getByRole("row", { name: /Vera Meetings/ })).not.toContainText(home);
  await multi.getByRole("button", { name: "Edit address" }).click();
  const edit = page.getByRole("dialog", { name: "Edit shipping address" });
  await expect(edit.getByLabel("Street")).toHaveValue("12 Elm Row");
  await edit.getByLabel("Street").fill("14 Elm Row");
  await edit.getByRole("button", { name: "Save address" }).click();
  await expect(multi.getByRole("combobox", { name: "Address" }).locator("option:checked")).toContainText("14 Elm Row");
  await expectAccessible(page);
  await multi.getByRole("button", { name: "Done" }).click();
  await expect(multi).toBeHidden();
  // The panel keeps where each device ships, and can open the window again.
  const shipsTo = shipping.getByRole("table", { name: "Purchased devices" });
  await expect(shipsTo.getByRole("row", { name: /Wes Meetings/ })).toContainText(home);
  await expect(shipsTo.getByRole("row", { name: /Vera Meetings/ })).not.toContainText(home);
  await expect(shipping.getByRole("button", { name: "Change addresses per device" })).toBeVisible();
  await expectAccessible(page);
  await next(page);

  // Vera activates with credentials and a new emergency location, checked before Next.
  const vera = page.getByRole("listitem", { name: "Vera Meetings" });
  await vera.getByRole("combobox", { name: "Setup option" }).selectOption("assign-credentials");
  await fillCredentials(vera, { password: "Meeting42room", pin: "7391", answer: "Lisbon" });
  await vera.getByRole("button", { name: "Add an emergency response location for Vera Meetings" }).click();
  const erl = page.getByRole("dialog", { name: "Emergency response location for Vera Meetings" });
  await erl.getByRole("combobox", { name: "Emergency response location" }).selectOption("new");
  await erl.getByLabel("Nickname").fill(`Vera desk ${stamp}`);
  await erl.getByRole("button", { name: "Done" }).click();
  await expect(vera).toContainText(`New: Vera desk ${stamp}`);
  // Next: the missing street is said at the row, whose Change button gets the focus.
  await next(page);
  const change = vera.getByRole("button", { name: "Change an emergency response location for Vera Meetings" });
  await expect(vera.getByText("Enter the street address.")).toBeVisible();
  await expect(change).toBeFocused();
  await change.click();
  await expect(erl.getByText("Enter the street address.")).toBeVisible();
  await erl.getByLabel("Street").fill("500 Congress Ave");
  await erl.getByLabel("City").fill("Austin");
  await erl.getByLabel("State or province").fill("TX");
  await erl.getByLabel("Postal code").fill("78701");
  await expectAccessible(page);
  await erl.getByRole("button", { name: "Done" }).click();
  await expect(vera.getByText("Enter the street address.")).toHaveCount(0);
  await page.getByRole("listitem", { name: "Wes Meetings" }).getByRole("combobox", { name: "Setup option" }).selectOption("activate-later");
  await expectAccessible(page);
  await next(page);

  // Review: both licenses move to Engineering at no charge; the phones are charged.
  await expect(page.getByRole("heading", { name: "Review & submit" })).toBeVisible();
  const moves = page.getByRole("listitem").filter({ hasText: /Video Pro\+ license for .* moves from .* to Engineering/ });
  await expect(moves).toHaveCount(2);
  await expect(page.getByRole("table").filter({ hasText: "Video Pro+ license" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Users to add" })).toContainText(`ship to ${home}`);
  await page.getByRole("button", { name: "Submit" }).click();
  await confirmCharges(page);
  await expect(page.getByRole("status").filter({ hasText: "Added 2 users." })).toBeVisible();
  const result = page.getByRole("table", { name: "Users added" });
  await expect(result).toContainText("Activated with credentials");
  await expect(result).toContainText("Not activated yet");
  await expect(result.getByRole("row", { name: /Vera Meetings/ }).getByRole("cell").nth(3)).toHaveText(picked);
  await expect(result.getByRole("row", { name: /Wes Meetings/ }).getByRole("cell").nth(3)).toHaveText("—");

  // In either mode the new address and emergency location are saved: the next batch offers them.
  await page.getByRole("button", { name: "Add more users" }).click();
  await page.getByRole("radio", { name: /Video Pro\+/ }).check();
  await next(page);
  await fillRow(page, 1, { email: `nia.${stamp}@northwind.example`, first: "Nia", last: "Later" });
  await next(page);
  const nia = page.getByRole("listitem", { name: "Nia Later" });
  await nia.getByRole("combobox", { name: "Phone", exact: true }).selectOption("purchase");
  await nia.getByRole("combobox", { name: "Model to purchase" }).selectOption({ index: 1 });
  await expect(shipping.getByRole("combobox", { name: "Ship all devices to" }).locator("option", { hasText: `${home}: 14 Elm Row, Austin` })).toHaveCount(1);
  await next(page);
  await nia.getByRole("combobox", { name: "Setup option" }).selectOption("assign-credentials");
  await nia.getByRole("button", { name: "Add an emergency response location for Nia Later" }).click();
  const location = page.getByRole("dialog", { name: "Emergency response location for Nia Later" }).getByRole("combobox", { name: "Emergency response location" });
  await expect(location.locator("option", { hasText: `Vera desk ${stamp}: 500 Congress Ave, Austin` })).toHaveCount(1);

  if (mode === "live") {
    const view = await (await page.request.get("/api/v1/user-batches/view")).json();
    expect(view.shippingAddresses).toContainEqual(expect.objectContaining({ name: home, street: "14 Elm Row" }));
    expect(view.emergencyLocations.map((l) => l.nickname)).toContain(`Vera desk ${stamp}`);
  }
});

test("a users admin without cost-center management buys the license instead of moving one, in a draft of their own", async ({ page, mode }) => {
  const before = await inventoryLines(page, ["Video Pro+"]);
  // The super admin leaves a draft behind in this browser...
  await openWizard(page, mode);
  await next(page);
  await row(page, 1).getByRole("textbox", { name: "First name" }).fill("Dana's draft");
  const users = new UsersPage(page, mode);
  await users.open("?latency=0");
  await users.switchPersona("Users admin without cost-center management");
  // ...which the next admin neither sees nor submits.
  await page.getByRole("link", { name: "Add users" }).click();
  await next(page);
  await expect(row(page, 1).getByRole("textbox", { name: "First name" })).toHaveValue("");
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByRole("radio", { name: /Video Pro\+/ }).check();
  await next(page);
  await fillRow(page, 1, { email: `priya.${Date.now()}@northwind.example`, first: "Nia", last: "Licensed", costCenter: "Engineering" });
  await next(page);
  // A Video Pro+ user needs no number: none is asked for.
  await expect(page.getByRole("listitem", { name: "Nia Licensed" })).toContainText("No number");
  await next(page);
  await next(page);
  await expect(page.getByText(/moves from/)).toHaveCount(0);
  await expect(page.getByRole("table").filter({ hasText: "Video Pro+ license" })).toContainText("$14.99");
  await page.getByRole("button", { name: "Submit" }).click();
  await confirmCharges(page);
  await expect(page.getByRole("status").filter({ hasText: "Added 1 user." })).toBeVisible();
  // Bought, not moved: one more Video Pro+ license, in use; every spare elsewhere stays spare.
  const after = await inventoryLines(page, ["Video Pro+"]);
  expect(moved(before, after, "Video Pro+")).toEqual([1, 1, 0]);
});

test("the whole wizard can be completed with the keyboard alone, with errors announced", async ({ page, mode }) => {
  const users = new UsersPage(page, mode);
  await users.open("?latency=0");
  await tabTo(page, page.getByRole("link", { name: "Add users" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "User type" })).toBeVisible();
  const nextButton = page.getByRole("button", { name: "Next" });
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");

  // Next with an empty row: focus lands on the first field to fix, which describes its error.
  const first = row(page, 1);
  const email = first.getByRole("textbox", { name: "Email" });
  await expect(email).toBeVisible();
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");
  await expect(email).toBeFocused();
  await expect(email).toHaveAccessibleDescription("Enter the user's email address.");
  await expect(first.locator("#f-rows-0-email-error")).toHaveAttribute("aria-live", "polite");
  await expect(page.getByRole("navigation", { name: "Add users steps" }).getByRole("listitem").nth(1)).toHaveAttribute("aria-current", "step");
  await page.keyboard.type(`kay.${Date.now()}@northwind.example`);
  await page.keyboard.press("Tab");
  await page.keyboard.type("Kay");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Keys");
  await expect(first.getByRole("textbox", { name: "Last name" })).toHaveValue("Keys");
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");

  // Phones: the app only (the default), and the first number of the inventory.
  const kay = page.getByRole("listitem", { name: "Kay Keys" });
  await tabTo(page, kay.getByRole("button", { name: "Select a number for Kay Keys" }));
  await page.keyboard.press("Enter");
  const window = page.getByRole("dialog", { name: "Number for Kay Keys" });
  const number = window.getByRole("combobox", { name: "Number from inventory" });
  await tabTo(page, number);
  await page.keyboard.press("ArrowDown");
  await expect(number).not.toHaveValue("");
  await tabTo(page, window.getByRole("button", { name: "Done" }));
  await page.keyboard.press("Enter");
  await expect(window).toBeHidden();
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");

  // Setup: send an invite (the default); then review and submit.
  await expect(page.getByRole("heading", { name: "Setup & role" })).toBeVisible();
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");
  const submit = page.getByRole("button", { name: "Submit" });
  await tabTo(page, submit);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Added 1 user." })).toBeVisible();
});

// The Add User wizard's steps as an admin walks them, shared by the wizard and fault specs.
import { expect, UsersPage } from "./support.mjs";

/** Opens the wizard from the Users page, opened with `query`. */
export async function openWizard(page, mode, query = "?latency=0") {
  const users = new UsersPage(page, mode);
  await users.open(query);
  await page.getByRole("link", { name: "Add users" }).click();
  await expect(page.getByRole("heading", { name: "User type" })).toBeVisible();
}

export const next = (page) => page.getByRole("button", { name: "Next" }).click();
export const row = (page, n) => page.getByRole("list", { name: "Users to add" }).getByRole("listitem").nth(n - 1);

/**
 * Walks the wizard (opened with `query`) to Review & submit with one Mobile user of `email`,
 * set up with the `setup` option when given (else the default, Send invite).
 */
export async function oneMobileUserToReview(page, mode, email, { query, first = "Retry", last = "Safe", setup } = {}) {
  await openWizard(page, mode, query);
  await page.getByRole("radio", { name: /Mobile/ }).check();
  await next(page);
  const one = row(page, 1);
  await one.getByRole("textbox", { name: "Email" }).fill(email);
  await one.getByRole("textbox", { name: "First name" }).fill(first);
  await one.getByRole("textbox", { name: "Last name" }).fill(last);
  await next(page);
  if (setup) {
    const row = page.getByRole("listitem", { name: `${first} ${last}` });
    await row.getByRole("combobox", { name: "Setup option" }).selectOption(setup);
  }
  await next(page);
  await expect(page.getByRole("heading", { name: "Review & submit" })).toBeVisible();
}

/** Fills valid assigned credentials in `scope`: a row of the Setup step, or an activation's page. */
export async function fillCredentials(scope, { password = "Harbour42view", pin = "2580", answer = "Biscuit" } = {}) {
  await scope.getByLabel("Password", { exact: true }).fill(password);
  await scope.getByLabel("Re-enter password").fill(password);
  await scope.getByLabel("PIN", { exact: true }).fill(pin);
  await scope.getByLabel("Re-enter PIN").fill(pin);
  await scope.getByRole("combobox", { name: "Security question" }).selectOption({ index: 1 });
  await scope.getByLabel("Answer").fill(answer);
}

/**
 * The Confirm window a submit that buys anything opens (`title`): the charges, the
 * acknowledgment, Next, then Submit. Returns once it has closed on Submit.
 */
export async function confirmCharges(page, title = "Add Users – Confirm") {
  const dialog = page.getByRole("dialog", { name: title });
  await expect(dialog.getByRole("table")).toBeVisible();
  await dialog.getByLabel("I acknowledge these charges").check();
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog).toContainText("Submit to buy what is listed");
  await dialog.getByRole("button", { name: "Submit" }).click();
  await expect(dialog).toBeHidden();
}

/**
 * A row's number, as in the seed: Select opens the number window, `choose` picks in it (given
 * the window), Done closes it. Returns what `choose` returned.
 */
export async function chooseNumber(item, choose) {
  await item.getByRole("button", { name: /^Select a number for / }).click();
  const dialog = item.page().getByRole("dialog", { name: /^Number for / });
  const chosen = await choose(dialog);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  return chosen;
}

/** In the number window: the first spare number of Number Inventory (its value). */
export async function inventoryNumber(dialog) {
  await dialog.getByRole("radio", { name: "Number Inventory" }).check();
  const select = dialog.getByRole("combobox", { name: "Number from inventory" });
  await select.selectOption({ index: 1 });
  return select.inputValue();
}

/** In the number window: a new number in Texas, area code 512, other than `taken` (its value). */
export async function newNumber(dialog, taken = "") {
  await dialog.getByRole("radio", { name: "New Numbers" }).check();
  await dialog.getByRole("combobox", { name: "State or province" }).selectOption("TX");
  await dialog.getByRole("combobox", { name: "Area code" }).selectOption("512");
  const numbers = dialog.getByRole("combobox", { name: "New number" });
  const free = await numbers.locator("option").evaluateAll((os, taken) => os.map((o) => o.value).find((v) => v && v !== taken), taken);
  await numbers.selectOption(free);
  return free;
}

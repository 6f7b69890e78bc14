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

// Live mode against the reference server: signing in and out, a session ending mid-work,
// stale writes, a retried change acting once, and the Content-Security-Policy.
import { DEMO_PASSWORD, expect, expectAccessible, PERSONAS, test, UsersPage } from "./support.mjs";

test.beforeEach(({ mode }) => {
  test.skip(mode !== "live", "signing in and HTTP failures exist only against a server");
});

/** The first enabled user of a list sorted by `sort`, skipping `skip`, from the API. */
async function enabledUser(page, sort, skip = 0) {
  const response = await page.request.get(`/api/v1/users?status=enabled&sort=${sort}&perPage=25`);
  expect(response.status()).toBe(200);
  return (await response.json()).items[skip];
}

test("a visitor signs in, with errors at the fields and nothing typed lost", async ({ page }) => {
  await page.context().clearCookies();
  await page.goto("/users?type=office");
  const signIn = page.getByRole("button", { name: "Sign in" });
  await expect(page.getByRole("heading", { name: "Sign in to your admin console" })).toBeVisible();
  await signIn.click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Email").fill(PERSONAS["Read-only"]);
  await page.getByLabel("Password").fill("not-the-password");
  await signIn.click();
  await expect(page.getByRole("alert")).toContainText("don't match an admin");
  await expect(page.getByLabel("Email")).toHaveValue(PERSONAS["Read-only"]);

  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByLabel("Password").press("Enter");
  const users = new UsersPage(page, "live");
  await expect(users.table).toBeVisible();
  await expect(page).toHaveURL(/type=office/);
  await expect(page.locator(".admin-name")).toHaveText("Sam Okafor");
  await page.reload();
  await expect(users.table).toBeVisible();
});

test("sign out ends the session on the server", async ({ page }) => {
  const users = new UsersPage(page, "live");
  await users.open();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to your admin console" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in to your admin console" })).toBeVisible();
  expect((await page.request.get("/api/v1/session")).status()).toBe(401);
});

test("a session that ends mid-work is renewed in a dialog and the view is kept", async ({ page }) => {
  const users = new UsersPage(page, "live");
  await users.open("?sort=-extension");
  await page.context().clearCookies();
  await users.filter("Type").selectOption("mobile");
  const dialog = page.getByRole("dialog", { name: "Your session has ended" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Email")).toHaveValue(PERSONAS["Super admin"]);
  await expectAccessible(page);
  await dialog.getByLabel("Password").fill(DEMO_PASSWORD);
  await dialog.getByRole("button", { name: "Sign in" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("alert").filter({ hasText: "Couldn't refresh the list" }).getByRole("button", { name: "Retry" }).click();
  await users.settled();
  await expect(page).toHaveURL(/sort=-extension&type=mobile|type=mobile&sort=-extension/);
  for (const t of await users.column(3)) expect(t).toBe("Mobile");
});

test("a change someone else made first is refused with a way to reload", async ({ page }) => {
  const target = await enabledUser(page, "-extension");
  const users = new UsersPage(page, "live");
  await users.open(`?q=${encodeURIComponent(target.email)}`);
  // Another admin disables the user behind this page's back.
  const session = await (await page.request.get("/api/v1/session")).json();
  const behind = await page.request.patch(`/api/v1/users/${target.id}`, {
    data: { status: "disabled" },
    headers: { "If-Match": `"${target.version}"`, "X-CSRF-Token": session.csrfToken, "Idempotency-Key": `e2e-${Date.now()}` },
  });
  expect(behind.status()).toBe(200);

  await page.getByRole("button", { name: `More actions for ${target.name}` }).click();
  await page.getByRole("menuitem", { name: "Disable user" }).click();
  const dialog = page.getByRole("dialog", { name: `Disable ${target.name}?` });
  await dialog.getByRole("button", { name: "Disable user" }).click();
  await expect(dialog.getByRole("alert")).toContainText("changed by someone else");
  await dialog.getByRole("button", { name: "Reload the list" }).click();
  await users.settled();
  const [status] = await users.column(7);
  expect(status).toContain("Disabled");
});

test("a change whose answer was lost is retried with the same key and applied once", async ({ page }) => {
  const target = await enabledUser(page, "extension", 2);
  const users = new UsersPage(page, "live");
  await users.open(`?q=${encodeURIComponent(target.email)}`);
  let dropped = 0;
  await page.route(`**/api/v1/users/${target.id}`, async (route) => {
    if (dropped > 0) return route.fallback();
    dropped += 1;
    await route.fetch(); // the server applies the change...
    await route.abort("connectionreset"); // ...but the answer never arrives.
  });
  await page.getByRole("button", { name: `More actions for ${target.name}` }).click();
  await page.getByRole("menuitem", { name: "Disable user" }).click();
  const dialog = page.getByRole("dialog", { name: `Disable ${target.name}?` });
  await dialog.getByRole("button", { name: "Disable user" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Can't reach the server");
  await dialog.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Disabled ${target.name}.` })).toBeVisible();

  const after = await page.request.get(`/api/v1/users?q=${encodeURIComponent(target.email)}`);
  const [user] = (await after.json()).items;
  expect(user.status).toBe("disabled");
  expect(user.version).toBe(target.version + 1);
});

test("the page runs under a strict Content-Security-Policy that blocks injected scripts", async ({ page }) => {
  const violations = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  const response = await page.goto("/users");
  const csp = response.headers()["content-security-policy"];
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"));
  expect(scriptSrc).toContain("'wasm-unsafe-eval'");
  expect(scriptSrc).not.toContain("unsafe-inline");
  await expect(new UsersPage(page, "live").table).toBeVisible();
  const ran = await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true;";
    document.body.append(script);
    return window.__injected === true;
  });
  expect(ran).toBe(false);
  expect(violations.filter((v) => !v.includes("window.__injected") && !v.includes("inline script"))).toEqual([]);
});

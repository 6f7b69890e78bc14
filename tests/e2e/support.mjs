// Shared helpers for the e2e suite: the mode fixture, signing in, fault injection,
// accessibility checks and the Users page object.
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base } from "@playwright/test";

/** The demo password of the reference server's seeded admins. */
export const DEMO_PASSWORD = "switchboard-demo";

/** The demo admins, by the persona description the sandbox tools show. */
export const PERSONAS = {
  "Super admin": "dana.whitfield@northwind.example",
  "Users admin without purchasing": "marco.ruiz@northwind.example",
  "Users admin without cost-center management": "priya.natarajan@northwind.example",
  "Read-only": "sam.okafor@northwind.example",
};

/**
 * `test` with a `mode` option ("sandbox" or "live", set per project). Every test starts from
 * the seeded data in the sandbox, and signed in as the super admin against the server.
 */
export const test = base.extend({
  mode: ["sandbox", { option: true }],
  page: async ({ page, mode }, use) => {
    if (mode === "sandbox") {
      await page.addInitScript(() => {
        if (!sessionStorage.getItem("e2e-started")) {
          localStorage.clear();
          sessionStorage.setItem("e2e-started", "1");
        }
      });
    } else {
      await signInByApi(page, PERSONAS["Super admin"]);
    }
    await use(page);
  },
});

export { expect };

/** Starts a cookie session for `email` in the page's browser context (live mode). */
export async function signInByApi(page, email) {
  const response = await page.request.post("/api/v1/auth/sign-in", {
    data: { email, password: DEMO_PASSWORD },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Presses Tab until `target` has focus (the way a keyboard user gets there). */
export async function tabTo(page, target, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Fails with the list of axe-core violations (WCAG 2.2 A/AA rules) on the current page. */
export async function expectAccessible(page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found, "axe-core violations").toEqual([]);
}

/**
 * Makes the next `count` API requests fail with `status`: through the sandbox tools in the
 * sandbox, by intercepting the requests to the server in live mode.
 */
export async function failNextRequests(page, mode, { count, status }) {
  if (mode === "sandbox") {
    const users = new UsersPage(page, mode);
    const tools = await users.openSandboxTools();
    await tools.getByRole("spinbutton", { name: "Fail the next N requests" }).fill(String(count));
    await tools.getByRole("combobox", { name: "with", exact: true }).selectOption(String(status));
    await tools.getByRole("button", { name: "Apply" }).click();
    return;
  }
  await injectFault(page, mode, { count, fail: String(status) });
}

/** How long the app waits for an answer in the fault tests (`?timeout=`). */
export const TIMEOUT_MS = 1500;

/**
 * Makes the next `count` API requests matching `path` (and `method`, when given) fail, even
 * while a dialog is open. `fail` is an HTTP status ("500", "429", "412"…), "dropped" (the
 * connection drops before the server: nothing applied), "lost" (applied, then the answer is
 * lost) or "timeout" (applied, answered only after the app stopped waiting; pages must be
 * opened with `?timeout=${TIMEOUT_MS}`). In the sandbox the faults go where its tools keep
 * them (the tab's sessionStorage) and hit the next requests whatever their path; against the
 * server, requests are intercepted.
 */
export async function injectFault(page, mode, { count = 1, fail, path = "**/api/v1/**", method }) {
  if (mode === "sandbox") {
    await page.evaluate(
      (faults) => sessionStorage.setItem("switchboard.sandbox.faults", JSON.stringify(faults)),
      { failNext: count, failWith: fail, offline: false },
    );
    return;
  }
  let left = count;
  await page.route(path, async (route) => {
    if (left <= 0 || (method && route.request().method() !== method)) return route.fallback();
    left -= 1;
    if (fail === "dropped") return route.abort("connectionreset");
    if (fail === "lost") {
      await route.fetch();
      return route.abort("connectionreset");
    }
    if (fail === "timeout") {
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS + 1000));
      return route.continue().catch(() => {});
    }
    const status = Number(fail);
    await route.fulfill({
      status,
      contentType: "application/json",
      headers: status === 429 ? { "Retry-After": "2" } : {},
      body: JSON.stringify({ status, code: `injected_${status}`, message: STATUS_MESSAGES[status] ?? "The request failed." }),
    });
  });
}

/** What the injected answers say (as the sandbox's canonical errors do). */
const STATUS_MESSAGES = {
  409: "Someone else changed this first. Reload to see the latest.",
  412: "This was changed since you opened it. Reload to see the latest.",
  429: "Too many requests. Wait a moment and try again.",
  500: "The server hit an error. Try again.",
  503: "The service is unavailable right now. Try again shortly.",
};

/** Takes the API down (every request fails as if the network were down) or brings it back. */
export async function setApiDown(page, mode, down) {
  if (mode === "sandbox") {
    await page.evaluate(
      (offline) => sessionStorage.setItem("switchboard.sandbox.faults", JSON.stringify({ failNext: 0, failWith: "500", offline })),
      down,
    );
    return;
  }
  if (down) await page.route("**/api/v1/**", (route) => route.abort("connectionrefused"));
  else await page.unroute("**/api/v1/**");
}

/**
 * Two reads of a virtualised table's column show the same rows: the rows both rendered (how
 * many a table renders follows its measured height, which can differ between two loads).
 */
/** The Total, In use and Available figures of each line of Licenses & Inventory in `labels`. */
export async function inventoryLines(page, labels) {
  await page.goto("/licenses?latency=0");
  const figures = {};
  for (const label of labels) {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const line = page.getByRole("row", { name: new RegExp(`^${escaped}(?:\\s|$)`) });
    await expect(line).toBeVisible();
    figures[label] = (await line.getByRole("cell").allTextContents()).map(Number);
  }
  return figures;
}

/** How each figure of `label` changed from `before` to `after` (from `inventoryLines`). */
export function moved(before, after, label) {
  return after[label].map((n, i) => n - before[label][i]);
}

export function expectSameRows(after, before) {
  const both = Math.min(after.length, before.length);
  expect(both, "rows rendered in both reads").toBeGreaterThanOrEqual(Math.min(10, before.length));
  expect(after.slice(0, both)).toEqual(before.slice(0, both));
}

/** The Users page, as an admin sees it. */
export class UsersPage {
  constructor(page, mode = "sandbox") {
    this.page = page;
    this.mode = mode;
    this.table = page.getByRole("table", { name: "Users" });
    this.rows = page.locator(".tbody [role=row]");
    this.search = page.getByRole("searchbox", { name: "Search users" });
    this.count = page.locator(".page-header .count");
    this.range = page.locator(".pagination > .muted");
  }

  /** Opens the page (with an optional query string) and waits for the first rows. */
  async open(query = "") {
    await this.page.goto(`/users${query}`);
    await expect(this.table).toBeVisible();
    await this.settled();
  }

  /** Waits until no newer data is loading. */
  async settled() {
    await expect(this.page.locator(".progress")).toHaveCount(1);
    await expect(this.page.locator(".progress.active")).toHaveCount(0);
  }

  filter(name) {
    return this.page.getByRole("combobox", { name });
  }

  /** Text of one column (0-based, after the checkbox) for every rendered row. */
  async column(index) {
    return this.rows.evaluateAll(
      (rows, i) => rows.map((r) => r.querySelectorAll("[role=cell]")[i + 1]?.textContent.trim()),
      index,
    );
  }

  async openSandboxTools() {
    await this.page.getByRole("button", { name: "Sandbox tools" }).click();
    return this.page.getByRole("dialog", { name: "Sandbox tools" });
  }

  /**
   * Works as another demo admin: the sandbox's persona switch, or signing in as that admin on
   * the server (the page reloads; its URL keeps the view).
   */
  async switchPersona(namePart) {
    if (this.mode === "live") {
      const [, email] = Object.entries(PERSONAS).find(([label]) => label.startsWith(namePart));
      await signInByApi(this.page, email);
      await this.page.reload();
      await expect(this.table).toBeVisible();
      await this.settled();
      return;
    }
    const dialog = await this.openSandboxTools();
    await dialog.getByRole("radio", { name: new RegExp(namePart) }).check();
    await dialog.getByRole("button", { name: "Apply" }).click();
    await expect(dialog).toBeHidden();
    // The switch is done (and kept across a navigation) once the header names the new admin.
    const [, email] = Object.entries(PERSONAS).find(([label]) => label.startsWith(namePart));
    const name = email.split("@")[0].split(".").map((w) => w[0].toUpperCase() + w.slice(1)).join(" ");
    await expect(this.page.getByRole("banner")).toContainText(name);
  }
}

/** Chooses `item` in the menu the page's `button` (a menu button) opens. */
export async function chooseFromMenu(page, button, item) {
  await page.getByRole("button", { name: button, exact: true }).click();
  await page.getByRole("menu").getByRole("menuitem", { name: item }).click();
}

/** Chooses `action` in the More menu (⋯) of the row called `name` (its menu's name) in `scope`. */
export async function rowAction(page, scope, name, action) {
  await scope.getByRole("button", { name: `More actions for ${name}`, exact: true }).click();
  await page.getByRole("menu", { name: `Actions for ${name}` }).getByRole("menuitem", { name: action, exact: true }).click();
}

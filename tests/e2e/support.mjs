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
    await tools.getByRole("combobox", { name: "with status" }).selectOption(String(status));
    await tools.getByRole("button", { name: "Apply" }).click();
    return;
  }
  let left = count;
  await page.route("**/api/v1/**", async (route) => {
    if (left <= 0) return route.fallback();
    left -= 1;
    await route.fulfill({
      status,
      contentType: "application/json",
      body: JSON.stringify({ status, code: "unavailable", message: "The service is unavailable right now. Try again shortly." }),
    });
  });
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
  }
}

// Shared helpers for the e2e suite: accessibility checks and the Users page object.
import AxeBuilder from "@axe-core/playwright";
import { expect } from "@playwright/test";

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

/** The Users page, as an admin sees it. */
export class UsersPage {
  constructor(page) {
    this.page = page;
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

  async switchPersona(namePart) {
    const dialog = await this.openSandboxTools();
    await dialog.getByRole("radio", { name: new RegExp(namePart) }).check();
    await dialog.getByRole("button", { name: "Apply" }).click();
    await expect(dialog).toBeHidden();
  }
}

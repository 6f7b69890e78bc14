// Accessibility sweep, in both modes: axe-core (WCAG 2.2 A/AA rules) finds nothing on every
// page of the console and on the dialogs the other specs don't open. (Each flow's spec also
// checks its own pages and dialogs as it goes.)
import { expect, expectAccessible, test } from "./support.mjs";

const PAGES = [
  ["/users", { role: "table", name: "Users" }],
  ["/users/add", { role: "heading", name: "User type" }],
  ["/mobile-users", { role: "heading", name: "Mobile users", level: 1 }],
  ["/licenses", { role: "table", name: "Licenses and inventory" }],
  ["/licenses/office", { role: "table", name: "Office" }],
  ["/jobs", { role: "heading", name: "Bulk jobs", level: 1 }],
  ["/outbox", { role: "heading", name: "Outbox", level: 1 }],
  ["/accounts", { role: "heading", name: "Multi-Account Access", level: 1 }],
  ["/no-such-page", { role: "heading", name: "Page not found" }],
];

for (const [path, { role, ...name }] of PAGES) {
  test(`${path} has no accessibility violations`, async ({ page }) => {
    await page.goto(`${path}?latency=0`);
    await expect(page.getByRole(role, name).first()).toBeVisible();
    await expectAccessible(page);
  });
}

test("the Keep, Reassign and Sandbox tools dialogs have no accessibility violations", async ({ page, mode }) => {
  await page.goto("/mobile-users?latency=0");
  await page.getByRole("button", { name: /^Keep / }).first().click();
  await expect(page.getByRole("dialog", { name: /^Keep .+ as a Mobile user\?$/ })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");

  await page.goto("/licenses/live-reports?latency=0&state=in-use");
  await page.getByRole("button", { name: /^Reassign .+'s license$/ }).first().click();
  await expect(page.getByRole("dialog", { name: /^Reassign .+'s Live Reports license$/ })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");

  if (mode === "sandbox") {
    await page.getByRole("button", { name: "Sandbox tools" }).click();
    await expect(page.getByRole("dialog", { name: "Sandbox tools" })).toBeVisible();
    await expectAccessible(page);
  }
});

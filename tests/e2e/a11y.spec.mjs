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

/** The desktop the suite runs at, a phone and a tablet. */
const VIEWPORTS = [null, { width: 390, height: 844 }, { width: 768, height: 1024 }];

for (const [path, { role, ...name }] of PAGES) {
  for (const viewport of VIEWPORTS) {
    const at = viewport ? ` at ${viewport.width} × ${viewport.height}` : "";
    test(`${path} has no accessibility violations${at}`, async ({ page }) => {
      if (viewport) await page.setViewportSize(viewport);
      await page.goto(`${path}?latency=0`);
      await expect(page.getByRole(role, name).first()).toBeVisible();
      await expectAccessible(page);
    });
  }
}

test("no page scrolls sideways at 320 px; the Menu button holds the navigation", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  for (const [path, { role, ...name }] of PAGES) {
    await page.goto(`${path}?latency=0`);
    await expect(page.getByRole(role, name).first()).toBeVisible();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide, `${path} is ${wide} px wide`).toBeLessThanOrEqual(320);
  }
  const menu = page.getByRole("button", { name: "Menu" });
  const outbox = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outbox" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(outbox).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expectAccessible(page);
  await outbox.click();
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(outbox).toBeHidden();
  await menu.click();
  await outbox.focus();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  // A dialog fits the screen too.
  await page.goto("/mobile-users?latency=0");
  await page.getByRole("button", { name: /^Keep / }).first().click();
  const keep = page.getByRole("dialog", { name: /^Keep .+ as a Mobile user\?$/ });
  await expect(keep).toBeVisible();
  const box = await keep.boundingBox();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(320);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

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

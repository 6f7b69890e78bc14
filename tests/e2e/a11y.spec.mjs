// Accessibility sweep, in both modes: axe-core (WCAG 2.2 A/AA rules) finds nothing on every
// page of the console and on the dialogs the other specs don't open. (Each flow's spec also
// checks its own pages and dialogs as it goes.)
import AxeBuilder from "@axe-core/playwright";
import { expect, expectAccessible, test } from "./support.mjs";
import { chooseNumber, fillCredentials, inventoryNumber } from "./wizard.mjs";

const PAGES = [
  ["/users", { role: "table", name: "Users" }],
  ["/users/add", { role: "heading", name: "User type" }],
  ["/users/1", { role: "region", name: "Details" }],
  ["/users/5/phone", { role: "heading", name: "Phones & numbers" }],
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

/**
 * What sticks out of the page on either side, outside a scroller of its own (a data table's):
 * the page's width beyond the viewport and the elements that cross its edges.
 */
function outside(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolled = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const crossing = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        // Partly on screen (the skip link waits wholly off it until focused).
        const partly = r.right > 0 && r.left < width;
        return r.width > 1 && r.height > 1 && partly && (r.left < -1 || r.right > width + 1) && !scrolled(el);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}: ${el.textContent.trim().slice(0, 30)}`);
    return { extra: document.documentElement.scrollWidth - width, crossing: crossing.slice(0, 5) };
  });
}

test("no page scrolls sideways at 320 px; the Menu button holds the navigation", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  for (const [path, { role, ...name }] of PAGES) {
    await page.goto(`${path}?latency=0`);
    await expect(page.getByRole(role, name).first()).toBeVisible();
    expect(await outside(page), path).toEqual({ extra: 0, crossing: [] });
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

  // A data table scrolls inside its own scroller, its name column staying in view.
  await page.goto("/users?latency=0");
  const scroller = page.locator(".table-scroll");
  await expect(page.getByRole("table", { name: "Users" })).toBeVisible();
  await scroller.evaluate((el) => (el.scrollLeft = 400));
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(200);
  const frame = await scroller.boundingBox();
  const name = page.getByRole("table", { name: "Users" }).getByRole("row").nth(1).getByRole("cell").nth(1);
  const cell = await name.boundingBox();
  expect(cell.x).toBeGreaterThanOrEqual(frame.x + 40);
  expect(cell.x).toBeLessThanOrEqual(frame.x + 60);
  expect(await outside(page), "/users scrolled").toEqual({ extra: 0, crossing: [] });

  // The wizard's rows stack their fields: each step of adding an Office user fits, with a
  // purchased phone (and its shipping) and credentials, up to the review's tables.
  await page.goto("/users/add?latency=0");
  await page.getByRole("radio", { name: /^Office/ }).check();
  for (const step of ["Users", "Phones & numbers", "Setup & role", "Review & submit"]) {
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByRole("heading", { name: step, level: 2 })).toBeVisible();
    if (step === "Users") {
      const first = page.getByRole("list", { name: "Users to add" }).getByRole("listitem").first();
      await first.getByRole("textbox", { name: "Email" }).fill("narrow.screen@example.com");
      await first.getByRole("textbox", { name: "First name" }).fill("Narrow");
      await first.getByRole("textbox", { name: "Last name" }).fill("Screen");
    }
    if (step === "Phones & numbers") {
      const user = page.getByRole("listitem", { name: "Narrow Screen" });
      await user.getByRole("combobox", { name: "Phone", exact: true }).selectOption("purchase");
      await user.getByRole("combobox", { name: "Model to purchase" }).selectOption({ index: 1 });
      await chooseNumber(user, inventoryNumber);
      await expect(page.getByRole("group", { name: "Shipping for purchased phones" })).toBeVisible();
    }
    if (step === "Setup & role") {
      const user = page.getByRole("listitem", { name: "Narrow Screen" });
      await user.getByRole("combobox", { name: "Setup option" }).selectOption("assign-credentials");
      await fillCredentials(user);
    }
    if (step === "Review & submit") {
      await expect(page.getByRole("region", { name: "Users to add" })).toBeVisible();
    }
    expect(await outside(page), step).toEqual({ extra: 0, crossing: [] });
  }

  // The Outbox's table, with a message in it, scrolls inside its own box.
  await page.goto("/licenses?latency=0");
  await page.getByRole("button", { name: "Download list" }).click();
  const download = page.getByRole("dialog", { name: "Download list" });
  const address = `narrow-${Date.now()}@northwind.example`;
  await download.getByLabel("Send to email").fill(address);
  await download.getByRole("button", { name: "Send" }).click();
  await download.getByRole("link", { name: "Open the outbox" }).click();
  await expect(page.getByRole("row").filter({ hasText: address })).toHaveCount(1);
  expect(await outside(page), "/outbox with a message").toEqual({ extra: 0, crossing: [] });

  // A dialog fits the screen too.
  await page.goto("/mobile-users?latency=0");
  await page.getByRole("button", { name: /^Keep / }).first().click();
  const keep = page.getByRole("dialog", { name: /^Keep .+ as a Mobile user\?$/ });
  await expect(keep).toBeVisible();
  const box = await keep.boundingBox();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(320);
  expect(await outside(page), "the Keep dialog").toEqual({ extra: 0, crossing: [] });
});

test("the Keep, Reassign and Sandbox tools dialogs have no accessibility violations", async ({ page, mode }) => {
  await page.goto("/mobile-users?latency=0");
  await page.getByRole("button", { name: /^Keep / }).first().click();
  await expect(page.getByRole("dialog", { name: /^Keep .+ as a Mobile user\?$/ })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");

  await page.goto("/licenses/live-reports?latency=0&state=in-use");
  await page.getByRole("button", { name: /^More actions for .+'s license$/ }).first().click();
  await expectAccessible(page);
  await page.getByRole("menuitem", { name: "Reassign" }).click();
  await expect(page.getByRole("dialog", { name: /^Reassign .+'s Live Reports license$/ })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");

  if (mode === "sandbox") {
    await page.getByRole("button", { name: "Sandbox tools" }).click();
    await expect(page.getByRole("dialog", { name: "Sandbox tools" })).toBeVisible();
    await expectAccessible(page);
  }
});

test.describe("on a phone's touch screen", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("every target on every page is at least 24 × 24 px or spaced as WCAG 2.5.8 allows", async ({ page }) => {
    for (const [path, { role, ...name }] of PAGES) {
      await page.goto(`${path}?latency=0`);
      await expect(page.getByRole(role, name).first()).toBeVisible();
      const results = await new AxeBuilder({ page }).withRules(["target-size"]).analyze();
      const checked = results.passes.concat(results.violations).find((r) => r.id === "target-size");
      expect(checked?.nodes.length ?? 0, `${path}: targets measured`).toBeGreaterThan(0);
      const small = results.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" ")));
      expect(small, `${path}: targets under 24 px`).toEqual([]);
    }
  });

  test("a service status's details open on a tap, inside the screen, and close on a tap elsewhere", async ({ page }) => {
    await page.goto("/accounts?latency=0");
    const table = page.getByRole("table", { name: "Linked accounts and the status of their services" });
    await expect(table).toBeVisible();
    const status = table.locator(".svc").first();
    const details = page.locator(`#${await status.getAttribute("aria-describedby")}`);
    await expect(details).toBeHidden();
    await status.tap();
    await expect(details).toBeVisible();
    await expect(details).toContainText("Last refresh:");
    const box = await details.boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await page.getByRole("heading", { name: "Multi-Account Access", level: 1 }).tap();
    await expect(details).toBeHidden();
  });

  test("the accounts table keeps the tick box and the account's name in view while the services scroll", async ({ page }) => {
    await page.goto("/accounts?latency=0");
    const table = page.getByRole("table", { name: "Linked accounts and the status of their services" });
    await expect(table).toBeVisible();
    const scroller = page.locator(".accounts-scroll");
    const before = await table.getByRole("rowheader").first().boundingBox();
    await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(100);
    const after = await table.getByRole("rowheader").first().boundingBox();
    expect(Math.round(after.x)).toBe(Math.round(before.x));
    await expect(table.getByRole("checkbox").nth(1)).toBeInViewport();
  });
});

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

  // The wizard's rows stack their fields: each step of adding an Office user fits.
  await page.goto("/users/add?latency=0");
  await page.getByRole("radio", { name: /^Office/ }).check();
  for (const step of ["Users", "Phones & numbers", "Setup & role"]) {
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
      await user.getByRole("combobox", { name: "Phone", exact: true }).selectOption("inventory");
      await user.getByRole("combobox", { name: "Inventory phone" }).selectOption({ index: 1 });
      await user.getByRole("combobox", { name: "Number from inventory" }).selectOption({ index: 1 });
    }
    expect(await outside(page), step).toEqual({ extra: 0, crossing: [] });
  }

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

// Every dialog of the console at a desktop, a tablet, a phone and the 320 px of WCAG's reflow,
// in both modes: axe-core finds nothing (desktop, tablet, phone), the dialog stays inside the
// screen and nothing in it scrolls sideways except a data table's own scroller (all four).
// Each dialog is opened once and the window resized around it; none of them is confirmed, so
// no data changes.
import { readFileSync } from "node:fs";
import { chooseFromMenu, expect, expectAccessible, rowAction, test, UsersPage } from "./support.mjs";
import { fillCredentials, newNumber, next, openWizard, row } from "./wizard.mjs";

/** The sizes each dialog is checked at; axe runs at all but the last. */
const SIZES = [
  { width: 1280, height: 720 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
  { width: 320, height: 640 },
];

/**
 * What of the open dialog leaves the screen or its own box: the dialog's edges beyond the
 * viewport, its sideways scroll, and elements crossing its sides outside a scroller in it.
 */
function misfit(dialog) {
  return dialog.evaluate((box) => {
    const r = box.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const height = window.innerHeight;
    const problems = [];
    if (r.left < -1 || r.right > width + 1) problems.push(`dialog spans ${r.left}..${r.right} of ${width} px`);
    if (r.top < -1 || r.bottom > height + 1) problems.push(`dialog spans ${r.top}..${r.bottom} of ${height} px high`);
    if (box.scrollWidth > box.clientWidth + 1) problems.push(`dialog scrolls sideways by ${box.scrollWidth - box.clientWidth} px`);
    if (document.documentElement.scrollWidth > width) problems.push("the page scrolls sideways");
    const scrolled = (el) => {
      for (let p = el.parentElement; p && p !== box; p = p.parentElement) {
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    for (const el of box.querySelectorAll("*")) {
      const e = el.getBoundingClientRect();
      if (e.width > 1 && e.height > 1 && (e.left < r.left - 1 || e.right > r.right + 1) && !scrolled(el)) {
        const what = el.getAttribute("aria-label") ?? el.getAttribute("name") ?? el.getAttribute("type") ?? el.textContent.trim().slice(0, 30);
        problems.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${what}) crosses the dialog by ${Math.round(e.right - r.right)} px`);
        if (problems.length > 5) break;
      }
    }
    return problems;
  });
}

/** Checks the open `dialog` at every size, then puts the window back. */
async function expectFitsEverywhere(page, dialog) {
  for (const [i, size] of SIZES.entries()) {
    await page.setViewportSize(size);
    await expect(dialog).toBeVisible();
    const title = await dialog.evaluate((box) => box.querySelector(".dialog-title")?.textContent);
    await expect.poll(() => misfit(dialog), `"${title}" at ${size.width} × ${size.height}`).toEqual([]);
    if (i < SIZES.length - 1) await expectAccessible(page);
  }
  await page.setViewportSize(SIZES[0]);
}

/** Opens the Users page and returns it, settled. */
async function usersPage(page, mode, query = "?latency=0") {
  const users = new UsersPage(page, mode);
  await users.open(query);
  return users;
}

test("the Users page's dialogs fit and pass axe at every size", async ({ page, mode }) => {
  const users = await usersPage(page, mode, "?type=video-pro&latency=0");
  const name = (await users.rows.first().getByRole("cell").nth(1).textContent()).trim();

  await users.rows.first().getByRole("button", { name: new RegExp(`^Licenses of ${name}`) }).click();
  const licenses = page.getByRole("dialog", { name: `Licenses of ${name}` });
  await expectFitsEverywhere(page, licenses);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: `More actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Disable user" }).click();
  const disable = page.getByRole("dialog", { name: `Disable ${name}?` });
  await expectFitsEverywhere(page, disable);
  await page.keyboard.press("Escape");

  // Delete user: the user's page with its warning open.
  await page.getByRole("button", { name: `More actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Delete user" }).click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: `Delete ${name}?` }));
  await page.keyboard.press("Escape");
  await users.open("?type=video-pro&latency=0");

  for (const n of [0, 1]) await users.rows.nth(n).getByRole("checkbox").check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Upgrade to Office" }).click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: "Upgrade 2 Video users to Office" }));
  await page.keyboard.press("Escape");

  // The bulk dialog before a file, and with a file's rows in its preview table.
  await chooseFromMenu(page, "More", "Upgrade to Office licenses in bulk");
  const bulk = page.getByRole("dialog", { name: "Upgrade Video users to Office in bulk" });
  await expectFitsEverywhere(page, bulk);
  const [csv] = await Promise.all([page.waitForEvent("download"), bulk.getByRole("button", { name: "Download template (CSV)" }).click()]);
  const lines = readFileSync(await csv.path(), "utf8").trim().split("\r\n");
  const rows = [lines[0], lines[1], "no-such-user@northwind.example,x"].join("\r\n");
  await bulk.getByLabel(/^Drop the file here, or choose it/).setInputFiles({ name: "upgrade.csv", mimeType: "text/csv", buffer: Buffer.from(rows) });
  await expect(bulk.getByRole("table")).toBeVisible();
  await expectFitsEverywhere(page, bulk);
});

test("the Licenses & Inventory dialogs fit and pass axe at every size", async ({ page }) => {
  await page.goto("/licenses?latency=0");
  await page.getByRole("button", { name: "Download list" }).click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: "Download list" }));
  await page.keyboard.press("Escape");

  await page.goto("/licenses/large-meetings?latency=0");
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: "Assign Large Meetings licenses" }));
  await page.keyboard.press("Escape");
  await chooseFromMenu(page, "More actions", "Assign in bulk via file");
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: "Assign Large Meetings licenses in bulk" }));
  await page.keyboard.press("Escape");

  await page.goto("/licenses/live-reports?latency=0&state=in-use");
  const table = page.getByRole("table", { name: "Live Reports" });
  const holder = (await table.getByRole("row").nth(1).getByRole("cell").nth(2).textContent()).trim();
  await rowAction(page, table, `${holder}'s license`, "Reassign");
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: `Reassign ${holder}'s Live Reports license` }));
  await page.keyboard.press("Escape");
  await table.getByRole("checkbox", { name: `Select ${holder}'s license` }).check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Unassign" }).click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: "Unassign 1 Live Reports license?" }));
  await page.keyboard.press("Escape");

  await page.goto("/licenses/toll-free-numbers?latency=0");
  const spare = page.getByRole("table", { name: "Toll-free numbers" }).getByRole("button", { name: /^More actions for \+/ }).first();
  const number = (await spare.getAttribute("aria-label")).replace(/^More actions for /, "");
  await rowAction(page, page, number, "Delete");
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: `Delete ${number}?` }));
});

test("the Mobile users and Multi-Account Access dialogs fit and pass axe at every size", async ({ page }) => {
  await page.goto("/mobile-users?latency=0");
  const table = page.getByRole("table").first();
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  await page.getByRole("button", { name: /^Keep / }).first().click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: /^Keep .+ as a Mobile user\?$/ }));
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: /^Delete / }).first().click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: /^Delete .+\?$/ }));
  await page.keyboard.press("Escape");

  await page.goto("/accounts?latency=0");
  await expect(page.getByRole("heading", { name: "Multi-Account Access", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Link account" }).click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: "Link account" }));
  await page.keyboard.press("Escape");
  const first = page.getByRole("checkbox", { name: /^Select (?!every)/ }).first();
  const account = (await first.getAttribute("aria-label")).replace(/^Select /, "");
  await first.check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Unlink selected (1)" }).click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: `Unlink ${account}?` }));
});

test("the Add User wizard's dialogs fit and pass axe at every size", async ({ page, mode }) => {
  await openWizard(page, mode);
  await next(page);
  const one = row(page, 1);
  await one.getByRole("textbox", { name: "Email" }).fill(`dialogs.${Date.now()}@northwind.example`);
  await one.getByRole("textbox", { name: "First name" }).fill("Dia");
  await one.getByRole("textbox", { name: "Last name" }).fill("Log");
  await next(page);

  const user = page.getByRole("listitem", { name: "Dia Log" });
  await user.getByRole("combobox", { name: "Phone", exact: true }).selectOption("purchase");
  await user.getByRole("button", { name: "Browse catalog for Dia Log" }).click();
  const catalog = page.getByRole("dialog", { name: "Choose a phone for Dia Log" });
  await expectFitsEverywhere(page, catalog);
  await catalog.getByRole("button", { name: "Select Yealink W76P" }).click();
  await user.getByRole("button", { name: "Select a number for Dia Log" }).click();
  const numberWindow = page.getByRole("dialog", { name: "Number for Dia Log" });
  await newNumber(numberWindow);
  await expectFitsEverywhere(page, numberWindow);
  await numberWindow.getByRole("button", { name: "Done" }).click();
  const shipping = page.getByRole("group", { name: "Shipping for purchased phones" });
  await shipping.getByRole("radio", { name: "Ship to multiple addresses" }).check();
  const multi = page.getByRole("dialog", { name: "Ship to multiple addresses" });
  await expectFitsEverywhere(page, multi);
  await multi.getByRole("button", { name: "Add address" }).click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: "Add a shipping address" }));
  await page.keyboard.press("Escape");
  await multi.getByRole("button", { name: "Done" }).click();
  await shipping.getByRole("radio", { name: "Ship all devices to one address" }).check();
  await next(page);

  await page.getByRole("button", { name: "Edit role for Dia Log" }).click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: "Edit role for Dia Log" }));
  await page.keyboard.press("Escape");
  const setup = page.getByRole("listitem", { name: "Dia Log" });
  await setup.getByRole("combobox", { name: "Setup option" }).selectOption("assign-credentials");
  await fillCredentials(setup);
  await setup.getByRole("button", { name: "Add an emergency response location for Dia Log" }).click();
  const erl = page.getByRole("dialog", { name: "Emergency response location for Dia Log" });
  await erl.getByRole("combobox", { name: "Emergency response location" }).selectOption("new");
  await expectFitsEverywhere(page, erl);
  await erl.getByRole("combobox", { name: "Emergency response location" }).selectOption("");
  await erl.getByRole("button", { name: "Done" }).click();
  await next(page);

  await expect(page.getByRole("heading", { name: "Review & submit" })).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();
  const prompt = page.getByRole("dialog", { name: "Missing Emergency Address" });
  await expectFitsEverywhere(page, prompt);
  await prompt.getByRole("button", { name: "Back" }).click();
  await expect(prompt).toBeHidden();
  await page.getByRole("button", { name: "Submit" }).click();
  await prompt.getByRole("button", { name: "Yes, continue" }).click();
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: "Add Users – Confirm" }));
  await page.keyboard.press("Escape");
});

test("the sandbox tools and the session-ended dialog fit and pass axe at every size", async ({ page, mode }) => {
  const users = await usersPage(page, mode);
  if (mode === "sandbox") {
    await expectFitsEverywhere(page, await users.openSandboxTools());
    return;
  }
  await page.context().clearCookies();
  await users.filter("Type").selectOption("mobile");
  await expectFitsEverywhere(page, page.getByRole("dialog", { name: "Your session has ended" }));
});

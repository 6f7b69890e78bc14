// The embedding examples (examples/embed/): the app mounted in a host portal's layout under a
// base path with the host's theme (sandbox), and in an iframe of the portal, signed in with a
// session token the portal hands over by postMessage, from an allowed origin only (live).
import { embedPort } from "./servers.mjs";
import { expect, expectAccessible, test } from "./support.mjs";

const embed = `http://127.0.0.1:${embedPort}`;

test("mounted in a portal's layout under /portal/admin, the app routes there and wears the host's theme", async ({ page, mode }) => {
  test.skip(mode !== "sandbox", "the portal example runs the sandbox");
  await page.goto(`${embed}/portal/admin/users?latency=0`);
  await expect(page.getByRole("navigation", { name: "Portal" })).toBeVisible();
  const console = page.locator("#admin-console");
  await expect(console.getByRole("table", { name: "Users" })).toBeVisible();
  await console.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Licenses & Inventory" }).click();
  await expect(page).toHaveURL(`${embed}/portal/admin/licenses`);
  await expect(console.getByRole("table", { name: "Licenses and inventory" })).toBeVisible();
  await page.reload();
  await expect(console.getByRole("table", { name: "Licenses and inventory" })).toBeVisible();
  const looks = await console.evaluate((root) => {
    const style = (selector) => getComputedStyle(root.querySelector(selector));
    return { header: style(".header").backgroundColor, radius: style(".btn").borderTopLeftRadius, font: style("h1").fontFamily };
  });
  expect(looks).toEqual({ header: "rgb(19, 78, 58)", radius: "2px", font: expect.stringContaining("Georgia") });
  await expectAccessible(page);
});

test("in an iframe, the app takes the session token only from its parent at an allowed origin", async ({ page, mode }) => {
  test.skip(mode !== "live", "the iframe example frames the reference server");
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.goto(`${embed}/iframe.html?handover=button`);
  const app = page.frameLocator("#console");
  await expect(app.getByText("Waiting for the portal to sign you in…")).toBeVisible();
  // A frame of another origin (here an opaque one) offering a token is ignored.
  await page.evaluate(() => {
    const other = document.createElement("iframe");
    other.srcdoc = `<script>parent.frames[0].postMessage({ type: "switchboard:token", token: "forged" }, "*")<\/script>`;
    other.setAttribute("sandbox", "allow-scripts");
    document.body.append(other);
  });
  await expect.poll(() => warnings.some((w) => w.includes("Switchboard ignored a message from null"))).toBe(true);
  await expect(app.getByText("Waiting for the portal to sign you in…")).toBeVisible();

  await page.getByRole("button", { name: "Sign in the phone console" }).click();
  await expect(app.getByRole("table", { name: "Users" })).toBeVisible();
  await expect(app.getByRole("banner")).toContainText("Northwind Trading Co.");
  // The portal owns the session: the console offers no Sign out of its own.
  await expect(app.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

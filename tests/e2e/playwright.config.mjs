import { defineConfig } from "@playwright/test";

// The suite runs twice: against the sandbox build (static files, API in the browser) and against
// the reference server (SQLite, real HTTP). Both serve the same dist/.
const sandboxPort = Number(process.env.E2E_PORT ?? 4173);
const livePort = sandboxPort + 1;
/** The fault and hostile-input suites' own server (fresh database): their failed, retried and
 * hostile changes can't shift the counts the other specs read. */
const isolatedPort = sandboxPort + 2;
/** The embedding examples' host portal (examples/embed/serve.mjs), framing the isolated server. */
const embedPort = sandboxPort + 3;
const root = new URL("../..", import.meta.url).pathname;
/** Specs that add records to the live database. */
const adding = ["add_users.spec.mjs", "licenses.spec.mjs", "mobile_users.spec.mjs", "accounts.spec.mjs"];
const isolated = ["faults.spec.mjs", "hostile.spec.mjs", "embed.spec.mjs"];

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.mjs",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    trace: "off",
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download cannot work on these machines.
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
      ],
    },
  },
  // Each sandbox test starts from the seed in its own browser storage. The live tests share one
  // database, so specs that add records (and change counts other tests read) run after the rest.
  projects: [
    { name: "sandbox", use: { mode: "sandbox", baseURL: `http://127.0.0.1:${sandboxPort}` } },
    {
      name: "live",
      testIgnore: [...adding, ...isolated],
      use: { mode: "live", baseURL: `http://127.0.0.1:${livePort}` },
    },
    {
      name: "live-adding",
      testMatch: adding,
      // One at a time, one file after another: each wizard fills in the next free extensions of
      // the shared account, and each spec counts licenses the others would take meanwhile.
      fullyParallel: false,
      workers: 1,
      dependencies: ["live"],
      use: { mode: "live", baseURL: `http://127.0.0.1:${livePort}` },
    },
    {
      name: "live-isolated",
      testMatch: isolated,
      fullyParallel: false,
      workers: 1,
      use: { mode: "live", baseURL: `http://127.0.0.1:${isolatedPort}` },
    },
  ],
  webServer: [
    {
      command: `node scripts/serve-static.mjs dist ${sandboxPort}`,
      cwd: root,
      url: `http://127.0.0.1:${sandboxPort}/`,
      reuseExistingServer: !process.env.CI,
    },
    {
      // A fresh database per run, seeded with the standard dataset.
      command: `target/release/switchboard-server --db target/e2e/live.sqlite --fresh --port ${livePort}`,
      cwd: root,
      url: `http://127.0.0.1:${livePort}/api/v1/openapi.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `target/release/switchboard-server --db target/e2e/isolated.sqlite --fresh --port ${isolatedPort} --embed-origin http://127.0.0.1:${embedPort}`,
      cwd: root,
      url: `http://127.0.0.1:${isolatedPort}/api/v1/openapi.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node examples/embed/serve.mjs --port ${embedPort} --app http://127.0.0.1:${isolatedPort} --dist dist`,
      cwd: root,
      url: `http://127.0.0.1:${embedPort}/portal/admin/users`,
      reuseExistingServer: !process.env.CI,
    },
  ],
});

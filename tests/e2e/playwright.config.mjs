import { defineConfig } from "@playwright/test";
import { embedPort, embedServer, liveServers, sandboxPort } from "./servers.mjs";

// The suite runs twice: against the sandbox build (static files, API in the browser) and against
// the reference server (SQLite, real HTTP), a server per spec file that changes data
// (servers.mjs). Both serve the same dist/.
const root = new URL("../..", import.meta.url).pathname;

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.mjs",
  // Sized for a busy 2-core machine (two workers, ten servers, Chromium and axe-core scans),
  // not a quiet one: the longest flows take about 30 s there when nothing else runs.
  timeout: 120_000,
  expect: { timeout: 15_000 },
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
  projects: [
    ...liveServers.map((server) => ({
      name: `live-${server.name}`,
      testMatch: server.specs,
      fullyParallel: Boolean(server.parallel),
      use: { mode: "live", baseURL: `http://127.0.0.1:${server.port}` },
    })),
    { name: "sandbox", use: { mode: "sandbox", baseURL: `http://127.0.0.1:${sandboxPort}` } },
  ],
  // Never an already running server: its database would hold another run's changes.
  webServer: [
    {
      command: `node scripts/serve-static.mjs dist ${sandboxPort}`,
      cwd: root,
      url: `http://127.0.0.1:${sandboxPort}/`,
      reuseExistingServer: false,
    },
    // A fresh database each, seeded with the standard dataset.
    ...liveServers.map((server) => ({
      command: [
        "target/release/switchboard-server",
        `--demo --db target/e2e/${server.name}.sqlite --fresh --port ${server.port}`,
        server.framedBy ? `--embed-origin ${server.framedBy}` : "",
      ].join(" "),
      cwd: root,
      url: `http://127.0.0.1:${server.port}/api/v1/openapi.json`,
      reuseExistingServer: false,
      timeout: 120_000,
    })),
    {
      command: `node examples/embed/serve.mjs --port ${embedPort} --app http://127.0.0.1:${embedServer.port} --dist dist`,
      cwd: root,
      url: `http://127.0.0.1:${embedPort}/portal/admin/users`,
      reuseExistingServer: false,
    },
  ],
});

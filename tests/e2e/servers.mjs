// What the e2e suite runs against, and on which ports (from E2E_PORT, 4173 unless set).
//
// Sandbox tests start from the seed each, in their own browser storage. Live tests get the same
// independence from databases of their own: each spec file that changes data has a reference
// server with a fresh database to itself, so no spec can see what another did, or depend on the
// order in which they ran. Inside such a file the tests run one after another, in the order
// written. The specs that only read, or change users none of the others look at, share a server.

const base = Number(process.env.E2E_PORT ?? 4173);

/** The sandbox build: static files, the API in the browser. */
export const sandboxPort = base;

/** The embedding examples' host portal (examples/embed/serve.mjs), framing the embed server. */
export const embedPort = base + 1;

/**
 * The live servers, longest-running first (the suite's two workers take them in this order):
 * a name, the spec files it serves, whether their tests may run side by side.
 */
export const liveServers = [
  { name: "licenses", specs: ["licenses.spec.mjs"] },
  { name: "add-users", specs: ["add_users.spec.mjs"] },
  { name: "faults", specs: ["faults.spec.mjs"] },
  { name: "accounts", specs: ["accounts.spec.mjs"] },
  { name: "mobile-users", specs: ["mobile_users.spec.mjs"] },
  { name: "hostile", specs: ["hostile.spec.mjs"] },
  { name: "user-page", specs: ["user_page.spec.mjs"] },
  { name: "embed", specs: ["embed.spec.mjs"], framedBy: `http://127.0.0.1:${embedPort}` },
  { name: "shared", specs: ["users.spec.mjs", "live.spec.mjs", "a11y.spec.mjs", "dialogs.spec.mjs"], parallel: true },
].map((server, i) => ({ ...server, port: base + 2 + i }));

/** The server the embedding examples frame. */
export const embedServer = liveServers.find((s) => s.name === "embed");

/** A port for a server a test starts and stops itself, clear of the suite's servers. */
export const ownServerPort = base + 2 + liveServers.length + 1;

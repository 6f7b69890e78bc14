// Prints the reference server's figures on loopback (run `make bench`, or `node bench/server.mjs`
// with target/release/switchboard-server built):
// 1. start-up: from process start to the first answer, on a fresh database with the standard demo
//    and the built SPA (dist/) when there is one, as `make serve` starts it;
// 2. requests/second and latency percentiles of the users list and the inventory's detail
//    views over the 10,000-user dataset, with wrk, bounded in time;
// 3. the first page again while 20 wrong sign-ins a second arrive, beside its p99 without them.
// Figures, not tests; the load generator shares the machine's cores with the server.
import { spawn, execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const port = 4198;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), "switchboard-bench-"));

/** Starts the server on a fresh database; resolves with it and the milliseconds to its first answer. */
async function start(name, args) {
  const started = Date.now();
  const server = spawn(
    "target/release/switchboard-server",
    ["--demo", "--rate-limit", "0", "--db", join(dir, `${name}.sqlite`), "--port", String(port), ...args],
    { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, RUST_LOG: "warn" } },
  );
  for (;;) {
    try {
      await fetch(`${base}/api/v1/openapi.json`);
      return { server, ms: Date.now() - started };
    } catch {
      if (Date.now() - started > 60_000) throw new Error("the server did not start within 60 s");
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

async function stop(server) {
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await exited;
}

async function wrk(path, token) {
  const { stdout } = await run("wrk", [
    "-t2", `-c${connections}`, `-d${seconds}s`, "--latency",
    "-H", `Authorization: Bearer ${token}`, "-H", "Accept-Encoding: gzip",
    `${base}${path}`,
  ]);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)[1]);
  const percentile = (p) => toMs(new RegExp(`\\s${p}%\\s+([\\d.]+\\w+)`).exec(stdout)[1]);
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? "0";
  return { rps, p50Ms: percentile(50), p90Ms: percentile(90), p99Ms: percentile(99), non2xx: Number(errors) };
}

function print(name, row) {
  console.log(`  ${name.padEnd(44)} ${row.rps.toFixed(0).padStart(7)} req/s   p50 ${row.p50Ms} ms   p99 ${row.p99Ms} ms   non-2xx ${row.non2xx}`);
}

const dist = existsSync("dist/index.html") ? "dist" : join(dir, "no-spa");
const standard = await start("standard", ["--dist", dist]);
await stop(standard.server);
console.log(`Start-up, standard demo on a fresh database${dist === "dist" ? " with the built SPA" : ""}: ${standard.ms} ms to the first answer`);

const { server, ms: largeStartup } = await start("large", ["--dataset", "large", "--dist", join(dir, "no-spa")]);
try {
  const grant = await (await fetch(`${base}/api/v1/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "sam.okafor@northwind.example", password: "switchboard-demo" }),
  })).json();

  const scenarios = {
    "first page (50 rows)": "/api/v1/users",
    "search 'chen'": "/api/v1/users?q=chen",
    "filter type+site, sort -extension": "/api/v1/users?type=office&site=site-2&sort=-extension",
    "1000 rows per page": "/api/v1/users?perPage=1000&page=3",
    "inventory: Office licenses, first page": "/api/v1/inventory/office",
    "inventory: every type, search 'chen'": "/api/v1/inventory/all?q=chen",
  };
  const results = {
    dataset: "large (10,000 users)", seconds, connections, threads: 2,
    startupMs: { standardWithSpa: standard.ms, large: largeStartup }, scenarios: {},
  };
  console.log(`Reference server, 10,000 users, wrk -t2 -c${connections} -d${seconds}s on loopback (start-up ${largeStartup} ms incl. seeding):`);
  for (const [name, path] of Object.entries(scenarios)) {
    results.scenarios[name] = await wrk(path, grant.token);
    print(name, results.scenarios[name]);
  }

  // 20 wrong sign-ins a second (unknown admins of this account: each one costs a password check).
  let attempts = 0;
  let refused = 0;
  const wrong = setInterval(() => {
    attempts += 1;
    fetch(`${base}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `nobody-${attempts}@northwind.example`, password: "not the password" }),
    }).then((r) => { if (r.status === 401) refused += 1; }, () => {});
  }, 50);
  const underAttack = await wrk(scenarios["first page (50 rows)"], grant.token);
  clearInterval(wrong);
  const name = "first page, 20 wrong sign-ins/s beside it";
  results.scenarios[name] = { ...underAttack, wrongSignIns: attempts, refused401: refused };
  print(name, underAttack);
  const quiet = results.scenarios["first page (50 rows)"].p99Ms;
  console.log(`  (${attempts} wrong sign-ins sent, ${refused} refused with 401; p99 ${(underAttack.p99Ms / quiet).toFixed(2)}x the quiet p99)`);

  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/server.json", JSON.stringify(results, null, 2) + "\n");
  console.log("Saved bench/results/server.json");
} finally {
  await stop(server);
}

function toMs(value) {
  const [, n, unit] = /([\d.]+)(\w+)/.exec(value);
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit];
  return Number((Number(n) * factor).toFixed(2));
}

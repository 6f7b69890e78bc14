// Prints the reference server's throughput on loopback (run `make bench`, or
// `node bench/server.mjs` with target/release/switchboard-server built): requests/second and
// latency percentiles of the users list over the 10,000-user dataset, with wrk, bounded in time.
// Figures, not tests; the load generator shares the machine's cores with the server.
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = 4198;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), "switchboard-bench-"));

const server = spawn(
  "target/release/switchboard-server",
  ["--db", join(dir, "bench.sqlite"), "--dataset", "large", "--dist", join(dir, "no-spa"), "--port", String(port)],
  { stdio: ["ignore", "ignore", "inherit"] },
);
try {
  const started = Date.now();
  for (;;) {
    try {
      await fetch(`${base}/api/v1/openapi.json`);
      break;
    } catch {
      if (Date.now() - started > 60_000) throw new Error("the server did not start within 60 s");
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const startup = Date.now() - started;
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
  };
  const results = { dataset: "large (10,000 users)", seconds, connections, threads: 2, startupMs: startup, scenarios: {} };
  console.log(`Reference server, 10,000 users, wrk -t2 -c${connections} -d${seconds}s on loopback (startup ${startup} ms incl. seeding):`);
  for (const [name, path] of Object.entries(scenarios)) {
    const output = execFileSync("wrk", [
      "-t2", `-c${connections}`, `-d${seconds}s`, "--latency",
      "-H", `Authorization: Bearer ${grant.token}`, "-H", "Accept-Encoding: gzip",
      `${base}${path}`,
    ]).toString();
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)[1]);
    const percentile = (p) => toMs(new RegExp(`\\s${p}%\\s+([\\d.]+\\w+)`).exec(output)[1]);
    const errors = /Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? "0";
    const row = { rps, p50Ms: percentile(50), p90Ms: percentile(90), p99Ms: percentile(99), non2xx: Number(errors) };
    results.scenarios[name] = row;
    console.log(`  ${name.padEnd(36)} ${rps.toFixed(0).padStart(7)} req/s   p50 ${row.p50Ms} ms   p99 ${row.p99Ms} ms   non-2xx ${errors}`);
  }
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/server.json", JSON.stringify(results, null, 2) + "\n");
  console.log("Saved bench/results/server.json");
} finally {
  server.kill("SIGTERM");
}

function toMs(value) {
  const [, n, unit] = /([\d.]+)(\w+)/.exec(value);
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit];
  return Number((Number(n) * factor).toFixed(2));
}

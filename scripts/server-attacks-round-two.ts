/**
 * The attacks of issue 28, run against a server process on loopback, for the closing note's
 * before/after table. Point it at a checkout to measure that code:
 *   node --import tsx scripts/server-attacks-round-two.ts [--root <checkout>]
 * The server runs from <checkout>/scripts/server-child.ts with its rate limit on and a small
 * built site; every attack is bounded in count and time. Prints one line per attack. Rows 6, 9,
 * 10 and 11 need a stalled PostgreSQL, a full disk, a damaged file or a failing database: their
 * tests in tests/server/round-two.test.ts show them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { OUTCOME, TOKEN, get, header, openSocket, post, raw, status } from "./attack-http.ts";

const { values } = parseArgs({ options: { root: { type: "string", default: join(import.meta.dirname, "..") } } });
const root = values.root!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Child {
  port: number;
  child: ChildProcess;
  stderr: () => string;
}

/** Starts the server; resolves with its port, or with the exit and what it said when it refuses to start. */
async function start(db: string, options: { dist?: string; env?: Record<string, string> } = {}): Promise<Child | { exit: number | null; stderr: string }> {
  const args = [join(root, "scripts", "server-child.ts"), "--db", db, ...(options.dist ? ["--dist", options.dist] : [])];
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FIXPATH_OPERATOR_TOKEN: TOKEN, ...options.env } });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /READY http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), child, stderr: () => err });
    });
    child.once("exit", (code) => resolve({ exit: code, stderr: err }));
  });
}

async function stop(c: Child): Promise<void> {
  if (c.child.exitCode !== null) return;
  const exited = new Promise((r) => c.child.once("exit", r));
  c.child.kill("SIGTERM");
  const timer = setTimeout(() => c.child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

const running = (c: Awaited<ReturnType<typeof start>>): Child => {
  if (!("port" in c)) throw new Error(`the server did not start (exit ${String(c.exit)}): ${c.stderr.slice(0, 400)}`);
  return c;
};
const fds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const say = (s: string) => console.log(s);

const dir = mkdtempSync(join(tmpdir(), "fixpath-attacks-28-"));
try {
  const dist = join(dir, "dist");
  const put = (path: string, body: string) => {
    mkdirSync(join(dist, path, ".."), { recursive: true });
    writeFileSync(join(dist, path), body);
  };
  put("index.html", "<!doctype html><title>Fixpath</title><p>home</p>");
  put("404.html", `<!doctype html><title>Not found</title>${"<p>Nothing here.</p>".repeat(4000)}`);
  put("codes/caa50021/index.html", `<!doctype html><title>CAA50021</title>${"<p>Step text, with a command. </p>".repeat(3000)}`);
  put("api/codes/caa50021.json", JSON.stringify({ code: "caa50021", steps: Array.from({ length: 10000 }, (_, i) => `step-${i}`) }));

  // Row 1: 50 connections × 200 pipelined GETs each, closed without reading, for three kinds of file.
  {
    const c = running(await start(join(dir, "r1.sqlite"), { dist }));
    const pid = c.child.pid!;
    await sleep(500);
    const fd0 = fds(pid);
    const rss0 = rssMb(pid);
    for (const [url, extra] of [["/api/codes/caa50021.json", ""], ["/codes/caa50021/", 'if-none-match: "x"\r\n'], ["/codes/nope/", ""]] as const) {
      const burst = `GET ${url} HTTP/1.1\r\nhost: 127.0.0.1\r\n${extra}\r\n`.repeat(200);
      const sockets = await Promise.all(Array.from({ length: 50 }, () => openSocket(c.port).then((s) => (s.on("error", () => {}), s))));
      for (const s of sockets) s.write(burst);
      await sleep(1_000);
      for (const s of sockets) s.destroy();
    }
    await sleep(5_000);
    const probe = await Promise.all(Array.from({ length: 20 }, () => raw(c.port, get("/"), 3_000)));
    say(`1 pipelined GETs (3 × 50 connections × 200, closed unread), 5 s later: +${fds(pid) - fd0} fds, +${(rssMb(pid) - rss0).toFixed(0)} MB RSS; then ${probe.filter((p) => status(p) === "200").length} of 20 new connections answered`);
    const held = await Promise.all(Array.from({ length: 3000 }, (_, i) => openSocket(c.port, `127.0.1.${1 + (i % 30)}`).then((s) => (s.on("error", () => {}), s), () => undefined)));
    await sleep(1_000);
    say(`1 3,000 connections from 30 addresses (100 each): ${held.filter((s) => s && !s.destroyed).length} kept open`);
    for (const s of held) s?.destroy();
    await stop(c);
  }

  // Rows 2, 3, 7, 8, 12 on one server.
  {
    const c = running(await start(join(dir, "r2.sqlite"), { dist }));
    const long = await raw(c.port, post("/api/feedback", JSON.stringify({ page: "caa50021", helpful: false, comment: `${"x".repeat(990)} a@b.co ok` })));
    const shrinks = await raw(c.port, post("/api/feedback", JSON.stringify({ page: "caa50021", helpful: false, comment: `${"y".repeat(980)} ana.maria.perez-gonzalez.longname@contoso.example.com` })));
    say(`2 comment of 1,000 that redaction lengthens: ${status(long)} ${status(long) === "503" ? "(storage unavailable)" : (/"code":"([^"]+)"/.exec(long)?.[1] ?? "")}; comment of 1,034 that redaction shortens: ${status(shrinks)}; stack traces logged: ${(c.stderr().match(/\n\s+at /g) ?? []).length}`);
    const comment = "I am ana.pérez@contoso.com (also jörg@müller.de, ana＠contoso.com), call 555.123.4567 or 5551234567; SID S-1-5-21-1004336348-1177238915-682003330-1001, folder C:\\Users\\anaperez\\OneDrive, proxy 192.168.1.20";
    await raw(c.port, post("/api/feedback", JSON.stringify({ page: "caa50021", helpful: false, comment })));
    const guesses: Record<string, number> = {};
    for (let i = 0; i < 300; i++) {
      const s = status(await raw(c.port, get("/operator/", `authorization: Basic ${Buffer.from(`x:guess-${i}`).toString("base64")}\r\n`)));
      guesses[s] = (guesses[s] ?? 0) + 1;
    }
    say(`7 300 wrong tokens at /operator/: ${JSON.stringify(guesses)}`);
    const noHost = await raw(c.port, "GET / HTTP/1.1\r\nconnection: close\r\n\r\n");
    const expect417 = await raw(c.port, get("/", "expect: 200-ok\r\n"));
    const miss = await raw(c.port, get("/codes/nope/"));
    say(`12 no Host: ${status(noHost)} CSP ${header(noHost, "content-security-policy") ? "yes" : "no"}; Expect: ${status(expect417)} CSP ${header(expect417, "content-security-policy") ? "yes" : "no"}; 404 page cache-control: ${header(miss, "cache-control") ?? "none"}`);
    await stop(c);
    const stored = new Database(join(dir, "r2.sqlite"), { readonly: true }).prepare("select comment from feedback order by id").all() as { comment: string }[];
    const last = stored.at(-1)?.comment ?? "";
    const leaked = ["ana.pé", "jörg", "müller", "＠contoso", "555.123.4567", "5551234567", "1004336348", "anaperez", "192.168.1.20"].filter((w) => last.includes(w));
    say(`3 comment stored with: ${leaked.length ? leaked.join(", ") : "nothing of the personal data"}`);
  }
  for (const [what, env] of [["a token of 16 a's", { FIXPATH_OPERATOR_TOKEN: "aaaaaaaaaaaaaaaa" }], ["FIXPATH_TRUST_PROXY=true", { FIXPATH_TRUST_PROXY: "true" }]] as const) {
    const c = await start(join(dir, "r7.sqlite"), { env });
    if ("port" in c) {
      say(`7/8 ${what}: accepted (server running)`);
      await stop(c);
    } else say(`7/8 ${what}: refused at start (exit ${String(c.exit)}: ${c.stderr.split("\n").find((l) => /^\w*Error: /.test(l))?.slice(0, 140) ?? c.stderr.slice(0, 120)})`);
  }

  // Row 4: the WAL deleted, more writes, SIGKILL, restart.
  {
    const file = join(dir, "r4.sqlite");
    const c = running(await start(file, { env: { FIXPATH_RATE_LIMIT: "off" } }));
    let acknowledged = 0;
    const write = async (n: number) => {
      for (let i = 0; i < n; i++) if (status(await raw(c.port, post("/api/outcomes", OUTCOME, `x-attempt: ${i}\r\n`))) === "201") acknowledged++;
    };
    await write(50);
    rmSync(`${file}-wal`);
    await write(50);
    c.child.kill("SIGKILL");
    await new Promise((r) => c.child.once("exit", r));
    const again = running(await start(file));
    await stop(again);
    const kept = (() => {
      try {
        return (new Database(file, { readonly: true }).prepare("select count(*) as n from outcomes").get() as { n: number }).n;
      } catch {
        return 0;
      }
    })();
    say(`4 -wal deleted while running, then SIGKILL: ${acknowledged} acknowledged, ${kept} kept after the restart`);
  }

  // Row 5: an operator holds BEGIN IMMEDIATE for 3 s while pages are requested.
  {
    const file = join(dir, "r5.sqlite");
    const c = running(await start(file, { dist }));
    const lock = new Database(file);
    lock.exec("begin immediate");
    const writing = raw(c.port, post("/api/outcomes", OUTCOME), 10_000);
    await sleep(100);
    const t0 = performance.now();
    const page = await raw(c.port, get("/codes/caa50021/"), 10_000);
    const pageMs = performance.now() - t0;
    await sleep(2_900);
    lock.exec("commit");
    lock.close();
    const w = await writing;
    say(`5 SQLite locked 3 s by another process: a page took ${pageMs.toFixed(0)} ms (${status(page)}); the write waiting for the lock: ${status(w)}`);
    await stop(c);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

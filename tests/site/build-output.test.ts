import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listPages, type KnowledgeBase } from "../../src/model/kb.ts";
import { buildLookupIndex, lookupAnswer, SplitLookup, splitLookupIndex } from "../../src/lookup/index.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import { builtSite } from "./built-site.ts";

let dist = "";
let kb: KnowledgeBase;
let htmlFiles: string[] = [];

/** The file a site path is served from. */
function fileOf(urlPath: string): string {
  const clean = decodeURIComponent(urlPath.split("#")[0]!.split("?")[0]!);
  return clean.endsWith("/") ? join(dist, clean, "index.html") : join(dist, clean);
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let set = ids.get(file);
  if (!set) {
    set = new Set([...readFileSync(file, "utf8").matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    ids.set(file, set);
  }
  return set;
}

beforeAll(async () => {
  dist = await builtSite();
  kb = loadProjectKb();
  htmlFiles = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith(".html")).map((f) => join(dist, f));
}, 300_000);

describe("the built site", () => {
  it("has every page that `fixpath list` lists", () => {
    const missing = listPages(kb).filter((p) => !existsSync(fileOf(p.url)));
    expect(missing.map((p) => p.url)).toEqual([]);
  });

  it("resolves every internal link and anchor on every page", () => {
    const broken: string[] = [];
    for (const file of htmlFiles) {
      const html = readFileSync(file, "utf8");
      for (const [, raw] of html.matchAll(/\shref="([^"]*)"/g)) {
        const href = raw?.replace(/&#38;|&amp;/g, "&");
        if (!href || /^(https?:|mailto:)/.test(href)) continue;
        const [path, hash] = href.split("#") as [string, string | undefined];
        const target = path === "" ? file : fileOf(path.startsWith("/") ? path : `/${path}`);
        if (path.startsWith("/") && !existsSync(target)) broken.push(`${file.slice(dist.length)} → ${href} (no page)`);
        else if (hash && existsSync(target) && !idsOf(target).has(decodeURIComponent(hash))) broken.push(`${file.slice(dist.length)} → ${href} (no #${hash})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("reaches each hub from every other form of its code", () => {
    for (const form of ["CAA50021", "0xCAA50021", "0xcaa50021", "3399811105", "-895156191", "0x8004DE40", "8004DE40"]) {
      const file = fileOf(`/codes/${form}/`);
      expect(existsSync(file), form).toBe(true);
      const to = form.toLowerCase().includes("8004de40") ? "/codes/0x8004de40/" : "/codes/caa50021/";
      expect(readFileSync(file, "utf8"), form).toContain(`url=${to}`);
    }
  });

  it("ships no script on content pages except the inline loader", () => {
    for (const url of ["/", "/codes/caa50021/", "/codes/caa50021/onedrive/", "/codes/caa50021/admin/"]) {
      const html = readFileSync(fileOf(url), "utf8");
      expect(html, url).not.toMatch(/<script[^>]*\ssrc=/);
      expect(html, url).not.toMatch(/<link[^>]*rel="(?:stylesheet|modulepreload)"/);
    }
  });

  it("keeps the space after every bold label (no \"Caveat:Microsoft\")", () => {
    for (const file of htmlFiles) {
      const glued = readFileSync(file, "utf8").match(/<\/strong>[A-Za-z(]/g);
      expect(glued, file).toBeNull();
    }
  });

  it("gives every step of every scenario its anchor and every command a copy button", () => {
    for (const sc of kb.scenarios.values()) {
      const html = readFileSync(fileOf(`/codes/${sc.code}/${sc.app}/`), "utf8");
      for (const step of sc.steps) expect(html, `${sc.code}/${sc.app}#fix-${step.id}`).toContain(`id="fix-${step.id}"`);
      const commands = sc.steps.flatMap((s) => s.instructions.filter((i) => typeof i === "object"));
      expect((html.match(/data-copy/g) ?? []).length, `${sc.code}/${sc.app}`).toBeGreaterThanOrEqual(commands.length);
    }
  });

  it("offers the read-only evidence bundle in every scenario's \"Before you start\", the command exactly as the content has it", () => {
    const command = readFileSync(join(process.cwd(), "content", "evidence-bundle.ps1"), "utf8").trim();
    const escaped = command.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    for (const sc of kb.scenarios.values()) {
      const html = readFileSync(fileOf(`/codes/${sc.code}/${sc.app}/`), "utf8");
      const before = html.slice(html.indexOf('id="before"'), html.indexOf('id="meaning"'));
      expect(before, `${sc.code}/${sc.app}`).toContain("data-bundle-check");
      const code = /data-bundle-command="powershell"[\s\S]*?<code>([\s\S]*?)<\/code>/.exec(before)?.[1] ?? "";
      expect(code.replace(/&#39;/g, "'").replace(/&quot;/g, '"').trim(), `${sc.code}/${sc.app}`).toBe(escaped.replace(/&#39;/g, "'"));
      expect(before).toContain('href="/analyze/"');
    }
  });

  it("shows every meaning's sources under it, like a step's (hubs and scenarios)", () => {
    const pages: [string, string, readonly string[]][] = [
      ...[...kb.codes.values()].map((h): [string, string, readonly string[]] => [`/codes/${h.id}/`, "meaning", h.meaningSources]),
      ...[...kb.scenarios.values()].map((sc): [string, string, readonly string[]] => [`/codes/${sc.code}/${sc.app}/`, "meaning", sc.meaningSources]),
    ];
    for (const [url, id, sources] of pages) {
      const html = readFileSync(fileOf(url), "utf8");
      const start = html.indexOf(`id="${id}"`);
      const next = html.indexOf("<h2", start + 1);
      const section = html.slice(start, next === -1 ? undefined : next);
      for (const ref of sources) {
        const source = kb.sources.get(ref)!;
        const hrefs = [...section.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!.replace(/&#38;|&amp;/g, "&"));
        expect(hrefs, `${url}: ${ref}`).toContain(source.url);
      }
    }
  });

  it("keeps the scenario sections in the seed's order", () => {
    const html = readFileSync(fileOf("/codes/caa50021/onedrive/"), "utf8");
    const order = ["quick", "before", "meaning", "where", "triggers", "causes", "fixes", "advanced", "managed", "stop", "related", "references", "top"];
    const at = order.map((id) => html.indexOf(id === "top" ? 'href="#top"' : `id="${id}"`));
    expect(at.every((n) => n > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("publishes the knowledge base as JSON", () => {
    const codes = JSON.parse(readFileSync(join(dist, "api/codes.json"), "utf8")) as { codes: { id: string }[] };
    expect(codes.codes.map((c) => c.id).sort()).toEqual([...kb.codes.keys()].sort());
    for (const id of kb.codes.keys()) expect(existsSync(join(dist, `api/codes/${id}.json`)), id).toBe(true);
    const one = JSON.parse(readFileSync(join(dist, "api/codes/caa50021.json"), "utf8")) as { scenarios: { app: string }[] };
    expect(one.scenarios.map((s) => s.app)).toEqual(["onedrive", "outlook", "teams", "office"]);
  });

  it("serialises a lookup index the browser can load: the split index's manifest and every file it names", async () => {
    const index = SplitLookup.fromJson(readFileSync(join(dist, "api/lookup.json"), "utf8"), async (path) => readFileSync(join(dist, "api/lookup", path), "utf8"));
    expect((await index.answer("0xCAA50021")).results[0]?.url).toBe("/codes/caa50021/");
    expect((await index.answer("caa50021 onedrive")).results[0]?.url).toBe("/codes/caa50021/onedrive/");
    // The files built are the ones the knowledge base splits into, in the manifest's folder only.
    const split = splitLookupIndex(buildLookupIndex(kb));
    expect(JSON.parse(readFileSync(join(dist, "api/lookup.json"), "utf8"))).toEqual(split.manifest);
    expect(readdirSync(join(dist, "api/lookup"))).toEqual([split.manifest.version]);
    for (const [path, text] of split.files) expect(readFileSync(join(dist, "api/lookup", path), "utf8"), path).toBe(text);
    expect((await index.answer("grey cloud")).results).toEqual(lookupAnswer(buildLookupIndex(kb), "grey cloud").results);
  });

  it("carries two inline scripts, each the same text on every page (the server allows them by their hash): the theme in the head, the loader at the end", () => {
    const scripts = new Set<string>();
    for (const file of htmlFiles) {
      for (const m of readFileSync(file, "utf8").matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/ld\+json")[^>]*>([\s\S]*?)<\/script>/g)) if (m[1]!.trim()) scripts.add(m[1]!);
    }
    expect([...scripts].filter((s) => s.includes("fixpath-theme") && s.length < 200)).toHaveLength(1);
    const rest = [...scripts].filter((s) => !(s.includes("fixpath-theme") && s.length < 200));
    expect(rest).toHaveLength(1);
    const [script] = rest;
    expect(() => new Function(script!)).not.toThrow();
    for (const call of ["/api/stats/", "/api/feedback", "Fixed it for"]) expect(script).toContain(call);
  });

  it("ends every hub, scenario and checklist with the feedback widget, and marks scenario steps for their counts", () => {
    const pages = listPages(kb).filter((p) => p.url.startsWith("/codes/"));
    expect(pages.length).toBeGreaterThan(10);
    for (const p of pages) {
      const html = readFileSync(fileOf(p.url), "utf8");
      const id = p.id;
      expect(html, p.url).toContain(`data-feedback="${id}"`);
      expect(html.indexOf("data-feedback"), p.url).toBeGreaterThan(html.indexOf('id="references"'));
      const scenario = kb.scenarios.has(id);
      expect(html.includes(`data-stats="${id}"`), p.url).toBe(scenario);
    }
  });

  it("has a 404 page with the search box and a favicon", () => {
    expect(readFileSync(join(dist, "404.html"), "utf8")).toContain("data-search");
    expect(existsSync(join(dist, "favicon.svg"))).toBe(true);
  });
});

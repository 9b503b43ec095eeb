// fixpath lookup through main(argv, io): the answer table's exit codes and JSON, a pasted dialog on
// stdin, absolute links, and "no page yet" in words.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { MAX_PASTE_BYTES } from "../../src/evidence/index.ts";
import { fakeIo } from "../helpers/io.ts";
import { QUERY_CASES } from "../lookup/queries.ts";

const piped = (data: string | Buffer) => Object.assign(Readable.from([Buffer.from(data)]), { isTTY: false }) as unknown as CliIo["stdin"];

describe("fixpath lookup: the answer table", () => {
  it("exits 0 only for a page or pages that hold the words, and the JSON says the same answer", async () => {
    for (const c of QUERY_CASES.filter((_, i) => i % 6 === 0)) {
      const io = fakeIo();
      const code = await main(["lookup", c.query, "--json"], io);
      const json = JSON.parse(io.out()) as { answer: { kind: string }; results: { match: string }[]; didYouMean: { code: string }[] };
      expect(json.answer.kind, c.query).toBe(c.answer);
      expect(code, c.query).toBe(c.answer === "page" || c.answer === "search" ? 0 : 1);
      expect(io.out(), c.query).not.toMatch(/"(?:score|near)"/);
    }
  });
});

describe("fixpath lookup: a code with no page", () => {
  it("says so with its family and Microsoft's lookup, and offers a neighbour only as 'did you mean', exit 1", async () => {
    const io = fakeIo();
    expect(await main(["lookup", "AADSTS50059"], io)).toBe(1);
    const out = io.out();
    expect(out).toMatch(/^No page for AADSTS50059 yet\.\n {2}It is an Entra ID sign-in service code\./);
    expect(out).toContain("Microsoft's error code lookup: https://login.microsoftonline.com/error?code=50059");
    expect(out.indexOf("Did you mean")).toBeGreaterThan(out.indexOf("No page for"));
    expect(out).toContain("(AADSTS50059: one character different)");
    expect(out).not.toMatch(/score/);
  });

  it("names an error tag the content does not have", async () => {
    const io = fakeIo();
    expect(await main(["lookup", "something", "went", "wrong", "[zz9q9]"], io)).toBe(1);
    expect(io.out()).toMatch(/^No page for the error tag \[zz9q9\] yet\./);
    expect(io.out()).not.toContain("caa50021");
  });
});

describe("fixpath lookup -: a pasted dialog on standard input", () => {
  const dialog = "Microsoft Teams\r\n\r\nWe couldn't sign you in. If this error persists, contact your system administrator and provide the error code CAA50021.\r\n\r\nMore information: https://www.microsoft.com/aadj/errors\r\n";

  it("reads the whole dialog and answers its code, with absolute links from FIXPATH_BASE_URL", async () => {
    const io = fakeIo({ stdin: piped(dialog), env: { FIXPATH_BASE_URL: "https://help.example.com/" } });
    expect(await main(["lookup", "-"], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+ pages for 0xCAA50021:\n 1\. CAA50021 in Microsoft Teams/);
    expect(io.out()).toContain("    https://help.example.com/codes/caa50021/teams/\n");
  });

  it("--base-url wins over the environment, and a base URL that is not a web address is refused in words", async () => {
    const io = fakeIo({ env: { FIXPATH_BASE_URL: "https://a.example" } });
    expect(await main(["lookup", "CAA50021", "--base-url", "https://b.example"], io)).toBe(0);
    expect(io.out()).toContain("https://b.example/codes/caa50021/");
    const bad = fakeIo();
    expect(await main(["lookup", "CAA50021", "--base-url", "help"], bad)).toBe(2);
    expect(bad.err()).toContain('the base URL "help" is not a web address');
  });

  it("says how large too large input really is, and that a terminal is not read", async () => {
    const big = fakeIo({ stdin: piped(Buffer.alloc(10 * 1024 * 1024, 0x41)) });
    expect(await main(["lookup", "-"], big)).toBe(2);
    expect(big.err()).toContain(`standard input is 10.0 MB; at most ${(MAX_PASTE_BYTES / 1024 / 1024).toFixed(1)} MB is read`);
    const tty = fakeIo({ stdin: Object.assign(Readable.from([]), { isTTY: true }) as unknown as CliIo["stdin"] });
    expect(await main(["lookup", "-"], tty)).toBe(2);
    expect(tty.err()).toContain("it is a terminal");
  });

  it("analyze reports the real size of big standard input too", async () => {
    const io = fakeIo({ stdin: piped(Buffer.alloc(10 * 1024 * 1024, 0x41)) });
    expect(await main(["analyze", "-"], io)).toBe(2);
    expect(io.err()).toContain("standard input is 10.0 MB");
  });
});

import { describe, expect, it } from "vitest";
import { MAILTO_MAX, renderHandover } from "../../src/report/handover.ts";

const IT = { name: "Contoso Service Desk", email: "servicedesk@contoso.example", ticketUrl: "https://contoso.example/tickets/new", phone: "+44 20 7946 0000", hours: "Mon–Fri 8:00–18:00" };
const decode = (mailto: string) => {
  const url = new URL(mailto);
  return { to: url.pathname, subject: url.searchParams.get("subject"), body: url.searchParams.get("body") ?? "" };
};

describe("renderHandover", () => {
  it("names the team and every way to reach it", () => {
    const h = renderHandover({ it: IT, subject: "CAA50021 in OneDrive", report: "short", fileName: "r.md" });
    expect(h.team).toBe("Contoso Service Desk");
    expect(h.lines).toEqual(["E-mail: servicedesk@contoso.example", "Tickets: https://contoso.example/tickets/new", "Phone: +44 20 7946 0000", "Hours: Mon–Fri 8:00–18:00"]);
    expect(h.ticketUrl).toBe(IT.ticketUrl);
  });

  it("puts a short report whole into the mail", () => {
    const report = "# Fixpath report\n\nCAA50021 in OneDrive: not fixed.\nTried: Restart Windows — no change.";
    const h = renderHandover({ it: IT, subject: "CAA50021 in OneDrive: not fixed", report, fileName: "r.md" });
    expect(h.cut).toBe(false);
    expect(decode(h.mailto!)).toEqual({ to: "servicedesk@contoso.example", subject: "CAA50021 in OneDrive: not fixed", body: report });
  });

  it("cuts a long report at a line to what mail clients accept, and says the full one is in the downloaded file", () => {
    const report = Array.from({ length: 200 }, (_, i) => `Line ${i}: café — ünïcode & symbols ?=#%`).join("\n");
    const h = renderHandover({ it: IT, subject: "CAA50021", report, fileName: "fixpath-report-caa50021.md" });
    expect(h.cut).toBe(true);
    expect(h.mailto!.length).toBeLessThanOrEqual(MAILTO_MAX);
    const body = decode(h.mailto!).body;
    expect(body).toMatch(/^Line 0: café — ünïcode & symbols \?=#%\n/);
    expect(body).toContain("The full report is in the file fixpath-report-caa50021.md");
    const kept = body.split("\n\n[")[0]!.split("\n");
    expect(kept.every((l, i) => l === `Line ${i}: café — ünïcode & symbols ?=#%`)).toBe(true);
    expect(kept.length).toBeGreaterThan(10);
  });

  it("offers no mail without an address, and only what the team gave", () => {
    const h = renderHandover({ it: { name: "IT", phone: "+1 555 0100" }, subject: "x", report: "y", fileName: "r.md" });
    expect(h.mailto).toBeUndefined();
    expect(h.ticketUrl).toBeUndefined();
    expect(h.lines).toEqual(["Phone: +1 555 0100"]);
  });
});

describe("the report for a session with the organisation's presets", () => {
  it("lists the organisation's answer first and says whose it is", async () => {
    const { startSession } = await import("../../src/engine/index.ts");
    const { buildReport, renderReport } = await import("../../src/report/index.ts");
    const { loadProjectKb } = await import("../helpers/kb.ts");
    const kb = loadProjectKb();
    const started = startSession(kb, { code: "CAA50021", app: "onedrive", facts: { accountType: "work", managed: false }, organisation: { managed: true } });
    if (!started.ok) throw new Error("no session");
    const text = renderReport(buildReport({ kb, session: started.session })!, "txt");
    const managedQuestion = kb.scenarios.get("caa50021/onedrive")!.questions.find((q) => q.fact === "managed")!.prompt;
    expect(text).toContain(`${managedQuestion} Yes (the organisation's answer).`);
    expect(text).not.toContain(`${managedQuestion} No.`);
  });
});

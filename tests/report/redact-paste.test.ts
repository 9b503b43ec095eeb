/** The one redactor for pastes (issue 26): the bundle's patterns, identifier values, IP addresses; and JSON redacted value by value. */
import { describe, expect, it } from "vitest";
import { createPasteRedactor, redactJson } from "../../src/report/redact.ts";

describe("createPasteRedactor", () => {
  it("replaces every listed form, keeps versions and well-known SIDs, and changes nothing the second time", () => {
    const redact = createPasteRedactor(["CONTOSO-PC7"]);
    const text = [
      "ana.perez@contoso.com signed in on CONTOSO-PC7 from 10.20.30.40",
      "SID S-1-5-21-1004336348-1177238915-682003330-512, Administrators S-1-5-32-544",
      "Profile C:\\Users\\ana.perez\\AppData\\Local",
      "TenantId 72f988bf-86f1-41af-91ab-2d7cd011db47, fe80::1c2b:3d4e:5f60:7a8b",
      "Windows version 10.0.19045.3930",
    ].join("\n");
    const out = redact(text);
    for (const id of ["ana.perez@contoso.com", "CONTOSO-PC7", "10.20.30.40", "S-1-5-21-1004336348", "ana.perez\\AppData", "72f988bf-86f1-41af-91ab-2d7cd011db47", "fe80::1c2b"]) expect(out, id).not.toContain(id);
    expect(out).toContain("S-1-5-32-544");
    expect(out).toContain("10.0.19045.3930");
    expect(redact(out)).toBe(out);
  });
});

describe("a tenant's domain in a sign-in link", () => {
  it("is replaced as a host name; Microsoft's host, the tenant's id and `common` stay as they are (or become a GUID token)", () => {
    const redact = createPasteRedactor();
    const out = redact(
      [
        "AuthCodeUrl: https://login.microsoftonline.com/msitsupp.microsoft.com/oauth2/authorize",
        "JoinSrvUrl : https://enterpriseregistration.windows.net/contoso.com/EnrollmentServer/device/",
        "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
        "AuthCodeUrl : https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/authorize",
      ].join("\n"),
    );
    expect(out).toBe(
      [
        "AuthCodeUrl: https://login.microsoftonline.com/[host-1]/oauth2/authorize",
        "JoinSrvUrl : https://enterpriseregistration.windows.net/[host-2]/EnrollmentServer/device/",
        "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
        "AuthCodeUrl : https://login.microsoftonline.com/[guid-1]/oauth2/authorize",
      ].join("\n"),
    );
    expect(redact(out)).toBe(out);
  });
});

describe("redactJson", () => {
  it("redacts string values at any depth and keeps keys, numbers, booleans and null", () => {
    const redact = createPasteRedactor();
    const value = { "ana@contoso.com": 1, list: [{ upn: "ana@contoso.com", line: 12, ok: true, none: null }], nested: { text: "from 192.168.1.20" } };
    expect(redactJson(value, redact)).toEqual({ "ana@contoso.com": 1, list: [{ upn: "[email-1]", line: 12, ok: true, none: null }], nested: { text: "from [ip-1]" } });
  });
});

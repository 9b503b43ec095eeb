// Phone numbers in pastes and typed text alike (issue 26 item 3): the forms a person writes are
// replaced, and the numbers Windows prints that look like them (dates and times, versions and
// builds, error codes, event ids, KB numbers, GUID and SID parts, product ids, counters) stay.
import { describe, expect, it } from "vitest";
import { createPasteRedactor, redactPhoneNumbers } from "../../src/report/index.ts";

describe("phone numbers are replaced, whole", () => {
  it.each([
    ["+44 20 7946 0958", "[phone-1]"],
    ["(425) 555-0100", "[phone-1]"],
    ["0171 1234567", "[phone-1]"],
    ["+49-30-123456", "[phone-1]"],
    ["+1 (425) 555-0100", "[phone-1]"],
    ["+44 (0)20 7946 0958", "[phone-1]"],
    ["+33 1 23 45 67 89", "[phone-1]"],
    ["0044 20 7946 0958", "[phone-1]"],
    ["1-425-555-0100", "[phone-1]"],
    ["425 555 0100", "[phone-1]"],
    ["555.123.4567", "[phone-1]"],
    ["555-0100", "[phone-1]"],
    ["(020) 7946 0958", "[phone-1]"],
    ["01 23 45 67 89", "[phone-1]"],
    ["call 6505550123 today", "call [phone-1] today"],
    ["01711234567", "[phone-1]"],
    ["tel:+442079460958", "tel:[phone-1]"],
    ["phone=+44 20 7946 0958", "phone=[phone-1]"],
    ["Ring 030-123456, or 020 7946 0958.", "Ring [phone-1], or [phone-2]."],
  ])("%s", (text, expected) => {
    expect(redactPhoneNumbers(text)).toBe(expected);
  });
});

describe("numbers Windows prints are kept", () => {
  it.each([
    "2026-11-20 08:14:03",
    "Client Time : 2019-01-31 09:25:31.000 UTC",
    "DeviceCertificateValidity : [ 2022-01-28 11:15:49.000 UTC -- 2032-01-28 11:45:49.000 UTC ]",
    "2024-05-02T08:14:03+0100",
    "2026-03-14",
    "20.11.2026",
    "01.11.2026",
    "01 02 2026",
    "11/20/2026",
    "(1098) 2024-05-02",
    "10.0.22631.4460",
    "build 22631.4317",
    "Version 1.2.3.4",
    "Windows 10 22H2 19045, UBR 4460",
    "0x80070520",
    "0x8004de40",
    "CAA50021",
    "3399811105",
    "2147942405",
    "-2147024891",
    "Event ID 1098",
    "events 1098 1081 1104",
    "KB5034441",
    "KB 5034441",
    "InstallDate : 1666804042",
    "ProductId 00330-80000-00000-AA949",
    "0123-4567-89ab",
    "12345678-1234-5678",
    "0000-0000-0000",
    "01 00 00 00 02 00 00 00",
    "1 2 3 4 5 6 7",
    "S-1-5-32-544, S-1-16-8192",
    "port 8080, pid 12345",
    "line 12, 14 and 1234567",
    "Wait 30 - 60 seconds",
  ])("%s", (text) => {
    expect(redactPhoneNumbers(text)).toBe(text);
  });
});

describe("in the paste redactor", () => {
  it("replaces phone numbers in a paste and keeps its times, then changes nothing the second time", () => {
    const redact = createPasteRedactor();
    const out = redact("Previous Prt Attempt : 2024-05-02 08:14:03.221 UTC\nCall +44 20 7946 0958 or 10.1.2.3 about {5f3c1b2a-8d4e-4f6a-9b7c-1d2e3f4a5b6c}");
    expect(out).toBe("Previous Prt Attempt : 2024-05-02 08:14:03.221 UTC\nCall [phone-1] or [ip-1] about [guid-1]");
    expect(redact(out)).toBe(out);
    expect(redact.counts).toMatchObject({ phone: 1, ip: 1, guid: 1 });
  });
});

// Issue 28, row 3: what the redactor missed in free text (feedback comments): e-mail addresses
// outside ASCII and with a full-width at sign, phone numbers written with dots or as ten bare
// digits, IP addresses. Error codes, dates, times and Windows versions stay as they are.
import { describe, expect, it } from "vitest";
import { createRedactor, redactIpAddresses, redactPhoneNumbers } from "../../src/report/index.ts";

describe("e-mail addresses in any script", () => {
  it.each([
    ["ana.pérez@contoso.com", "ana.pé"],
    ["jörg@müller.de", "müller"],
    ["ana＠contoso.com", "contoso"],
    ["иван@пример.рф", "иван"],
  ])("replaces %s whole", (address, leaked) => {
    const out = createRedactor()(`write to ${address} please`);
    expect(out).toBe("write to [email-1] please");
    expect(out).not.toContain(leaked);
  });
});

describe("phone numbers", () => {
  it.each(["555.123.4567", "5551234567", "call 6505550123 today"])("replaces %s", (text) => {
    expect(redactPhoneNumbers(text)).toContain("[phone-1]");
    expect(redactPhoneNumbers(text)).not.toMatch(/\d{4}/);
  });

  it.each(["3399811105", "2147942405", "CAA50021", "0x8004de40", "2026-03-14", "10.0.19045.1234", "build 22631.4317"])("keeps %s (an error code, a date or a version)", (text) => {
    expect(redactPhoneNumbers(text)).toBe(text);
  });
});

describe("IP addresses", () => {
  it.each([
    ["proxy at 192.168.1.20 refused", "proxy at [ip-1] refused"],
    ["from 10.0.0.1, then 172.16.4.250.", "from [ip-1], then [ip-2]."],
    ["link fe80::1c2d:3e4f:5a6b:7c8d here", "link [ip-1] here"],
    ["v6 2001:db8:85a3:0:0:8a2e:370:7334 and ::1", "v6 [ip-1] and [ip-2]"],
  ])("replaces the addresses in %s", (text, expected) => {
    expect(redactIpAddresses(text)).toBe(expected);
  });

  it.each(["Windows 10.0.19045.1234", "version 1.2.3.4", "at 12:34:56 on 2026-03-14", "CAA50021", "999.1.1.1", "step 3.2.1"])("keeps %s", (text) => {
    expect(redactIpAddresses(text)).toBe(text);
  });
});

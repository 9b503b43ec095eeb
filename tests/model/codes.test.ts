import { describe, expect, it } from "vitest";
import { codeForms, parseCode, sameCode } from "../../src/model/codes.ts";

describe("parseCode", () => {
  it.each([
    // hex, with and without 0x, any case, with separators
    ["CAA50021", "hex:caa50021"],
    ["0xCAA50021", "hex:caa50021"],
    ["0XcaA50021", "hex:caa50021"],
    ["caa 50021", "hex:caa50021"],
    ["CAA-50021", "hex:caa50021"],
    [" 0x8004DE40 ", "hex:8004de40"],
    // all-digit HRESULTs as Microsoft prints them are hex
    ["80070520", "hex:80070520"],
    ["0x102", "hex:00000102"],
    // decimal forms from MSAL/WAM logs
    ["3399811105", "hex:caa50021"],
    ["-895156191", "hex:caa50021"],
    ["2147802688", "hex:8004de40"],
    ["-2147164608", "hex:8004de40"],
    ["-2147023584", "hex:80070520"],
    // Entra codes
    ["AADSTS50126", "aadsts:50126"],
    ["aadsts 50126", "aadsts:50126"],
  ])("reads %s as %s", (input, key) => {
    expect(parseCode(input)).toBe(key);
  });

  it.each(["", "hello", "CAA5002", "12345", "99999999999", "-99999999999", "0x123456789", "AADSTS"])("rejects %j", (input) => {
    expect(parseCode(input)).toBeUndefined();
  });

  it("lists every written form of a code", () => {
    expect(codeForms("hex:caa50021")).toEqual(["CAA50021", "0xCAA50021", "3399811105", "-895156191"]);
    expect(codeForms("hex:00000102")).toEqual(["00000102", "0x00000102", "258"]);
    expect(codeForms("aadsts:50126")).toEqual(["AADSTS50126", "50126"]);
  });

  it("round-trips every form back to the same key", () => {
    for (const key of ["hex:caa50021", "hex:8004de40", "hex:80070520", "hex:c000006d"]) {
      for (const form of codeForms(key)) expect(parseCode(form), form).toBe(key);
    }
  });

  it("compares codes across forms", () => {
    expect(sameCode("0X8004DE40", "8004de40")).toBe(true);
    expect(sameCode("0x8004de40", "0x8004de90")).toBe(false);
    expect(sameCode("nonsense", "nonsense")).toBe(false);
  });
});

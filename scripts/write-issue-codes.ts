// Writes CONTRIBUTING.md's list of content problem codes from src/model/issue-codes.ts and the rules.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withIssueCodeList } from "../src/model/load/index.ts";

const file = join(import.meta.dirname, "..", "CONTRIBUTING.md");
writeFileSync(file, withIssueCodeList(readFileSync(file, "utf8")));
console.log("wrote the list of issue codes in CONTRIBUTING.md");

import { parseCode } from "../codes.ts";
import { testedValues, walkCondition, type Condition } from "../conditions.ts";
import { FACTS, factValues, isFactName, type FactName } from "../facts.ts";
import { suggest, type PathSegment } from "../issue.ts";
import type { Problem, Rule } from "./rule.ts";

export default {
  code: "kb/unknown-fact-value",
  description: "Conditions and answer choices give each fact only values it can have.",
  check(ctx, report) {
    for (const { file, data: sc } of ctx.scenarios) {
      sc.questions.forEach((q, i) => {
        if (!isFactName(q.fact)) return;
        q.choices?.forEach((c, j) => {
          const problem = wrongValue(q.fact as FactName, c.value, false);
          if (problem) report({ file, path: ["questions", i, "choices", j, "value"], ...problem });
        });
      });
      const conditions: [Condition | undefined, PathSegment[]][] = [
        ...sc.steps.map((s, i): [Condition | undefined, PathSegment[]] => [s.when, ["steps", i, "when"]]),
        ...sc.stops.map((s, i): [Condition | undefined, PathSegment[]] => [s.when, ["stops", i, "when"]]),
      ];
      for (const [cond, path] of conditions) {
        if (!cond) continue;
        walkCondition(cond, path, (test, at) => {
          if (!isFactName(test.fact)) return;
          for (const [value, valuePath] of testedValues(test, at)) {
            const problem = wrongValue(test.fact, value, true);
            if (problem) report({ file, path: valuePath, ...problem });
          }
        });
      }
    }
  },
} satisfies Rule;

/** What is wrong with `value` for `fact`, or undefined when it fits. */
function wrongValue(fact: FactName, value: string | boolean, allowUnknown: boolean): Omit<Problem, "file" | "path"> | undefined {
  if (allowUnknown && value === "unknown") return undefined;
  const spec = FACTS[fact];
  if (spec.type === "boolean") {
    if (typeof value === "boolean") return undefined;
    return { message: `"${fact}" is true or false`, expected: allowUnknown ? "true | false | unknown" : "true | false", received: JSON.stringify(value), hint: value === "yes" ? "write true" : value === "no" ? "write false" : "use true, false or unknown" };
  }
  if (spec.type === "choice") {
    const values = factValues(fact) as readonly string[];
    if (typeof value === "string" && values.includes(value)) return undefined;
    return { message: `"${String(value)}" is not a value of "${fact}"`, expected: values.join(" | "), received: JSON.stringify(value), hint: suggest(String(value), values) };
  }
  if (typeof value === "string" && (value === "none" || parseCode(value) !== undefined)) return undefined;
  return { message: `"${fact}" holds an error code or "none"`, received: JSON.stringify(value), hint: "write a code such as 0x8004de40, or none" };
}

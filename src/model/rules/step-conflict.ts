import type { Avoid, Step } from "../schema/index.ts";
import type { Rule } from "./rule.ts";

/**
 * The safety properties of a step: a step id used in two scenarios must carry the same ones. A
 * new safety property of steps (src/model/schema/step.ts) is added here too.
 */
export const STEP_SAFETY_PROPERTIES = ["tier", "needsAdmin", "needsRestart", "changesState", "neverOnManaged", "actsOnOwnProfile", "changesRegistration"] as const satisfies readonly (keyof Step)[];
/** The same for avoided actions. */
export const AVOID_SAFETY_PROPERTIES = ["neverOnManaged"] as const satisfies readonly (keyof Avoid)[];

export default {
  code: "kb/step-conflict",
  description: "A step id means one action everywhere: the same safety properties in every scenario.",
  check(ctx, report) {
    const seen = new Map<string, { file: string; props: string }>();
    const compare = (file: string, id: string, path: (string | number)[], props: object) => {
      const text = JSON.stringify(props);
      const prev = seen.get(id);
      if (prev === undefined) seen.set(id, { file, props: text });
      else if (prev.props !== text) {
        report({ file, path, message: `step "${id}" is declared with other safety properties in ${prev.file}`, expected: prev.props, received: text, hint: "a step id means one action everywhere: align the properties or rename the step" });
      }
    };
    for (const { file, data: sc } of ctx.scenarios) {
      sc.steps.forEach((step, i) => compare(file, step.id, ["steps", i, "id"], pick(step, STEP_SAFETY_PROPERTIES)));
      sc.avoid.forEach((a, i) => compare(file, a.id, ["avoid", i, "id"], { avoid: true, ...pick(a, AVOID_SAFETY_PROPERTIES) }));
    }
  },
} satisfies Rule;

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = value[k];
  return out;
}

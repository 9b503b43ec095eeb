import type { Rule } from "./rule.ts";

export const QUICK_ANSWER_MAX_WORDS = 60;

export default {
  code: "kb/quick-answer-too-long",
  description: `A hub's or scenario's quick answer has at most ${QUICK_ANSWER_MAX_WORDS} words.`,
  check(ctx, report) {
    for (const { file, data } of [...ctx.hubs, ...ctx.scenarios]) {
      const words = data.quickAnswer.split(/\s+/).filter(Boolean).length;
      if (words <= QUICK_ANSWER_MAX_WORDS) continue;
      report({ file, path: ["quickAnswer"], message: "the quick answer is too long", expected: `at most ${QUICK_ANSWER_MAX_WORDS} words`, received: `${words} words`, hint: "keep the answer; move the detail to the meaning or the steps" });
    }
  },
} satisfies Rule;

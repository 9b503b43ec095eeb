/** The design's safety rules as a checker: what a plan breaks, in words (used by the exhaustive tests). */
import { parseCode, resolveCode, type Facts, type KnowledgeBase, type Scenario } from "../../src/model/index.ts";
import type { Plan } from "../../src/engine/index.ts";
import { oracle } from "./helpers.ts";

/** Words that hand the step to someone else's elevation in the person's session (issue 11, item 1). */
const BORROWED = /approve (the|an|their) (elevation )?prompt|approve it in your session|type (their|an administrator's) password (in|into) your prompt and (go on|continue)|let (them|IT|an administrator) (approve|elevate)/i;

/** Words that say steps were already tried or failed: a plan is made before any step (issue 11). */
const TRIED = /\byou (did|tried|have tried|already tried|have done)\b|none of the steps|the steps (did not|didn't) (help|fix)/i;

/** The design's stop rules, by fact: each applies to every scenario whose questions ask that fact. */
const ESCALATE_FACTS = ["windowsServer", "multipleUsersAffected", "filesNotSyncedZeroFiles"] as const;

/** Every safety rule, checked for one combination; returns what is broken, in words. */
export function violations(kb: KnowledgeBase, sc: Scenario, facts: Facts, plan: Plan): string[] {
  const out: string[] = [];
  const fail = (rule: string) => out.push(rule);
  const status = new Map(plan.steps.map((s) => [s.id, s]));
  const statusOf = (id: string) => status.get(id)?.status;
  const code = resolveCode(kb, sc.code)!;
  const effective: Facts = { ...facts, app: sc.app };

  // -- shape: every step then every avoided action, in content order, each with a reason
  const ids = [...sc.steps.map((s) => s.id), ...sc.avoid.map((a) => a.id)];
  if (JSON.stringify(plan.steps.map((s) => s.id)) !== JSON.stringify(ids)) fail("plan lists every step, then every avoided action, in content order");
  if (plan.code !== code || plan.app !== sc.app) fail("plan names the scenario's code and app");
  for (const s of plan.steps) {
    if (!["do", "skip", "ask-admin", "never", "find-out"].includes(s.status)) fail(`${s.id}: unknown status ${s.status}`);
    if (typeof s.reason !== "string" || s.reason.trim().length < 8) fail(`${s.id}: every status carries a human reason`);
  }
  if (JSON.stringify(JSON.parse(JSON.stringify(plan))) !== JSON.stringify(plan)) fail("plan round-trips through JSON");

  // -- avoided actions: `never` on every PC, managed or not (issue 21, item 3), with the item's why
  for (const a of sc.avoid) {
    const st = statusOf(a.id);
    if (st !== "never") fail(`avoid ${a.id}: an avoided action is never, on any PC (managed ${String(facts.managed)}), got ${st}`);
    if (!status.get(a.id)?.reason.includes(a.why)) fail(`avoid ${a.id}: the reason gives the item's why`);
  }

  // -- stops, by an independent evaluation of their conditions
  const fired = sc.stops.filter((s) => oracle(s.when, effective) === 1);
  const atStart = fired.filter((s) => s.at === "start" || s.outcome === "not-this-error");
  const beforeChange = fired.filter((s) => s.at === "before-state-change" && s.outcome !== "not-this-error");
  const afterFirstLine = fired.filter((s) => s.at === "after-first-line" && s.outcome !== "not-this-error");
  const firstChange = sc.steps.findIndex((s) => s.changesState);
  const winner = atStart[0] ?? beforeChange[0];
  if (winner) {
    if (plan.outcome !== winner.outcome) fail(`stop ${winner.id} fired (${winner.at}): outcome ${winner.outcome}, got ${plan.outcome}`);
  } else if (plan.outcome !== "plan") fail(`no stop fired before the steps: outcome plan, got ${plan.outcome}`);
  if (atStart[0]) {
    for (const s of sc.steps) {
      if (statusOf(s.id) !== "skip") fail(`stop ${atStart[0].id} at start: step ${s.id} is skip, got ${statusOf(s.id)}`);
      else if (!status.get(s.id)!.reason.includes(atStart[0].title)) fail(`stop ${atStart[0].id} at start: ${s.id}'s reason names the stop`);
    }
  }
  if (beforeChange[0] && firstChange !== -1) {
    sc.steps.slice(firstChange).forEach((s) => statusOf(s.id) === "do" && fail(`stop ${beforeChange[0]!.id}: ${s.id} is after the first state change, yet do`));
  }
  for (const s of sc.steps) if (s.changesState && winner && statusOf(s.id) === "do") fail(`stop ${winner.id} fired: state-changing step ${s.id} is do`);
  if (afterFirstLine[0]) {
    for (const s of sc.steps) if (s.tier === "advanced" && statusOf(s.id) === "do") fail(`stop ${afterFirstLine[0].id} after first line: advanced ${s.id} is do`);
    if (plan.outcome === "plan" && !plan.escalation?.reasons.some((r) => r.includes(afterFirstLine[0]!.reason))) fail(`stop ${afterFirstLine[0].id}: escalation gives its reason`);
  }
  for (const s of sc.stops) {
    if (oracle(s.when, effective) === 0.5 && !plan.assumptions.some((a) => a.affects.includes(s.id))) fail(`stop ${s.id} is undecided: an assumption names it`);
  }

  // -- outcomes: each carries what it needs
  if (plan.outcome === "not-this-error" && (plan.escalation || plan.switchTo !== undefined)) fail("not-this-error has neither escalation nor switchTo");
  if (plan.outcome !== "plan" && sc.steps.some((s) => statusOf(s.id) === "do") && !beforeChange[0]) fail(`${plan.outcome}: no step is do`);
  if (plan.outcome === "switch-guide") {
    const stop = winner!;
    const written = stop.switchToFact ? String(facts[stop.switchToFact as keyof Facts]) : stop.switchTo!;
    const expected = resolveCode(kb, written) ?? `0x${parseCode(written)!.slice(4)}`;
    if (plan.switchTo !== expected) fail(`switch-guide: switchTo ${expected}, got ${String(plan.switchTo)}`);
  } else if (plan.switchTo !== undefined) fail("only switch-guide has switchTo");
  if (plan.outcome === "escalate" || plan.escalation) {
    const esc = plan.escalation;
    if (!esc || esc.reasons.length === 0 || esc.reasons.some((r) => r.trim().length < 8)) fail("an escalation carries human reasons");
    const checklist = kb.checklists.has(code) ? `/codes/${code}/admin/` : undefined;
    if (esc && esc.checklist !== checklist) fail(`escalation checklist is ${String(checklist)}, got ${String(esc.checklist)}`);
  }

  // -- steps: never, admin, managed, when
  for (const [i, s] of sc.steps.entries()) {
    const st = statusOf(s.id);
    const reason = status.get(s.id)?.reason ?? "";
    if (s.neverOnManaged && facts.managed !== false && st !== (atStart[0] ? "skip" : "never")) fail(`${s.id} is neverOnManaged and managed is ${String(facts.managed)}: never, got ${st}`);
    if (s.needsAdmin && facts.isAdmin === false && st === "do") fail(`${s.id} needs admin and isAdmin is false: not do`);
    if (facts.managed === true && s.tier === "advanced" && st === "do") fail(`managed: advanced ${s.id} is not do`);
    const cut = Boolean(atStart[0]) || (beforeChange[0] && firstChange !== -1 && i >= firstChange) || ((afterFirstLine[0] || facts.managed === true) && s.tier === "advanced");
    const never = s.neverOnManaged && facts.managed !== false;
    if (!cut && !never) {
      const w = s.when ? oracle(s.when, effective) : 1;
      if (w === 0 && (st !== "skip" || reason !== s.whenNot)) fail(`${s.id}: when is false, so skip with whenNot; got ${st}: ${reason}`);
      if (w !== 0 && st === "skip") fail(`${s.id}: an unknown or true condition is never a silent skip`);
      if (w === 0.5 && st === "do" && !plan.assumptions.some((a) => a.affects.includes(s.id))) fail(`${s.id}: proceeds on an unknown condition, so an assumption names it`);
      if (w !== 0 && s.needsAdmin && facts.isAdmin === false && st !== "ask-admin") fail(`${s.id}: ask-admin when isAdmin is false, got ${st}`);
      if (st === "ask-admin" && !/IT/.test(reason)) fail(`${s.id}: ask-admin says to ask IT`);
    }
  }
  // -- issue 11, written from the facts, not from the engine: (1) borrowed elevation, (2) account
  // and registration changes on managed or joined PCs, (6) no reason claims a step was tried.
  const joined = facts.managed === true || facts.hybridJoined === true;
  for (const [i, s] of sc.steps.entries()) {
    const st = statusOf(s.id);
    const reason = status.get(s.id)?.reason ?? "";
    // Someone else's elevation is never proposed for a step that acts on the running account's profile.
    if (s.actsOnOwnProfile && BORROWED.test(reason)) fail(`${s.id} acts on the running profile: its reason proposes someone else's elevation: ${reason}`);
    if (s.actsOnOwnProfile && s.needsAdmin && facts.isAdmin === false && st === "ask-admin") {
      if (!/runs? (it )?as (that administrator|you)/i.test(reason) || !/as you/i.test(reason)) fail(`${s.id}: ask-admin for a profile step says an administrator's password makes it run as them, and that IT runs it as you: ${reason}`);
    }
    // A step that removes or adds a work account or registration is never done alone on a managed or joined PC.
    if (s.changesRegistration && joined && st === "do") fail(`${s.id} changes a work account or registration and the PC is managed or joined: never do`);
    const cutHere = Boolean(atStart[0]) || (beforeChange[0] && firstChange !== -1 && i >= firstChange) || ((afterFirstLine[0] || facts.managed === true) && s.tier === "advanced");
    const neverHere = s.neverOnManaged && facts.managed !== false;
    const whenFalse = s.when !== undefined && oracle(s.when, effective) === 0;
    if (s.changesRegistration && joined && !cutHere && !neverHere && !whenFalse) {
      if (st !== "ask-admin") fail(`${s.id} changes a work account or registration on a managed or joined PC: ask-admin, got ${st}`);
      else if (!/IT/.test(reason) || !/(managed|joined)/.test(reason)) fail(`${s.id}: the reason says the PC is managed or joined and that it is IT's: ${reason}`);
    }
  }
  out.push(...unknownNeverUnlocks(sc, facts, plan));
  for (const s of plan.steps) if (TRIED.test(s.reason)) fail(`${s.id}: a plan is made before any step is tried, yet the reason says steps were tried: ${s.reason}`);
  for (const r of plan.escalation?.reasons ?? []) if (TRIED.test(r)) fail(`escalation: a plan is made before any step is tried, yet a reason says steps were tried: ${r}`);

  if (facts.managed === true && plan.outcome === "plan" && !plan.escalation) fail("managed: the plan escalates after the first-line steps");
  if (!fired.length && facts.managed !== true && plan.escalation) fail("no stop fired and not managed: no escalation");

  // -- the next question is the scenario's own, for an unknown fact
  if (plan.nextQuestion) {
    if (!sc.questions.includes(plan.nextQuestion)) fail("nextQuestion is one of the scenario's question objects");
    if (facts[plan.nextQuestion.fact as keyof Facts] !== undefined) fail(`nextQuestion ${plan.nextQuestion.fact} is already answered`);
  }
  return out;
}

/**
 * The design's stop rules ("Windows Server, several users affected, or not yet synced + zero
 * files stop the plan and escalate before any step that changes state; a personal account gets
 * not-this-error; another code after sign-in gets switch-guide"), for every scenario whose
 * questions ask those facts.
 */
export function designViolations(sc: Scenario, facts: Facts, plan: Plan): string[] {
  const out: string[] = [];
  const fail = (rule: string) => out.push(rule);
  const asked = new Set(sc.questions.map((q) => q.fact));
  const statusOf = (id: string) => plan.steps.find((s) => s.id === id)?.status;
  // Only where the scenario declares that personal accounts cannot produce the code.
  const personal = asked.has("accountType") && facts.accountType === "personal" && !sc.accountTypes.includes("personal");
  if (personal && plan.outcome !== "not-this-error") fail(`design: a personal account gets not-this-error, got ${plan.outcome}`);
  const otherCode = asked.has("otherErrorAfterSignIn") && typeof facts.otherErrorAfterSignIn === "string" && facts.otherErrorAfterSignIn !== "none";
  if (otherCode && !personal && plan.outcome !== "switch-guide") fail(`design: another code after sign-in gets switch-guide, got ${plan.outcome}`);
  for (const fact of ESCALATE_FACTS) {
    if (!asked.has(fact) || facts[fact] !== true) continue;
    if (plan.outcome === "plan") fail(`design: ${fact} stops the plan`);
    if (sc.steps.some((s) => s.changesState && statusOf(s.id) === "do")) fail(`design: ${fact} stops before any step that changes state`);
    if (!personal && !otherCode && plan.outcome !== "escalate") fail(`design: ${fact} escalates, got ${plan.outcome}`);
  }
  // Decisions are data (issue 24): each status has the causes that can give it, a cause names a
  // stop of this scenario that fired, and an avoided action's cause says so.
  const causesOf: Record<string, readonly string[]> = { do: ["offered"], skip: ["stopped", "managed", "does-not-apply"], "ask-admin": ["registration", "admin"], never: ["never-on-managed", "avoid"], "find-out": ["find-out"] };
  const avoidIds = new Set(sc.avoid.map((a) => a.id));
  for (const st of plan.steps) {
    if (!causesOf[st.status]!.includes(st.cause.kind)) fail(`design: ${st.id} is ${st.status} with a ${st.cause.kind} cause`);
    if ((st.cause.kind === "avoid") !== avoidIds.has(st.id)) fail(`design: ${st.id}'s cause ${st.cause.kind} does not match whether it is an avoided action`);
    if (st.cause.kind === "stopped" && !sc.stops.some((x) => x.id === (st.cause as { stop: string }).stop)) fail(`design: ${st.id} names a stop the scenario does not have`);
  }
  for (const c of plan.escalation?.causes ?? []) if (c.kind === "stop" && !sc.stops.some((x) => x.id === c.stop)) fail(`design: the escalation names a stop the scenario does not have`);
  if (plan.escalation && plan.escalation.causes.length !== plan.escalation.reasons.length) fail("design: every escalation cause has its words");

  return out;
}

/**
 * Issue 21, written from the content's flags, not from the engine: an unknown answer never
 * unlocks. For every step the plan marks `do`, no fact that would hold it back is unknown:
 * - a state-changing step: the facts of every undecided stop that escalates or turns the guide
 *   away and cuts before it; for an advanced one, `managed` (the managed-device rule);
 * - a step that changes a work account or registration: `managed`, `hybridJoined` (where asked)
 *   and its own condition (no work-account step for a personal account);
 * - a step that needs administrator rights: `isAdmin`.
 * A held step says which questions to answer (its `findOut` facts are unknown and asked, and its
 * reason quotes their prompts).
 */
export function unknownNeverUnlocks(sc: Scenario, facts: Facts, plan: Plan): string[] {
  const out: string[] = [];
  const asked = new Set(sc.questions.map((q) => q.fact));
  const effective: Facts = { ...facts, app: sc.app };
  const unknown = (f: string) => asked.has(f) && facts[f as keyof Facts] === undefined;
  const firstChange = sc.steps.findIndex((s) => s.changesState);
  for (const [i, s] of sc.steps.entries()) {
    const p = plan.steps.find((x) => x.id === s.id);
    if (!p) continue;
    if (p.status === "find-out") {
      if (!p.findOut || p.findOut.length === 0) out.push(`${s.id}: a held step names the facts it waits for`);
      for (const f of p.findOut ?? []) {
        if (!unknown(f)) out.push(`${s.id}: held on ${f}, which is answered or never asked`);
        const q = sc.questions.find((x) => x.fact === f);
        if (q && !p.reason.includes(q.prompt)) out.push(`${s.id}: a held step quotes the question to answer (${q.prompt})`);
      }
      continue;
    }
    if (p.status !== "do") continue;
    const gates: string[] = [];
    if (s.changesState) {
      for (const stop of sc.stops) {
        if (stop.outcome !== "escalate" && stop.outcome !== "not-this-error") continue;
        if (oracle(stop.when, effective) !== 0.5) continue;
        const at = stop.outcome === "not-this-error" ? "start" : stop.at;
        const covers = at === "start" || (at === "before-state-change" && i >= firstChange) || (at === "after-first-line" && s.tier === "advanced");
        if (covers) gates.push(`stop ${stop.id}`);
      }
      if (s.tier === "advanced" && unknown("managed")) gates.push("managed (advanced step)");
    }
    if (s.changesRegistration) {
      if (unknown("managed")) gates.push("managed (registration)");
      if (unknown("hybridJoined")) gates.push("hybridJoined (registration)");
      if (s.when && oracle(s.when, effective) === 0.5) gates.push("its own condition (work account)");
    }
    if (s.needsAdmin && unknown("isAdmin")) gates.push("isAdmin");
    if (gates.length > 0) out.push(`${s.id} is do while what would hold it is unknown: ${gates.join(", ")}`);
  }
  // No work-account step for a personal account.
  if (facts.accountType === "personal") {
    for (const s of sc.steps) if (s.changesRegistration && plan.steps.find((x) => x.id === s.id)?.status === "do") out.push(`${s.id} changes a work account, yet is do for a personal account`);
  }
  return out;
}

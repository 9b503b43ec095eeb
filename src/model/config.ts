/**
 * The organisation file, `fixpath.config.yaml`: what an IT team that runs Fixpath tells it once
 * for all its users — the site's name and address, how to reach IT, facts it knows for every
 * device, and the apps in use. Without the file everything works as it does for the public site.
 *
 * Parsing is pure (`parseConfig(text, display)`); reading the file is `config-fs.ts`. Problems are
 * issues like the content's: `fixpath.config.yaml:4:10  config/bad-email  it.email`.
 */
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { APPS, FACTS, FACT_NAMES, cautiousValue, isFactName, type App, type FactName, type Facts } from "./facts.ts";
import { formatPath, suggest, type Issue, type PathSegment } from "./issue.ts";
import { nodeAt } from "./load/yaml.ts";
import { describeValue, zodProblems, type ZodIssueLike } from "./zod-problems.ts";

/** The file's name at the project root (`FIXPATH_CONFIG` names another). */
export const CONFIG_FILE = "fixpath.config.yaml";

const d = (description: string) => ({ description });

const HttpUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.domain })
  .refine((u) => !/[?#]/.test(u), { message: "an address without ?query or #fragment" });

const SiteSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(60).optional().meta(d('The name shown in the site header, e.g. "Contoso IT help". Default "Fixpath".')),
    baseUrl: HttpUrl.optional().meta(
      d("The site's public address (https://help.example.com or https://intranet.example.com/fixpath). Every absolute link uses it, the IT report's too. Default: the address the page was opened at."),
    ),
  })
  .meta(d("The site itself."));

const ItSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(80).meta(d('The IT team\'s name as people know it, e.g. "Contoso Service Desk".')),
    email: z.email().optional().meta(d("An address reports can be mailed to; the diagnostic's \"Send to IT\" opens a mail to it.")),
    ticketUrl: HttpUrl.optional().meta(d("The page where people open a ticket; \"Send to IT\" opens it with the report copied.")),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()./-]{3,28}[0-9]$/, { message: "a phone number of digits, spaces and + ( ) - . /" })
      .optional()
      .meta(d('A phone number shown with the hand-over, e.g. "+44 20 7946 0000".')),
    hours: z.string().trim().min(1).max(80).optional().meta(d('When IT answers, e.g. "Mon–Fri 8:00–18:00".')),
  })
  .meta(d("Who takes the hand-over: the team's name and at least one of email, ticketUrl or phone."));

/** Facts an organisation cannot preset: they belong to one incident, or have their own setting. */
const NOT_PRESETTABLE: Partial<Record<FactName, string>> = {
  app: 'the app is chosen per case; list the apps in use under "apps"',
  otherErrorAfterSignIn: "it is what one person sees after one sign-in",
  innerErrorCode: "it is what one event on one PC carries",
};

/** The presettable facts, each with the values it may be preset to (for editors; `checkPresets` words the problems). */
const PresetFactsSchema = z.strictObject(
  Object.fromEntries(
    FACT_NAMES.filter((f) => NOT_PRESETTABLE[f] === undefined).map((f) => {
      const spec = FACTS[f] as (typeof FACTS)[FactName];
      const cautious = cautiousValue(f);
      const schema =
        spec.type === "choice"
          ? z.enum(spec.values as unknown as [string, ...string[]])
          : cautious !== undefined
            ? z.literal(cautious)
            : z.boolean();
      const only = cautious !== undefined ? ` Only ${String(cautious)} may be preset: it wins over a person's answer.` : " A person's own answer wins.";
      return [f, schema.optional().meta(d(spec.description + only))];
    }),
  ),
);

export const ConfigSchema = z
  .strictObject({
    site: SiteSchema.optional(),
    it: ItSchema.optional(),
    facts: PresetFactsSchema.optional()
      .meta(
        d(
          "Facts the organisation knows for all its users (e.g. managed: true, accountType: work), with the diagnostic's fact names and values. The diagnostic does not ask them. A preset can only make a plan more cautious: managed: true wins over a person's answer; managed: false is refused.",
        ),
      ),
    apps: z
      .array(z.enum(APPS))
      .min(1)
      .optional()
      .meta(d("The apps in use (onedrive, outlook, teams, office). Others are hidden from choosers, not from direct links. Default: all.")),
  })
  .meta(d("Fixpath for an organisation: fixpath.config.yaml at the project root (or the file FIXPATH_CONFIG names)."));

/** How to reach IT. */
export interface ItContact {
  name: string;
  email?: string;
  ticketUrl?: string;
  phone?: string;
  hours?: string;
}

/** The organisation file, checked. */
export interface OrgConfig {
  site: { name?: string; baseUrl?: string };
  it?: ItContact;
  /** Preset facts, checked against the fact table. */
  facts: Facts;
  /** The apps in use; all apps when the file does not say. */
  apps: readonly App[];
}

/** The configuration when there is no file: everything as for the public site. */
export const DEFAULT_CONFIG: OrgConfig = Object.freeze({ site: {}, facts: {}, apps: APPS });

export type ConfigResult = { ok: true; config: OrgConfig; issues: Issue[] } | { ok: false; issues: Issue[] };

interface Draft {
  code: string;
  path: PathSegment[];
  message: string;
  expected?: string;
  received?: string;
  hint?: string;
  /** Point at the key rather than the value (unknown fields). */
  atKey?: boolean;
  /** Point at the key of the field's parent (a missing field). */
  atParentKey?: boolean;
}

/** Checks the organisation file's text; pure. `display` names the file in issues. */
export function parseConfig(text: string, display: string = CONFIG_FILE): ConfigResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((err) => {
        const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
        return {
          code: err.code === "DUPLICATE_KEY" ? "config/duplicate-key" : "config/yaml-syntax",
          severity: "error" as const,
          file: display,
          line: pos.line,
          col: pos.col,
          path: "(file)",
          message: err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
          hint: err.code === "DUPLICATE_KEY" ? "remove or rename one of the two keys" : "fix the YAML syntax at this position (indentation, quotes, a missing colon)",
        };
      }),
    };
  }
  const locate = (dr: Draft): Issue => {
    const { atKey, atParentKey, path, ...rest } = dr;
    const node = atParentKey && path.length > 1 ? nodeAt(doc, path.slice(0, -1), true) : nodeAt(doc, path, atKey === true);
    const pos = lines.linePos(node?.range?.[0] ?? 0);
    return { ...rest, severity: "error", file: display, line: pos.line, col: pos.col, path: formatPath(path) };
  };
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { ok: true, config: DEFAULT_CONFIG, issues: [] };
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, issues: [locate({ code: "config/wrong-type", path: [], message: "the organisation file is a YAML mapping (key: value lines)", expected: "a mapping with site, it, facts, apps", received: describeValue(data), hint: "start from the example in CONTRIBUTING.md (Running it for an organisation)" })] };
  }

  const drafts: Draft[] = [];
  const parsed = ConfigSchema.safeParse(data);
  if (!parsed.success) {
    for (const p of zodProblems(parsed.error.issues as ZodIssueLike[], data)) {
      if (p.path[0] === "facts" && p.path.length > 1) continue; // checkPresets words these in the fact table's terms
      drafts.push(configDraft(p.kind, p, data));
    }
  }
  const raw = data as Record<string, unknown>;
  const facts = checkPresets(raw.facts, drafts);
  const apps = Array.isArray(raw.apps) ? checkApps(raw.apps, drafts) : APPS;
  const it = raw.it as Record<string, unknown> | undefined;
  if (it && typeof it === "object" && !Array.isArray(it) && it.email === undefined && it.ticketUrl === undefined && it.phone === undefined) {
    drafts.push({ code: "config/no-contact", path: ["it"], message: "IT needs at least one way to be reached", expected: "email, ticketUrl or phone", hint: 'add "email: servicedesk@example.com" (or ticketUrl or phone) under "it"' });
  }
  if (drafts.length > 0 || !parsed.success) return { ok: false, issues: sortIssues(drafts.map(locate)) };

  const cfg = parsed.data;
  const config: OrgConfig = {
    site: { ...(cfg.site?.name ? { name: cfg.site.name } : {}), ...(cfg.site?.baseUrl ? { baseUrl: cfg.site.baseUrl.replace(/\/+$/, "") } : {}) },
    ...(cfg.it ? { it: cfg.it } : {}),
    facts,
    apps,
  };
  return { ok: true, config, issues: [] };
}

/** The preset facts: each name in the fact table, each value of its type, each no less cautious than unknown. */
function checkPresets(input: unknown, drafts: Draft[]): Facts {
  const facts: Facts = {};
  if (input === undefined || input === null || typeof input !== "object" || Array.isArray(input)) return facts;
  for (const [name, value] of Object.entries(input)) {
    const path: PathSegment[] = ["facts", name];
    if (!isFactName(name)) {
      drafts.push({ code: "config/unknown-fact", path, atKey: true, message: `"${name}" is not a fact the diagnostic knows`, expected: FACT_NAMES.join(" | "), received: JSON.stringify(name), hint: suggest(name, FACT_NAMES, "a fact") });
      continue;
    }
    const why = NOT_PRESETTABLE[name];
    if (why) {
      drafts.push({ code: "config/not-presettable", path, atKey: true, message: `"${name}" cannot be preset: ${why}`, hint: `remove "${name}" from facts` });
      continue;
    }
    const spec = FACTS[name] as (typeof FACTS)[FactName];
    if (spec.type === "boolean") {
      if (typeof value !== "boolean") {
        drafts.push({ code: "config/wrong-type", path, message: `"${name}" is true or false`, expected: "true | false", received: describeValue(value), hint: value === "yes" || value === "true" ? "write true (without quotes)" : value === "no" || value === "false" ? "write false (without quotes)" : "write true or false" });
        continue;
      }
      const cautious = cautiousValue(name);
      if (cautious !== undefined && value !== cautious) {
        drafts.push({
          code: "config/less-cautious-preset",
          path,
          message: `a preset can only make plans more cautious, and "${name}: ${String(value)}" would offer steps that are held back while it is unknown`,
          expected: `${name}: ${String(cautious)}, or no preset`,
          received: String(value),
          hint: `remove "${name}" from facts (people then answer it themselves)${cautious ? "" : `, or set it to ${String(cautious)}`}`,
        });
        continue;
      }
      facts[name] = value;
    } else if (spec.type === "choice") {
      const values = spec.values as readonly string[];
      if (typeof value !== "string" || !values.includes(value)) {
        drafts.push({ code: "config/bad-fact-value", path, message: `${JSON.stringify(value)} is not a value of "${name}"`, expected: values.join(" | "), received: describeValue(value), hint: typeof value === "string" ? suggest(value, values) : `use one of: ${values.join(", ")}` });
        continue;
      }
      facts[name] = value;
    }
  }
  return facts;
}

/** The apps in use, each once. */
function checkApps(input: readonly unknown[], drafts: Draft[]): App[] {
  const seen = new Set<string>();
  const apps: App[] = [];
  input.forEach((app, i) => {
    if (typeof app !== "string" || !(APPS as readonly string[]).includes(app)) return; // the schema reports it
    if (seen.has(app)) drafts.push({ code: "config/duplicate-app", path: ["apps", i], message: `"${app}" is listed twice`, hint: "remove the second one" });
    else apps.push(app as App);
    seen.add(app);
  });
  return apps;
}

/** Words a zod problem in the organisation file's terms. */
function configDraft(kind: string, p: ReturnType<typeof zodProblems>[number], root: unknown): Draft {
  const { path, field, value } = p;
  const received = describeValue(value);
  switch (p.kind) {
    case "missing-field":
      return { code: "config/missing-field", path, atParentKey: true, message: `missing required field "${field}"`, expected: p.expected, hint: `add "${field}:" under "${String(path[path.length - 2] ?? "the top level")}"` };
    case "unknown-field": {
      const allowed = allowedAt(path.slice(0, -1));
      return { code: "config/unknown-field", path, atKey: true, message: `unknown field "${p.key}"`, hint: allowed.length ? suggest(p.key, allowed, "a known field") : "remove it" };
    }
    case "invalid-value":
      return { code: "config/bad-value", path, message: `"${field}" is not one of the allowed values`, expected: p.values.join(" | "), received: JSON.stringify(value), hint: typeof value === "string" ? suggest(value, p.values) : `use one of: ${p.values.join(", ")}` };
    case "invalid-format": {
      const last = String(path[path.length - 1]);
      if (last === "email") return { code: "config/bad-email", path, message: "not an e-mail address", expected: "name@example.com", received, hint: "write the address alone, without a name or angle brackets" };
      if (last === "baseUrl" || last === "ticketUrl") return badUrl(path, value);
      return { code: "config/bad-format", path, message: `"${field}" is not in the right format`, expected: p.message, received, hint: `write ${p.message}` };
    }
    case "custom": {
      const last = String(path[path.length - 1]);
      if (last === "baseUrl" || last === "ticketUrl") return badUrl(path, value);
      return { code: "config/invalid", path, message: p.message, received };
    }
    case "too-small":
      return { code: "config/empty", path, message: `"${field}" is empty`, hint: p.origin === "array" ? `list at least one, or remove "${field}"` : `write the text, or remove "${field}"` };
    case "too-big":
      return { code: "config/too-long", path, message: `"${field}" is too long`, expected: `at most ${String(p.maximum)} characters`, received: typeof value === "string" ? `${value.length}` : received, hint: "shorten it" };
    case "wrong-type":
    case "no-branch":
    default:
      void kind;
      void root;
      return { code: "config/wrong-type", path, message: `"${field}" has the wrong type`, expected: "expected" in p ? p.expected : undefined, received, hint: "see the field's description in schema/config.schema.json" };
  }
}

function badUrl(path: PathSegment[], value: unknown): Draft {
  const text = typeof value === "string" ? value : "";
  const hint = /^[a-z0-9.-]+\.[a-z]{2,}(\/|$)/i.test(text)
    ? `write it with its scheme: "https://${text}"`
    : /[?#]/.test(text)
      ? `drop the ${text.includes("?") ? "?query" : "#fragment"}: "${text.replace(/[?#].*$/, "")}"`
      : "write an http:// or https:// address with a host name, e.g. https://help.example.com";
  return { code: "config/bad-url", path, message: "not a web address Fixpath can link to", expected: "https://host/optional/path", received: describeValue(value), hint };
}

const ALLOWED: Record<string, readonly string[]> = {
  "": Object.keys(ConfigSchema.shape),
  site: Object.keys(SiteSchema.shape),
  it: Object.keys(ItSchema.shape),
};

function allowedAt(path: PathSegment[]): readonly string[] {
  return ALLOWED[path.join(".")] ?? [];
}

function sortIssues(issues: Issue[]): Issue[] {
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

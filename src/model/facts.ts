/**
 * The diagnostic's facts, exactly as `shared/design.md` names them. Content conditions, the
 * engine, the CLI's `--answers` and the site all read this one table: it is the only list of
 * facts, with each fact's type and who supplies it. Branch on a fact's type (`factType`,
 * `isCodeFact`), never on its name.
 */

export const APPS = ["onedrive", "outlook", "teams", "office"] as const;
export type App = (typeof APPS)[number];

/** App names as people read them: the one list pages, the CLI, plans and reports all use. */
export const APP_NAMES: Readonly<Record<App, string>> = {
  onedrive: "OneDrive",
  outlook: "Outlook",
  teams: "Teams",
  office: "Microsoft 365 Apps (activation)",
};

/** The name of an app, or the text itself when it is not one of the design's apps. */
export function appName(app: string): string {
  return (APPS as readonly string[]).includes(app) ? APP_NAMES[app as App] : app;
}

/**
 * Who supplies a fact besides the person's answer: `page` facts are given by the page itself (a
 * scenario knows its app), `engine` facts are read by the engine's own safety rules whatever the
 * content's conditions say (the managed-device and administrator rules).
 */
export type FactRole = "page" | "engine";

/** What a fact may hold. `code` facts hold a product error code in any of its forms. */
export type FactSpec =
  | {
      readonly type: "boolean";
      readonly description: string;
      /**
       * The value that holds more back than not knowing does (managed: true, isAdmin: false). An
       * organisation may preset only this value, and its preset wins over a person's answer.
       */
      readonly cautious?: boolean;
    }
  | { readonly type: "choice"; readonly values: readonly string[]; readonly description: string }
  | { readonly type: "code"; readonly description: string };

export type FactType = FactSpec["type"];

export const FACTS = {
  app: { type: "choice", values: APPS, description: "The app that shows the error." },
  accountType: {
    type: "choice",
    values: ["work", "personal"],
    description: "Whether the failing account is a work or school account or a personal Microsoft account.",
  },
  where: {
    type: "choice",
    values: ["account-add", "banner"],
    description: "OneDrive: the error came while adding the account, or on an account that was already paired.",
  },
  personalAndWorkPaired: {
    type: "boolean",
    description: "A personal and a work OneDrive are both set up on this device.",
  },
  isAdmin: { type: "boolean", cautious: false, description: "The person has local administrator rights on this Windows device." },
  managed: {
    type: "boolean",
    cautious: true,
    description:
      "The device is managed by an organisation (Intune-enrolled, BitLocker on, hybrid-joined, Company Portal installed).",
  },
  hybridJoined: { type: "boolean", description: "The device is Microsoft Entra hybrid joined." },
  windowsServer: { type: "boolean", cautious: true, description: "The device runs a Windows Server edition (for example a VM)." },
  multipleUsersAffected: {
    type: "boolean",
    cautious: true,
    description: "Several users of the same organisation see the error at the same time.",
  },
  filesNotSyncedZeroFiles: {
    type: "boolean",
    cautious: true,
    description: 'OneDrive shows "files are not yet synced" and the local folder shows zero files.',
  },
  otherErrorAfterSignIn: {
    type: "code",
    description: "An error code that appears right after sign-in succeeds, for example 0x8004de40.",
  },
  innerErrorCode: {
    type: "code",
    description:
      "The other error code inside event 1098, besides 0xCAA5001C (its second `Error:` line, for example 2147943712 or 0xcaa20009).",
  },
  recentChange: {
    type: "choice",
    values: ["password", "mfa", "windows-update", "tenant-migration", "none"],
    description: "What changed shortly before the error started.",
  },
} as const satisfies Record<string, FactSpec>;

export type FactName = keyof typeof FACTS;

export const FACT_NAMES = Object.keys(FACTS) as FactName[];

/**
 * The facts with a role (see `FactRole`); every other fact comes from the person's answer only.
 * Kept beside the table rather than in it so that the browser islands, which never read roles,
 * do not ship them.
 */
export const FACT_ROLES: Readonly<Partial<Record<FactName, FactRole>>> = {
  app: "page",
  managed: "engine",
  isAdmin: "engine",
};

/** A fact's value; `code` facts carry the code as the user typed it. */
export type FactValue = boolean | string;
/** Answers so far. A fact that is absent is unknown, never false. */
export type Facts = Partial<Record<FactName, FactValue>>;

/** Whether `name` is one of the design's facts. */
export function isFactName(name: string): name is FactName {
  return Object.prototype.hasOwnProperty.call(FACTS, name);
}

/** The values a fact can take, for messages and choice lists; `undefined` for free-form codes. */
export function factValues(name: FactName): readonly (string | boolean)[] | undefined {
  const spec: FactSpec = FACTS[name];
  if (spec.type === "boolean") return [true, false];
  if (spec.type === "choice") return spec.values;
  return undefined;
}

/** A fact's type: `boolean`, `choice` or `code`. Branch on this, not on a fact's name. */
export function factType(name: FactName): FactType {
  return (FACTS[name] as FactSpec).type;
}

/** Whether a fact holds a product error code (as typed; `none` when there is none). */
export function isCodeFact(name: string): boolean {
  return isFactName(name) && factType(name) === "code";
}

/** Facts with a role: `page` (given by the page) or `engine` (read by the engine's safety rules). */
export function factsWithRole(role: FactRole): FactName[] {
  return FACT_NAMES.filter((name) => FACT_ROLES[name] === role);
}

/** The cautious value of a fact, when it has one (see `FactSpec`). */
export function cautiousValue(name: FactName): boolean | undefined {
  const spec: FactSpec = FACTS[name];
  return spec.type === "boolean" ? spec.cautious : undefined;
}

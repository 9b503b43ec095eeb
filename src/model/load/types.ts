/** What the loader reads and returns. Types only: importing this costs nothing at run time. */
import type { Issue } from "../issue.ts";
import type { KnowledgeBase } from "../kb.ts";
import type { Checklist, CodeHub, Scenario, SourcesFile } from "../schema/index.ts";

export interface ContentFile {
  /** Path inside the content folder, with forward slashes: `caa50021/onedrive.yaml`. */
  name: string;
  /** Path shown in messages, e.g. `content/caa50021/onedrive.yaml`. */
  display: string;
  text: string;
  /** Set when the file could not be read (a dangling symlink, no permission): why, in words. */
  unreadable?: string;
}

export interface LoadResult {
  /** Present when there is no error (warnings allowed). */
  kb?: KnowledgeBase;
  issues: Issue[];
  /** What was read, for summaries even when there are errors. */
  counts: { files: number; codes: number; scenarios: number; checklists: number; steps: number; library: number };
}

/** One parsed content file and what it holds. */
export type Parsed =
  | { kind: "code"; file: ContentFile; folder: string; data: CodeHub }
  | { kind: "scenario"; file: ContentFile; folder: string; data: Scenario }
  | { kind: "checklist"; file: ContentFile; folder: string; data: Checklist }
  | { kind: "sources"; file: ContentFile; folder: string; data: SourcesFile };

/**
 * What the files that failed their schema would have declared, so that the rules do not report
 * their absence as further problems ("no scenario file … write it" for a file that exists).
 */
export interface Broken {
  /** Hub folders whose code.yaml did not load. */
  readonly hubs: ReadonlySet<string>;
  /** Page ids (`caa50021/onedrive`, `caa50021/admin`) whose file did not load. */
  readonly pages: ReadonlySet<string>;
  /** Source ids declared in sources files that did not load. */
  readonly sources: ReadonlySet<string>;
  /** Whether a sources file exists but did not load. */
  readonly sourcesFile: boolean;
}

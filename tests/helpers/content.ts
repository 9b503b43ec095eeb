import type { ContentFile } from "../../src/model/load/index.ts";

/** A minimal valid knowledge base as YAML text, one entry per file, for tests to break. */
export function validFiles(): Record<string, string> {
  return {
    "sources.yaml": `kind: sources
sources:
  - id: ms-doc
    title: A Microsoft article
    url: https://learn.microsoft.com/en-us/example
    kind: official
  - id: forum
    title: A forum thread
    url: https://example.org/thread
    kind: community
`,
    "caa50021/code.yaml": `kind: code
id: caa50021
title: CAA50021 hub
description: The hub.
reviewed: 2026-11-26
aliases: ["0xCAA50021", 3399811105]
family: Broker
owner: client
meaningStatus: unconfirmed
quickAnswer: Clear the broker and sign in again.
meaning: A broker error.
meaningSources: [ms-doc]
scenarios:
  - app: onedrive
checklist: "no"
references: [ms-doc]
`,
    "caa50021/onedrive.yaml": `kind: scenario
code: caa50021
app: onedrive
title: CAA50021 in OneDrive
description: The OneDrive page.
reviewed: 2026-11-26
quickAnswer: Restart, then clear the broker.
beforeYouStart: [Your files are safe.]
meaning: The broker failed.
meaningSources: [ms-doc]
whereItAppears:
  - title: While adding the account
    text: The dialog shows the code.
triggers:
  - text: A password change.
causes:
  - title: Stale state
    text: The broker kept an old token.
    sources: [ms-doc]
questions:
  - fact: isAdmin
    prompt: Are you an administrator?
    why: One step needs it.
  - fact: where
    prompt: When does it appear?
    why: It decides the unlink step.
  - fact: windowsServer
    prompt: Windows Server?
    why: IT handles servers.
steps:
  - id: clean-restart
    title: Restart
    tier: first-line
    needsRestart: true
    changesState: false
    dataSafety: Nothing is lost.
    summary: Restart Windows.
    instructions:
      - Choose Restart.
    sources: [forum]
  - id: unlink-work-account
    title: Unlink
    tier: first-line
    changesState: true
    dataSafety: Files stay.
    summary: Unlink the account.
    when: { fact: where, is: banner }
    whenNot: Nothing is paired yet.
    instructions:
      - Select Unlink this PC.
    sources: [ms-doc]
  - id: reset-onedrive
    title: Reset
    tier: advanced
    changesState: true
    dataSafety: Files stay.
    summary: Reset the client.
    instructions:
      - run: '%localappdata%\\Microsoft\\OneDrive\\onedrive.exe /reset'
        shell: run
    sources: [ms-doc]
avoid:
  - id: dsregcmd-leave
    title: Leaving the join
    neverOnManaged: true
    why: It unjoins the device.
    sources: [ms-doc]
managed:
  signs: [Intune]
  advice: Do the first-line steps.
  upstream: Policies.
  sendToIt: [The checklist.]
stops:
  - id: windows-server
    when: { fact: windowsServer, is: true }
    outcome: escalate
    title: Windows Server.
    reason: IT handles servers.
    sources: [forum]
related:
  - page: caa50021
references: [ms-doc]
`,
  };
}

/** Turns a name → text map into loader input. */
export function toContentFiles(files: Record<string, string>): ContentFile[] {
  return Object.entries(files).map(([name, text]) => ({ name, display: `content/${name}`, text }));
}

/** The 1-based line and column of the first occurrence of `needle` in `text` (plus `offset` chars). */
export function positionOf(text: string, needle: string, offset = 0): { line: number; col: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`test setup: "${needle}" not found`);
  const before = text.slice(0, index + offset);
  const line = before.split("\n").length;
  const col = before.length - before.lastIndexOf("\n");
  return { line, col };
}

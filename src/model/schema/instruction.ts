import { z } from "zod";
import { d, Markdown } from "./common.ts";

export const SHELLS = ["cmd", "powershell", "run"] as const;

export const CommandSchema = z
  .strictObject({
    run: z.string().min(1).meta(d("The command exactly as typed, verbatim from the sources.")),
    shell: z
      .enum(SHELLS)
      .meta(d("Where it is typed: `cmd` (Command Prompt), `powershell` (PowerShell) or `run` (the Win+R Run dialog).")),
    elevated: z.boolean().default(false).meta(d("Needs a prompt opened with Run as administrator. Default false.")),
    note: Markdown.optional().meta(d("What the command prints or what to check afterwards.")),
  })
  .meta(d("A command to type."));

export const InstructionSchema = z
  .union([Markdown, CommandSchema])
  .meta(d("One instruction: a Markdown sentence, or a command object `{ run, shell, elevated }`."));

export type Command = z.output<typeof CommandSchema>;
export type Instruction = z.output<typeof InstructionSchema>;

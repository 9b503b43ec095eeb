/**
 * `fixpath completion <bash|zsh|powershell>`: a completion script for the shell, generated from the
 * command table itself (commands, their options, and the values of --app and --format), so it
 * never lists a command or option that does not exist.
 */
import type { Command } from "commander";
import { APPS } from "../model/index.ts";
import { EXIT, UserError, writeLine, type CliIo } from "./io.ts";

export const SHELLS = ["bash", "zsh", "powershell"] as const;

interface Spec {
  name: string;
  options: string[];
}

/** The commands and their long options, from commander's own table. */
export function completionSpec(program: Command): Spec[] {
  return program.commands.map((c) => ({ name: c.name(), options: [...c.options.map((o) => o.long).filter((l): l is string => Boolean(l)), "--help"] }));
}

/** Values an option takes, where there is a fixed list. */
const VALUES: Record<string, readonly string[]> = { "--app": APPS, "--format": ["text", "json", "md", "txt"] };

export function runCompletion(shell: string, program: Command, io: CliIo): number {
  const spec = completionSpec(program);
  if (shell === "bash") writeLine(io.stdout, bashScript(spec));
  else if (shell === "zsh") writeLine(io.stdout, `#compdef fixpath\n# zsh: bash-style completion through bashcompinit\nautoload -U +X bashcompinit && bashcompinit\n${bashScript(spec)}`);
  else if (shell === "powershell") writeLine(io.stdout, powershellScript(spec));
  else throw new UserError(`fixpath completion: there is no completion for "${shell.slice(0, 40)}"\n  Fix: use one of ${SHELLS.join(", ")}, e.g. fixpath completion bash >> ~/.bashrc`);
  return EXIT.ok;
}

function bashScript(spec: readonly Spec[]): string {
  const cases = spec.map((s) => `    ${s.name}) opts="${s.options.join(" ")}" ;;`).join("\n");
  const values = Object.entries(VALUES)
    .map(([o, v]) => `    ${o}) COMPREPLY=( $(compgen -W "${v.join(" ")}" -- "$cur") ); return ;;`)
    .join("\n");
  return `# fixpath completion for bash (fixpath completion bash >> ~/.bashrc)
_fixpath() {
  local cur prev opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${spec.map((s) => s.name).join(" ")} --help --version" -- "$cur") )
    return
  fi
  case "$prev" in
${values}
  esac
  case "\${COMP_WORDS[1]}" in
${cases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o filenames -F _fixpath fixpath`;
}

function powershellScript(spec: readonly Spec[]): string {
  const table = spec.map((s) => `    '${s.name}' = @(${s.options.map((o) => `'${o}'`).join(", ")})`).join("\n");
  const values = Object.entries(VALUES)
    .map(([o, v]) => `    '${o}' = @(${v.map((x) => `'${x}'`).join(", ")})`)
    .join("\n");
  return `# fixpath completion for PowerShell (fixpath completion powershell >> $PROFILE)
Register-ArgumentCompleter -Native -CommandName fixpath -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $commands = @{
${table}
  }
  $values = @{
${values}
  }
  $words = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })
  $done = if ($wordToComplete) { $words.Count - 1 } else { $words.Count }
  if ($done -le 1) { $candidates = @($commands.Keys) + @('--help', '--version') }
  elseif ($values.ContainsKey($words[$done - 1])) { $candidates = $values[$words[$done - 1]] }
  elseif ($commands.ContainsKey($words[1])) { $candidates = $commands[$words[1]] }
  else { $candidates = @() }
  $candidates | Where-Object { $_ -like "$wordToComplete*" } | Sort-Object | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}`;
}

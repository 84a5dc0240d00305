/** `pacer <command>`: the command-line entry. `import` talks to a running server through its API; `simulate` runs pacing simulations locally; `plan` sizes a list by simulation. */
const commands: Record<string, () => Promise<{ run: (argv: string[]) => Promise<number> }>> = {
  import: () => import('./import-command.js'),
  simulate: () => import('./simulate-command.js'),
  plan: () => import('./plan-command.js'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`Usage: pacer <command> [options]\nCommands: ${Object.keys(commands).join(', ') || '(none yet)'}\n`);
    return name ? 2 : 0;
  }
  return (await load()).run(rest);
}

process.exitCode = await main(process.argv.slice(2));

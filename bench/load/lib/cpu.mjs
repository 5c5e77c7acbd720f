// CPU time used by process groups, read from /proc, so a measurement can say which of anvil, the
// bundler, its proxy and the generator the cores went to.
import { readFileSync, readdirSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) used so far by each process group id in `groups`, from /proc. */
export function groupCpuSeconds(groups) {
  const wanted = new Set(groups);
  const totals = Object.fromEntries(groups.map((g) => [g, 0]));
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // the fields after the command name, which may itself hold spaces and parentheses
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const group = Number(fields[2]);
    if (wanted.has(group)) totals[group] += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  }
  return totals;
}

/** This process's own CPU seconds. */
export function ownCpuSeconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

// What Linux says about a process: CPU seconds (/proc/<pid>/stat), resident memory (/proc/<pid>/status),
// its descendants, and core pinning with taskset. Every reading is of a process the bench started.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const ticksPerSecond = 100;

/** utime + stime of one process, in seconds; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** VmRSS and VmHWM (peak) of a process, in KiB. */
export function memoryOf(pid: number): { rssKb: number; hwmKb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const read = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssKb: read("VmRSS"), hwmKb: read("VmHWM") };
  } catch {
    return { rssKb: 0, hwmKb: 0 };
  }
}

/** The process and all its descendants (for FerretDB, started behind a small sh guard). */
export function processTree(pid: number): number[] {
  const result = [pid];
  for (let i = 0; i < result.length; i++) {
    const current = result[i] as number;
    try {
      const children = readFileSync(`/proc/${current}/task/${current}/children`, "utf8").trim();
      if (children) result.push(...children.split(/\s+/).map(Number));
    } catch {
      // Gone meanwhile.
    }
  }
  return result;
}

export const canPin = existsSync("/usr/bin/taskset") || existsSync("/bin/taskset");

/** Pins every thread of a running process to one core; false when taskset is missing or refuses. */
export function pinProcess(pid: number, core: number): boolean {
  if (!canPin) return false;
  return spawnSync("taskset", ["-a", "-cp", String(core), String(pid)], { stdio: "ignore" }).status === 0;
}

/** The command prefix that starts a process on one core, when possible. */
export function pinnedCommand(core: number, command: string, args: string[]): { command: string; args: string[] } {
  return canPin ? { command: "taskset", args: ["-c", String(core), command, ...args] } : { command, args };
}

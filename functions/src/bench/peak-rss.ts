// The peak resident memory of this process. getrusage's maxRSS survives exec on Linux, so a child
// spawned by a large parent reports the parent's size; VmHWM is the high-water mark of this
// process's own memory.
import { readFileSync } from "node:fs";

export function peakRssMib(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS / 1024;
}

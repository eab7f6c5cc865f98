/** The machine a benchmark ran on, for the report header. */
import { cpus, getPriority, loadavg, release, totalmem, type as osType } from 'node:os';

/** CPU, cores, memory, OS, Node version, date and load average. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  date: string;
  loadAverage: [number, number, number];
  /** Scheduling priority of the benchmark process (nice value; 0 is the default, negative is favoured). */
  nice: number;
}

/** Describes this machine now. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  const [one, five, fifteen] = loadavg();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: totalmem() / 2 ** 30,
    os: `${osType()} ${release()}`,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadAverage: [one ?? 0, five ?? 0, fifteen ?? 0],
    nice: getPriority(),
  };
}

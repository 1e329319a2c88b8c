/** CPU (in % of one core) and resident memory of Gatherscope's own process, sampled per interval. */
export class SystemSampler {
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();

  sample(): { cpuPercent: number; rssMb: number } {
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    const wallUs = Math.max(1, (now - this.lastAt) * 1000);
    this.lastCpu = process.cpuUsage();
    this.lastAt = now;
    return {
      cpuPercent: Math.round(((cpu.user + cpu.system) / wallUs) * 1000) / 10,
      rssMb: Math.round((process.memoryUsage.rss() / 1e6) * 10) / 10,
    };
  }
}

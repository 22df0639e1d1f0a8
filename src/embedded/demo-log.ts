/** Plain lines on stdout for the demo supervisor (the API and worker log pino JSON themselves). */
export function demoLog(message: string): void {
  process.stdout.write(`demo | ${message}\n`);
}

export function demoWarn(message: string): void {
  process.stderr.write(`demo | WARNING: ${message}\n`);
}

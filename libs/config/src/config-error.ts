/** A configuration value that cannot work; the process reports it in one line and exits. */
export class ConfigurationError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigurationError';
  }
}

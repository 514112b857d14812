/** Errors of the lb package. */

/** A ruleset the kernel refused (or `nft` could not run): nothing changed, the old rules stay. */
export class LbApplyError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LbApplyError';
  }
}

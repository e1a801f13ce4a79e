// The command's exit codes, a stable contract for scripts that call certwatch:
// 0 ok, 1 failure, 2 bad usage or bad config; `verify` adds 3 and 4.
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** `verify`: a member or the whole pack inflates past the size caps (a zip bomb?); not checked further. */
export const EXIT_TOO_LARGE = 3;
/** `verify`: every check held, but no --key or --fingerprint said whose signature to expect. */
export const EXIT_SIGNER_UNVERIFIED = 4;

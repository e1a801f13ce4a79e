// The command's exit codes, a stable contract for scripts that call certwatch:
// 0 ok, 1 failure, 2 bad usage or bad config.
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

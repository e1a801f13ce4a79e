// natural pulls in dotenv, which prints a banner on import; JSON on stdout must stay
// clean, so this module (imported before natural) asks dotenv to stay quiet.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
export {};

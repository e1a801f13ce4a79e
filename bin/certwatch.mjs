#!/usr/bin/env node
// The certwatch command: loads the TypeScript CLI through tsx so no build step
// is needed after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { stopWhenOrphaned } = await import('../cli/parent-watch.ts');
stopWhenOrphaned();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

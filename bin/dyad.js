#!/usr/bin/env node
// The `dyad` command line. Runs the TypeScript sources through tsx so `npx dyad …` works in a checkout right
// after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
const code = await runCli(process.argv.slice(2));
// `serve` resolves only when stopped; everything else exits with its code.
process.exitCode = code;

@echo off
rem `dyad ...` for the installed app (Windows): the same command line as `npx dyad ...` in a checkout, run by
rem Dyad.exe in command-line mode (--dyad-cli: one command, no window, exit code passed on). It sits in the
rem app's resources\bin; put that folder on PATH (docs/shell.md).
setlocal
set ELECTRON_RUN_AS_NODE=
"%~dp0..\..\Dyad.exe" --dyad-cli %*
exit /b %ERRORLEVEL%

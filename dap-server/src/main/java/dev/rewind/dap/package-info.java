/*
 * dev.rewind.dap: the Debug Adapter Protocol server (lsp4j.debug). DapServer serves a connection;
 * Handlers lists one handler per request (dev.rewind.dap.handlers), and the capabilities come from
 * that list; DebugContext holds a connection's state; StopReporter turns engine stops into events.
 * Engine results come from replay-core (ReplaySession, Stepper, ValueFormatter); no DAP type goes
 * the other way. The CLI lives in dev.rewind.cli.
 */
package dev.rewind.dap;

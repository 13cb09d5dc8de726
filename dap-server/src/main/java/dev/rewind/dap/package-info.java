/*
 * dev.rewind.dap: the Debug Adapter Protocol server (lsp4j.debug), turning Timeline results into
 * DAP responses and events. Empty until the DAP issue lands; the CLI lives in dev.rewind.cli.
 */
package dev.rewind.dap;

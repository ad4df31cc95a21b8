// extension.js - starts `ftlc lsp` for the workspace and hands FTL files to
// it (see ftlc-lsp(1)). Everything else (diagnostics, quick fixes, formatting,
// navigation, rename, completion, semantic highlighting) comes from the server.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('ftlc');
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const server = {
    command: config.get('path', 'ftlc'),
    args: ['lsp', ...config.get('args', [])],
    options: folder ? { cwd: folder.uri.fsPath } : {},
  };
  client = new LanguageClient('ftlc', 'FTL (ftlc lsp)', server, {
    documentSelector: [{ scheme: 'file', language: 'ftl' }],
  });
  context.subscriptions.push(
    vscode.commands.registerCommand('ftlc.restart', () => client.restart()));
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

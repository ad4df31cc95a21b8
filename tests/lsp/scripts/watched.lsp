# Files made, changed and deleted outside the editor: the server asks the
# client to watch them (client/registerCapability when the client can), and a
# workspace/didChangeWatchedFiles (or a buffer saved) brings them into the
# compilation: a new file's errors are published, a deleted file's cleared.
# A full-text change (no range) replaces the whole buffer.
send {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"rootUri": "${ROOT}",
  "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}}
expect {"jsonrpc": "2.0", "id": 0, "result": {
  "capabilities": {"positionEncoding": "utf-16", ${CAPS}},
  "serverInfo": {"name": "ftlc", "version": "${VERSION}"}}}
send {"jsonrpc": "2.0", "method": "initialized", "params": {}}
expect {"jsonrpc":"2.0","method":"client/registerCapability","params":{"registrations":[{"id":"ftlc-watch","method":"workspace/didChangeWatchedFiles","registerOptions":{"watchers":[{"globPattern":"**/*.ftl"},{"globPattern":"**/ftl-project.toml"},{"globPattern":"**/.ftl/realms/**"}]}}]},"id":"ftlc-1"}
send {"jsonrpc": "2.0", "id": "ftlc-1", "result": null}
# A new module on disk, with an error and a use of orders.
file audit.ftl "module audit {\n  verb log(orders.Order) Unit\n    +subscribe orders.placd from=latest\n}\n"
send {"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": [
  {"uri": "${ROOT}/audit.ftl", "type": 1}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/audit.ftl","diagnostics":[{"range":{"start":{"line":2,"character":15},"end":{"line":2,"character":27}},"severity":1,"code":"E0310","source":"ftlc","message":"unknown reference \"orders.placd\"\nhelp: did you mean 'orders.placed'?"}]}}
# Fixed on disk.
file audit.ftl "module audit {\n  verb log(orders.Order) Unit\n    +subscribe orders.placed from=latest\n}\n"
send {"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": [
  {"uri": "${ROOT}/audit.ftl", "type": 2}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/audit.ftl","diagnostics":[]}}
# orders.ftl opened and replaced whole (full sync): the topic gone, audit.ftl
# and billing.ftl break.
include open-orders.inc
send {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl", "version": 2},
  "contentChanges": [{"text": "module orders {\n  export data Order {\n  }\n\n  export verb place(orders.Order) Unit\n}\n"}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/audit.ftl","diagnostics":[{"range":{"start":{"line":2,"character":15},"end":{"line":2,"character":28}},"severity":1,"code":"E0310","source":"ftlc","message":"unknown reference \"orders.placed\"\nhelp: did you mean 'orders.place'?"}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/billing.ftl","diagnostics":[{"range":{"start":{"line":3,"character":15},"end":{"line":3,"character":28}},"severity":1,"code":"E0310","source":"ftlc","message":"unknown reference \"orders.placed\"\nhelp: did you mean 'orders.place'?"}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/orders.ftl","diagnostics":[],"version":2}}
# audit.ftl deleted: its diagnostics are cleared.
file audit.ftl ""
send {"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": [
  {"uri": "${ROOT}/audit.ftl", "type": 3}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/audit.ftl","diagnostics":[]}}
include shutdown.inc

# Requests about documents that go wrong: a document that is not open, a
# position past the end of the document, a change whose range is past the
# end (logged: it is a notification), a request without params. Each gets an
# error and the server goes on; a character past the end of its line means
# the line's end, as the protocol says.
include init.inc
send {"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 0, "character": 0}}}
expect {"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"${ROOT}/orders.ftl is not open (send textDocument/didOpen first)"}}
include open-orders.inc
send {"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 99, "character": 0}}}
expect {"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"params.position is not a position in ${ROOT}/orders.ftl (it has 23 lines)"}}
send {"jsonrpc": "2.0", "id": 3, "method": "textDocument/definition", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": -1, "character": 0}}}
expect {"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"params.position is not a position in ${ROOT}/orders.ftl (it has 23 lines)"}}
send {"jsonrpc": "2.0", "id": 4, "method": "textDocument/definition", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}}}
expect {"jsonrpc":"2.0","id":4,"error":{"code":-32602,"message":"params.position is missing"}}
send {"jsonrpc": "2.0", "id": 5, "method": "textDocument/documentSymbol"}
expect {"jsonrpc":"2.0","id":5,"error":{"code":-32602,"message":"params.textDocument.uri is missing"}}
send {"jsonrpc": "2.0", "id": 6, "method": "textDocument/rename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 8, "character": 15}}}
expect {"jsonrpc":"2.0","id":6,"error":{"code":-32602,"message":"params.newName is missing"}}
send {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl", "version": 2},
  "contentChanges": [{"range": {"start": {"line": 50, "character": 0}, "end": {"line": 50, "character": 0}}, "text": "x"}]}}
expect {"jsonrpc":"2.0","method":"window/logMessage","params":{"type":1,"message":"textDocument/didChange: ${ROOT}/orders.ftl: change 0: a content change whose range is malformed or past the end of the document"}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/orders.ftl","diagnostics":[],"version":2}}
# Past the end of line 5: the line's end, just after "@bank", where no name
# starts: no definition, and no error.
send {"jsonrpc": "2.0", "id": 7, "method": "textDocument/definition", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 5, "character": 500}}}
expect {"jsonrpc":"2.0","id":7,"result":null}
include shutdown.inc

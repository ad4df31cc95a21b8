# positionEncoding utf-8: characters count bytes. The same typo as in
# diagnostics.lsp, after "品物😀" (3 + 3 + 4 bytes): the reference starts at
# byte 48, where UTF-16 counts 42.
send {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"rootUri": "${ROOT}",
  "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}}
expect {"jsonrpc": "2.0", "id": 0, "result": {
  "capabilities": {"positionEncoding": "utf-8", ${CAPS}},
  "serverInfo": {"name": "ftlc", "version": "${VERSION}"}}}
send {"jsonrpc": "2.0", "method": "initialized", "params": {}}
include open-orders.inc
send {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl", "version": 2},
  "contentChanges": [{"range": {"start": {"line": 4, "character": 58}, "end": {"line": 4, "character": 59}}, "text": "z"}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/orders.ftl","diagnostics":[{"range":{"start":{"line":4,"character":48},"end":{"line":4,"character":61}},"severity":1,"code":"E0310","source":"ftlc","message":"unknown reference \"orders.Stazus\"\nhelp: did you mean 'orders.Status'?"}],"version":2}}
send {"jsonrpc": "2.0", "id": 1, "method": "textDocument/definition", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 5, "character": 22}}}
expect {"jsonrpc":"2.0","id":1,"result":{"uri":"${ROOT}/.ftl/realms/bank/0123456789abcdef0123456789abcdef01234567.ftl","range":{"start":{"line":4,"character":22},"end":{"line":4,"character":29}}}}
send {"jsonrpc": "2.0", "id": 2, "method": "textDocument/semanticTokens/full", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}}}
expect {"jsonrpc":"2.0","id":2,"result":{"data":[0,0,27,11,0,1,0,6,0,0,0,7,6,8,1,0,7,1,12,0,1,2,20,11,0,1,2,6,0,0,0,7,4,0,0,0,5,5,3,1,0,6,1,12,0,1,4,4,5,1,0,5,6,1,2,0,7,1,12,0,0,1,5,7,0,0,6,4,0,0,0,5,12,9,0,0,13,6,5,1,0,13,1,12,0,1,4,7,5,1,0,8,8,8,0,0,8,1,12,0,0,1,7,3,0,0,7,1,12,0,0,1,4,8,0,1,2,1,12,0,2,2,6,0,0,0,7,4,0,0,0,5,6,4,1,0,6,1,12,0,0,2,6,1,2,0,7,1,12,0,1,4,4,6,1,0,5,1,12,0,0,2,6,9,0,1,4,6,6,1,0,7,1,12,0,0,2,8,9,0,1,2,1,12,0,2,2,6,0,0,0,7,5,14,1,0,6,3,1,2,2,2,6,0,0,0,7,5,0,0,0,6,6,15,1,0,7,6,8,0,0,6,1,12,0,0,1,5,3,0,2,2,6,0,0,0,7,4,0,0,0,5,5,2,1,0,5,1,12,0,0,1,6,8,0,0,6,1,12,0,0,1,5,3,0,0,5,1,12,0,0,2,4,1,2,1,4,1,12,0,0,1,5,7,0,0,6,8,8,0,0,8,1,12,0,0,1,7,2,0,0,7,1,12,0,0,1,4,8,0,1,4,1,12,0,0,1,7,7,0,0,8,6,8,0,0,6,1,12,0,0,1,6,15,0,1,4,1,12,0,0,1,6,7,0,0,7,6,8,0,0,6,1,12,0,0,1,5,14,0,1,0,1,12,0]}}
include shutdown.inc

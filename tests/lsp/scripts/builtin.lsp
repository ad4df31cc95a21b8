# The builtin module, which every realm has and no file holds: a hover shows
# its declaration, a definition has nowhere to go (null), a rename is refused.
include init.inc
include open-orders.inc
send {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl", "version": 2},
  "contentChanges": [{"range": {"start": {"line": 14, "character": 0}, "end": {"line": 14, "character": 0}},
                      "text": "  verb ping(builtin.Empty) Unit\n"}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/orders.ftl","diagnostics":[],"version":2}}
send {"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 14, "character": 22}}}
expect {"jsonrpc":"2.0","id":1,"result":{"contents":{"kind":"markdown","value":"```ftl\nexport data Empty {\n}\n```\nin the builtin module, which every realm has"},"range":{"start":{"line":14,"character":12},"end":{"line":14,"character":25}}}}
send {"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 14, "character": 22}}}
expect {"jsonrpc":"2.0","id":2,"result":null}
send {"jsonrpc": "2.0", "id": 3, "method": "textDocument/prepareRename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 14, "character": 22}}}
expect {"jsonrpc":"2.0","id":3,"error":{"code":-32803,"message":"'Empty' is a builtin declaration: every realm has it as it is"}}
send {"jsonrpc": "2.0", "id": 4, "method": "textDocument/references", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 14, "character": 22},
  "context": {"includeDeclaration": true}}}
expect {"jsonrpc":"2.0","id":4,"result":[{"uri":"${ROOT}/orders.ftl","range":{"start":{"line":14,"character":12},"end":{"line":14,"character":25}}}]}
include shutdown.inc
